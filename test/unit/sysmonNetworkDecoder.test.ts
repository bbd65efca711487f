/** `SysmonNetworkDecoder`: Sysmon network connections (event ID 3) from Windows event log JSON lines. */
import { describe, expect, it } from 'vitest';
import type { DecodedLine, NetworkEvent } from '../../ts/decode/networkEvent.js';
import { SYSMON_FIELDS, SysmonNetworkDecoder } from '../../ts/decode/sysmonNetwork.js';

const decode = (record: unknown) => new SysmonNetworkDecoder().decode(typeof record === 'string' ? record : JSON.stringify(record));

function eventOf(line: DecodedLine): NetworkEvent {
  if (line.type !== 'event') throw new Error(`not an event: ${JSON.stringify(line)}`);
  return line.event;
}

const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

/** 2020-07-22 04:00:48.097 UTC. */
const UTC_MS = Date.UTC(2020, 6, 22, 4, 0, 48, 97);

/** The flat shape of NXLog and similar collectors. */
const FLAT = {
  '@timestamp': '2020-07-22T04:00:50.000Z',
  EventTime: '2020-07-22 00:00:50',
  Channel: 'Microsoft-Windows-Sysmon/Operational',
  SourceName: 'Microsoft-Windows-Sysmon',
  EventID: 3,
  UtcTime: '2020-07-22 04:00:48.097',
  Hostname: 'WORKSTATION5.theshire.local',
  Image: POWERSHELL,
  SourceIp: '172.18.39.5',
  SourcePort: '50783',
  DestinationIp: '10.10.10.5',
  DestinationPort: '443',
  Protocol: 'tcp',
  User: 'THESHIRE\\pgustavo',
  DestinationHostname: '-',
  ProcessId: '3164',
  RecordNumber: 2481,
};

const EXPECTED_FIELDS = {
  '@timestamp': UTC_MS,
  'event.category': ['network'],
  'source.ip': '172.18.39.5',
  'destination.ip': '10.10.10.5',
  'network.transport': 'tcp',
  'user.name': 'THESHIRE\\pgustavo',
  'source.port': 50783,
  'destination.port': 443,
  'process.pid': 3164,
  'process.executable': POWERSHELL,
  'process.name': 'powershell.exe',
  'host.name': 'WORKSTATION5.theshire.local',
  'event.id': 'WORKSTATION5.theshire.local#2481',
};

/** winlogbeat's shape of the same event. */
const WINLOGBEAT = {
  '@timestamp': '2020-07-22T04:00:50.000Z',
  host: { name: 'workstation5' },
  event: { code: 3, provider: 'Microsoft-Windows-Sysmon' },
  winlog: {
    channel: 'Microsoft-Windows-Sysmon/Operational',
    provider_name: 'Microsoft-Windows-Sysmon',
    event_id: '3',
    record_id: 2481,
    computer_name: 'WORKSTATION5.theshire.local',
    event_data: {
      UtcTime: '2020-07-22 04:00:48.097',
      Image: POWERSHELL,
      ProcessId: '3164',
      Protocol: 'tcp',
      User: 'THESHIRE\\pgustavo',
      SourceIp: '172.18.39.5',
      SourcePort: '50783',
      DestinationIp: '10.10.10.5',
      DestinationPort: '443',
      DestinationHostname: 'updates.example.com',
    },
  },
};

type Winlogbeat = typeof WINLOGBEAT;

/** WINLOGBEAT with some event_data fields changed (undefined removes one). */
function winlogbeatWith(data: Readonly<Record<string, unknown>>, winlog: Readonly<Record<string, unknown>> = {}): Winlogbeat {
  const eventData: Record<string, unknown> = { ...WINLOGBEAT.winlog.event_data, ...data };
  for (const [k, v] of Object.entries(data)) if (v === undefined) delete eventData[k];
  return { ...WINLOGBEAT, winlog: { ...WINLOGBEAT.winlog, ...winlog, event_data: eventData } as Winlogbeat['winlog'] };
}

