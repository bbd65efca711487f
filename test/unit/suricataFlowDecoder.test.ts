/** `SuricataFlowDecoder`: Suricata eve.json flow records onto ECS. */
import { describe, expect, it } from 'vitest';
import type { DecodedLine, NetworkEvent } from '../../ts/decode/networkEvent.js';
import { SuricataFlowDecoder } from '../../ts/decode/suricataFlow.js';

const decode = (line: string) => new SuricataFlowDecoder().decode(line);

function eventOf(line: DecodedLine): NetworkEvent {
  if (line.type !== 'event') throw new Error(`not an event: ${JSON.stringify(line)}`);
  return line.event;
}

/** A 19-digit flow id no double holds exactly. */
const FLOW_ID = '1234567890123456781';

const FLOW = {
  timestamp: '2024-04-19T10:00:30.654321+0000',
  flow_id: 0,
  in_iface: 'eth0',
  event_type: 'flow',
  src_ip: '10.0.0.5',
  src_port: 52344,
  dest_ip: '93.184.216.34',
  dest_port: 443,
  proto: 'TCP',
  app_proto: 'tls',
  community_id: '1:LQU9qZlK+B5F3KDmev6m5PMibrg=',
  host: 'sensor-1',
  flow: {
    pkts_toserver: 5,
    pkts_toclient: 4,
    bytes_toserver: 360,
    bytes_toclient: 480,
    start: '2024-04-19T10:00:00.123456+0000',
    end: '2024-04-19T10:00:00.323456+0000',
    age: 0,
    state: 'closed',
    reason: 'timeout',
    alerted: false,
  },
};

/** The eve.json line of a record, its flow_id written with exactly these digits. */
function eveLine(record: Readonly<Record<string, unknown>>, flowId = FLOW_ID): string {
  return JSON.stringify(record).replace(/"flow_id":0\b/, `"flow_id":${flowId}`);
}

/** FLOW with some top-level fields changed (undefined removes one). */
function flowWith(changes: Readonly<Record<string, unknown>>, flow: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const record: Record<string, unknown> = { ...FLOW, ...changes, flow: { ...FLOW.flow, ...flow } };
  for (const [k, v] of Object.entries(changes)) if (v === undefined) delete record[k];
  for (const [k, v] of Object.entries(flow)) if (v === undefined) delete (record['flow'] as Record<string, unknown>)[k];
  return record;
}

const START_MS = Date.UTC(2024, 3, 19, 10, 0, 0, 123);

