/**
 * One connection record after decoding, whatever its format: the fields the
 * statistics and the filters read, typed and checked, and the whole record
 * as ECS fields for grouping by any field.
 */
import type { IpAddress } from './ipAddress.js';

/**
 * Which of the filtered fields a source's records carry. Elastic Defend
 * records carry all three; Sysmon records a process and a category but not
 * Defend's `disconnect_received` action; network-sensor records (Zeek,
 * Suricata, flow exports) none. A filter on a field a source does not carry
 * does not apply to it (spec section 6).
 */
export interface CarriedFields {
  readonly category: boolean;
  readonly action: boolean;
  readonly process: boolean;
}

export const ENDPOINT_FIELDS: CarriedFields = Object.freeze({ category: true, action: true, process: true });
export const SENSOR_FIELDS: CarriedFields = Object.freeze({ category: false, action: false, process: false });

export interface NetworkEvent {
  /** `@timestamp` in epoch ms; the smallest value of a multi-valued field. */
  readonly timestampMs: number;
  /** `event.ingested` in epoch ms (the largest value), NaN when absent. */
  readonly ingestedMs: number;
  /** `source.bytes` (the smallest value, as `doc[...].value` reads), NaN when absent. */
  readonly sourceBytes: number;
  /** `destination.bytes`, likewise. */
  readonly destinationBytes: number;
  readonly sourceIps: readonly IpAddress[];
  /** Every `destination.ip` value, smallest first. */
  readonly destinationIps: readonly IpAddress[];
  readonly categories: readonly string[];
  readonly actions: readonly string[];
  readonly processNames: readonly string[];
  /** `event.id` (Zeek's `uid`), to count a repeated record once. */
  readonly eventId: string | undefined;
  /** The record as ECS fields, nested or dotted, for `--group-by`. */
  readonly fields: unknown;
}

/** Why a record could not be used; `field` names the culprit where there is one. */
export interface BadRecord {
  readonly reason: BadRecordReason;
  readonly field?: string;
  /** A short excerpt of the offending value or line. */
  readonly detail?: string;
}

export type BadRecordReason =
  | 'invalid JSON'
  | 'not a JSON object'
  | 'wrong number of columns'
  | 'invalid CSV'
  | 'invalid IP address'
  | 'invalid number'
  | 'invalid timestamp'
  | 'missing timestamp'
  | 'line outside a Zeek log header';

/** What a decoder makes of one line. */
export type DecodedLine =
  | { readonly type: 'event'; readonly event: NetworkEvent }
  | { readonly type: 'bad'; readonly bad: BadRecord }
  /** A header, a comment or an empty line: nothing to count. */
  | { readonly type: 'none' }
  /**
   * A record of another kind, skipped on purpose (e.g. a Zeek dns log);
   * `wholeInput` when the rest of the input is of that kind too.
   */
  | { readonly type: 'other'; readonly kind: string; readonly wholeInput: boolean };

/** Decodes the lines of one input, in order (decoders may keep header state). */
export interface LineDecoder {
  /** The filtered fields this input's records carry. */
  readonly carries: CarriedFields;
  decode(line: string): DecodedLine;
}

export const NO_EVENT: DecodedLine = Object.freeze({ type: 'none' });

export function badLine(reason: BadRecordReason, field?: string, detail?: string): DecodedLine {
  const bad: BadRecord = { reason, ...(field === undefined ? {} : { field }), ...(detail === undefined ? {} : { detail: excerpt(detail) }) };
  return { type: 'bad', bad };
}

function excerpt(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
