/** `formatTimestamp`: epoch milliseconds as ISO 8601 UTC text with milliseconds. */
import { describe, expect, it } from 'vitest';
import { formatTimestamp, parseTimestamp } from '../../ts/decode/timestamp.js';

describe('formatTimestamp()', () => {
  it('writes the epoch', () => {
    expect(formatTimestamp(0)).toBe('1970-01-01T00:00:00.000Z');
  });

  it('always writes milliseconds and Z', () => {
    expect(formatTimestamp(1_713_484_795_943)).toBe('2024-04-18T23:59:55.943Z');
    expect(formatTimestamp(1_713_484_795_000)).toBe('2024-04-18T23:59:55.000Z');
  });

  it('writes times before the epoch', () => {
    expect(formatTimestamp(-1)).toBe('1969-12-31T23:59:59.999Z');
  });

  it('writes the ends of the Date range with expanded years', () => {
    expect(formatTimestamp(8.64e15)).toBe('+275760-09-13T00:00:00.000Z');
    expect(formatTimestamp(-62_135_596_800_000)).toBe('0001-01-01T00:00:00.000Z');
  });

  it('round-trips through parseTimestamp', () => {
    for (const ms of [0, 1_713_484_795_943, -1, 253_402_300_799_999, -60_575_040_000_000]) {
      expect(parseTimestamp(formatTimestamp(ms))).toBe(ms);
    }
  });

  it('throws on a time that is not one', () => {
    expect(() => formatTimestamp(NaN)).toThrow(RangeError);
    expect(() => formatTimestamp(8.64e15 + 1)).toThrow(RangeError);
  });
});
