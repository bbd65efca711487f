/**
 * Sysmon network connections, flat and winlogbeat-shaped: a beacon among
 * other event IDs and channels (skipped and counted) and malformed records
 * (skipped and counted with their lines). Sysmon has no byte counts: the
 * byte tests say so, and never pass.
 */
import { describe, expect, it } from 'vitest';
import { NO_FILTERS } from '../../ts/filter/filterConfig.js';
import { beacon, sysmonLine, winlogbeatEcsLine, winlogbeatLine } from '../support/connectionFormats.js';
import { ENGINES } from '../support/engines.js';
import { scan, writeFixture } from '../support/scanFixture.js';

const END_MS = Date.parse('2024-04-19T12:00:00Z');
const connections = beacon(END_MS, 40);

function badLines(outcome: Awaited<ReturnType<typeof scan>>['outcome']): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const t of outcome.summary.badRecords.values()) out[`${t.reason}|${t.field ?? ''}`] = t.examples.map((e) => e.line);
  return out;
}

describe.each(ENGINES)('Sysmon input, %s engine', (engine) => {
  it('scores event ID 3 by host and process, skipping the rest with counts and lines', async () => {
    const lines = connections.map(sysmonLine);
    lines.splice(5, 0, JSON.stringify({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, Hostname: 'WS-7' }));
    lines.splice(9, 0, JSON.stringify({ Channel: 'Security', EventID: 5156, Hostname: 'WS-7' }));
    lines.splice(12, 0, sysmonLine({ ...(connections[0] as (typeof connections)[number]), id: 1 }).replace('"93.184.216.34"', '"93.184.216"'));
    lines.splice(15, 0, '{"Channel": "Microsoft-Windows-Sysmon/Operational", "EventID": 3, "Hostname": "WS-7"');
    lines.splice(20, 0, JSON.stringify({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 3, Hostname: 'WS-7', SourceIp: '10.0.0.5' }));
    const { outcome, docs } = await scan([writeFixture({ 'sysmon.json': lines.join('\n') + '\n' })], engine, { filters: NO_FILTERS });
    expect(outcome.summary.inputs.map((i) => i.format)).toEqual(['sysmon']);
    expect(Object.fromEntries(outcome.summary.otherRecords)).toEqual({
      'Microsoft-Windows-Sysmon/Operational event 1': 1,
      'Security event 5156': 1,
    });
    expect(badLines(outcome)).toEqual({ 'invalid IP address|DestinationIp': [13], 'invalid JSON|': [16], 'missing timestamp|UtcTime': [21] });
    expect(outcome.summary.eventsCounted).toBe(40);
    expect(docs.map((d) => [d['host'].name, d['process'].name])).toEqual([['WS-7', 'powershell.exe']]);
    const doc = docs[0] as (typeof docs)[number];
    expect(doc['@timestamp']).toBe(new Date((connections[39] as (typeof connections)[number]).timeMs).toISOString());
    expect(doc['beacon_stats']).toMatchObject({
      is_beaconing: true,
      low_count_variation: true,
      low_source_bytes_variation: false,
      low_destination_bytes_variation: false,
      mean_source_bytes: 0,
      beaconing_score: 1,
      destination_ips: ['93.184.216.34'],
    });
    expect(doc['beaconwatch']).toMatchObject({ source_bytes_seen: false, destination_bytes_seen: false });
  });

  it('reads winlogbeat output of the same events alike', async () => {
    const flat = await scan([writeFixture({ 'a.json': connections.map(sysmonLine).join('\n') })], engine, { filters: NO_FILTERS });
    const beat = await scan([writeFixture({ 'b.json': connections.map(winlogbeatLine).join('\n') })], engine, { filters: NO_FILTERS });
    expect(beat.outcome.summary.inputs.map((i) => i.format)).toEqual(['sysmon']);
    expect(beat.docs.map((d) => d['beacon_stats'])).toEqual(flat.docs.map((d) => d['beacon_stats']));
    expect(beat.docs.map((d) => [d['host'].name, d['process'].name])).toEqual([['WS-7', 'powershell.exe']]);
  });

  it("reads winlogbeat's ECS output (the sysmon module's) of the same events alike", async () => {
    const flat = await scan([writeFixture({ 'a.json': connections.map(sysmonLine).join('\n') })], engine, { filters: NO_FILTERS });
    const ecs = await scan([writeFixture({ 'c.json': connections.map(winlogbeatEcsLine).join('\n') })], engine, { filters: NO_FILTERS });
    expect(ecs.outcome.summary.inputs.map((i) => i.format)).toEqual(['sysmon']);
    expect(ecs.outcome.summary.eventsCounted).toBe(40);
    expect(ecs.docs.map((d) => d['beacon_stats'])).toEqual(flat.docs.map((d) => d['beacon_stats']));
    expect(ecs.docs.map((d) => [d['host'].name, d['process'].name, d['@timestamp']])).toEqual(flat.docs.map((d) => [d['host'].name, d['process'].name, d['@timestamp']]));
  });

  it('applies the category and process filters to Sysmon, not the Defend action filter', async () => {
    const { outcome } = await scan([writeFixture({ 's.json': connections.map(sysmonLine).join('\n') })], engine);
    expect(outcome.summary.filterNotes).toEqual([
      'sysmon records carry no event.action, so these filters do not apply to them (spec section 6): event.action is disconnect_received',
    ]);
    // The private source talks to a public address: the locality filter lets it through.
    expect(outcome.summary.filteredCount).toBe(0);
    expect(outcome.summary.eventsCounted).toBe(40);
  });
});
