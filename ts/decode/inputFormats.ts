/**
 * The input formats beaconwatch reads, and how a file's first line tells
 * which one it is (`--format auto`).
 */
import type { CsvFieldMap } from './csvFieldMap.js';
import { CsvFlowDecoder } from './csvFlows.js';
import { EcsNdjsonDecoder } from './ecsNdjson.js';
import { readField } from './fieldPath.js';
import { parseJsonObjectLine } from './jsonLine.js';
import type { LineDecoder } from './networkEvent.js';
import { looksLikeEve, SuricataFlowDecoder } from './suricataFlow.js';
import { looksLikeWindowsEvent, SysmonNetworkDecoder } from './sysmonNetwork.js';
import { ZeekFieldMap, ZeekJsonDecoder, ZeekTsvDecoder, zeekColumnName, type ZeekBytes } from './zeekConn.js';

export type InputFormatName = 'ecs' | 'zeek' | 'suricata' | 'sysmon' | 'csv';

export interface DecodeOptions {
  /** Zeek byte counts: IP-level (default) or payload. */
  readonly zeekBytes: ZeekBytes;
  /** How to read CSV flow exports; without it, CSV is not read. */
  readonly fieldMap?: CsvFieldMap;
  /**
   * The fields read beyond the statistics' and filters' own (group fields):
   * Zeek's reader then keeps only those columns. Without it, records keep every field.
   */
  readonly fieldsRead?: readonly string[];
}

export interface InputFormat {
  readonly name: InputFormatName;
  /** What a file must look like, for the error listing the formats tried. */
  readonly looksLike: string;
  /** The default `--group-by` for inputs of this format. */
  defaultGroupBy(options: DecodeOptions): readonly string[];
  /** A decoder for a file whose first non-empty line is `firstLine`, or undefined when it is not this format. */
  decoderFor(firstLine: string, options: DecodeOptions): LineDecoder | undefined;
}

const HOST_PROCESS = ['host.name', 'process.name'] as const;
const SOURCE_DESTINATION = ['source.ip', 'destination.ip'] as const;

const ZEEK: InputFormat = {
  name: 'zeek',
  looksLike: 'Zeek conn.log: TSV with a #fields header, or JSON lines with id.orig_h',
  defaultGroupBy: () => SOURCE_DESTINATION,
  decoderFor(firstLine, options) {
    const fields = new ZeekFieldMap(options.zeekBytes);
    if (/^#(separator|fields|path|set_separator)\b/.test(firstLine)) {
      return new ZeekTsvDecoder(fields, options.fieldsRead === undefined ? undefined : new Set(options.fieldsRead));
    }
    const record = parseObject(firstLine);
    if (record === undefined) return undefined;
    const isZeek =
      '_path' in record ||
      Object.keys(record).some((k) => zeekColumnName(k) === 'id.orig_h') ||
      readField(record, 'id.orig_h').length > 0;
    return isZeek ? new ZeekJsonDecoder(fields) : undefined;
  },
};

const SURICATA: InputFormat = {
  name: 'suricata',
  looksLike: 'Suricata eve.json: JSON lines with event_type',
  defaultGroupBy: () => SOURCE_DESTINATION,
  decoderFor(firstLine) {
    const record = parseObject(firstLine);
    return record !== undefined && looksLikeEve(record) ? new SuricataFlowDecoder() : undefined;
  },
};

const SYSMON: InputFormat = {
  name: 'sysmon',
  looksLike: 'Windows event log JSON lines (EventID with Channel or SourceName, or winlogbeat winlog.*)',
  defaultGroupBy: () => HOST_PROCESS,
  decoderFor(firstLine) {
    const record = parseObject(firstLine);
    return record !== undefined && looksLikeWindowsEvent(record) ? new SysmonNetworkDecoder() : undefined;
  },
};

const CSV: InputFormat = {
  name: 'csv',
  looksLike: 'CSV with a header holding the columns of --field-map',
  defaultGroupBy: (options) => {
    const fields = options.fieldMap?.fields ?? {};
    return 'host.name' in fields && 'process.name' in fields ? HOST_PROCESS : SOURCE_DESTINATION;
  },
  decoderFor(firstLine, options) {
    const map = options.fieldMap;
    return map !== undefined && CsvFlowDecoder.missingColumns(map, firstLine).length === 0 ? new CsvFlowDecoder(map) : undefined;
  },
};

const ECS: InputFormat = {
  name: 'ecs',
  looksLike: 'ECS NDJSON: one JSON object per line with @timestamp',
  defaultGroupBy: () => HOST_PROCESS,
  decoderFor(firstLine) {
    const record = parseObject(firstLine);
    return record !== undefined && readField(record, '@timestamp').length > 0 ? new EcsNdjsonDecoder() : undefined;
  },
};

/**
 * In detection order: the more specific shapes first (winlogbeat and
 * Suricata records are JSON with `@timestamp` or `timestamp` too).
 */
export const INPUT_FORMATS: readonly InputFormat[] = [ZEEK, SURICATA, SYSMON, CSV, ECS];

export const FORMAT_NAMES: readonly InputFormatName[] = INPUT_FORMATS.map((f) => f.name);

export function formatByName(name: InputFormatName): InputFormat {
  return INPUT_FORMATS.find((f) => f.name === name) as InputFormat;
}

function parseObject(line: string): Record<string, unknown> | undefined {
  if (!line.trimStart().startsWith('{')) return undefined;
  const parsed = parseJsonObjectLine(line);
  return 'object' in parsed ? parsed.object : undefined;
}
