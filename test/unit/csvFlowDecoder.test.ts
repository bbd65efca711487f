/** `CsvFlowDecoder`: CSV flow exports with a header line, read through a field map. */
import { describe, expect, it } from 'vitest';
import { parseCsvFieldMap, type CsvFieldMap } from '../../ts/decode/csvFieldMap.js';
import { CsvFlowDecoder } from '../../ts/decode/csvFlows.js';
import type { DecodedLine, NetworkEvent } from '../../ts/decode/networkEvent.js';

const HEADER = 'StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,SrcBytes,DstBytes,Host,Program';

const COLUMNS = HEADER.split(',');

const ROW: Readonly<Record<string, string>> = {
  StartTime: '2024/04/19 10:00:00.123456',
  Dur: '0.2',
  Proto: 'tcp',
  SrcAddr: '10.0.0.5',
  Sport: '52344',
  Dir: '->',
  DstAddr: '93.184.216.34',
  Dport: '443',
  SrcBytes: '360',
  DstBytes: '480',
  Host: 'ws-01',
  Program: '"chrome.exe"',
};

/** The row with some cells changed, joined by `delimiter`. */
const rowWith = (changes: Readonly<Record<string, string>> = {}, delimiter = ','): string =>
  COLUMNS.map((c) => changes[c] ?? (ROW[c] as string)).join(delimiter);

const ARGUS_FIELDS = {
  'source.ip': 'SrcAddr',
  'source.port': 'Sport',
  'destination.ip': 'DstAddr',
  'destination.port': 'Dport',
  'source.bytes': 'SrcBytes',
  'destination.bytes': 'DstBytes',
  'network.transport': 'Proto',
  'host.name': 'Host',
  'process.name': 'Program',
};

const mapOf = (fields: Record<string, string> = ARGUS_FIELDS, extra: Record<string, unknown> = {}): CsvFieldMap =>
  parseCsvFieldMap({ time: { column: 'StartTime', format: 'YYYY/MM/DD HH:mm:ss.SSSSSS', utc_offset: '+02:00' }, fields, ...extra }, 'argus.json');

/** A decoder that has read `header`, and its answers to `lines`. */
function decodeAll(lines: readonly string[], map: CsvFieldMap = mapOf(), header = HEADER): DecodedLine[] {
  const decoder = new CsvFlowDecoder(map);
  expect(decoder.decode(header)).toEqual({ type: 'none' });
  return lines.map((line) => decoder.decode(line));
}

const decodeOne = (line: string, map?: CsvFieldMap, header?: string) => decodeAll([line], map, header)[0] as DecodedLine;

function eventOf(line: DecodedLine): NetworkEvent {
  if (line.type !== 'event') throw new Error(`not an event: ${JSON.stringify(line)}`);
  return line.event;
}

/** 10:00:00.123 at UTC+02:00. */
const ROW_MS = Date.UTC(2024, 3, 19, 8, 0, 0, 123);