/** FLAT with some fields changed (undefined removes one). */
function flatWith(changes: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const record: Record<string, unknown> = { ...FLAT, ...changes };
  for (const [k, v] of Object.entries(changes)) if (v === undefined) delete record[k];
  return record;
}

describe('SysmonNetworkDecoder.decode() on flat records', () => {
  it('maps an event 3 onto ECS, UtcTime as the event time', () => {
    const event = eventOf(decode(FLAT));
    expect(event).toMatchObject({
      timestampMs: UTC_MS,
      ingestedMs: NaN,
      sourceBytes: NaN,
      destinationBytes: NaN,
      categories: ['network'],
      actions: [],
      processNames: ['powershell.exe'],
      eventId: 'WORKSTATION5.theshire.local#2481',
    });
    expect(event.sourceIps.map((ip) => ip.text)).toEqual(['172.18.39.5']);
    expect(event.destinationIps.map((ip) => ip.text)).toEqual(['10.10.10.5']);
    // DestinationHostname "-" is no domain; the collector's fields stay out.
    expect(event.fields).toEqual(EXPECTED_FIELDS);
  });

  it('takes the event ID as a number or a string', () => {
    expect(eventOf(decode(flatWith({ EventID: '3' }))).timestampMs).toBe(UTC_MS);
  });

  it('takes the channel from SourceName when Channel is absent', () => {
    expect(eventOf(decode(flatWith({ Channel: undefined }))).eventId).toBe('WORKSTATION5.theshire.local#2481');
  });

  it('takes the host from Computer when Hostname is absent', () => {
    const event = eventOf(decode(flatWith({ Hostname: undefined, Computer: 'ws5' })));
    expect((event.fields as Record<string, unknown>)['host.name']).toBe('ws5');
    expect(event.eventId).toBe('ws5#2481');
  });

  it('writes event.id without a host, and none without a record number', () => {
    expect(eventOf(decode(flatWith({ Hostname: undefined }))).eventId).toBe('#2481');
    expect(eventOf(decode(flatWith({ RecordNumber: undefined }))).eventId).toBeUndefined();
  });

  it('keeps a destination hostname, and reads IPv6 addresses', () => {
    const event = eventOf(decode(flatWith({ DestinationHostname: 'c2.example.net', SourceIp: 'fe80:0:0:0:2c1d:6f0c:42bd:6c1f', DestinationIp: 'FE80::1' })));
    expect((event.fields as Record<string, unknown>)['destination.domain']).toBe('c2.example.net');
    expect(event.sourceIps.map((ip) => ip.text)).toEqual(['fe80::2c1d:6f0c:42bd:6c1f']);
    expect(event.destinationIps.map((ip) => ip.text)).toEqual(['fe80::1']);
  });

  it('takes absent, empty and `-` text fields as missing', () => {
    const event = eventOf(decode(flatWith({ User: '', Protocol: '-', SourceIp: undefined, Image: '-', ProcessId: '-' })));
    expect(event.sourceIps).toEqual([]);
    expect(event.processNames).toEqual([]);
    expect(event.fields).toEqual({
      '@timestamp': UTC_MS,
      'event.category': ['network'],
      'destination.ip': '10.10.10.5',
      'source.port': 50783,
      'destination.port': 443,
      'host.name': 'WORKSTATION5.theshire.local',
      'event.id': 'WORKSTATION5.theshire.local#2481',
    });
  });

  it('takes numeric ports and process ids', () => {
    const fields = eventOf(decode(flatWith({ SourcePort: 50783, DestinationPort: 0, ProcessId: 4 }))).fields as Record<string, unknown>;
    expect([fields['source.port'], fields['destination.port'], fields['process.pid']]).toEqual([50783, 0, 4]);
  });

  it('skips other event IDs, naming the channel and the ID', () => {
    expect(decode(flatWith({ EventID: 1 }))).toEqual({ type: 'other', kind: 'Microsoft-Windows-Sysmon/Operational event 1', wholeInput: false });
    expect(decode(flatWith({ EventID: 22 }))).toEqual({ type: 'other', kind: 'Microsoft-Windows-Sysmon/Operational event 22', wholeInput: false });
    expect(decode(flatWith({ EventID: '03' }))).toEqual({ type: 'other', kind: 'Microsoft-Windows-Sysmon/Operational event 03', wholeInput: false });
  });

  it('skips event 3 of other channels, such as the Security log', () => {
    expect(decode(flatWith({ Channel: 'Security', SourceName: 'Microsoft-Windows-Security-Auditing', EventID: 5156 }))).toEqual({
      type: 'other',
      kind: 'Security event 5156',
      wholeInput: false,
    });
    expect(decode(flatWith({ Channel: 'System', EventID: 3 }))).toEqual({ type: 'other', kind: 'System event 3', wholeInput: false });
  });

  it('names an unknown channel or event ID', () => {
    expect(decode({ EventID: 3, UtcTime: FLAT.UtcTime })).toEqual({ type: 'other', kind: 'unknown channel event 3', wholeInput: false });
    expect(decode({ Channel: 'Application' })).toEqual({ type: 'other', kind: 'Application event ?', wholeInput: false });
  });

  it('refuses a record without UtcTime, though it has @timestamp', () => {
    expect(decode(flatWith({ UtcTime: undefined }))).toEqual({ type: 'bad', bad: { reason: 'missing timestamp', field: 'UtcTime' } });
  });

  it('refuses an invalid UtcTime', () => {
    for (const utc of ['', 'yesterday', '2020-07-22 24:00:48.097', '2021-02-29 04:00:48.097']) {
      expect(decode(flatWith({ UtcTime: utc })), utc).toEqual({ type: 'bad', bad: { reason: 'invalid timestamp', field: 'UtcTime', detail: utc } });
    }
  });

  it('refuses a bad IP address, naming the Sysmon field', () => {
    expect(decode(flatWith({ SourceIp: '172.18.39' }))).toEqual({
      type: 'bad',
      bad: { reason: 'invalid IP address', field: 'SourceIp', detail: '172.18.39' },
    });
    expect(decode(flatWith({ DestinationIp: 'evil.example.com' }))).toEqual({
      type: 'bad',
      bad: { reason: 'invalid IP address', field: 'DestinationIp', detail: 'evil.example.com' },
    });
  });

  it('refuses a port or process id that is not a whole number, naming it', () => {
    expect(decode(flatWith({ SourcePort: 'http' }))).toEqual({ type: 'bad', bad: { reason: 'invalid number', field: 'SourcePort', detail: 'http' } });
    expect(decode(flatWith({ DestinationPort: '-1' }))).toEqual({ type: 'bad', bad: { reason: 'invalid number', field: 'DestinationPort', detail: '-1' } });
    expect(decode(flatWith({ DestinationPort: '44.3' }))).toEqual({ type: 'bad', bad: { reason: 'invalid number', field: 'DestinationPort', detail: '44.3' } });
    expect(decode(flatWith({ ProcessId: '0x10' }))).toEqual({ type: 'bad', bad: { reason: 'invalid number', field: 'ProcessId', detail: '0x10' } });
  });

  it('refuses lines that are not JSON objects, and skips blank ones', () => {
    expect(decode('{"EventID": 3,')).toEqual({ type: 'bad', bad: { reason: 'invalid JSON', detail: '{"EventID": 3,' } });
    expect(decode('[1,2]')).toEqual({ type: 'bad', bad: { reason: 'not a JSON object', detail: '[1,2]' } });
    expect(decode('  ')).toEqual({ type: 'none' });
  });
});