describe('SuricataFlowDecoder.decode()', () => {
  it('maps a flow record onto ECS, flow.start as @timestamp', () => {
    const event = eventOf(decode(eveLine(FLOW)));
    expect(event).toMatchObject({
      timestampMs: START_MS,
      ingestedMs: NaN,
      sourceBytes: 360,
      destinationBytes: 480,
      categories: [],
      actions: [],
      processNames: [],
      eventId: FLOW_ID,
    });
    expect(event.sourceIps.map((ip) => ip.text)).toEqual(['10.0.0.5']);
    expect(event.destinationIps.map((ip) => ip.text)).toEqual(['93.184.216.34']);
    expect(event.fields).toEqual({
      '@timestamp': ['2024-04-19T10:00:00.123456+0000'],
      'source.ip': '10.0.0.5',
      'destination.ip': '93.184.216.34',
      'event.end': '2024-04-19T10:00:00.323456+0000',
      'source.port': 52344,
      'destination.port': 443,
      'source.bytes': 360,
      'destination.bytes': 480,
      'source.packets': 5,
      'destination.packets': 4,
      'network.protocol': 'tls',
      'network.community_id': '1:LQU9qZlK+B5F3KDmev6m5PMibrg=',
      'observer.hostname': 'sensor-1',
      'network.transport': 'tcp',
      'event.id': FLOW_ID,
    });
  });

  it('takes timestamp when flow.start is absent', () => {
    const event = eventOf(decode(eveLine(flowWith({}, { start: undefined }))));
    expect(event.timestampMs).toBe(Date.UTC(2024, 3, 19, 10, 0, 30, 654));
    expect((event.fields as Record<string, unknown>)['@timestamp']).toEqual(['2024-04-19T10:00:30.654321+0000']);
  });

  it('reads offsets written without a colon', () => {
    expect(eventOf(decode(eveLine(flowWith({}, { start: '2024-04-19T12:00:00.123456+0200' })))).timestampMs).toBe(START_MS);
    expect(eventOf(decode(eveLine(flowWith({}, { start: '2024-04-19T04:30:00.123456-0530' })))).timestampMs).toBe(START_MS);
    expect(eventOf(decode(eveLine(flowWith({}, { start: '2024-04-19T10:00:00.123456Z' })))).timestampMs).toBe(START_MS);
  });

  it('lowercases proto', () => {
    const transport = (proto: unknown) => (eventOf(decode(eveLine(flowWith({ proto })))).fields as Record<string, unknown>)['network.transport'];
    expect(transport('UDP')).toBe('udp');
    expect(transport('IPv6-ICMP')).toBe('ipv6-icmp');
    expect(transport('tcp')).toBe('tcp');
    expect(transport(6)).toBeUndefined();
  });

  it('reads flow fields written with dotted keys', () => {
    const record = {
      timestamp: FLOW.timestamp,
      event_type: 'flow',
      src_ip: '10.0.0.5',
      dest_ip: '10.0.0.6',
      'flow.start': '2024-04-19T10:00:00.123456+0000',
      'flow.bytes_toserver': 7,
      'flow.bytes_toclient': 9,
    };
    const event = eventOf(decode(JSON.stringify(record)));
    expect([event.timestampMs, event.sourceBytes, event.destinationBytes, event.eventId]).toEqual([START_MS, 7, 9, undefined]);
  });

  it('takes absent byte counts and addresses as missing', () => {
    const event = eventOf(decode(eveLine(flowWith({ src_ip: undefined }, { bytes_toserver: undefined, bytes_toclient: undefined }))));
    expect(event.sourceBytes).toBeNaN();
    expect(event.destinationBytes).toBeNaN();
    expect(event.sourceIps).toEqual([]);
  });

  it('takes numeric strings for byte counts', () => {
    const event = eventOf(decode(eveLine(flowWith({}, { bytes_toserver: '360', bytes_toclient: '0' }))));
    expect([event.sourceBytes, event.destinationBytes]).toEqual([360, 0]);
  });

  it('reads flow_id exactly from the text', () => {
    const a = eventOf(decode(eveLine(FLOW, '9223372036854775806'))).eventId;
    const b = eventOf(decode(eveLine(FLOW, '9223372036854775807'))).eventId;
    expect(a).toBe('9223372036854775806');
    expect(b).toBe('9223372036854775807');
    // Through a double, both would be 9223372036854775808.
    expect(Number(a)).toBe(Number(b));
  });

  it('gives distinct flows with 19-digit ids distinct event ids', () => {
    const ids = ['1234567890123456781', '1234567890123456782'].map((id) => eventOf(decode(eveLine(FLOW, id))).eventId);
    expect(ids).toEqual(['1234567890123456781', '1234567890123456782']);
  });

  it('reads flow_id with blanks around the colon, and small ones', () => {
    const line = eveLine(FLOW).replace(`"flow_id":${FLOW_ID}`, `"flow_id" :  ${FLOW_ID}`);
    expect(eventOf(decode(line)).eventId).toBe(FLOW_ID);
    expect(eventOf(decode(eveLine(FLOW, '0'))).eventId).toBe('0');
    expect(eventOf(decode(eveLine(FLOW, '42'))).eventId).toBe('42');
  });

  it('gives no event.id without a flow_id', () => {
    const { flow_id: _id, ...record } = FLOW;
    expect(eventOf(decode(JSON.stringify(record))).eventId).toBeUndefined();
  });

  it('gives no event.id for a flow_id whose digits were lost to a double', () => {
    expect(eventOf(decode(eveLine(FLOW, '1.2345678901234568e+18'))).eventId).toBeUndefined();
    expect(eventOf(decode(eveLine(FLOW, '1E18'))).eventId).toBeUndefined();
    expect(eventOf(decode(eveLine(FLOW, '12.5'))).eventId).toBeUndefined();
  });

  it('skips other event types, naming them', () => {
    for (const type of ['alert', 'dns', 'http', 'tls', 'stats', 'netflow']) {
      expect(decode(eveLine({ ...FLOW, event_type: type }))).toEqual({ type: 'other', kind: `suricata ${type} event`, wholeInput: false });
    }
    const { event_type: _type, ...untyped } = FLOW;
    expect(decode(eveLine(untyped))).toEqual({ type: 'other', kind: 'suricata untyped event', wholeInput: false });
    expect(decode(eveLine({ ...FLOW, event_type: 'FLOW' }))).toEqual({ type: 'other', kind: 'suricata FLOW event', wholeInput: false });
  });

  it('refuses lines that are not JSON objects, and skips blank ones', () => {
    expect(decode('{"event_type":"flow",')).toEqual({ type: 'bad', bad: { reason: 'invalid JSON', detail: '{"event_type":"flow",' } });
    expect(decode('"flow"')).toEqual({ type: 'bad', bad: { reason: 'not a JSON object', detail: '"flow"' } });
    expect(decode('')).toEqual({ type: 'none' });
  });

  it('refuses a bad address, naming the eve.json field', () => {
    expect(decode(eveLine(flowWith({ src_ip: '10.0.0' })))).toEqual({ type: 'bad', bad: { reason: 'invalid IP address', field: 'src_ip', detail: '10.0.0' } });
    expect(decode(eveLine(flowWith({ dest_ip: 42 })))).toEqual({ type: 'bad', bad: { reason: 'invalid IP address', field: 'dest_ip', detail: '42' } });
  });

  it('refuses non-numeric byte counts, naming the eve.json field', () => {
    expect(decode(eveLine(flowWith({}, { bytes_toserver: 'lots' })))).toEqual({
      type: 'bad',
      bad: { reason: 'invalid number', field: 'flow.bytes_toserver', detail: 'lots' },
    });
    expect(decode(eveLine(flowWith({}, { bytes_toclient: true })))).toEqual({
      type: 'bad',
      bad: { reason: 'invalid number', field: 'flow.bytes_toclient', detail: 'true' },
    });
  });

  it('refuses a bad time, naming the field it came from', () => {
    expect(decode(eveLine(flowWith({}, { start: 'soon' })))).toEqual({ type: 'bad', bad: { reason: 'invalid timestamp', field: 'flow.start', detail: 'soon' } });
    expect(decode(eveLine(flowWith({ timestamp: '2024-02-30T00:00:00+0000' }, { start: undefined })))).toEqual({
      type: 'bad',
      bad: { reason: 'invalid timestamp', field: 'timestamp', detail: '2024-02-30T00:00:00+0000' },
    });
    expect(decode(eveLine(flowWith({ timestamp: undefined }, { start: undefined })))).toEqual({
      type: 'bad',
      bad: { reason: 'missing timestamp', field: 'timestamp' },
    });
  });

  it('prefers a valid flow.start to a bad timestamp', () => {
    expect(eventOf(decode(eveLine(flowWith({ timestamp: 'bad' }))))).toMatchObject({ timestampMs: START_MS });
  });
});

describe('SuricataFlowDecoder.carries', () => {
  it('carries none of the filtered fields', () => {
    expect(new SuricataFlowDecoder().carries).toEqual({ category: false, action: false, process: false });
  });
});
