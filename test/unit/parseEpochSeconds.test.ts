/** `parseEpochSeconds`: Zeek's `ts`, to milliseconds from the digits. */
import { describe, expect, it } from 'vitest';
import { parseEpochSeconds } from '../../ts/decode/timestamp.js';

describe('parseEpochSeconds()', () => {
  it('keeps the first three digits of the fraction exactly', () => {
    expect(parseEpochSeconds('1713484795.943239')).toBe(1_713_484_795_943);
    expect(parseEpochSeconds('1713484795.9')).toBe(1_713_484_795_900);
    expect(parseEpochSeconds('1713484795.000999')).toBe(1_713_484_795_000);
  });

  it('reads digits where a floating-point product would round wrong', () => {
    // 1.005 * 1000 is 1004.9999999999999.
    expect(parseEpochSeconds('1.005')).toBe(1005);
    expect(parseEpochSeconds('0.001')).toBe(1);
  });

  it('reads whole seconds without a fraction', () => {
    expect(parseEpochSeconds('1713484795')).toBe(1_713_484_795_000);
    expect(parseEpochSeconds('0')).toBe(0);
    expect(parseEpochSeconds('0.0')).toBe(0);
  });

  it('rounds negative times down, toward negative infinity', () => {
    expect(parseEpochSeconds('-1')).toBe(-1000);
    expect(parseEpochSeconds('-1.5')).toBe(-1500);
    expect(parseEpochSeconds('-0.5')).toBe(-500);
    expect(parseEpochSeconds('-1.000')).toBe(-1000);
    // -1.0009 s is -1000.9 ms: -1001.
    expect(parseEpochSeconds('-1.0009')).toBe(-1001);
    expect(parseEpochSeconds('-1.0001')).toBe(-1001);
    expect(parseEpochSeconds('-1.0000')).toBe(-1000);
  });

  it('reads up to 12 digits of seconds exactly', () => {
    expect(parseEpochSeconds('999999999999.999')).toBe(999_999_999_999_999);
    expect(parseEpochSeconds('1234567890123')).toBeUndefined();
  });

  it('trims surrounding blanks', () => {
    expect(parseEpochSeconds(' 12.5\t')).toBe(12_500);
  });

  it('refuses anything but digits with one optional fraction', () => {
    for (const bad of ['', '-', 'abc', '1.', '.5', '1e9', '1,5', '+1', '12.3.4', '0x10', '1 2', 'NaN']) {
      expect(parseEpochSeconds(bad), bad).toBeUndefined();
    }
  });
});
