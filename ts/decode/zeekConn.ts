/**
 * Zeek `conn.log`, as TSV (columns named by its `#fields` header, whatever
 * extra columns a site adds) or as JSON lines, mapped onto ECS the way
 * Elastic's Zeek integration maps it:
 *
 * | Zeek | ECS |
 * |---|---|
 * | `ts` | `@timestamp` |
 * | `uid` | `event.id` (a repeated uid is counted once) |
 * | `id.orig_h`, `id.orig_p` | `source.ip`, `source.port` |
 * | `id.resp_h`, `id.resp_p` | `destination.ip`, `destination.port` |
 * | `orig_ip_bytes`, `resp_ip_bytes` | `source.bytes`, `destination.bytes` (default) |
 * | `orig_bytes`, `resp_bytes` | `source.bytes`, `destination.bytes` (with payload bytes) |
 * | `orig_pkts`, `resp_pkts` | `source.packets`, `destination.packets` |
 * | `proto`, `service` | `network.transport`, `network.protocol` |
 * | `orig_l2_addr`, `resp_l2_addr` | `source.mac`, `destination.mac` |
 * | `community_id` | `network.community_id` |
 * | any other column `x` | `zeek.connection.x` |
 *
 * `-` (unset) and `(empty)` are missing values. Names written with `_` for
 * `.` (`id_orig_h`) are read as their dotted form. Other Zeek logs (http,
 * dns, ssl, ...) are recognised and skipped.
 */
import { ECS_FIELDS_READ, eventFromEcs, eventFromPickedFields } from './ecsFields.js';
import type { JsonPrimitive } from './fieldPath.js';
import { parseIp } from './ipAddress.js';
import { parseJsonObjectLine } from './jsonLine.js';
import { badLine, NO_EVENT, SENSOR_FIELDS, type DecodedLine, type LineDecoder } from './networkEvent.js';
import { parseEpochSeconds } from './timestamp.js';

/** Which byte counts become `source.bytes` / `destination.bytes`. */
export type ZeekBytes = 'ip' | 'payload';

const FIXED_NAMES: Readonly<Record<string, string>> = {
  ts: '@timestamp',
  uid: 'event.id',
  'id.orig_h': 'source.ip',
  'id.orig_p': 'source.port',
  'id.resp_h': 'destination.ip',
  'id.resp_p': 'destination.port',
  proto: 'network.transport',
  service: 'network.protocol',
  orig_pkts: 'source.packets',
  resp_pkts: 'destination.packets',
  orig_l2_addr: 'source.mac',
  resp_l2_addr: 'destination.mac',
  community_id: 'network.community_id',
};

const BYTE_NAMES: Readonly<Record<ZeekBytes, Readonly<Record<string, string>>>> = {
  ip: { orig_ip_bytes: 'source.bytes', resp_ip_bytes: 'destination.bytes' },
  payload: { orig_bytes: 'source.bytes', resp_bytes: 'destination.bytes' },
};

const ADDRESS_COLUMNS = new Set(['id.orig_h', 'id.resp_h']);
const COUNT_COLUMNS = new Set(['id.orig_p', 'id.resp_p', 'orig_bytes', 'resp_bytes', 'orig_ip_bytes', 'resp_ip_bytes', 'orig_pkts', 'resp_pkts', 'missed_bytes']);

/** Columns only a conn log has: how a JSON record without `_path` is recognised. */
const CONN_ONLY_COLUMNS = ['conn_state', 'orig_ip_bytes', 'resp_ip_bytes', 'orig_bytes', 'resp_bytes', 'history'];

/** `id_orig_h` -> `id.orig_h`: the one place Zeek itself writes dotted names. */
export function zeekColumnName(name: string): string {
  return /^id_(orig|resp)_[hp]$/.test(name) ? `id.${name.slice(3)}` : name;
}

/** Maps Zeek columns to ECS fields for one choice of byte counts. */
export class ZeekFieldMap {
  private readonly names: Readonly<Record<string, string>>;

  constructor(bytes: ZeekBytes) {
    this.names = { ...FIXED_NAMES, ...BYTE_NAMES[bytes] };
  }

  ecsName(column: string): string {
    // Own keys only: a site's column named `constructor` is not Object's.
    return Object.hasOwn(this.names, column) ? (this.names[column] as string) : `zeek.connection.${column}`;
  }
}

/**
 * Converts one column's text into its ECS value, or a bad line naming the
 * column. `undefined` for a missing value.
 */
function convert(column: string, text: string): unknown {
  if (column === 'ts') {
    const ms = parseEpochSeconds(text);
    return ms ?? badLine('invalid timestamp', column, text);
  }
  if (ADDRESS_COLUMNS.has(column)) {
    return parseIp(text)?.text ?? badLine('invalid IP address', column, text);
  }
  if (COUNT_COLUMNS.has(column)) {
    return /^\d{1,16}$/.test(text) ? Number(text) : badLine('invalid number', column, text);
  }
  return text;
}

