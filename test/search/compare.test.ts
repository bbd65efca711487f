/**
 * `compare` against the real node, with a small painless pivot written for
 * the test (`fixtures/bucket-span.transform.yml`) run as a composite
 * aggregation with its scripted_metric: every group equal field by field;
 * then one group deliberately made different, found with its field and by
 * how much, and the command's exit code says so.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { compareCommand } from '../../ts/cli/compareCommand.js';
import { parseTimestamp } from '../../ts/decode/timestamp.js';
import { connectCluster } from '../../ts/search/connectCluster.js';
import { formatDocumentDiff } from '../../ts/search/documentDiff.js';
import { ComparisonDiffersError } from '../../ts/search/searchErrors.js';
import { compareWithTransform } from '../../ts/search/transformCompare.js';
import { loadTransformDefinition } from '../../ts/search/transformDefinition.js';
import { goldenVectors, type GoldenVector } from '../support/goldenVectors.js';
import { REPO_ROOT } from '../support/paths.js';
import { writeFixture } from '../support/scanFixture.js';
import { describeSearchNode } from '../support/searchNode.js';

const TRANSFORM = join(REPO_ROOT, 'test', 'search', 'fixtures', 'bucket-span.transform.yml');
const mix = goldenVectors().find((v) => v.name === 'multi_group_mix') as GoldenVector;
const nowMs = parseTimestamp(mix.now) as number;
const expected = (host: string, process: string) => mix.results.find((r) => (r['host'] as { name: string }).name === host && (r['process'] as { name: string }).name === process)?.['beacon_stats'] as { interval: number };

/** The test transform as a JSON file, as Elastic's transform files also come. */
function jsonTransform(): string {
  const file = join(writeFixture({}), 'bucket-span.transform.json');
  writeFileSync(file, JSON.stringify(parseYaml(readFileSync(TRANSFORM, 'utf8'))));
  return file;
}

/** The test transform, with one group's interval skewed by its script. */
function skewedTransform(group: string): string {
  const file = join(writeFixture({}), 'skewed.transform.yml');
  writeFileSync(file, readFileSync(TRANSFORM, 'utf8').replace('skew_group: ""', `skew_group: "${group}"`));
  return file;
}

describeSearchNode('compare with a transform', (node) => {
  const index = node.name('compare-events');
  beforeAll(async () => {
    await node.indexNdjsonFile(index, mix.eventsPath);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([
    ['YAML', () => TRANSFORM],
    ['JSON', jsonTransform],
  ])('finds every group equal in every field both sides write (transform file in %s)', async (_format, file) => {
    const { client } = await connectCluster(node.connection());
    try {
      const transform = await loadTransformDefinition(file(), client);
      const comparison = await compareWithTransform(client, transform, { nowMs, nowParam: 'now_ms', engine: 'wasm', index });
      expect(comparison.via).toBe('aggregation');
      expect(comparison.transformDocuments).toBe(30);
      expect(comparison.ourDocuments).toBe(30);
      const { diff } = comparison;
      expect(diff).toMatchObject({ groupsInBoth: 30, equalGroups: 30, differingGroups: [], onlyInTransform: [], onlyInOurs: [], transformOnlyFields: [] });
      expect([...diff.fields.keys()]).toStrictEqual(['@timestamp', 'beacon_stats.interval', 'beacon_stats.non_empty_buckets', 'event.ingested']);
      for (const tally of diff.fields.values()) expect(tally).toMatchObject({ equal: 30, differing: 0, missingInTransform: 0, missingInOurs: 0 });
      expect(diff.oursOnlyFields).toContain('beacon_stats.mean_counts');
      expect(formatDocumentDiff(diff, { transform: 'transform', ours: 'beaconwatch' })).toMatch(/equal: 30\n {2}differing: 0\n/);
    } finally {
      await client.close();
    }
  });

  it('reports the one group made different, with the field and by how much', async () => {
    const { client } = await connectCluster(node.connection());
    try {
      const transform = await loadTransformDefinition(skewedTransform('srv-3/proc-2.exe'), client);
      const { diff } = await compareWithTransform(client, transform, { nowMs, nowParam: 'now_ms', engine: 'wasm', index });
      const interval = expected('srv-3', 'proc-2.exe').interval;
      expect(diff.equalGroups).toBe(29);
      expect(diff.differingGroups).toStrictEqual([
        { group: 'host.name=srv-3 process.name=proc-2.exe', fields: [{ field: 'beacon_stats.interval', transform: interval + 1, ours: interval, absolute: 1, relative: 1 / (interval + 1) }] },
      ]);
      expect(diff.fields.get('beacon_stats.interval')).toMatchObject({ equal: 29, differing: 1, maxAbsolute: 1 });
      expect(diff.fields.get('beacon_stats.non_empty_buckets')).toMatchObject({ equal: 30, differing: 0 });
    } finally {
      await client.close();
    }
  });

  it('exits 0 from the command when all agree, and 6 with the difference printed when one differs', async () => {
    const printed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    const args = ['--es', node.url, '--index', index, '--now', mix.now, '--now-param', 'now_ms'];
    await compareCommand(['--transform', TRANSFORM, ...args]);
    expect(printed.join('')).toMatch(/pivot run by a composite aggregation with its scripted_metric on opensearch 2\.19/);
    printed.length = 0;
    const failed = await compareCommand(['--transform', skewedTransform('srv-0/proc-4.exe'), ...args]).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ComparisonDiffersError);
    expect((failed as ComparisonDiffersError).exitCode).toBe(6);
    const interval = expected('srv-0', 'proc-4.exe').interval;
    expect(printed.join('')).toContain(`host.name=srv-0 process.name=proc-4.exe\n    beacon_stats.interval: ${interval + 1} (transform) vs ${interval} (beaconwatch), by 1`);
  });
});
