/**
 * The digit-by-digit reading of `YYYY-MM-DDTHH:MM:SS[.f]Z` must give what
 * the general reading gives: checked against Date over random instants and
 * every fraction length, and on the impossible dates it must refuse.
 */
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../ts/decode/timestamp.js';
import { SeededRandom } from '../support/seededRandom.js';

describe('parseTimestamp() on the common UTC shape', () => {
  it('matches Date.parse for random instants from 1000 to 9999 with 0 to 9 fraction digits', () => {
    const r = new SeededRandom(11);
    for (let k = 0; k < 20_000; k++) {
      const ms = Math.floor(Date.UTC(1000, 0, 1) + r.next() * (Date.UTC(9999, 11, 31) - Date.UTC(1000, 0, 1)));
      const iso = new Date(ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
      const digits = r.below(10);
      const extra = '987654'.slice(0, Math.max(0, digits - 3));
      const text = digits === 0 ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 20 + Math.min(digits, 3))}${extra}Z`;
      const expected = digits === 0 ? Math.floor(ms / 1000) * 1000 : Math.floor(ms / 10 ** (3 - Math.min(digits, 3))) * 10 ** (3 - Math.min(digits, 3));
      expect(parseTimestamp(text), text).toBe(expected);
    }
  });

  it('refuses the dates that do not exist', () => {
    for (const text of ['2023-02-29T00:00:00Z', '2024-04-31T00:00:00Z', '2024-13-01T00:00:00Z', '2024-00-10T00:00:00Z', '2024-01-00T00:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01T00:60:00Z', '2024-01-01T00:00:60Z', '2024-01-01T00:00:00.Z']) {
      expect(parseTimestamp(text), text).toBeUndefined();
    }
    expect(parseTimestamp('2024-02-29T23:59:59.999Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
    expect(parseTimestamp('2000-02-29T00:00:00Z')).toBe(Date.UTC(2000, 1, 29));
    expect(parseTimestamp('1900-02-29T00:00:00Z')).toBeUndefined();
  });
});
