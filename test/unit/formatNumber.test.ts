/** `formatNumber`: numbers in explanations, for people. */
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../ts/explain/formatNumber.js';

describe('formatNumber()', () => {
  it('writes whole numbers in full, with separators', () => {
    expect([0, 7, 2048, 1_234_567, -360].map(formatNumber)).toEqual(['0', '7', '2,048', '1,234,567', '-360']);
  });

  it('writes other numbers to four significant digits, trailing zeros dropped', () => {
    expect([0.7071067811865476, 0.05, 25.6, 3.14159, 102.4, 0.1 + 0.2, -0.5].map(formatNumber)).toEqual(['0.7071', '0.05', '25.6', '3.142', '102.4', '0.3', '-0.5']);
  });

  it('keeps one decimal for large fractions, exponents for tiny ones', () => {
    expect([1234.56, 98765.4321].map(formatNumber)).toEqual(['1,234.6', '98,765.4']);
    expect([1.5e-9, 2e-7].map(formatNumber)).toEqual(['1.5e-9', '2e-7']);
  });

  it('writes the non-finite as JavaScript does', () => {
    expect([NaN, Infinity, -Infinity].map(formatNumber)).toEqual(['NaN', 'Infinity', '-Infinity']);
  });
});