function isBad(value: unknown): value is DecodedLine {
  return typeof value === 'object' && value !== null && (value as DecodedLine).type === 'bad';
}

/** Zeek's TSV: header lines set the separator, the fields and the log's path. */
export class ZeekTsvDecoder implements LineDecoder {
  readonly carries = SENSOR_FIELDS;
  private separator = '\t';
  private unset = '-';
  private empty = '(empty)';
  private path: string | undefined;
  private columns: string[] | undefined;
  private ecsNames: string[] = [];
  /** Per column: whether its value goes into the event (every column is still checked). */
  private kept: boolean[] = [];

  /** `fieldsRead`: the ECS fields the scan reads besides ECS_FIELDS_READ; none: keep every column. */
  constructor(
    private readonly fieldMap: ZeekFieldMap,
    private readonly fieldsRead?: ReadonlySet<string>,
  ) {}

  decode(line: string): DecodedLine {
    if (line.startsWith('#')) {
      this.header(line);
      return NO_EVENT;
    }
    if (line === '') return NO_EVENT;
    if (this.columns === undefined) return badLine('line outside a Zeek log header', undefined, line);
    // A TSV file is one log: its #path header speaks for every line after it.
    if (this.path !== undefined && this.path !== 'conn') return { type: 'other', kind: `zeek ${this.path} log`, wholeInput: true };
    const values = line.split(this.separator);
    if (values.length !== this.columns.length) {
      return badLine('wrong number of columns', undefined, `expected ${this.columns.length}, got ${values.length}`);
    }
    const doc: Record<string, unknown> = {};
    for (let i = 0; i < values.length; i++) {
      const text = values[i] as string;
      if (text === this.unset || text === this.empty || text === '') continue;
      const value = convert(this.columns[i] as string, text);
      if (isBad(value)) return value;
      if (this.kept[i] === true) doc[this.ecsNames[i] as string] = value;
    }
    return eventFromPickedFields(doc as Record<string, JsonPrimitive>);
  }

  private header(line: string): void {
    if (line.startsWith('#separator')) {
      // The one header written with a space, its value escaped: `\x09`.
      const raw = line.slice('#separator'.length).trim();
      this.separator = raw.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      return;
    }
    const [directive, ...rest] = line.split(this.separator);
    switch (directive) {
      case '#unset_field':
        this.unset = rest[0] ?? this.unset;
        break;
      case '#empty_field':
        this.empty = rest[0] ?? this.empty;
        break;
      case '#path':
        this.path = rest[0];
        break;
      case '#fields':
        this.columns = rest.map(zeekColumnName);
        this.ecsNames = this.columns.map((c) => this.fieldMap.ecsName(c));
        this.kept = this.ecsNames.map((name) => this.fieldsRead === undefined || this.fieldsRead.has(name) || ECS_FIELDS_READ.includes(name));
        break;
      default:
      // #set_separator, #open, #close, #types: nothing we need.
    }
  }
}

/** Zeek's JSON writer: one object per line, names dotted, underscored or nested. */
export class ZeekJsonDecoder implements LineDecoder {
  readonly carries = SENSOR_FIELDS;

  constructor(private readonly fieldMap: ZeekFieldMap) {}

  decode(line: string): DecodedLine {
    if (line.trim() === '') return NO_EVENT;
    const parsed = parseJsonObjectLine(line);
    if ('bad' in parsed) return parsed.bad;
    const flat = flatten(parsed.object);
    const path = flat.get('_path');
    if (path !== undefined ? path !== 'conn' : !CONN_ONLY_COLUMNS.some((c) => flat.has(c))) {
      return { type: 'other', kind: `zeek ${typeof path === 'string' ? path : 'non-conn'} log`, wholeInput: false };
    }
    const doc: Record<string, unknown> = {};
    for (const [column, value] of flat) {
      if (value === null || value === '-' || value === '(empty)' || column.startsWith('_')) continue;
      const converted = typeof value === 'string' || typeof value === 'number' ? convertJson(column, value) : value;
      if (isBad(converted)) return converted;
      doc[this.fieldMap.ecsName(column)] = converted;
    }
    return eventFromEcs(doc);
  }
}

/** JSON values: numbers are already numbers, except that `ts` may be ISO text. */
function convertJson(column: string, value: string | number): unknown {
  if (column === 'ts') return typeof value === 'number' ? convert(column, String(value)) : value;
  return typeof value === 'number' ? value : convert(column, value);
}

/** `{"id":{"orig_h":..}}` and `{"id_orig_h":..}` both become `id.orig_h`. */
function flatten(record: Record<string, unknown>): Map<string, unknown> {
  const flat = new Map<string, unknown>();
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [inner, v] of Object.entries(value as Record<string, unknown>)) flat.set(`${key}.${inner}`, v);
    } else {
      flat.set(zeekColumnName(key), value);
    }
  }
  return flat;
}