describe('SysmonNetworkDecoder.decode() on winlogbeat records', () => {
  it('maps an event 3 onto ECS, UtcTime as the event time and host.name as the host', () => {
    const event = eventOf(decode(WINLOGBEAT));
    expect(event).toMatchObject({
      timestampMs: UTC_MS,
      sourceBytes: NaN,
      destinationBytes: NaN,
      categories: ['network'],
      actions: [],
      processNames: ['powershell.exe'],
      eventId: 'workstation5#2481',
    });
    expect(event.fields).toEqual({
      ...EXPECTED_FIELDS,
      'destination.domain': 'updates.example.com',
      'host.name': 'workstation5',
      'event.id': 'workstation5#2481',
    });
  });

  it('takes the event ID as a number too', () => {
    expect(eventOf(decode(winlogbeatWith({}, { event_id: 3 }))).timestampMs).toBe(UTC_MS);
  });

  it('takes the host from winlog.computer_name without host.name', () => {
    const { host: _host, ...record } = WINLOGBEAT;
    const event = eventOf(decode(record));
    expect((event.fields as Record<string, unknown>)['host.name']).toBe('WORKSTATION5.theshire.local');
    expect(event.eventId).toBe('WORKSTATION5.theshire.local#2481');
  });

  it('reads dotted winlogbeat keys as well as nested ones', () => {
    const record = {
      'host.name': 'ws9',
      'winlog.channel': 'Microsoft-Windows-Sysmon/Operational',
      'winlog.event_id': 3,
      'winlog.record_id': '7',
      'winlog.event_data': { UtcTime: '2020-07-22 04:00:48.097', SourceIp: '10.0.0.1', DestinationIp: '10.0.0.2', Image: 'C:/Tools/beacon.exe' },
    };
    const event = eventOf(decode(record));
    expect([event.timestampMs, event.eventId, event.processNames]).toEqual([UTC_MS, 'ws9#7', ['beacon.exe']]);
  });

  it('skips other event IDs and channels', () => {
    expect(decode(winlogbeatWith({}, { event_id: '1' }))).toEqual({ type: 'other', kind: 'Microsoft-Windows-Sysmon/Operational event 1', wholeInput: false });
    expect(decode(winlogbeatWith({}, { channel: 'Security', provider_name: 'Microsoft-Windows-Security-Auditing', event_id: 5156 }))).toEqual({
      type: 'other',
      kind: 'Security event 5156',
      wholeInput: false,
    });
  });

  it('ignores the flat fields of a winlogbeat record', () => {
    // The winlogbeat shape wins: UtcTime is read from winlog.event_data only.
    const record = { ...winlogbeatWith({ UtcTime: undefined }), UtcTime: '2020-07-22 04:00:48.097' };
    expect(decode(record)).toEqual({ type: 'bad', bad: { reason: 'missing timestamp', field: 'UtcTime' } });
  });

  it('refuses a missing or invalid UtcTime, naming UtcTime', () => {
    expect(decode(winlogbeatWith({ UtcTime: undefined }))).toEqual({ type: 'bad', bad: { reason: 'missing timestamp', field: 'UtcTime' } });
    expect(decode(winlogbeatWith({ UtcTime: '22/07/2020 04:00' }))).toEqual({
      type: 'bad',
      bad: { reason: 'invalid timestamp', field: 'UtcTime', detail: '22/07/2020 04:00' },
    });
  });

  it('refuses bad addresses and ports, naming the Sysmon field', () => {
    expect(decode(winlogbeatWith({ DestinationIp: '10.10.10.500' }))).toEqual({
      type: 'bad',
      bad: { reason: 'invalid IP address', field: 'DestinationIp', detail: '10.10.10.500' },
    });
    expect(decode(winlogbeatWith({ SourcePort: '5078x' }))).toEqual({ type: 'bad', bad: { reason: 'invalid number', field: 'SourcePort', detail: '5078x' } });
  });
});

