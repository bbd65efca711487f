/** One connection, written in each format beaconwatch reads, decodes to the same ECS event. */
import { expect, it } from 'vitest';
import { parseCsvFieldMap } from '../../ts/decode/csvFieldMap.js';
import { readField } from '../../ts/decode/fieldPath.js';
import { INPUT_FORMATS } from '../../ts/decode/inputFormats.js';
import type { NetworkEvent } from '../../ts/decode/networkEvent.js';
import * as write from '../support/connectionFormats.js';

const CONNECTION: write.Connection = {
  timeMs: Date.parse('2024-04-19T10:00:00.250Z'),
  host: 'WS-7',
  image: 'C:\\Tools\\implant.exe',
  sourceIp: '10.0.0.5',
  sourcePort: 50123,
  destinationIp: '2001:db8::7',
  destinationPort: 443,
  sourceBytes: 180,
  destinationBytes: 300,
  id: 77,
};

const options = { zeekBytes: 'ip' as const, fieldMap: parseCsvFieldMap(write.CSV_FIELD_MAP, 'map.json') };

/** Lines of one file: the format is found from the first, as a scan does. */
function decode(lines: string[]): { format: string; event: NetworkEvent } {
  for (const format of INPUT_FORMATS) {
    const decoder = format.decoderFor(lines[0] as string, options);
    if (decoder === undefined) continue;
    const decoded = lines.map((l) => decoder.decode(l)).filter((d) => d.type !== 'none');
    expect(decoded).toHaveLength(1);
    const only = decoded[0];
    if (only?.type !== 'event') throw new Error(`${format.name}: ${JSON.stringify(only)}`);
    return { format: format.name, event: only.event };
  }
  throw new Error(`no format for ${lines[0]}`);
}

const FILES: Record<string, string[]> = {
  ecs: [write.ecsLine(CONNECTION)],
  'zeek tsv': [...write.ZEEK_HEADER.split('\n'), write.zeekTsvLine(CONNECTION)],
  'zeek json': [write.zeekJsonLine(CONNECTION)],
  suricata: [write.suricataLine(CONNECTION)],
  sysmon: [write.sysmonLine(CONNECTION)],
  winlogbeat: [write.winlogbeatLine(CONNECTION)],
  'winlogbeat ecs': [write.winlogbeatEcsLine(CONNECTION)],
  csv: [write.CSV_HEADER, write.csvLine(CONNECTION)],
};

it.each(Object.keys(FILES))('%s gives the same ECS event', (name) => {
  const { format, event } = decode(FILES[name] as string[]);
  expect(format).toBe({ 'zeek tsv': 'zeek', 'zeek json': 'zeek', winlogbeat: 'sysmon', 'winlogbeat ecs': 'sysmon' }[name] ?? name);
  expect(event.timestampMs).toBe(CONNECTION.timeMs);
  expect(event.sourceIps.map((ip) => ip.text)).toEqual(['10.0.0.5']);
  expect(event.destinationIps.map((ip) => ip.text)).toEqual(['2001:db8::7']);
  expect(readField(event.fields, 'source.port').map(Number)).toEqual([50123]);
  expect(readField(event.fields, 'destination.port').map(Number)).toEqual([443]);
  expect(readField(event.fields, 'network.transport')).toEqual(['tcp']);
  if (format === 'sysmon') {
    // Sysmon carries no byte counts.
    expect([event.sourceBytes, event.destinationBytes]).toEqual([NaN, NaN]);
  } else {
    expect([event.sourceBytes, event.destinationBytes]).toEqual([180, 300]);
  }
  if (['ecs', 'sysmon', 'csv'].includes(format)) {
    expect(readField(event.fields, 'host.name')).toEqual(['WS-7']);
    expect(event.processNames).toEqual(['implant.exe']);
  } else {
    expect(event.processNames).toEqual([]);
  }
});
