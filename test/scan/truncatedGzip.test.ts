/** A gzip file cut short: what was read counts, the cut is reported with its place, the run goes on. */
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { beacon, ZEEK_HEADER, zeekTsvLine } from '../support/connectionFormats.js';
import { scan, writeFixture } from '../support/scanFixture.js';

it('reports the file and line where a gzip stream stops, and scores the rest', async () => {
  const connections = beacon(Date.parse('2024-04-19T12:00:00Z'), 300);
  const whole = gzipSync([ZEEK_HEADER, ...connections.map(zeekTsvLine)].join('\n') + '\n');
  const dir = writeFixture({ 'conn.a.log.gz': whole.subarray(0, Math.floor(whole.length * 0.6)), 'conn.b.log.gz': whole });
  const { outcome } = await scan([dir], 'wasm', { format: 'zeek' });
  const [stopped] = outcome.summary.readErrors;
  expect(outcome.summary.readErrors).toHaveLength(1);
  expect(stopped?.file.endsWith('conn.a.log.gz')).toBe(true);
  expect(stopped?.message).toBe('unexpected end of file');
  expect(stopped?.line).toBeGreaterThan(10);
  expect(stopped?.line).toBeLessThan(300);
  // The complete copy holds every connection; the cut copy's lines are duplicates of it.
  expect(outcome.summary.eventsCounted).toBe(300);
  expect(outcome.summary.duplicates).toBe((stopped?.line ?? 0) - 7);
});
