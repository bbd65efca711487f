/**
 * Times with an offset and without one (read as UTC); an event 30 s after
 * --now lands in bucket 0, one 90 s after is dropped from the buckets but,
 * as in the transform's query, still moves the latest @timestamp.
 */
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../support/engines.js';
import { ecsEvent, ndjson, scan, writeFixture } from '../support/scanFixture.js';

const NOW_MS = Date.parse('2026-11-30T12:00:00Z');

/** Events 1..12 minutes before now (buckets 1..12), plus 5 s. */
const minutesAgo = Array.from({ length: 12 }, (_, k) => new Date(NOW_MS - ((12 - k) * 60 + 5) * 1000));

function withOffset(d: Date, hours: number): string {
  const local = new Date(d.getTime() + hours * 3_600_000).toISOString().slice(0, 23);
  const sign = hours < 0 ? '-' : '+';
  return `${local}${sign}${String(Math.abs(hours)).padStart(2, '0')}:00`;
}

describe.each(ENGINES)('timestamps, %s engine', (engine) => {
  const run = (times: string[]) =>
    scan([writeFixture({ 'e.ndjson': ndjson(times.map((t) => ecsEvent(t))) })], engine, { windows: { nowMs: NOW_MS } });

  it('reads -04:00 offsets and offset-free times (UTC) as the same instants', async () => {
    const utc = await run(minutesAgo.map((d) => d.toISOString()));
    const offset = await run(minutesAgo.map((d) => withOffset(d, -4)));
    const bare = await run(minutesAgo.map((d) => d.toISOString().slice(0, 23)));
    expect(offset.docs).toEqual(utc.docs);
    expect(bare.docs).toEqual(utc.docs);
    expect(utc.docs[0]?.['@timestamp']).toBe('2026-11-30T11:58:55.000Z');
    expect(utc.docs[0]?.['beacon_stats']).toMatchObject({ interval: 12, non_empty_buckets: 12 });
  });

  it('puts an event 30 s after now in bucket 0', async () => {
    const { docs } = await run([...minutesAgo.map((d) => d.toISOString()), new Date(NOW_MS + 30_000).toISOString()]);
    // Bucket 0 is now occupied: the interval grows from 12 to 13.
    expect(docs[0]?.['beacon_stats']).toMatchObject({ interval: 13, non_empty_buckets: 13 });
    expect(docs[0]?.['@timestamp']).toBe('2026-11-30T12:00:30.000Z');
  });

  it('drops an event 90 s after now from the buckets, not from the latest @timestamp', async () => {
    const { docs, outcome } = await run([...minutesAgo.map((d) => d.toISOString()), new Date(NOW_MS + 90_000).toISOString()]);
    expect(docs[0]?.['beacon_stats']).toMatchObject({ interval: 12, non_empty_buckets: 12 });
    expect(docs[0]?.['@timestamp']).toBe('2026-11-30T12:01:30.000Z');
    expect(outcome.summary.eventsCounted).toBe(13);
  });

  it('leaves out events before the window start', async () => {
    const early = new Date(NOW_MS - 6 * 3_600_000 - 1).toISOString();
    const { outcome } = await run([...minutesAgo.map((d) => d.toISOString()), early]);
    expect(outcome.summary.outsideWindows).toBe(1);
    expect(outcome.summary.eventsCounted).toBe(12);
  });
});
