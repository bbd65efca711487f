/** `eventFromEcs`: an ECS document checked and typed the way the index mapping would. */
import { describe, expect, it } from 'vitest';
import { eventFromEcs } from '../../ts/decode/ecsFields.js';
import type { BadRecord, DecodedLine, NetworkEvent } from '../../ts/decode/networkEvent.js';

const T = 1_713_484_795_000; // 2024-04-18T23:59:55Z

function eventOf(doc: object): NetworkEvent {
  const line = eventFromEcs(doc);
  if (line.type !== 'event') throw new Error(`not an event: ${JSON.stringify(line)}`);
  return line.event;
}

function badOf(line: DecodedLine): BadRecord {
  if (line.type !== 'bad') throw new Error(`not a bad record: ${line.type}`);
  return line.bad;
}

const texts = (ips: readonly { text: string }[]) => ips.map((ip) => ip.text);

describe('eventFromEcs()', () => {
  it('reads a minimal document, every other field absent', () => {
    const doc = { '@timestamp': '2024-04-18T23:59:55Z' };
    const event = eventOf(doc);
    expect(event).toEqual({
      timestampMs: T,
      ingestedMs: NaN,
      sourceBytes: NaN,
      destinationBytes: NaN,
      sourceIps: [],
      destinationIps: [],
      categories: [],
      actions: [],
      processNames: [],
      eventId: undefined,
      fields: doc,
    });
    expect(event.fields).toBe(doc);
  });

  it('reads a full Elastic Defend document', () => {
    const event = eventOf({
      '@timestamp': '2024-04-18T23:59:55.943Z',
      event: { ingested: '2024-04-18T23:59:57Z', category: ['network'], action: 'disconnect_received', id: 'e1' },
      host: { name: 'ws-1' },
      process: { name: 'beacon.exe' },
      source: { ip: '10.0.0.5', bytes: 360 },
      destination: { ip: '93.184.216.34', bytes: 480 },
    });
    expect(event).toMatchObject({
      timestampMs: T + 943,
      ingestedMs: T + 2000,
      sourceBytes: 360,
      destinationBytes: 480,
      categories: ['network'],
      actions: ['disconnect_received'],
      processNames: ['beacon.exe'],
      eventId: 'e1',
    });
    expect(texts(event.sourceIps)).toEqual(['10.0.0.5']);
    expect(texts(event.destinationIps)).toEqual(['93.184.216.34']);
  });

  it('takes the smallest @timestamp and the largest event.ingested', () => {
    const event = eventOf({
      '@timestamp': ['2024-04-18T23:59:57Z', '2024-04-18T23:59:55Z', '2024-04-18T23:59:56Z'],
      'event.ingested': ['2024-04-18T23:59:58Z', '2024-04-18T23:59:59Z', '2024-04-18T23:59:57Z'],
    });
    expect(event.timestampMs).toBe(T);
    expect(event.ingestedMs).toBe(T + 4000);
  });

  it('reads epoch milliseconds in @timestamp', () => {
    expect(eventOf({ '@timestamp': T }).timestampMs).toBe(T);
    expect(eventOf({ '@timestamp': String(T) }).timestampMs).toBe(T);
  });

  it('takes the smallest of multi-valued byte counts', () => {
    const event = eventOf({ '@timestamp': T, source: { bytes: [300, 100, 200] }, destination: { bytes: [7, -2] } });
    expect([event.sourceBytes, event.destinationBytes]).toEqual([100, -2]);
  });

  it('coerces numeric strings and truncates fractions toward zero', () => {
    const event = (bytes: unknown) => eventOf({ '@timestamp': T, 'source.bytes': bytes }).sourceBytes;
    expect(event('1500')).toBe(1500);
    expect(event(' 42 ')).toBe(42);
    expect(event('12.9')).toBe(12);
    expect(event('12.')).toBe(12);
    expect(event(12.9)).toBe(12);
    expect(event(-3.5)).toBe(-3);
    expect(event(0)).toBe(0);
    expect(event(2 ** 53)).toBe(2 ** 53);
  });

  it('refuses a byte count that is not a number, naming the field', () => {
    expect(badOf(eventFromEcs({ '@timestamp': T, 'source.bytes': 'abc' }))).toEqual({
      reason: 'invalid number',
      field: 'source.bytes',
      detail: 'abc',
    });
    expect(badOf(eventFromEcs({ '@timestamp': T, destination: { bytes: [1, true] } }))).toEqual({
      reason: 'invalid number',
      field: 'destination.bytes',
      detail: 'true',
    });
    for (const bad of ['1e3', '0x10', '', '12 13', 2 ** 53 + 2, 1e300]) {
      expect(badOf(eventFromEcs({ '@timestamp': T, 'source.bytes': bad })).field, String(bad)).toBe('source.bytes');
    }
  });

  it('sorts destination IPs smallest first, by their 128 bits', () => {
    const event = eventOf({ '@timestamp': T, destination: { ip: ['10.0.0.2', '2001:db8::1', '9.0.0.1', '::1'] } });
    expect(texts(event.destinationIps)).toEqual(['::1', '9.0.0.1', '10.0.0.2', '2001:db8::1']);
  });

  it('keeps source IPs in document order, canonical text', () => {
    const event = eventOf({ '@timestamp': T, 'source.ip': ['::ffff:10.0.0.2', '10.0.0.1', 'FE80::1'] });
    expect(texts(event.sourceIps)).toEqual(['10.0.0.2', '10.0.0.1', 'fe80::1']);
  });

  it('refuses a malformed IP address, naming the field', () => {
    expect(badOf(eventFromEcs({ '@timestamp': T, destination: { ip: '10.0.0.256' } }))).toEqual({
      reason: 'invalid IP address',
      field: 'destination.ip',
      detail: '10.0.0.256',
    });
    expect(badOf(eventFromEcs({ '@timestamp': T, source: { ip: ['10.0.0.1', 'host-a'] } }))).toEqual({
      reason: 'invalid IP address',
      field: 'source.ip',
      detail: 'host-a',
    });
    // A number is not an IP address, even one that spells 10.0.0.1.
    expect(badOf(eventFromEcs({ '@timestamp': T, 'source.ip': 167772161 })).field).toBe('source.ip');
  });

  it('reports a missing @timestamp', () => {
    expect(badOf(eventFromEcs({}))).toEqual({ reason: 'missing timestamp', field: '@timestamp' });
    expect(badOf(eventFromEcs({ '@timestamp': null }))).toEqual({ reason: 'missing timestamp', field: '@timestamp' });
    expect(badOf(eventFromEcs({ '@timestamp': [] }))).toEqual({ reason: 'missing timestamp', field: '@timestamp' });
  });

  it('refuses an invalid @timestamp or event.ingested, naming the field', () => {
    expect(badOf(eventFromEcs({ '@timestamp': '2024-02-30' }))).toEqual({
      reason: 'invalid timestamp',
      field: '@timestamp',
      detail: '2024-02-30',
    });
    expect(badOf(eventFromEcs({ '@timestamp': [T, 'soon'] }))).toEqual({ reason: 'invalid timestamp', field: '@timestamp', detail: 'soon' });
    expect(badOf(eventFromEcs({ '@timestamp': T, event: { ingested: false } }))).toEqual({
      reason: 'invalid timestamp',
      field: 'event.ingested',
      detail: 'false',
    });
  });

  it('reports the first bad field in reading order', () => {
    const doc = { '@timestamp': T, 'source.bytes': 'x', 'destination.bytes': 'y', 'source.ip': 'z', 'destination.ip': 'w' };
    expect(badOf(eventFromEcs(doc)).field).toBe('source.bytes');
    expect(badOf(eventFromEcs({ ...doc, 'source.bytes': 1 })).field).toBe('destination.bytes');
    expect(badOf(eventFromEcs({ ...doc, 'source.bytes': 1, 'destination.bytes': 1 })).field).toBe('source.ip');
  });

  it('shortens a long offending value to 60 characters', () => {
    const long = 'x'.repeat(100);
    expect(badOf(eventFromEcs({ '@timestamp': T, 'source.ip': long })).detail).toBe(`${'x'.repeat(57)}...`);
    const sixty = 'y'.repeat(60);
    expect(badOf(eventFromEcs({ '@timestamp': T, 'source.ip': sixty })).detail).toBe(sixty);
  });

  it('reads keyword fields as text, every value', () => {
    const event = eventOf({
      '@timestamp': T,
      event: { category: ['network', 'process'], action: ['a', 'b'], id: 7 },
      'process.name': [1, 'p'],
    });
    expect(event.categories).toEqual(['network', 'process']);
    expect(event.actions).toEqual(['a', 'b']);
    expect(event.processNames).toEqual(['1', 'p']);
    expect(event.eventId).toBe('7');
  });
});
