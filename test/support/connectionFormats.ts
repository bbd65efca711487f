/**
 * One connection written in every input format beaconwatch reads, so that
 * tests can feed the same traffic through each reader.
 */
export interface Connection {
  readonly timeMs: number;
  readonly host: string;
  /** Full Windows path: formats that carry a process name take its base name. */
  readonly image: string;
  readonly sourceIp: string;
  readonly sourcePort: number;
  readonly destinationIp: string;
  readonly destinationPort: number;
  readonly sourceBytes: number;
  readonly destinationBytes: number;
  /** A per-connection id (Zeek uid, Suricata flow_id, Sysmon record number). */
  readonly id: number;
}

const iso = (ms: number) => new Date(ms).toISOString();
const processName = (c: Connection) => c.image.slice(c.image.lastIndexOf('\\') + 1);

export function ecsLine(c: Connection): string {
  return JSON.stringify({
    '@timestamp': iso(c.timeMs),
    event: { category: ['network'], action: 'disconnect_received', id: `ecs-${c.id}` },
    host: { name: c.host },
    process: { name: processName(c), executable: c.image },
    source: { ip: c.sourceIp, port: c.sourcePort, bytes: c.sourceBytes },
    destination: { ip: c.destinationIp, port: c.destinationPort, bytes: c.destinationBytes },
    network: { transport: 'tcp' },
  });
}

export const ZEEK_HEADER = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tconn',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\torig_bytes\tresp_bytes\torig_ip_bytes\tresp_ip_bytes',
  '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tcount\tcount\tcount\tcount',
].join('\n');

export function zeekTsvLine(c: Connection): string {
  const seconds = `${Math.floor(c.timeMs / 1000)}.${String(c.timeMs % 1000).padStart(3, '0')}000`;
  return [seconds, `C${c.id}`, c.sourceIp, c.sourcePort, c.destinationIp, c.destinationPort, 'tcp', '-', c.sourceBytes - 40, c.destinationBytes - 40, c.sourceBytes, c.destinationBytes].join('\t');
}

export function zeekJsonLine(c: Connection): string {
  return JSON.stringify({
    ts: c.timeMs / 1000,
    uid: `C${c.id}`,
    'id.orig_h': c.sourceIp,
    'id.orig_p': c.sourcePort,
    'id.resp_h': c.destinationIp,
    'id.resp_p': c.destinationPort,
    proto: 'tcp',
    conn_state: 'SF',
    orig_ip_bytes: c.sourceBytes,
    resp_ip_bytes: c.destinationBytes,
  });
}

export function suricataLine(c: Connection): string {
  const eveTime = (ms: number) => iso(ms).replace('Z', '000+0000');
  return JSON.stringify({
    timestamp: eveTime(c.timeMs + 30_000),
    flow_id: 1_000_000_000_000_000_000 + c.id,
    event_type: 'flow',
    src_ip: c.sourceIp,
    src_port: c.sourcePort,
    dest_ip: c.destinationIp,
    dest_port: c.destinationPort,
    proto: 'TCP',
    flow: { pkts_toserver: 5, pkts_toclient: 4, bytes_toserver: c.sourceBytes, bytes_toclient: c.destinationBytes, start: eveTime(c.timeMs), end: eveTime(c.timeMs + 200) },
  }).replace(/"flow_id":\d+/, `"flow_id":10000000000000${String(c.id).padStart(5, '0')}`);
}

/** The flat shape of NXLog-style Windows event collectors. */
export function sysmonLine(c: Connection): string {
  return JSON.stringify({
    '@timestamp': iso(c.timeMs + 2000),
    Channel: 'Microsoft-Windows-Sysmon/Operational',
    SourceName: 'Microsoft-Windows-Sysmon',
    EventID: 3,
    Hostname: c.host,
    RecordNumber: c.id,
    UtcTime: iso(c.timeMs).replace('T', ' ').replace('Z', ''),
    Image: c.image,
    ProcessId: '4242',
    Protocol: 'tcp',
    SourceIp: c.sourceIp,
    SourcePort: String(c.sourcePort),
    DestinationIp: c.destinationIp,
    DestinationPort: String(c.destinationPort),
    DestinationHostname: '-',
  });
}

