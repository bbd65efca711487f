/** `ZeekJsonDecoder`: Zeek's JSON writer, names dotted, underscored or nested. */
import { describe, expect, it } from 'vitest';
import type { DecodedLine, NetworkEvent } from '../../ts/decode/networkEvent.js';
import { ZeekFieldMap, ZeekJsonDecoder, type ZeekBytes } from '../../ts/decode/zeekConn.js';

const decode = (record: unknown, bytes: ZeekBytes = 'ip') =>
  new ZeekJsonDecoder(new ZeekFieldMap(bytes)).decode(typeof record === 'string' ? record : JSON.stringify(record));

function eventOf(line: DecodedLine): NetworkEvent {
  if (line.type !== 'event') throw new Error(`not an event: ${JSON.stringify(line)}`);
  return line.event;
}

const CONN = {
  _path: 'conn',
  ts: 1713484795.943239,
  uid: 'C1',
  'id.orig_h': '10.0.0.5',
  'id.orig_p': 52344,
  'id.resp_h': '93.184.216.34',
  'id.resp_p': 443,
  proto: 'tcp',
  orig_bytes: 100,
  resp_bytes: 200,
  conn_state: 'SF',
  orig_ip_bytes: 360,
  resp_ip_bytes: 480,
};

const EXPECTED_FIELDS = {
  '@timestamp': 1_713_484_795_943,
  'event.id': 'C1',
  'source.ip': '10.0.0.5',
  'source.port': 52344,
  'destination.ip': '93.184.216.34',
  'destination.port': 443,
  'network.transport': 'tcp',
  'zeek.connection.orig_bytes': 100,
  'zeek.connection.resp_bytes': 200,
  'zeek.connection.conn_state': 'SF',
  'source.bytes': 360,
  'destination.bytes': 480,
};

describe('ZeekJsonDecoder.decode()', () => {
  it('decodes dotted names onto ECS, IP-level bytes by default', () => {
    const event = eventOf(decode(CONN));
    expect(event.fields).toEqual(EXPECTED_FIELDS);
    expect([event.timestampMs, event.sourceBytes, event.destinationBytes, event.eventId]).toEqual([1_713_484_795_943, 360, 480, 'C1']);
    expect(event.destinationIps.map((ip) => ip.text)).toEqual(['93.184.216.34']);
  });

  it('maps orig_bytes/resp_bytes with payload bytes', () => {
    const event = eventOf(decode(CONN, 'payload'));
    expect([event.sourceBytes, event.destinationBytes]).toEqual([100, 200]);
  });

  it('reads underscored names', () => {
    const { 'id.orig_h': oh, 'id.orig_p': op, 'id.resp_h': rh, 'id.resp_p': rp, ...rest } = CONN;
    expect(eventOf(decode({ ...rest, id_orig_h: oh, id_orig_p: op, id_resp_h: rh, id_resp_p: rp })).fields).toEqual(EXPECTED_FIELDS);
  });

  it('reads nested names', () => {
    const { 'id.orig_h': oh, 'id.orig_p': op, 'id.resp_h': rh, 'id.resp_p': rp, ...rest } = CONN;
    expect(eventOf(decode({ ...rest, id: { orig_h: oh, orig_p: op, resp_h: rh, resp_p: rp } })).fields).toEqual(EXPECTED_FIELDS);
  });

  it('reads ts as epoch seconds, whole or with a fraction', () => {
    expect(eventOf(decode({ ...CONN, ts: 1713484795 })).timestampMs).toBe(1_713_484_795_000);
    expect(eventOf(decode({ ...CONN, ts: 1713484795.5 })).timestampMs).toBe(1_713_484_795_500);
  });

  it('reads ts as ISO text', () => {
    const event = eventOf(decode({ ...CONN, ts: '2024-04-18T23:59:55.943239Z' }));
    expect(event.timestampMs).toBe(1_713_484_795_943);
  });

  it('skips another log by _path, the rest of the input undecided', () => {
    expect(decode({ _path: 'dns', ts: 1713484795.0, uid: 'C2', query: 'example.com' })).toEqual({
      type: 'other',
      kind: 'zeek dns log',
      wholeInput: false,
    });
    expect(decode({ ...CONN, _path: 'ssl' })).toEqual({ type: 'other', kind: 'zeek ssl log', wholeInput: false });
  });

  it('recognises a record without _path as conn by its conn-only columns', () => {
    const { _path, ...noPath } = CONN;
    expect(eventOf(decode(noPath)).fields).toEqual(EXPECTED_FIELDS);
    expect(eventOf(decode({ ts: 1713484795, 'id.orig_h': '10.0.0.5', 'id.resp_h': '8.8.8.8', history: 'Sh' })).fields).toEqual({
      '@timestamp': 1_713_484_795_000,
      'source.ip': '10.0.0.5',
      'destination.ip': '8.8.8.8',
      'zeek.connection.history': 'Sh',
    });
    expect(decode({ ts: 1713484795, uid: 'C3', 'id.orig_h': '10.0.0.5', query: 'example.com' })).toEqual({
      type: 'other',
      kind: 'zeek non-conn log',
      wholeInput: false,
    });
  });

  it('leaves out null, -, (empty) and underscore-prefixed columns', () => {
    const event = eventOf(decode({ ...CONN, service: null, history: '-', tunnel_parents: '(empty)', _node_name: 'worker-1', _write_ts: 1 }));
    expect(event.fields).toEqual(EXPECTED_FIELDS);
  });

  it('reads counts given as digit strings', () => {
    expect(eventOf(decode({ ...CONN, orig_ip_bytes: '361' })).sourceBytes).toBe(361);
  });

  it('refuses bad values, naming the column', () => {
    expect(decode({ ...CONN, 'id.resp_h': '999.1.1.1' })).toEqual({
      type: 'bad',
      bad: { reason: 'invalid IP address', field: 'id.resp_h', detail: '999.1.1.1' },
    });
    expect(decode({ ...CONN, orig_ip_bytes: 'lots' })).toEqual({
      type: 'bad',
      bad: { reason: 'invalid number', field: 'orig_ip_bytes', detail: 'lots' },
    });
    expect(decode({ ...CONN, ts: 'noon' })).toEqual({ type: 'bad', bad: { reason: 'invalid timestamp', field: '@timestamp', detail: 'noon' } });
  });

  it('refuses lines that are not JSON objects, and skips blank ones', () => {
    expect(decode('')).toEqual({ type: 'none' });
    expect(decode('  ')).toEqual({ type: 'none' });
    expect(decode('{"ts":')).toEqual({ type: 'bad', bad: { reason: 'invalid JSON', detail: '{"ts":' } });
    expect(decode('[1]')).toEqual({ type: 'bad', bad: { reason: 'not a JSON object', detail: '[1]' } });
  });
});
