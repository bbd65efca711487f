/**
 * The field map of a CSV flow export: which column holds the time (and in
 * what format) and which columns hold which ECS fields. A JSON file:
 *
 * ```json
 * {
 *   "delimiter": ",",
 *   "time": { "column": "StartTime", "format": "YYYY/MM/DD HH:mm:ss.SSS", "utc_offset": "+00:00" },
 *   "fields": { "source.ip": "SrcAddr", "destination.ip": "DstAddr",
 *               "source.bytes": "SrcBytes", "destination.bytes": "DstBytes",
 *               "host.name": "Sensor", "process.name": "Application" }
 * }
 * ```
 *
 * Time formats: `iso8601`, `epoch_seconds`, `epoch_millis`, or a pattern of
 * `YYYY MM DD HH mm ss` and `S` (fraction digits, any number), other
 * characters literal. `utc_offset` (default `+00:00`) applies to patterns.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { parseEpochSeconds, parseTimestamp } from './timestamp.js';

export interface CsvFieldMap {
  readonly file: string;
  /** The map as written, to read it again in another thread. */
  readonly json: unknown;
  readonly delimiter: string;
  readonly timeColumn: string;
  /** Parses a time cell to epoch ms, undefined when malformed. */
  readonly parseTime: (text: string) => number | undefined;
  /** ECS field -> column. */
  readonly fields: Readonly<Record<string, string>>;
}

const KEYS = ['delimiter', 'time', 'fields'];
const TIME_KEYS = ['column', 'format', 'utc_offset'];

export function loadCsvFieldMap(path: string): CsvFieldMap {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`cannot read the CSV field map (${(err as Error).message})`, 'field-map', path);
  }
  return parseCsvFieldMap(json, path);
}

export function parseCsvFieldMap(json: unknown, file: string): CsvFieldMap {
  const fail = (setting: string, message: string): never => {
    throw new ConfigError(message, setting, file);
  };
  if (!isObject(json)) return fail('field-map', 'the field map must be a JSON object');
  for (const key of Object.keys(json)) if (!KEYS.includes(key)) fail(key, `unknown key "${key}" (known: ${KEYS.join(', ')})`);
  const delimiter = json['delimiter'] ?? ',';
  if (typeof delimiter !== 'string' || delimiter === '' || delimiter.includes('"')) fail('delimiter', 'delimiter must be a non-empty string without quotes');
  const time = json['time'];
  if (!isObject(time)) return fail('time', 'time must be an object with column and format');
  for (const key of Object.keys(time)) if (!TIME_KEYS.includes(key)) fail(`time.${key}`, `unknown key "time.${key}" (known: ${TIME_KEYS.join(', ')})`);
  if (typeof time['column'] !== 'string' || time['column'] === '') fail('time.column', 'time.column must name the column holding the time');
  const fields = json['fields'];
  if (!isObject(fields)) return fail('fields', 'fields must map ECS field names to column names');
  for (const [field, column] of Object.entries(fields)) {
    if (typeof column !== 'string' || column === '') fail(`fields.${field}`, `fields.${field} must name a column`);
    if (field === '@timestamp') fail('fields.@timestamp', 'the time comes from "time", not from "fields"');
  }
  return {
    file,
    json,
    delimiter: delimiter as string,
    timeColumn: time['column'] as string,
    parseTime: timeParser(time['format'], time['utc_offset'], file),
    fields: fields as Record<string, string>,
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const PATTERN_TOKENS: readonly [string, string][] = [
  ['YYYY', '(?<year>\\d{4})'],
  ['MM', '(?<month>\\d{2})'],
  ['DD', '(?<day>\\d{2})'],
  ['HH', '(?<hour>\\d{2})'],
  ['mm', '(?<minute>\\d{2})'],
  ['ss', '(?<second>\\d{2})'],
];

function timeParser(format: unknown, offset: unknown, file: string): (text: string) => number | undefined {
  const fixed = ['iso8601', 'epoch_seconds', 'epoch_millis'];
  if (offset !== undefined && typeof format === 'string' && fixed.includes(format)) {
    // Those formats carry their own zone (or none: UTC); an offset would be silently ignored.
    throw new ConfigError(`time.utc_offset applies to time patterns only, not to ${format}`, 'time.utc_offset', file);
  }
  if (format === 'iso8601') return (t) => parseTimestamp(t);
  if (format === 'epoch_seconds') return (t) => parseEpochSeconds(t);
  if (format === 'epoch_millis') return (t) => (/^-?\d{1,16}$/.test(t.trim()) ? parseTimestamp(Number(t)) : undefined);
  if (typeof format !== 'string' || !format.includes('YYYY')) {
    throw new ConfigError('time.format must be iso8601, epoch_seconds, epoch_millis or a pattern such as "YYYY-MM-DD HH:mm:ss.SSS"', 'time.format', file);
  }
  const zone = offset ?? '+00:00';
  // The parser refuses offsets past ±18:00 (or minutes past 59): refuse them here, not on every line.
  if (typeof zone !== 'string' || !/^(Z|[+-]\d{2}:\d{2})$/.test(zone) || parseTimestamp(`2000-01-01T00:00:00${zone}`) === undefined) {
    throw new ConfigError('time.utc_offset must be Z or +HH:MM / -HH:MM, at most 18:00', 'time.utc_offset', file);
  }
  // A part given twice would make two regex groups of one name (a SyntaxError).
  const parts = new Set<string>();
  const once = (part: string) => {
    if (parts.has(part)) throw new ConfigError(`time.format gives ${part} more than once`, 'time.format', file);
    parts.add(part);
  };
  let source = '';
  for (let rest = format; rest.length > 0; ) {
    const token = PATTERN_TOKENS.find(([t]) => rest.startsWith(t));
    if (token !== undefined) {
      once(token[0]);
      source += token[1];
      rest = rest.slice(token[0].length);
    } else if (rest.startsWith('S')) {
      once('S');
      source += '(?<fraction>\\d+)';
      rest = rest.replace(/^S+/, '');
    } else {
      source += (rest[0] as string).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      rest = rest.slice(1);
    }
  }
  const pattern = new RegExp(`^${source}$`);
  // Rebuild the time as ISO 8601 and let one parser check and convert it.
  return (text) => {
    const g = pattern.exec(text.trim())?.groups;
    if (g === undefined) return undefined;
    const fraction = g['fraction'] === undefined ? '' : `.${g['fraction']}`;
    return parseTimestamp(`${g['year']}-${g['month'] ?? '01'}-${g['day'] ?? '01'}T${g['hour'] ?? '00'}:${g['minute'] ?? '00'}:${g['second'] ?? '00'}${fraction}${zone}`);
  };
}
