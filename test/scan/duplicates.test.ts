/**
 * The same record twice (same Zeek uid or ECS event.id, same content) counts
 * once, and the summary says so; records that merely share an id both count.
 */
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../support/engines.js';
import { ecsEvent, ndjson, scan, timesBefore, writeFixture } from '../support/scanFixture.js';

const NOW = '2026-11-30T12:00:00Z';

describe.each(ENGINES)('duplicate connections, %s engine', (engine) => {
  it('counts an ECS record repeated with its event.id once', async () => {
    const events = timesBefore(NOW, 30, 60).map((t, i) => ecsEvent(t, { event: { id: `evt-${i}` } }));
    const once = await scan([writeFixture({ 'e.ndjson': ndjson(events) })], engine, { windows: { nowMs: Date.parse(NOW) } });
    const twice = await scan([writeFixture({ 'e.ndjson': ndjson([...events, events[5] as (typeof events)[number]]) })], engine, { windows: { nowMs: Date.parse(NOW) } });
    expect(once.outcome.summary.duplicates).toBe(0);
    expect(twice.outcome.summary.duplicates).toBe(1);
    expect(twice.docs).toEqual(once.docs);
  });

  it('counts two different records that share an event.id both', async () => {
    const events = timesBefore(NOW, 30, 60).map((t, i) => ecsEvent(t, { event: { id: `evt-${i}` } }));
    // Same id as the 6th event, other bytes: not a copy of it.
    const other = { ...events[5], source: { ip: '10.0.0.5', bytes: 77777 } };
    const { outcome, docs } = await scan([writeFixture({ 'e.ndjson': ndjson([...events, other as never]) })], engine, { windows: { nowMs: Date.parse(NOW) } });
    expect(outcome.summary.duplicates).toBe(0);
    expect(outcome.summary.eventsCounted).toBe(31);
    expect(docs[0]?.['beacon_stats'].source_bytes_percentiles[1]).toBe(500);
  });

  it('counts a repeated Zeek uid once, across files', async () => {
    const header = '#separator \\x09\n#path\tconn\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\torig_ip_bytes\tresp_ip_bytes\n';
    const row = (i: number) => `${1_713_500_000 + 60 * i}.0\tCuid${i}\t10.0.0.5\t5000\t93.184.216.34\t443\t140\t260`;
    const rows = Array.from({ length: 30 }, (_, i) => row(i));
    const single = await scan([writeFixture({ 'conn.log': header + rows.join('\n') + '\n' })], engine);
    const dir = writeFixture({ 'conn.a.log': header + rows.join('\n') + '\n', 'conn.b.log': `${header}${row(7)}\n${row(12)}\n` });
    const doubled = await scan([dir], engine);
    expect(doubled.outcome.summary.duplicates).toBe(2);
    expect(doubled.outcome.summary.eventsCounted).toBe(30);
    expect(doubled.docs).toEqual(single.docs);
  });
});
