/** `ZeekTsvDecoder`: Zeek's TSV conn.log, columns named by its `#fields` header. */
import { describe, expect, it } from 'vitest';
import type { DecodedLine, NetworkEvent } from '../../ts/decode/networkEvent.js';
import { ZeekFieldMap, ZeekTsvDecoder, type ZeekBytes } from '../../ts/decode/zeekConn.js';

const CONN_FIELDS = [
  'ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'service', 'duration', 'orig_bytes', 'resp_bytes',
  'conn_state', 'local_orig', 'local_resp', 'missed_bytes', 'history', 'orig_pkts', 'orig_ip_bytes', 'resp_pkts', 'resp_ip_bytes',
  'tunnel_parents',
];

const HEADER = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tconn',
  '#open\t2024-04-19-00-00-00',
  `#fields\t${CONN_FIELDS.join('\t')}`,
  '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount' +
    '\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]',
];

const ROW = [
  '1713484795.943239', 'CAbc12', '10.0.0.5', '52344', '93.184.216.34', '443', 'tcp', 'ssl', '1.5', '100', '200',
  'SF', 'T', 'F', '0', 'ShADadFf', '5', '360', '4', '480', '(empty)',
];

/** A decoder that has read `header`, and its answers to `lines`. */
function decodeAll(lines: readonly string[], header: readonly string[] = HEADER, bytes: ZeekBytes = 'ip'): DecodedLine[] {
  const decoder = new ZeekTsvDecoder(new ZeekFieldMap(bytes));
  for (const line of header) expect(decoder.decode(line)).toEqual({ type: 'none' });
  return lines.map((line) => decoder.decode(line));
}

const decodeOne = (line: string, header?: readonly string[], bytes?: ZeekBytes) => decodeAll([line], header, bytes)[0] as DecodedLine;

function eventOf(line: DecodedLine): NetworkEvent {
  if (line.type !== 'event') throw new Error(`not an event: ${JSON.stringify(line)}`);
  return line.event;
}

/** ROW with some columns changed. */
function rowWith(changes: Readonly<Record<string, string>>): string {
  return ROW.map((v, i) => changes[CONN_FIELDS[i] as string] ?? v).join('\t');
}

