/**
 * The painless benchmark on the real node. Its pivot
 * (`bench/painless/beaconing.transform.yml`, the spec as painless scripts)
 * on every golden vector, with the vector's parameters and the package's
 * source filters as its query: equal to beaconwatch in every field both
 * write (compare finds nothing), and to the vector's expected results to
 * the bit. Then the benchmark itself at smoke size: the result it records,
 * with no difference between the pivot and push-down mode.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { ENDPOINT_FIELDS } from '../../ts/decode/networkEvent.js';
import { parseTimestamp } from '../../ts/decode/timestamp.js';
import { DEFAULT_FILTERS } from '../../ts/filter/filterConfig.js';
import { connectCluster } from '../../ts/search/connectCluster.js';
import { eventQuery } from '../../ts/search/eventQuery.js';
import { runPivot } from '../../ts/search/pivotRun.js';
import type { Json } from '../../ts/search/searchClient.js';
import { compareWithTransform } from '../../ts/search/transformCompare.js';
import { loadTransformDefinition, type TransformDefinition } from '../../ts/search/transformDefinition.js';
import { expectGoldenMatch, goldenVectors, type GoldenVector } from '../support/goldenVectors.js';
import { REPO_ROOT } from '../support/paths.js';
import { describeSearchNode } from '../support/searchNode.js';

const TRANSFORM = join(REPO_ROOT, 'bench', 'painless', 'beaconing.transform.yml');
const vectors = goldenVectors();

/** The benchmark's pivot over `index` with the vector's parameters, selecting what the default filters pass in its window. */
function vectorTransform(base: TransformDefinition, vector: GoldenVector, index: string, nowMs: number): TransformDefinition {
  const metric = (base.aggregations['beacon_stats'] as Json)['scripted_metric'] as Json;
  const windowMs = (DEFAULT_FILTERS.windowSeconds as number) * 1000;
  return {
    ...base,
    sourceIndex: [index],
    query: eventQuery(DEFAULT_FILTERS, ENDPOINT_FIELDS, { fromMs: nowMs - windowMs }),
    aggregations: { ...base.aggregations, beacon_stats: { scripted_metric: { ...metric, params: { ...(metric['params'] as Json), ...vector.params } } } },
  };
}

describeSearchNode('the painless benchmark', (node) => {
  beforeAll(async () => {
    for (const vector of vectors) await node.indexNdjsonFile(node.name(`painless-${vector.name}`), vector.eventsPath);
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s: the pivot equals beaconwatch in every field, and the golden results to the bit', async (_, vector) => {
    const { client } = await connectCluster(node.connection());
    try {
      const nowMs = parseTimestamp(vector.now) as number;
      const transform = vectorTransform(await loadTransformDefinition(TRANSFORM, client), vector, node.name(`painless-${vector.name}`), nowMs);
      const { diff, via, params } = await compareWithTransform(client, transform, { nowMs, nowParam: 'now_ms', via: 'aggregation', engine: 'wasm' });
      expect(via).toBe('aggregation');
      expect(params).toStrictEqual(vector.params);
      const groups = vector.results.length;
      expect(diff).toMatchObject({ groupsInBoth: groups, equalGroups: groups, differingGroups: [], onlyInTransform: [], onlyInOurs: [], transformOnlyFields: [], oursOnlyFields: [] });
      // Every field of spec section 5, or the three of the early exit, with the two times.
      const scored = vector.results.some((r) => 'mean_counts' in (r['beacon_stats'] as Json));
      expect(diff.fields.size).toBe(scored ? 22 : 5);
      expectGoldenMatch(vector, await runPivot(client, transform, { nowMs, nowParam: 'now_ms', via: 'aggregation' }));
    } finally {
      await client.close();
    }
  });

  it('runs at smoke size: three timings, and the pivot and push-down mode agree on every group', async () => {
    execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(REPO_ROOT, 'bench', 'tsconfig.json')], { stdio: 'inherit' });
    const bench = (await import(pathToFileURL(join(REPO_ROOT, 'dist-bench', 'painless.js')).href)) as { painlessBench(profile: 'smoke'): Promise<any> };
    const r = await bench.painlessBench('smoke');
    expect(r).toMatchObject({
      events: 19_661,
      groups: 200,
      beaconingGroups: 8,
      node: { engine: 'opensearch', version: expect.stringMatching(/^2\./), heapMaxMiB: expect.any(Number) },
      index: { name: 'beaconwatch-bench-painless-smoke', shards: 2 },
      repetitions: 1,
      agreement: { groupsCompared: 200, groupsDiffering: 0, fieldsCompared: 22, fieldsDiffering: 0, onlyInPainless: 0, onlyInPushDown: 0, streamGroupsDiffering: 0 },
    });
    for (const side of ['painless', 'pushDown', 'stream']) {
      expect(r.runs[side]).toHaveLength(1);
      expect(r[`${side}Seconds`]).toBe(r.runs[side][0]);
      expect(r[`${side}Seconds`]).toBeGreaterThan(0);
      expect(r.peakHeapMiB[side]).toBeGreaterThan(0);
    }
    expect(r.ratio).toBeCloseTo(r.painlessSeconds / r.pushDownSeconds, 1);
  });
});
