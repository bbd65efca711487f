/** Zero payload bytes on every event: finite numbers, both byte tests false. */
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../support/engines.js';
import { ecsEvent, ndjson, scan, timesBefore, writeFixture } from '../support/scanFixture.js';

const NOW = '2026-11-30T12:00:00Z';

describe.each(ENGINES)('zero bytes, %s engine', (engine) => {
  it('scores finite zeros and fails both byte tests', async () => {
    const events = timesBefore(NOW, 120, 60).map((t) => ecsEvent(t, { source: { bytes: 0 }, destination: { bytes: 0 } }));
    const { docs } = await scan([writeFixture({ 'e.ndjson': ndjson(events) })], engine, { windows: { nowMs: Date.parse(NOW) } });
    const stats = docs[0]?.['beacon_stats'];
    expect(stats).toMatchObject({
      low_source_bytes_variation: false,
      low_destination_bytes_variation: false,
      mean_source_bytes: 0,
      std_dev_source_bytes: 0,
      source_bytes_percentiles: [0, 0],
      mean_destination_bytes: 0,
      std_dev_destination_bytes: 0,
      destination_bytes_percentiles: [0, 0],
      low_count_variation: true,
      periodic: true,
      beaconing_score: 1,
    });
    for (const value of Object.values(stats).flat()) {
      if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
    }
  });
});