describe('ZeekTsvDecoder.decode()', () => {
  it('decodes a conn.log row onto ECS, IP-level bytes by default', () => {
    const event = eventOf(decodeOne(ROW.join('\t')));
    expect(event).toMatchObject({
      timestampMs: 1_713_484_795_943,
      ingestedMs: NaN,
      sourceBytes: 360,
      destinationBytes: 480,
      categories: [],
      actions: [],
      processNames: [],
      eventId: 'CAbc12',
    });
    expect(event.sourceIps.map((ip) => ip.text)).toEqual(['10.0.0.5']);
    expect(event.destinationIps.map((ip) => ip.text)).toEqual(['93.184.216.34']);
    expect(event.fields).toEqual({
      '@timestamp': 1_713_484_795_943,
      'event.id': 'CAbc12',
      'source.ip': '10.0.0.5',
      'source.port': 52344,
      'destination.ip': '93.184.216.34',
      'destination.port': 443,
      'network.transport': 'tcp',
      'network.protocol': 'ssl',
      'zeek.connection.duration': '1.5',
      'zeek.connection.orig_bytes': 100,
      'zeek.connection.resp_bytes': 200,
      'zeek.connection.conn_state': 'SF',
      'zeek.connection.local_orig': 'T',
      'zeek.connection.local_resp': 'F',
      'zeek.connection.missed_bytes': 0,
      'zeek.connection.history': 'ShADadFf',
      'source.packets': 5,
      'source.bytes': 360,
      'destination.packets': 4,
      'destination.bytes': 480,
    });
  });

  it('maps orig_bytes/resp_bytes to source/destination.bytes with payload bytes', () => {
    const event = eventOf(decodeOne(ROW.join('\t'), HEADER, 'payload'));
    expect([event.sourceBytes, event.destinationBytes]).toEqual([100, 200]);
    expect(event.fields).toMatchObject({ 'zeek.connection.orig_ip_bytes': 360, 'zeek.connection.resp_ip_bytes': 480 });
  });

  it('reads - and (empty) as missing values', () => {
    const event = eventOf(decodeOne(rowWith({ service: '-', orig_ip_bytes: '-' })));
    expect(event.fields).not.toHaveProperty('network.protocol');
    expect(event.fields).not.toHaveProperty('zeek.connection.tunnel_parents');
    expect(event.sourceBytes).toBeNaN();
    const noDestination = eventOf(decodeOne(rowWith({ 'id.resp_h': '-' })));
    expect(noDestination.destinationIps).toEqual([]);
  });

  it('follows #unset_field and #empty_field', () => {
    const header = [...HEADER.slice(0, 2), '#empty_field\tNONE', '#unset_field\tNULL', ...HEADER.slice(4)];
    const event = eventOf(decodeOne(rowWith({ service: 'NULL', tunnel_parents: 'NONE' }), header));
    expect(event.fields).not.toHaveProperty('network.protocol');
    expect(event.fields).not.toHaveProperty('zeek.connection.tunnel_parents');
    // With other markers, `-` is a plain value.
    expect(eventOf(decodeOne(rowWith({ history: '-' }), header)).fields).toHaveProperty(['zeek.connection.history'], '-');
  });

  it('reads the #separator header, its value escaped as \\x09', () => {
    const header = ['#separator \\x2c', '#path,conn', '#fields,ts,uid,id.orig_h,id.resp_h,orig_ip_bytes,resp_ip_bytes'];
    const event = eventOf(decodeOne('1713484795.5,C1,10.0.0.5,8.8.8.8,60,70', header));
    expect([event.timestampMs, event.sourceBytes, event.destinationBytes, event.eventId]).toEqual([1_713_484_795_500, 60, 70, 'C1']);
  });

  it('takes extra columns in any position, an underscore-named one first', () => {
    const header = [
      '#separator \\x09',
      '#path\tconn',
      '#fields\t_node_name\tts\tuid\tid_orig_h\tid_orig_p\tid_resp_h\tid_resp_p\torig_ip_bytes\tresp_ip_bytes\tsite',
    ];
    const event = eventOf(decodeOne('worker-1\t1713484795.0\tC2\t10.0.0.5\t5000\t8.8.8.8\t53\t80\t120\tlab', header));
    expect(event.fields).toEqual({
      'zeek.connection._node_name': 'worker-1',
      '@timestamp': 1_713_484_795_000,
      'event.id': 'C2',
      'source.ip': '10.0.0.5',
      'source.port': 5000,
      'destination.ip': '8.8.8.8',
      'destination.port': 53,
      'source.bytes': 80,
      'destination.bytes': 120,
      'zeek.connection.site': 'lab',
    });
  });

  it('refuses a line with the wrong number of columns', () => {
    expect(decodeOne(`${ROW.join('\t')}\t`)).toEqual({
      type: 'bad',
      bad: { reason: 'wrong number of columns', detail: 'expected 21, got 22' },
    });
    expect(decodeOne(ROW.slice(0, 12).join('\t'))).toEqual({
      type: 'bad',
      bad: { reason: 'wrong number of columns', detail: 'expected 21, got 12' },
    });
  });

  it('refuses a bad address, naming the Zeek column', () => {
    expect(decodeOne(rowWith({ 'id.resp_h': '999.1.1.1' }))).toEqual({
      type: 'bad',
      bad: { reason: 'invalid IP address', field: 'id.resp_h', detail: '999.1.1.1' },
    });
    expect(decodeOne(rowWith({ 'id.orig_h': 'host-a' }))).toEqual({
      type: 'bad',
      bad: { reason: 'invalid IP address', field: 'id.orig_h', detail: 'host-a' },
    });
  });

  it('refuses counts that are not whole non-negative numbers', () => {
    const cases = [
      ['orig_ip_bytes', 'x'],
      ['resp_ip_bytes', '1.5'],
      ['orig_bytes', '-5'],
      ['id.resp_p', '443/tcp'],
      ['missed_bytes', '1e3'],
    ] as const;
    for (const [column, value] of cases) {
      expect(decodeOne(rowWith({ [column]: value }))).toEqual({
        type: 'bad',
        bad: { reason: 'invalid number', field: column, detail: value },
      });
    }
  });

  it('refuses a bad ts', () => {
    expect(decodeOne(rowWith({ ts: 'yesterday' }))).toEqual({
      type: 'bad',
      bad: { reason: 'invalid timestamp', field: 'ts', detail: 'yesterday' },
    });
  });

  it('refuses a data line before any #fields header', () => {
    expect(decodeOne(ROW.join('\t'), [])).toEqual({
      type: 'bad',
      bad: { reason: 'line outside a Zeek log header', detail: `${ROW.join('\t').slice(0, 57)}...` },
    });
    expect(decodeOne(ROW.join('\t'), ['#separator \\x09', '#path\tconn'])).toMatchObject({
      type: 'bad',
      bad: { reason: 'line outside a Zeek log header' },
    });
  });

  it('skips another log, saying the whole input is of that kind', () => {
    const header = ['#separator \\x09', '#path\tdns', '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tquery'];
    expect(decodeAll(['1713484795.0\tC3\t10.0.0.5\t5353\t8.8.8.8\t53\texample.com', 'anything at all'], header)).toEqual([
      { type: 'other', kind: 'zeek dns log', wholeInput: true },
      { type: 'other', kind: 'zeek dns log', wholeInput: true },
    ]);
  });

  it('reads a log without #path as conn', () => {
    const header = ['#fields\tts\tid.orig_h\tid.resp_h'];
    expect(eventOf(decodeOne('1713484795.0\t10.0.0.5\t8.8.8.8', header)).timestampMs).toBe(1_713_484_795_000);
  });

  it('makes nothing of header, comment and empty lines between rows', () => {
    expect(decodeAll(['', '#close\t2024-04-19-01-00-00', ROW.join('\t')]).map((l) => l.type)).toEqual(['none', 'none', 'event']);
  });
});
