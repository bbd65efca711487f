/**
 * Every golden vector indexed in the real OpenSearch node (3 shards each),
 * scored by reading the documents (streaming) and by letting the node build
 * the buckets (push-down), through both engines: bit-exact with the
 * expected results, and so with each other.
 */
import { beforeAll, expect, it } from 'vitest';
import { parseTimestamp } from '../../ts/decode/timestamp.js';
import type { EngineKind } from '../../ts/engine/scoringEngine.js';
import { DEFAULT_FILTERS } from '../../ts/filter/filterConfig.js';
import { resolveParams } from '../../ts/params/beaconParams.js';
import { runSearchScan, SearchSession, type ReadMode, type SearchReadOptions } from '../../ts/search/searchScan.js';
import type { PagingOptions } from '../../ts/search/documentPages.js';
import { ENGINES } from '../support/engines.js';
import { expectGoldenMatch, goldenVectors, type GoldenVector } from '../support/goldenVectors.js';
import { documents } from '../support/scanFixture.js';
import { describeSearchNode, type SearchNode } from '../support/searchNode.js';

const vectors = goldenVectors();

async function score(node: SearchNode, vector: GoldenVector, mode: ReadMode, engine: EngineKind, tuning: Partial<SearchReadOptions> = {}) {
  const read: SearchReadOptions = { connection: node.connection(), index: node.name(`golden-${vector.name}`), mode, ...tuning };
  const session = await SearchSession.open(read, undefined);
  try {
    const { outcome } = await runSearchScan(
      { format: 'ecs', params: resolveParams(vector.params), filters: DEFAULT_FILTERS, windows: { nowMs: parseTimestamp(vector.now) as number }, engine, zeekBytes: 'ip' },
      session,
    );
    return { outcome, docs: documents(outcome) };
  } finally {
    await session.close();
  }
}

describeSearchNode('golden vectors through OpenSearch', (node) => {
  beforeAll(async () => {
    for (const vector of vectors) await node.indexNdjsonFile(node.name(`golden-${vector.name}`), vector.eventsPath);
  });

  it('indexes every vector of the README', () => {
    expect(vectors.length).toBe(25);
  });

  for (const engine of ENGINES) {
    for (const mode of ['stream', 'aggregate'] as const) {
      it.each(vectors.map((v) => [v.name, v] as const))(`%s, ${mode} mode, ${engine} engine`, async (_, vector) => {
        const { docs } = await score(node, vector, mode, engine);
        expectGoldenMatch(vector, docs);
      });
    }
  }

  const mix = vectors.find((v) => v.name === 'multi_group_mix') as GoldenVector;
  const paging: [string, PagingOptions][] = [
    ['point in time, pages of 97, 2 parallel slices over 3 shards', { method: 'point-in-time', pageSize: 97, slices: 2, keepAlive: '1m' }],
    ['point in time, pages of 500, 5 slices', { method: 'point-in-time', pageSize: 500, slices: 5, keepAlive: '1m' }],
    ['scroll, pages of 113, one slice', { method: 'scroll', pageSize: 113, slices: 1, keepAlive: '1m' }],
    ['scroll, pages of 250, 3 slices', { method: 'scroll', pageSize: 250, slices: 3, keepAlive: '1m' }],
  ];
  it.each(paging)('streams multi_group_mix exactly with %s', async (_, options) => {
    const { docs, outcome } = await score(node, mix, 'stream', 'wasm', { paging: options });
    expectGoldenMatch(mix, docs);
    expect(outcome.summary.records).toBe(4709);
  });

  it.each([7, 50])('aggregates multi_group_mix exactly with composite pages of %i buckets', async (size) => {
    const { docs } = await score(node, mix, 'aggregate', 'wasm', { compositePageSize: size });
    expectGoldenMatch(mix, docs);
  });
});
