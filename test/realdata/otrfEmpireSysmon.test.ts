/**
 * OTRF's Empire capture: four minutes of Windows event logs, 206 of them
 * Sysmon network connections. With the filters off and 5-second buckets (60
 * of them), WORKSTATION5's powershell.exe, Empire's agent calling
 * 10.10.10.5 every ~5 s, is flagged, and no other group.
 */
import { expect, it } from 'vitest';
import { NO_FILTERS } from '../../ts/filter/filterConfig.js';
import { resolveParams } from '../../ts/params/beaconParams.js';
import { ENGINES } from '../support/engines.js';
import { describeRealdata } from '../support/realdata.js';
import { scan } from '../support/scanFixture.js';

describeRealdata('otrf-empire-sysmon', (dir) => {
  it.each(ENGINES)('flags the Empire agent and nothing else (%s engine)', async (engine) => {
    const params = resolveParams({ time_bucket_length: 5, number_buckets_in_range: 60 });
    const { outcome, docs } = await scan([dir], engine, { filters: NO_FILTERS, params });
    const s = outcome.summary;
    expect(s.inputs.map((i) => i.format)).toEqual(['sysmon']);
    expect(s.records).toBe(12_200);
    expect(s.eventsCounted).toBe(206);
    expect(s.badRecordCount).toBe(0);
    expect(s.otherRecords.get('Microsoft-Windows-Sysmon/Operational event 12')).toBe(3_706);
    expect(s.otherRecords.get('Security event 5156')).toBe(1_186);
    expect(docs).toHaveLength(10);
    const flagged = docs.filter((d) => d['beacon_stats'].is_beaconing);
    expect(flagged.map((d) => [d['host'].name, d['process'].name])).toEqual([['WORKSTATION5.mordor.local', 'powershell.exe']]);
    const agent = flagged[0] as (typeof docs)[number];
    expect(agent['beacon_stats'].destination_ips).toEqual(['10.10.10.5']);
    // Sysmon has no byte counts: the byte tests had no data, and did not pass.
    expect(agent['beaconwatch']).toMatchObject({ source_bytes_seen: false, destination_bytes_seen: false });
    expect(agent['beacon_stats']).toMatchObject({ low_source_bytes_variation: false, low_destination_bytes_variation: false });
  });
});
