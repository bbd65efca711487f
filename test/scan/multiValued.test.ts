/** An array-valued host.name counts in each host's group; an array-valued source.bytes reads its smallest value. */
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../support/engines.js';
import { ecsEvent, ndjson, scan, timesBefore, writeFixture } from '../support/scanFixture.js';

const NOW = '2026-11-30T12:00:00Z';

describe.each(ENGINES)('multi-valued fields, %s engine', (engine) => {
  it('puts an event with two host names in both groups', async () => {
    const events = timesBefore(NOW, 20, 60).map((t, i) => ecsEvent(t, { host: { name: i < 5 ? ['ws-a', 'ws-b'] : 'ws-a' } }));
    const { docs } = await scan([writeFixture({ 'e.ndjson': ndjson(events) })], engine, { windows: { nowMs: Date.parse(NOW) } });
    expect(docs.map((d) => [d['host'].name, d['beacon_stats'].non_empty_buckets])).toEqual([
      ['ws-a', 20],
      ['ws-b', 5],
    ]);
  });

  it('reads the smallest of several source.bytes values, as doc[...].value does', async () => {
    const events = timesBefore(NOW, 20, 60).map((t) => ecsEvent(t, { source: { bytes: [100, 40, 70] } }));
    const { docs } = await scan([writeFixture({ 'e.ndjson': ndjson(events) })], engine, { windows: { nowMs: Date.parse(NOW) } });
    expect(docs[0]?.['beacon_stats']).toMatchObject({ mean_source_bytes: 40, source_bytes_percentiles: [40, 40] });
  });
});
