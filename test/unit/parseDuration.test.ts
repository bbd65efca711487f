/** `parseDuration`: `90s`, `30m`, `1h`, `1d`, `250ms` or plain seconds, to milliseconds. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../ts/errors.js';
import { parseDuration } from '../../ts/window/duration.js';

describe('parseDuration()', () => {
  it('reads each unit', () => {
    expect(parseDuration('250ms', 'every')).toBe(250);
    expect(parseDuration('90s', 'every')).toBe(90_000);
    expect(parseDuration('30m', 'every')).toBe(1_800_000);
    expect(parseDuration('1h', 'every')).toBe(3_600_000);
    expect(parseDuration('1d', 'every')).toBe(86_400_000);
  });

  it('reads a plain number as seconds', () => {
    expect(parseDuration('90', 'every')).toBe(90_000);
    expect(parseDuration('1', 'every')).toBe(1000);
  });

  it('reads fractions that come to whole milliseconds', () => {
    expect(parseDuration('1.5s', 'every')).toBe(1500);
    expect(parseDuration('0.5m', 'every')).toBe(30_000);
    expect(parseDuration('0.001', 'every')).toBe(1);
  });

  it('trims surrounding blanks', () => {
    expect(parseDuration(' 2h\n', 'every')).toBe(7_200_000);
  });

  it('reads huge durations', () => {
    expect(parseDuration('100000d', 'every')).toBe(8_640_000_000_000);
  });

  it('refuses zero', () => {
    for (const zero of ['0', '0s', '0ms', '0.0h']) expect(() => parseDuration(zero, 'every'), zero).toThrow(ConfigError);
  });

  it('refuses fractions of a millisecond', () => {
    for (const text of ['1.5ms', '0.0001s', '0.0005']) expect(() => parseDuration(text, 'every'), text).toThrow(ConfigError);
  });

  it('refuses other spellings, naming the setting and the text', () => {
    for (const text of ['', 'abc', '-1s', '1w', '1 h', '1H', '1e3s', '.5s', '5.s', 's', '1h30m']) {
      let caught: unknown;
      try {
        parseDuration(text, 'lookback');
      } catch (err) {
        caught = err;
      }
      expect(caught, text).toBeInstanceOf(ConfigError);
      expect((caught as ConfigError).setting).toBe('lookback');
      expect((caught as ConfigError).message).toBe(`lookback must be a duration such as 90s, 30m, 1h or 1d (got "${text}")`);
    }
  });
});
