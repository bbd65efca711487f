/**
 * Turns a document of ECS fields into a {@link NetworkEvent}, checking the
 * fields beaconwatch reads the way Elasticsearch's mapping would on
 * indexing: a document it would reject (a malformed IP, a non-numeric byte
 * count, an unparseable date) is a bad record here.
 *
 * Multi-valued fields follow the reference: numbers read by the scripts
 * (`source.bytes`, `destination.bytes`) take the smallest value, as
 * `doc[field].value` does; `@timestamp` takes the smallest value too;
 * `event.ingested` (only ever aggregated with `max`) the largest; filters
 * match if any value matches, as `terms` queries do.
 */
import { readField, type JsonPrimitive } from './fieldPath.js';
import { parseIp, compareIp, type IpAddress } from './ipAddress.js';
import { badLine, type BadRecordReason, type DecodedLine } from './networkEvent.js';
import { parseTimestamp } from './timestamp.js';

const EXACT_INTEGER = 2 ** 53;

/** Every field `eventFromEcs` reads (a reader that keeps only some fields must keep these). */
export const ECS_FIELDS_READ: readonly string[] = [
  '@timestamp',
  'event.ingested',
  'event.id',
  'event.category',
  'event.action',
  'process.name',
  'source.ip',
  'source.bytes',
  'destination.ip',
  'destination.bytes',
];

/**
 * `sourceNames` maps ECS fields back to the input's own names (a Zeek column,
 * a CSV header), so that a bad record names the field the user wrote.
 */
export function eventFromEcs(doc: object, sourceNames: Readonly<Record<string, string>> = {}): DecodedLine {
  return eventFromFields(doc, (field) => readField(doc, field), sourceNames);
}

/**
 * The same, from fields already picked out by their full names (the fast
 * ECS reading): a missing field is absent, an array its values.
 */
export function eventFromPickedFields(fields: Readonly<Record<string, JsonPrimitive | JsonPrimitive[]>>): DecodedLine {
  return eventFromFields(fields, (field) => {
    const value = fields[field];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  });
}

function eventFromFields(doc: object, readField: (field: string) => JsonPrimitive[], sourceNames: Readonly<Record<string, string>> = {}): DecodedLine {
  const bad = (reason: BadRecordReason, field: string, detail?: string) => badLine(reason, sourceNames[field] ?? field, detail);
  const timestamps = readField('@timestamp');
  if (timestamps.length === 0) return bad('missing timestamp', '@timestamp');
  let timestampMs = Infinity;
  for (const value of timestamps) {
    const ms = parseTimestamp(value);
    if (ms === undefined) return bad('invalid timestamp', '@timestamp', String(value));
    timestampMs = Math.min(timestampMs, ms);
  }

  let ingestedMs = NaN;
  for (const value of readField('event.ingested')) {
    const ms = parseTimestamp(value);
    if (ms === undefined) return bad('invalid timestamp', 'event.ingested', String(value));
    ingestedMs = Number.isNaN(ingestedMs) ? ms : Math.max(ingestedMs, ms);
  }

  const sourceBytes = smallestCount(readField('source.bytes'), 'source.bytes', bad);
  if (typeof sourceBytes === 'object') return sourceBytes;
  const destinationBytes = smallestCount(readField('destination.bytes'), 'destination.bytes', bad);
  if (typeof destinationBytes === 'object') return destinationBytes;
  const sourceIps = addresses(readField('source.ip'), 'source.ip', bad);
  if (!Array.isArray(sourceIps)) return sourceIps;
  const destinationIps = addresses(readField('destination.ip'), 'destination.ip', bad);
  if (!Array.isArray(destinationIps)) return destinationIps;
  destinationIps.sort(compareIp);

  const eventId = readField('event.id')[0];
  return {
    type: 'event',
    event: {
      timestampMs,
      ingestedMs,
      sourceBytes,
      destinationBytes,
      sourceIps,
      destinationIps,
      categories: readField('event.category').map(String),
      actions: readField('event.action').map(String),
      processNames: readField('process.name').map(String),
      eventId: eventId === undefined ? undefined : String(eventId),
      fields: doc,
    },
  };
}

/**
 * A `long` field: numbers or numeric strings, fractions truncated toward
 * zero (Elasticsearch's coercion); the smallest value; NaN when absent.
 */
type Bad = (reason: BadRecordReason, field: string, detail?: string) => DecodedLine;

function smallestCount(values: readonly JsonPrimitive[], field: string, bad: Bad): number | DecodedLine {
  let smallest = NaN;
  for (const value of values) {
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+(\.\d*)?\s*$/.test(value) ? Number(value) : NaN;
    if (!Number.isFinite(n) || Math.abs(n) > EXACT_INTEGER) return bad('invalid number', field, String(value));
    const whole = Math.trunc(n);
    smallest = Number.isNaN(smallest) ? whole : Math.min(smallest, whole);
  }
  return smallest;
}

function addresses(values: readonly JsonPrimitive[], field: string, bad: Bad): IpAddress[] | DecodedLine {
  const out: IpAddress[] = [];
  for (const value of values) {
    const ip = typeof value === 'string' ? parseIp(value) : undefined;
    if (ip === undefined) return bad('invalid IP address', field, String(value));
    out.push(ip);
  }
  return out;
}

