/** `INPUT_FORMATS`: which format a file's first line says it is (`--format auto`). */
import { describe, expect, it } from 'vitest';
import { EcsNdjsonDecoder } from '../../ts/decode/ecsNdjson.js';
import { formatByName, INPUT_FORMATS, type InputFormatName, type DecodeOptions } from '../../ts/decode/inputFormats.js';
import { ZeekJsonDecoder, ZeekTsvDecoder } from '../../ts/decode/zeekConn.js';

const OPTIONS: DecodeOptions = { zeekBytes: 'ip' };

/** The first format, in detection order, that takes the line, and its decoder. */
function detect(firstLine: string, options: DecodeOptions = OPTIONS) {
  for (const format of INPUT_FORMATS) {
    const decoder = format.decoderFor(firstLine, options);
    if (decoder !== undefined) return { name: format.name, decoder };
  }
  return undefined;
}

describe('INPUT_FORMATS', () => {
  it('tries the specific shapes before plain ECS', () => {
    expect(INPUT_FORMATS.map((f) => f.name)).toEqual(['zeek', 'suricata', 'sysmon', 'csv', 'ecs']);
  });

  it('knows each format by name, with its default grouping', () => {
    const grouping = (name: InputFormatName) => formatByName(name).defaultGroupBy({ zeekBytes: 'ip' });
    expect(grouping('zeek')).toEqual(['source.ip', 'destination.ip']);
    expect(grouping('suricata')).toEqual(['source.ip', 'destination.ip']);
    expect(grouping('sysmon')).toEqual(['host.name', 'process.name']);
    expect(grouping('csv')).toEqual(['source.ip', 'destination.ip']);
    expect(grouping('ecs')).toEqual(['host.name', 'process.name']);
  });

  it('detects Zeek TSV by its header lines', () => {
    for (const line of ['#separator \\x09', '#fields\tts\tuid', '#path\tconn', '#set_separator\t,']) {
      const found = detect(line);
      expect(found?.name, line).toBe('zeek');
      expect(found?.decoder).toBeInstanceOf(ZeekTsvDecoder);
    }
  });

  it('does not take other comment lines or a bare TSV row for Zeek', () => {
    for (const line of ['#open\t2024-04-19-00-00-00', '#separatorx', '# comment', 'ts\tuid\tid.orig_h', '1713484795.0\tC1\t10.0.0.1']) {
      expect(detect(line), line).toBeUndefined();
    }
  });

  it('detects Zeek JSON by _path or an id.orig_h spelled any way', () => {
    for (const line of [
      '{"_path":"conn","ts":1}',
      '{"_path":"dns"}',
      '{"ts":1,"id.orig_h":"10.0.0.1"}',
      '{"ts":1,"id_orig_h":"10.0.0.1"}',
      '{"ts":1,"id":{"orig_h":"10.0.0.1"}}',
    ]) {
      const found = detect(line);
      expect(found?.name, line).toBe('zeek');
      expect(found?.decoder).toBeInstanceOf(ZeekJsonDecoder);
    }
  });

  it('prefers Zeek JSON to ECS when a line could be both', () => {
    expect(detect('{"@timestamp":"2024-04-19T00:00:00Z","id.orig_h":"10.0.0.1"}')?.name).toBe('zeek');
  });

  it('detects ECS by @timestamp, dotted or nested', () => {
    for (const line of ['{"@timestamp":"2024-04-19T00:00:00Z"}', '  {"@timestamp":0,"host":{"name":"a"}}']) {
      const found = detect(line);
      expect(found?.name, line).toBe('ecs');
      expect(found?.decoder).toBeInstanceOf(EcsNdjsonDecoder);
    }
  });

  it('leaves a line that matches no format undecided', () => {
    for (const line of ['', 'hello', '{}', '{"message":"x"}', '{"@timestamp":null}', '[{"@timestamp":0}]', '{"@timestamp":', '42', 'null']) {
      expect(detect(line), line).toBeUndefined();
    }
  });

  it('hands the Zeek byte choice to the decoder', () => {
    const header = [
      '#separator \\x09',
      '#path\tconn',
      '#fields\tts\tid.orig_h\tid.resp_h\torig_bytes\tresp_bytes\torig_ip_bytes\tresp_ip_bytes',
    ];
    const row = '1713484795.0\t10.0.0.1\t8.8.8.8\t1\t2\t41\t42';
    for (const [zeekBytes, expected] of [['ip', [41, 42]], ['payload', [1, 2]]] as const) {
      const decoder = formatByName('zeek').decoderFor(header[0] as string, { zeekBytes });
      if (decoder === undefined) throw new Error('not detected');
      for (const line of header) decoder.decode(line);
      const decoded = decoder.decode(row);
      if (decoded.type !== 'event') throw new Error(decoded.type);
      expect([decoded.event.sourceBytes, decoded.event.destinationBytes]).toEqual(expected);
    }
  });

  it('lets each format refuse the other one\'s lines', () => {
    expect(formatByName('ecs').decoderFor('#fields\tts', OPTIONS)).toBeUndefined();
    expect(formatByName('zeek').decoderFor('{"@timestamp":0}', OPTIONS)).toBeUndefined();
  });
});