describe('CsvFlowDecoder.decode()', () => {
  it('consumes the header line, giving nothing to count', () => {
    const decoder = new CsvFlowDecoder(mapOf());
    expect(decoder.decode(HEADER)).toEqual({ type: 'none' });
    // The next line is data, not another header.
    expect(decoder.decode(rowWith()).type).toBe('event');
  });

  it('skips blank lines before and after the header', () => {
    const decoder = new CsvFlowDecoder(mapOf());
    expect(decoder.decode('')).toEqual({ type: 'none' });
    expect(decoder.decode('   ')).toEqual({ type: 'none' });
    expect(decoder.decode(HEADER)).toEqual({ type: 'none' });
    expect(decoder.decode('')).toEqual({ type: 'none' });
    expect(eventOf(decoder.decode(rowWith())).timestampMs).toBe(ROW_MS);
  });

  it('makes the mapped cells ECS fields and ignores unmapped columns', () => {
    const event = eventOf(decodeOne(rowWith()));
    expect(event).toMatchObject({
      timestampMs: ROW_MS,
      ingestedMs: NaN,
      sourceBytes: 360,
      destinationBytes: 480,
      categories: [],
      actions: [],
      processNames: ['chrome.exe'],
      eventId: undefined,
    });
    expect(event.sourceIps.map((ip) => ip.text)).toEqual(['10.0.0.5']);
    expect(event.destinationIps.map((ip) => ip.text)).toEqual(['93.184.216.34']);
    // No Dur or Dir: they are not mapped.
    expect(event.fields).toEqual({
      '@timestamp': ROW_MS,
      'source.ip': '10.0.0.5',
      'source.port': '52344',
      'destination.ip': '93.184.216.34',
      'destination.port': '443',
      'source.bytes': '360',
      'destination.bytes': '480',
      'network.transport': 'tcp',
      'host.name': 'ws-01',
      'process.name': 'chrome.exe',
    });
  });

  it('finds columns by header name, whatever their order and blanks', () => {
    const header = ' Host , SrcAddr,DstAddr ,StartTime,SrcBytes,DstBytes';
    const map = mapOf({ 'host.name': 'Host', 'source.ip': 'SrcAddr', 'destination.ip': 'DstAddr', 'source.bytes': 'SrcBytes', 'destination.bytes': 'DstBytes' });
    const event = eventOf(decodeOne(' ws-02 , 10.0.0.7,10.0.0.8 ,2024/04/19 10:00:00.5,  12 ,0', map, header));
    expect(event.timestampMs).toBe(Date.UTC(2024, 3, 19, 8, 0, 0, 500));
    expect([event.sourceBytes, event.destinationBytes]).toEqual([12, 0]);
    expect(event.fields).toEqual({
      '@timestamp': Date.UTC(2024, 3, 19, 8, 0, 0, 500),
      'host.name': 'ws-02',
      'source.ip': '10.0.0.7',
      'destination.ip': '10.0.0.8',
      'source.bytes': '12',
      'destination.bytes': '0',
    });
  });

  it('reads quoted cells holding the delimiter', () => {
    const event = eventOf(decodeOne(rowWith({ Program: '"My App, ""beta"".exe"', Host: '"ws,01"' })));
    expect(event.processNames).toEqual(['My App, "beta".exe']);
    expect((event.fields as Record<string, unknown>)['host.name']).toBe('ws,01');
  });

  it('reads the map delimiter: tabs and several characters', () => {
    const tab = mapOf(ARGUS_FIELDS, { delimiter: '\t' });
    expect(eventOf(decodeOne(rowWith({}, '\t'), tab, COLUMNS.join('\t'))).sourceBytes).toBe(360);
    const pipes = mapOf(ARGUS_FIELDS, { delimiter: '||' });
    const event = eventOf(decodeOne(rowWith({}, '||'), pipes, COLUMNS.join('||')));
    expect([event.timestampMs, event.destinationBytes, event.destinationIps[0]?.text]).toEqual([ROW_MS, 480, '93.184.216.34']);
  });

  it('takes `-` and empty cells as missing', () => {
    const event = eventOf(decodeOne(rowWith({ SrcBytes: '-', DstBytes: '', DstAddr: ' - ', Program: '""', Host: '  ' })));
    expect(event.sourceBytes).toBeNaN();
    expect(event.destinationBytes).toBeNaN();
    expect(event.destinationIps).toEqual([]);
    expect(event.processNames).toEqual([]);
    expect(event.fields).toEqual({
      '@timestamp': ROW_MS,
      'source.ip': '10.0.0.5',
      'source.port': '52344',
      'destination.port': '443',
      'network.transport': 'tcp',
    });
  });

  it('fills every field mapped to the same column', () => {
    const map = mapOf({ ...ARGUS_FIELDS, 'observer.hostname': 'Host', 'host.name': 'Host' });
    const fields = eventOf(decodeOne(rowWith(), map)).fields as Record<string, unknown>;
    expect([fields['host.name'], fields['observer.hostname']]).toEqual(['ws-01', 'ws-01']);
  });

  it('can map the time column to another field too', () => {
    const map = mapOf({ 'event.start': 'StartTime', 'source.ip': 'SrcAddr' });
    expect(eventOf(decodeOne(rowWith(), map)).fields).toEqual({
      '@timestamp': ROW_MS,
      'event.start': '2024/04/19 10:00:00.123456',
      'source.ip': '10.0.0.5',
    });
  });

  it('reads event.id and the filtered fields when they are mapped', () => {
    const header = 'ts,id,src,dst,cat,act';
    const map = parseCsvFieldMap(
      {
        time: { column: 'ts', format: 'epoch_seconds' },
        fields: { 'event.id': 'id', 'source.ip': 'src', 'destination.ip': 'dst', 'event.category': 'cat', 'event.action': 'act' },
      },
      'm.json',
    );
    const event = eventOf(decodeOne('1713484795.943239,F1,10.0.0.1,2001:DB8::1,network,connection_attempted', map, header));
    expect(event).toMatchObject({
      timestampMs: 1_713_484_795_943,
      eventId: 'F1',
      categories: ['network'],
      actions: ['connection_attempted'],
      processNames: [],
    });
    expect(event.destinationIps.map((ip) => ip.text)).toEqual(['2001:db8::1']);
  });

  it('refuses a line with the wrong number of columns', () => {
    const short = COLUMNS.slice(0, -1).map((c) => ROW[c]).join(',');
    expect(decodeOne(short)).toEqual({ type: 'bad', bad: { reason: 'wrong number of columns', detail: 'expected 12, got 11' } });
    expect(decodeOne(`${rowWith()},extra`)).toEqual({ type: 'bad', bad: { reason: 'wrong number of columns', detail: 'expected 12, got 13' } });
    // A trailing delimiter is one more (empty) cell.
    expect(decodeOne(`${rowWith()},`)).toEqual({ type: 'bad', bad: { reason: 'wrong number of columns', detail: 'expected 12, got 13' } });
  });

  it('refuses a line with a quote left open', () => {
    const map = mapOf({ 'source.ip': 'src' });
    expect(decodeOne('2024/04/19 10:00:00.1,"10.0.0.1', map, 'StartTime,src')).toEqual({
      type: 'bad',
      bad: { reason: 'invalid CSV', detail: '2024/04/19 10:00:00.1,"10.0.0.1' },
    });
  });

  it('shortens the line an invalid CSV record quotes', () => {
    const line = `2024/04/19 10:00:00.1,"${'x'.repeat(80)}`;
    expect(decodeOne(line, mapOf({ 'source.ip': 'src' }), 'StartTime,src')).toEqual({
      type: 'bad',
      bad: { reason: 'invalid CSV', detail: `${line.slice(0, 57)}...` },
    });
  });

  it('refuses a bad time, naming the time column', () => {
    for (const time of ['yesterday', '', '-', '2024/04/19 10:00:00', '2023/02/29 10:00:00.1']) {
      expect(decodeOne(rowWith({ StartTime: time })), time).toEqual({
        type: 'bad',
        bad: { reason: 'invalid timestamp', field: 'StartTime', detail: time },
      });
    }
  });

  it('refuses a bad IP address, naming the CSV column, not the ECS field', () => {
    expect(decodeOne(rowWith({ SrcAddr: '10.0.0.256' }))).toEqual({
      type: 'bad',
      bad: { reason: 'invalid IP address', field: 'SrcAddr', detail: '10.0.0.256' },
    });
    expect(decodeOne(rowWith({ DstAddr: 'example.com' }))).toEqual({
      type: 'bad',
      bad: { reason: 'invalid IP address', field: 'DstAddr', detail: 'example.com' },
    });
  });

  it('refuses bad byte counts, naming the CSV column', () => {
    expect(decodeOne(rowWith({ SrcBytes: '12kB' }))).toEqual({
      type: 'bad',
      bad: { reason: 'invalid number', field: 'SrcBytes', detail: '12kB' },
    });
    expect(decodeOne(rowWith({ DstBytes: '1e3' }))).toEqual({
      type: 'bad',
      bad: { reason: 'invalid number', field: 'DstBytes', detail: '1e3' },
    });
  });

  it('truncates fractional byte counts, as Elasticsearch coerces a long', () => {
    const event = eventOf(decodeOne(rowWith({ SrcBytes: '360.9', DstBytes: '0.5' })));
    expect([event.sourceBytes, event.destinationBytes]).toEqual([360, 0]);
  });
});

