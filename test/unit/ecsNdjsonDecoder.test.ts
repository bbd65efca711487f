/** `EcsNdjsonDecoder`: one ECS JSON object per line. */
import { describe, expect, it } from 'vitest';
import { EcsNdjsonDecoder } from '../../ts/decode/ecsNdjson.js';

const decode = (line: string) => new EcsNdjsonDecoder().decode(line);

describe('EcsNdjsonDecoder.decode()', () => {
  it('makes nothing of a blank line', () => {
    expect(decode('')).toEqual({ type: 'none' });
    expect(decode('   \t')).toEqual({ type: 'none' });
  });

  it('decodes one object into an event', () => {
    const line = decode('{"@timestamp":"2024-04-18T23:59:55Z","host":{"name":"a"},"destination.ip":"8.8.8.8"}');
    expect(line.type).toBe('event');
    if (line.type !== 'event') return;
    expect(line.event.timestampMs).toBe(1_713_484_795_000);
    expect(line.event.destinationIps.map((ip) => ip.text)).toEqual(['8.8.8.8']);
    expect(line.event.fields).toEqual({ '@timestamp': '2024-04-18T23:59:55Z', host: { name: 'a' }, 'destination.ip': '8.8.8.8' });
  });

  it('tolerates surrounding blanks and a carriage return', () => {
    expect(decode('  {"@timestamp":0}\r').type).toBe('event');
  });

  it('reports invalid JSON with the line', () => {
    expect(decode('{"@timestamp":')).toEqual({ type: 'bad', bad: { reason: 'invalid JSON', detail: '{"@timestamp":' } });
    expect(decode("{'a':1}")).toEqual({ type: 'bad', bad: { reason: 'invalid JSON', detail: "{'a':1}" } });
  });

  it('refuses JSON that is not an object', () => {
    for (const line of ['[1,2]', '42', '"text"', 'null', 'true', '[]']) {
      expect(decode(line), line).toEqual({ type: 'bad', bad: { reason: 'not a JSON object', detail: line } });
    }
  });

  it('passes the bad records of the ECS fields on', () => {
    expect(decode('{"host":{"name":"a"}}')).toEqual({ type: 'bad', bad: { reason: 'missing timestamp', field: '@timestamp' } });
    expect(decode('{"@timestamp":0,"source.bytes":"many"}')).toEqual({
      type: 'bad',
      bad: { reason: 'invalid number', field: 'source.bytes', detail: 'many' },
    });
  });
});