/** winlogbeat's shape of the same Sysmon event. */
export function winlogbeatLine(c: Connection): string {
  return JSON.stringify({
    '@timestamp': iso(c.timeMs + 2000),
    host: { name: c.host },
    winlog: {
      channel: 'Microsoft-Windows-Sysmon/Operational',
      provider_name: 'Microsoft-Windows-Sysmon',
      event_id: '3',
      record_id: c.id,
      computer_name: c.host,
      event_data: {
        UtcTime: iso(c.timeMs).replace('T', ' ').replace('Z', ''),
        Image: c.image,
        ProcessId: '4242',
        Protocol: 'tcp',
        SourceIp: c.sourceIp,
        SourcePort: String(c.sourcePort),
        DestinationIp: c.destinationIp,
        DestinationPort: String(c.destinationPort),
      },
    },
  });
}

/**
 * winlogbeat's ECS output of the same event: its sysmon module moved the
 * event data to ECS fields and set `@timestamp` from `UtcTime`.
 */
export function winlogbeatEcsLine(c: Connection): string {
  return JSON.stringify({
    '@timestamp': iso(c.timeMs),
    event: { code: '3', kind: 'event', category: ['network'], type: ['connection', 'start'], module: 'sysmon', provider: 'Microsoft-Windows-Sysmon' },
    host: { name: c.host },
    process: { executable: c.image, name: processName(c), pid: 4242 },
    source: { ip: c.sourceIp, port: c.sourcePort },
    destination: { ip: c.destinationIp, port: c.destinationPort },
    network: { transport: 'tcp', direction: 'egress' },
    winlog: {
      channel: 'Microsoft-Windows-Sysmon/Operational',
      provider_name: 'Microsoft-Windows-Sysmon',
      event_id: 3,
      record_id: c.id,
      computer_name: c.host,
      event_data: { RuleName: '-' },
    },
  });
}

export const CSV_HEADER = 'StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,SrcBytes,DstBytes,Host,Program';

/** An Argus-like flow export line: times as `YYYY/MM/DD HH:mm:ss.SSSSSS` in UTC+02:00. */
export function csvLine(c: Connection): string {
  const local = new Date(c.timeMs + 2 * 3_600_000).toISOString();
  const time = `${local.slice(0, 10).replace(/-/g, '/')} ${local.slice(11, 23)}000`;
  return [time, '0.2', 'tcp', c.sourceIp, c.sourcePort, '->', c.destinationIp, c.destinationPort, c.sourceBytes, c.destinationBytes, c.host, `"${processName(c)}"`].join(',');
}

export const CSV_FIELD_MAP = {
  time: { column: 'StartTime', format: 'YYYY/MM/DD HH:mm:ss.SSSSSS', utc_offset: '+02:00' },
  fields: {
    'source.ip': 'SrcAddr',
    'source.port': 'Sport',
    'destination.ip': 'DstAddr',
    'destination.port': 'Dport',
    'source.bytes': 'SrcBytes',
    'destination.bytes': 'DstBytes',
    'network.transport': 'Proto',
    'host.name': 'Host',
    'process.name': 'Program',
  },
};

/** A beacon: one connection a minute for `count` minutes, ending just before `endMs`. */
export function beacon(endMs: number, count: number, overrides: Partial<Connection> = {}): Connection[] {
  return Array.from({ length: count }, (_, i) => ({
    timeMs: endMs - (count - i) * 60_000 + 250,
    host: 'WS-7',
    image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    sourceIp: '10.0.0.5',
    sourcePort: 50_000 + i,
    destinationIp: '93.184.216.34',
    destinationPort: 443,
    sourceBytes: 180,
    destinationBytes: 300,
    id: 1000 + i,
    ...overrides,
  }));
}
