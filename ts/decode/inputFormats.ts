/**
 * The input formats beaconwatch reads, and how a file's first line tells
 * which one it is (`--format auto`).
 */
import { EcsNdjsonDecoder } from './ecsNdjson.js';
import { readField } from './fieldPath.js';
import { parseJsonObjectLine } from './jsonLine.js';
import type { LineDecoder } from './networkEvent.js';
import { ZeekFieldMap, ZeekJsonDecoder, ZeekTsvDecoder, zeekColumnName, type ZeekBytes } from './zeekConn.js';

export type InputFormatName = 'ecs' | 'zeek';

export const FORMAT_NAMES: readonly InputFormatName[] = ['ecs', 'zeek'];

export interface DecodeOptions {
  /** Zeek byte counts: IP-level (default) or payload. */
  readonly zeekBytes: ZeekBytes;
}

export interface InputFormat {
  readonly name: InputFormatName;
  /** What a file must look like, for the error listing the formats tried. */
  readonly looksLike: string;
  /** The default `--group-by` for inputs of this format. */
  readonly defaultGroupBy: readonly string[];
  /** A decoder for a file whose first non-empty line is `firstLine`, or undefined when it is not this format. */
  decoderFor(firstLine: string, options: DecodeOptions): LineDecoder | undefined;
}

const ZEEK: InputFormat = {
  name: 'zeek',
  looksLike: 'Zeek conn.log: TSV with a #fields header, or JSON lines with id.orig_h',
  defaultGroupBy: ['source.ip', 'destination.ip'],
  decoderFor(firstLine, options) {
    const fields = new ZeekFieldMap(options.zeekBytes);
    if (/^#(separator|fields|path|set_separator)\b/.test(firstLine)) return new ZeekTsvDecoder(fields);
    const record = parseObject(firstLine);
    if (record === undefined) return undefined;
    const isZeek =
      '_path' in record ||
      Object.keys(record).some((k) => zeekColumnName(k) === 'id.orig_h') ||
      readField(record, 'id.orig_h').length > 0;
    return isZeek ? new ZeekJsonDecoder(fields) : undefined;
  },
};

const ECS: InputFormat = {
  name: 'ecs',
  looksLike: 'ECS NDJSON: one JSON object per line with @timestamp',
  defaultGroupBy: ['host.name', 'process.name'],
  decoderFor(firstLine) {
    const record = parseObject(firstLine);
    return record !== undefined && readField(record, '@timestamp').length > 0 ? new EcsNdjsonDecoder() : undefined;
  },
};

/** In detection order: the more specific shapes first. */
export const INPUT_FORMATS: readonly InputFormat[] = [ZEEK, ECS];

export function formatByName(name: InputFormatName): InputFormat {
  return INPUT_FORMATS.find((f) => f.name === name) as InputFormat;
}

function parseObject(line: string): Record<string, unknown> | undefined {
  if (!line.trimStart().startsWith('{')) return undefined;
  const parsed = parseJsonObjectLine(line);
  return 'object' in parsed ? parsed.object : undefined;
}
