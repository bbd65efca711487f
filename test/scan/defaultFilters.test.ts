/** Under the default filters, events without destination.ip are dropped and counted. */
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../support/engines.js';
import { ecsEvent, ndjson, scan, timesBefore, writeFixture } from '../support/scanFixture.js';

const NOW = '2026-11-30T12:00:00Z';

describe.each(ENGINES)('default filters, %s engine', (engine) => {
  it('drops events without destination.ip and says how many', async () => {
    const times = timesBefore(NOW, 20, 60);
    const events = times.map((t, i) => (i % 5 === 0 ? ecsEvent(t, { destination: { ip: undefined } }) : ecsEvent(t)));
    // JSON.stringify leaves out undefined: those four events carry no destination.ip at all.
    const dir = writeFixture({ 'events.ndjson': ndjson(events) });
    const { outcome, docs } = await scan([dir], engine, { windows: { nowMs: Date.parse(NOW) } });
    expect(outcome.summary.filtered.get('destination.ip exists')).toBe(4);
    expect(outcome.summary.filteredCount).toBe(4);
    expect(outcome.summary.eventsCounted).toBe(16);
    expect(docs).toHaveLength(1);
    expect(docs[0]?.['beacon_stats'].non_empty_buckets).toBe(16);
  });

  it('charges each dropped event to the first filter it fails', async () => {
    const t = timesBefore(NOW, 6, 60);
    const events = [
      ecsEvent(t[0] as string, { event: { category: ['process'] } }),
      ecsEvent(t[1] as string, { event: { action: 'connection_attempted' } }),
      ecsEvent(t[2] as string, { process: { name: 'chrome.exe' } }),
      ecsEvent(t[3] as string, { destination: { ip: '10.9.9.9' } }),
      ecsEvent(t[4] as string, { source: { ip: '8.8.8.8' } }),
      ecsEvent(t[5] as string),
    ];
    const dir = writeFixture({ 'events.ndjson': ndjson(events) });
    const { outcome } = await scan([dir], engine, { windows: { nowMs: Date.parse(NOW) } });
    expect([...outcome.summary.filtered.values()]).toEqual([1, 0, 1, 1, 2]);
    expect(outcome.summary.eventsCounted).toBe(1);
  });
});
