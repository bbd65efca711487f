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
  const fast = utcTimestamp(text);
  if (fast !== undefined) return fast;
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

const ZERO = 48;

/** The value of two ASCII digits at `at`, or NaN. */
function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - ZERO;
  const b = text.charCodeAt(at + 1) - ZERO;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The common shape, `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, read digit by digit
 * without a regular expression or a Date (most events are written so):
 * the same milliseconds as the general reading, or undefined for any other
 * shape, left to it.
 */
function utcTimestamp(text: string): number | undefined {
  const n = text.length;
  if (n < 20 || n > 30 || text.charCodeAt(n - 1) !== 90 /* Z */ || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  if (text.charCodeAt(10) !== 84 /* T */ || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  let ms = 0;
  if (n > 20) {
    // `.` then 1 to 9 digits: milliseconds are the first three, padded.
    if (text.charCodeAt(19) !== 46 || n === 21) return undefined;
    for (let at = 20; at < n - 1; at++) {
      const digit = text.charCodeAt(at) - ZERO;
      if (!(digit >= 0 && digit <= 9)) return undefined;
      if (at < 23) ms = ms * 10 + digit;
    }
    for (let at = Math.min(n - 1, 23); at < 23; at++) ms *= 10;
  }
  if (!(month >= 1 && month <= 12 && hour <= 23 && minute <= 59 && second <= 59 && day >= 1)) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number))) return undefined;
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + ms;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
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
