/**
 * Event times as Elasticsearch's default `date` mapping reads them
 * (`strict_date_optional_time||epoch_millis`), to whole milliseconds.
 */

const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/i;

/** The range of a JavaScript Date: later times could not be written back out. */
const MAX_TIME_MS = 8.64e15;

/**
 * Parses an ISO 8601 date-time (no offset: UTC; a date, year-month or year
 * alone: its first instant in UTC; fractions beyond milliseconds truncated)
 * or epoch milliseconds given as a number or a string of digits, the ISO
 * reading first as Elasticsearch tries it (so `2024` is a year). Undefined
 * when it is neither, or beyond the range of a date.
 */
export function parseTimestamp(value: unknown): number | undefined {
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? parseText(value.trim()) : undefined;
  return ms !== undefined && Number.isFinite(ms) && Math.abs(ms) <= MAX_TIME_MS ? Math.floor(ms) : undefined;
}

function parseText(text: string): number | undefined {
  const m = ISO.exec(text);
  if (m === null) return /^-?\d{1,16}$/.test(text) ? Number(text) : undefined;
  const [, y, mo = '1', d = '1', h = '0', mi = '0', s = '0', fraction = '', zone] = m;
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
  const offset = offsetMinutes(zone);
  return offset === undefined ? undefined : date.getTime() - offset * 60_000;
}

/** Minutes east of UTC; undefined past ±18:00 or for minutes above 59, as java.time's `ZoneOffset` refuses them. */
function offsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (minutes > 59 || hours * 60 + minutes > 18 * 60) return undefined;
  return sign * (hours * 60 + minutes);
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
  return sign === '-' && ms > 0 ? -ms - (/[1-9]/.test(fraction.slice(3)) ? 1 : 0) : ms;
}

/** ISO 8601 text of epoch milliseconds, always UTC with milliseconds. */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}
