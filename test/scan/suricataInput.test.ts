/**
 * Suricata eve.json: flow records scored by source and destination, other
 * event types skipped and counted, malformed records counted with lines,
 * and 64-bit flow ids kept exact (a repeated flow counts once).
 */
import { describe, expect, it } from 'vitest';
import { beacon, suricataLine } from '../support/connectionFormats.js';
import { ENGINES } from '../support/engines.js';
import { scan, writeFixture } from '../support/scanFixture.js';

const END_MS = Date.parse('2024-04-19T12:00:00Z');
const connections = beacon(END_MS, 40);

describe.each(ENGINES)('Suricata input, %s engine', (engine) => {
  it('scores flow records and skips the other event types', async () => {
    const lines = connections.map(suricataLine);
    lines.splice(3, 0, JSON.stringify({ timestamp: '2024-04-19T11:30:00.000000+0000', event_type: 'alert', src_ip: '10.0.0.5', dest_ip: '93.184.216.34' }));
    lines.splice(6, 0, JSON.stringify({ timestamp: '2024-04-19T11:31:00.000000+0000', event_type: 'dns', src_ip: '10.0.0.5', dest_ip: '10.0.0.1' }));
    lines.splice(7, 0, JSON.stringify({ timestamp: '2024-04-19T11:32:00.000000+0000', event_type: 'stats' }));
    lines.splice(10, 0, (lines[10] as string).replace('"dest_ip":"93.184.216.34"', '"dest_ip":"93.184.216."'));
    lines.splice(14, 0, (lines[14] as string).replace(/"bytes_toserver":\d+/, '"bytes_toserver":"lots"'));
    // The 21st flow again, exactly: counted once.
    lines.splice(25, 0, lines[24] as string);
    const { outcome, docs } = await scan([writeFixture({ 'eve.json': lines.join('\n') + '\n' })], engine);
    const s = outcome.summary;
    expect(s.inputs.map((i) => i.format)).toEqual(['suricata']);
    expect(Object.fromEntries(s.otherRecords)).toEqual({ 'suricata alert event': 1, 'suricata dns event': 1, 'suricata stats event': 1 });
    const bad = [...s.badRecords.values()].map((t) => [t.reason, t.field, t.examples.map((e) => e.line)]);
    expect(bad).toEqual([
      ['invalid IP address', 'dest_ip', [11]],
      ['invalid number', 'flow.bytes_toserver', [15]],
    ]);
    expect(s.duplicates).toBe(1);
    expect(s.eventsCounted).toBe(40);
    expect(docs.map((d) => [d['source'].ip, d['destination'].ip])).toEqual([['10.0.0.5', '93.184.216.34']]);
    expect(docs[0]?.['beacon_stats']).toMatchObject({ mean_source_bytes: 180, mean_destination_bytes: 300, beaconing_score: 3 });
    // flow.start, not the record's later timestamp, is the connection's time.
    expect(docs[0]?.['@timestamp']).toBe(new Date((connections[39] as (typeof connections)[number]).timeMs).toISOString());
  });

  it('tells flows apart whose 64-bit ids differ past double precision', async () => {
    const lines = connections.slice(0, 2).map(suricataLine);
    // Same flow_id digits up to the last one: as doubles they would be equal.
    const [a, b] = ['10000000000000000001', '10000000000000000002'].map((id, i) => (lines[i] as string).replace(/"flow_id":\d+/, `"flow_id":${id}`));
    expect(Number('10000000000000000001')).toBe(Number('10000000000000000002'));
    const { outcome } = await scan([writeFixture({ 'eve.json': `${a}\n${b}\n` })], engine);
    expect(outcome.summary.duplicates).toBe(0);
    expect(outcome.summary.eventsCounted).toBe(2);
  });
});