/** winlogbeat's ECS output of the same event: the sysmon module moved the event data to ECS. */
const WINLOGBEAT_ECS = {
  '@timestamp': '2020-07-22T04:00:48.097Z',
  event: { code: '3', module: 'sysmon', category: ['network'], type: ['connection', 'start'] },
  host: { name: 'workstation5' },
  process: { executable: POWERSHELL, name: 'powershell.exe', pid: 3164, entity_id: '{5b9a5e2a-0000-0000-0000-000000000000}' },
  user: { domain: 'THESHIRE', name: 'pgustavo' },
  source: { ip: '172.18.39.5', port: 50783 },
  destination: { ip: '10.10.10.5', port: 443, domain: 'updates.example.com' },
  network: { transport: 'tcp', direction: 'egress' },
  winlog: {
    channel: 'Microsoft-Windows-Sysmon/Operational',
    provider_name: 'Microsoft-Windows-Sysmon',
    event_id: 3,
    record_id: 2481,
    computer_name: 'WORKSTATION5.theshire.local',
    event_data: { RuleName: '-' },
  },
};

describe("SysmonNetworkDecoder.decode() on winlogbeat's ECS output", () => {
  it('reads the ECS fields the sysmon module moved the event data to, @timestamp as the event time', () => {
    const event = eventOf(decode(WINLOGBEAT_ECS));
    expect(event).toMatchObject({ timestampMs: UTC_MS, sourceBytes: NaN, destinationBytes: NaN, processNames: ['powershell.exe'], eventId: 'workstation5#2481' });
    expect(event.fields).toEqual({
      ...EXPECTED_FIELDS,
      'user.name': 'pgustavo',
      'destination.domain': 'updates.example.com',
      'host.name': 'workstation5',
      'event.id': 'workstation5#2481',
    });
  });

  it('gives the same event as the raw winlogbeat shape, but for the split user name', () => {
    const raw = eventOf(decode(WINLOGBEAT));
    const moved = eventOf(decode(WINLOGBEAT_ECS));
    expect({ ...(moved.fields as Record<string, unknown>), 'user.name': 'THESHIRE\\pgustavo' }).toEqual(raw.fields);
  });

  it('takes the process name from the executable, whatever process.name says', () => {
    const record = { ...WINLOGBEAT_ECS, process: { executable: 'C:\\Tools\\beacon.exe', name: 'other.exe' } };
    expect(eventOf(decode(record)).processNames).toEqual(['beacon.exe']);
  });

  it('names the ECS field of a bad record', () => {
    expect(decode({ ...WINLOGBEAT_ECS, destination: { ip: '10.10.10.500', port: 443 } })).toEqual({
      type: 'bad',
      bad: { reason: 'invalid IP address', field: 'destination.ip', detail: '10.10.10.500' },
    });
    expect(decode({ ...WINLOGBEAT_ECS, source: { ip: '172.18.39.5', port: '5078x' } })).toEqual({
      type: 'bad',
      bad: { reason: 'invalid number', field: 'source.port', detail: '5078x' },
    });
    const { '@timestamp': _time, ...untimed } = WINLOGBEAT_ECS;
    expect(decode(untimed)).toEqual({ type: 'bad', bad: { reason: 'missing timestamp', field: '@timestamp' } });
  });

  it('keeps to UtcTime while the raw event data is there, whatever the ECS fields say', () => {
    const record = { ...WINLOGBEAT, destination: { ip: '10.0.0.99' } };
    expect((eventOf(decode(record)).fields as Record<string, unknown>)['destination.ip']).toBe('10.10.10.5');
    expect(eventOf(decode(record)).timestampMs).toBe(UTC_MS);
  });
});

describe('SysmonNetworkDecoder.carries', () => {
  it('carries a category and a process, not an action', () => {
    expect(new SysmonNetworkDecoder().carries).toEqual({ category: true, action: false, process: true });
    expect(new SysmonNetworkDecoder().carries).toBe(SYSMON_FIELDS);
    expect(Object.isFrozen(SYSMON_FIELDS)).toBe(true);
  });
});
