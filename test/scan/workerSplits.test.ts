/**
 * Worker threads and file splits change nothing: the same documents and the
 * same summary, bit for bit, for 0 (no threads), 1, 2 and 4 workers, over
 * any split of the inputs into files and parts of files, in any order.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_FILTERS } from '../../ts/filter/filterConfig.js';
import { SeededRandom } from '../support/seededRandom.js';
import { beacon, ZEEK_HEADER, zeekTsvLine } from '../support/connectionFormats.js';
import { GOLDEN_DIR } from '../support/paths.js';
import { scan, writeFixture } from '../support/scanFixture.js';

const NOW_MS = Date.parse('2026-11-30T12:00:00Z');
const ecsLines = ['multi_group_mix', 'fuzz_0', 'fuzz_2', 'many_destination_ips', 'window_edges']
  .flatMap((name) => readFileSync(join(GOLDEN_DIR, `${name}.events.ndjson`), 'utf8').trim().split('\n'));

/** What must not change: the documents and every count of the summary. */
function fingerprint(outcome: Awaited<ReturnType<typeof scan>>) {
  const s = outcome.outcome.summary;
  return {
    docs: outcome.docs,
    counts: [s.records, s.duplicates, s.eventsCounted, s.outsideWindows, s.afterWindowEnd, s.groups, s.beaconingGroups, s.badRecordCount],
    filtered: [...s.filtered],
    bad: [...s.badRecords.values()].map((t) => [t.reason, t.field, t.count, t.examples.map((e) => `${e.file.split('/').pop()}:${e.line}`)]),
  };
}

/** The lines split at random into files, some repeated in part (copies to drop), some with a broken line. */
function randomSplit(lines: readonly string[], seed: number): Record<string, string> {
  const r = new SeededRandom(seed);
  const files: Record<string, string> = {};
  let at = 0;
  for (let f = 0; at < lines.length; f++) {
    const take = 1 + r.below(Math.ceil(lines.length / 3));
    const part = lines.slice(at, at + take);
    if (r.next() < 0.3) part.splice(r.below(part.length), 0, '{"@timestamp": "broken');
    files[`part-${String(f).padStart(2, '0')}.ndjson`] = `${part.join('\n')}\n`;
    at += take;
  }
  return files;
}

describe('workers and splits', () => {
  const windows = { nowMs: NOW_MS };

  it('gives the same run for 0, 1, 2 and 4 workers and any part size', async () => {
    const dir = writeFixture({ 'events.ndjson': `${ecsLines.join('\n')}\n` });
    const reference = fingerprint(await scan([dir], 'wasm', { windows, workers: 0 }));
    expect(reference.docs.length).toBeGreaterThan(50);
    for (const [workers, chunkBytes] of [[1, 1 << 30], [2, 4096], [4, 5000], [2, 65_536]] as const) {
      const run = fingerprint(await scan([dir], 'wasm', { windows, workers, chunkBytes }));
      expect(run, `${workers} workers, ${chunkBytes}-byte parts`).toEqual(reference);
    }
  });

  it.each([1, 2, 3])('gives the same run over a random split into files (seed %i)', async (seed) => {
    const whole = fingerprint(await scan([writeFixture(randomSplit(ecsLines, seed))], 'wasm', { windows, workers: 0 }));
    const shuffled = randomSplit([...ecsLines].reverse(), seed + 10);
    const other = fingerprint(await scan([writeFixture(shuffled)], 'wasm', { windows, workers: 2, chunkBytes: 3000 }));
    expect(other.docs).toEqual(whole.docs);
    // (The broken lines differ between the two splits: every other count must agree.)
    expect(other.counts.slice(2, -1)).toEqual(whole.counts.slice(2, -1));
  });

  it('drops copies of a record met by different workers, and numbers bad lines within each file', async () => {
    const connections = beacon(NOW_MS, 300, { id: 0 }).map((c, i) => ({ ...c, id: i }));
    const rows = connections.map(zeekTsvLine);
    rows.splice(150, 0, 'cut\tshort');
    const dir = writeFixture({});
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'a', 'conn.log'), `${ZEEK_HEADER}\n${rows.join('\n')}\n`);
    // The second file repeats the first 100 connections.
    writeFileSync(join(dir, 'a', 'conn.copy.log'), `${ZEEK_HEADER}\n${rows.slice(0, 100).join('\n')}\n`);
    const runs = [];
    for (const workers of [0, 2]) runs.push(await scan([dir], 'wasm', { windows, workers, chunkBytes: 2000, filters: NO_FILTERS }));
    for (const { outcome } of runs) {
      expect(outcome.summary.duplicates).toBe(100);
      expect(outcome.summary.eventsCounted).toBe(300);
      const [bad] = outcome.summary.badRecords.values();
      expect(bad?.examples.map((e) => [e.file.split('/').pop(), e.line])).toEqual([['conn.log', 158]]);
    }
    expect(runs[1]?.docs).toEqual(runs[0]?.docs);
  });
});
