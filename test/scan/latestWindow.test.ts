/**
 * Without --now the window ends at the latest event. Events held back while
 * that end is unknown are dropped once they fall behind the look-back: the
 * result equals a run with --now set to that latest time.
 */
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../support/engines.js';
import { ecsEvent, ndjson, scan, writeFixture } from '../support/scanFixture.js';

const START_MS = Date.parse('2026-11-30T00:00:00Z');

describe.each(ENGINES)('window ending at the latest event, %s engine', (engine) => {
  it('matches --now at the latest event, past several buffer compactions', async () => {
    // 12 hours, an event every 5 s (8,640 events), over three processes.
    const events = Array.from({ length: 8640 }, (_, i) =>
      ecsEvent(new Date(START_MS + i * 5000 + 250).toISOString(), { process: { name: `p${i % 3}.exe` } }),
    );
    const latestMs = START_MS + 8639 * 5000 + 250;
    const dir = writeFixture({ 'e.ndjson': ndjson(events) });
    const implicit = await scan([dir], engine);
    const explicit = await scan([dir], engine, { windows: { nowMs: latestMs } });
    expect(implicit.docs).toEqual(explicit.docs);
    expect(implicit.outcome.windows).toEqual([{ startMs: latestMs - 21_600_000, endMs: latestMs }]);
    // Events at or after latest - 6 h count: 4,321 of them.
    expect(implicit.outcome.summary.eventsCounted).toBe(4321);
    expect(implicit.outcome.summary.outsideWindows).toBe(8640 - 4321);
    expect(explicit.outcome.summary.outsideWindows).toBe(8640 - 4321);
  });
});