describe('CsvFlowDecoder.carries', () => {
  it('carries the process when process.name is mapped', () => {
    expect(new CsvFlowDecoder(mapOf()).carries).toEqual({ category: false, action: false, process: true });
  });

  it('carries nothing for a sensor-style map', () => {
    expect(new CsvFlowDecoder(mapOf({ 'source.ip': 'SrcAddr', 'destination.ip': 'DstAddr' })).carries).toEqual({
      category: false,
      action: false,
      process: false,
    });
  });

  it('carries the category and the action when they are mapped', () => {
    expect(new CsvFlowDecoder(mapOf({ 'event.category': 'Cat', 'event.action': 'Act' })).carries).toEqual({
      category: true,
      action: true,
      process: false,
    });
  });
});

describe('CsvFlowDecoder.missingColumns()', () => {
  const map = mapOf();

  it('is empty for a header holding every mapped column', () => {
    expect(CsvFlowDecoder.missingColumns(map, HEADER)).toEqual([]);
    expect(CsvFlowDecoder.missingColumns(map, `Extra,${HEADER},More`)).toEqual([]);
  });

  it('trims header names and reads quoted ones', () => {
    const header = COLUMNS.map((c, i) => (i % 2 === 0 ? ` ${c} ` : `"${c}"`)).join(',');
    expect(CsvFlowDecoder.missingColumns(map, header)).toEqual([]);
  });

  it('lists the missing columns in map order, the time column first', () => {
    expect(CsvFlowDecoder.missingColumns(map, 'Dur,SrcAddr,DstAddr,SrcBytes,DstBytes,Host')).toEqual(['StartTime', 'Sport', 'Dport', 'Proto', 'Program']);
    expect(CsvFlowDecoder.missingColumns(map, HEADER.replace('Program', 'Application'))).toEqual(['Program']);
  });

  it('matches names exactly, case included', () => {
    expect(CsvFlowDecoder.missingColumns(map, HEADER.replace('SrcAddr', 'srcaddr'))).toEqual(['SrcAddr']);
  });

  it('splits on the map delimiter', () => {
    expect(CsvFlowDecoder.missingColumns(mapOf(ARGUS_FIELDS, { delimiter: ';' }), COLUMNS.join(';'))).toEqual([]);
    expect(CsvFlowDecoder.missingColumns(mapOf({ 'source.ip': 'SrcAddr' }, { delimiter: ';' }), 'StartTime,SrcAddr')).toEqual(['StartTime', 'SrcAddr']);
  });

  it('lists every column for a header that is not valid CSV', () => {
    expect(CsvFlowDecoder.missingColumns(mapOf({ 'source.ip': 'SrcAddr' }), 'StartTime,"SrcAddr')).toEqual(['StartTime', 'SrcAddr']);
  });

  it('lists a column once, however many fields it fills', () => {
    const shared = mapOf({ 'event.start': 'StartTime', 'host.name': 'Host', 'observer.hostname': 'Host' });
    expect(CsvFlowDecoder.missingColumns(shared, 'Dur')).toEqual(['StartTime', 'Host']);
  });
});
