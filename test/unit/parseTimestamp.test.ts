/** `parseTimestamp`: `strict_date_optional_time||epoch_millis`, to whole milliseconds. */
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../ts/decode/timestamp.js';

/** 2024-04-18T23:59:55Z (`date -u -d .. +%s`). */
const T = 1_713_484_795_000;
const HOUR = 3_600_000;

describe('parseTimestamp()', () => {
  it('reads UTC with Z, upper or lower case', () => {
    expect(parseTimestamp('2024-04-18T23:59:55Z')).toBe(T);
    expect(parseTimestamp('2024-04-18t23:59:55z')).toBe(T);
  });

  it('reads a time without an offset as UTC', () => {
    expect(parseTimestamp('2024-04-18T23:59:55')).toBe(T);
    expect(parseTimestamp('2024-04-18 23:59:55')).toBe(T);
  });

  it('subtracts a positive offset and adds a negative one', () => {
    // 12:30 at +02:00 is 10:30Z; 12:30 at -04:00 is 16:30Z.
    expect(parseTimestamp('2024-04-19T12:30:00+02:00')).toBe(1_713_522_600_000);
    expect(parseTimestamp('2024-04-19T12:30:00-04:00')).toBe(1_713_544_200_000);
    expect(parseTimestamp('2024-04-19T12:30:00-0400')).toBe(1_713_544_200_000);
    expect(parseTimestamp('2024-04-19T12:30:00+02')).toBe(1_713_522_600_000);
    expect(parseTimestamp('2024-04-19T12:30:00+00:00')).toBe(1_713_529_800_000);
    expect(parseTimestamp('2024-04-19T12:30:00+05:30')).toBe(1_713_529_800_000 - 5.5 * HOUR);
  });

  it('accepts offsets up to ±18:00 and refuses any beyond, or minutes above 59', () => {
    expect(parseTimestamp('2024-04-19T12:30:00+18:00')).toBe(1_713_529_800_000 - 18 * HOUR);
    expect(parseTimestamp('2024-04-19T12:30:00-18:00')).toBe(1_713_529_800_000 + 18 * HOUR);
    expect(parseTimestamp('2024-04-19T12:30:00+17:59')).toBe(1_713_529_800_000 - 18 * HOUR + 60_000);
    expect(parseTimestamp('2024-04-19T12:30:00+18:01')).toBeUndefined();
    expect(parseTimestamp('2024-04-19T12:30:00-19')).toBeUndefined();
    expect(parseTimestamp('2024-04-19T12:30:00+99:99')).toBeUndefined();
    expect(parseTimestamp('2024-04-19T12:30:00+02:60')).toBeUndefined();
  });

  it('crosses the date line with the offset', () => {
    expect(parseTimestamp('2024-04-19T01:59:55+02:00')).toBe(T);
  });

  it('reads a date alone as midnight UTC', () => {
    expect(parseTimestamp('2024-04-19')).toBe(1_713_484_800_000);
  });

  it('reads a time without seconds', () => {
    expect(parseTimestamp('2024-04-19T12:30')).toBe(1_713_529_800_000);
  });

  it('truncates fractions of 1 to 9 digits to milliseconds', () => {
    expect(parseTimestamp('2024-04-18T23:59:55.9Z')).toBe(T + 900);
    expect(parseTimestamp('2024-04-18T23:59:55.94Z')).toBe(T + 940);
    expect(parseTimestamp('2024-04-18T23:59:55.943Z')).toBe(T + 943);
    expect(parseTimestamp('2024-04-18T23:59:55.943239Z')).toBe(T + 943);
    expect(parseTimestamp('2024-04-18T23:59:55.999999999Z')).toBe(T + 999);
    expect(parseTimestamp('2024-04-18T23:59:55,5Z')).toBe(T + 500);
    expect(parseTimestamp('2024-04-18T23:59:55.0000000001Z')).toBeUndefined();
    expect(parseTimestamp('2024-04-18T23:59:55.Z')).toBeUndefined();
  });

  it('reads epoch milliseconds given as a number, rounded down', () => {
    expect(parseTimestamp(T + 943)).toBe(T + 943);
    expect(parseTimestamp(0)).toBe(0);
    expect(parseTimestamp(1.9)).toBe(1);
    expect(parseTimestamp(-1.5)).toBe(-2);
  });

  it('refuses numbers that are not finite', () => {
    expect(parseTimestamp(NaN)).toBeUndefined();
    expect(parseTimestamp(Infinity)).toBeUndefined();
    expect(parseTimestamp(-Infinity)).toBeUndefined();
  });

  it('reads epoch milliseconds given as a string of digits', () => {
    expect(parseTimestamp('1713484795943')).toBe(T + 943);
    expect(parseTimestamp(' 1713484795943 ')).toBe(T + 943);
    expect(parseTimestamp('-1000')).toBe(-1000);
    // Up to the last instant a Date can hold, which must be writable back out.
    expect(parseTimestamp('8640000000000000')).toBe(8.64e15);
    expect(parseTimestamp('8640000000000001')).toBeUndefined();
    expect(parseTimestamp(-8.64e15 - 1)).toBeUndefined();
    expect(parseTimestamp('10000000000000000')).toBeUndefined();
  });

  it('reads four digits as a year and a year-month as its first day, as the ISO form comes first', () => {
    expect(parseTimestamp('2024')).toBe(Date.UTC(2024, 0, 1));
    expect(parseTimestamp('2024-04')).toBe(Date.UTC(2024, 3, 1));
    expect(parseTimestamp('2024-13')).toBeUndefined();
    expect(parseTimestamp('20240')).toBe(20240);
  });

  it('accepts leap days only in leap years', () => {
    expect(parseTimestamp('2024-02-29')).toBe(1_709_164_800_000);
    expect(parseTimestamp('2000-02-29')).toBe(951_782_400_000);
    expect(parseTimestamp('2023-02-29')).toBeUndefined();
    expect(parseTimestamp('1900-02-29')).toBeUndefined();
  });

  it('refuses dates that do not exist', () => {
    for (const bad of ['2024-02-30', '2024-04-31', '2024-13-01', '2024-00-10', '2024-01-00', '2024-01-32']) {
      expect(parseTimestamp(bad), bad).toBeUndefined();
    }
  });

  it('refuses hour 24, minute 60 and second 60', () => {
    expect(parseTimestamp('2024-01-01T24:00:00Z')).toBeUndefined();
    expect(parseTimestamp('2024-01-01T23:60:00Z')).toBeUndefined();
    expect(parseTimestamp('2024-01-01T23:59:60Z')).toBeUndefined();
    expect(parseTimestamp('2024-01-01T23:59:59Z')).toBe(1_704_153_599_000);
  });

  it('reads the years 0 to 99 as themselves, not as 1900 to 1999', () => {
    expect(parseTimestamp('0050-06-15T00:00:00Z')).toBe(-60_575_040_000_000);
    expect(parseTimestamp('0001-01-01')).toBe(-62_135_596_800_000);
    expect(parseTimestamp('0004-02-29')).toBe(Date.parse('0004-02-29T00:00:00.000Z'));
    expect(parseTimestamp('0001-02-29')).toBeUndefined();
  });

  it('reads the last day of year 9999', () => {
    expect(parseTimestamp('9999-12-31T23:59:59.999Z')).toBe(253_402_300_799_999);
  });

  it('refuses garbage and values of other types', () => {
    const garbage = ['', 'garbage', '2024-1-01', '24-01-01', '2024/01/01', '2024-01-01T', '2024-01-01T12', '2024-01-01Tx'];
    for (const bad of [...garbage, '2024-01-01T12:30:00+2', '12.5']) {
      expect(parseTimestamp(bad), bad).toBeUndefined();
    }
    for (const bad of [null, undefined, true, {}, [], [T]]) expect(parseTimestamp(bad)).toBeUndefined();
  });
});
