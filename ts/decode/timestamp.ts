/**
 * Event times as Elasticsearch's default `date` mapping reads them
 * (`strict_date_optional_time||epoch_millis`), to whole milliseconds.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses an ISO 8601 date-time (no offset: UTC; date only: midnight UTC;
 * fractions beyond milliseconds truncated) or epoch milliseconds given as a
 * number or a string of digits. Undefined when it is neither.
 */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.floor(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^-?\d{1,16}$/.test(text)) return Number(text);
  const m = ISO.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(Date.UTC(2000, 0, 1, hour, minute, second, Number(fraction.padEnd(3, '0').slice(0, 3))));
  // Date.UTC would read years 0 to 99 as 1900 to 1999: set the year itself.
  date.setUTCFullYear(year, month - 1, day);
  // 31 April rolls over to 1 May: refuse dates that do not exist.
  if (date.getUTCDate() !== day) return undefined;
  return date.getTime() - offsetMinutes(zone) * 60_000;
}

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}

/**
 * Parses epoch seconds with a decimal fraction (Zeek's `ts`, Suricata's
 * epoch fields) to milliseconds exactly, from the digits rather than through
 * a floating-point product. Undefined when malformed.
 */
export function parseEpochSeconds(text: string): number | undefined {
  const m = /^(-?)(\d{1,12})(?:\.(\d+))?$/.exec(text.trim());
  if (m === null) return undefined;
  const [, sign, whole, fraction = ''] = m;
  const ms = Number(whole) * 1000 + Number(fraction.padEnd(3, '0').slice(0, 3));
  // Truncation toward negative infinity keeps whole seconds what they were.
  return sign === '-' ? -ms - (/[1-9]/.test(fraction.slice(3)) ? 1 : 0) : ms;
}

/** ISO 8601 text of epoch milliseconds, always UTC with milliseconds. */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}
