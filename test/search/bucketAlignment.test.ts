/**
 * The date histogram of push-down mode puts every event in the spec's
 * bucket (section 3), the bucket-0 quirk included: checked against the
 * reference's `bucketOf` for every second around the window, across bucket
 * lengths, window ends with and without milliseconds, and times before 1970.
 */
import { describe, expect, it } from 'vitest';
import { bucketOf } from '../../ts/engine/reference/groupState.js';
import { bucketAlignment } from '../../ts/search/bucketAlignment.js';

/** The histogram interval holding `ms`, by its start (what the cluster reports as the key). */
function histogramKey(ms: number, intervalMs: number, offsetMs: number): number {
  return Math.floor((ms - offsetMs) / intervalMs) * intervalMs + offsetMs;
}

const ENDS = [Date.UTC(2026, 10, 30, 12), Date.UTC(2026, 10, 30, 12) + 999, Date.UTC(2026, 10, 30, 12) + 1, -86_400_000 * 400 + 250, 0];

describe('bucket alignment', () => {
  it.each([
    [1, 10],
    [5, 12],
    [60, 360],
    [60, 1],
    [3600, 6],
  ])('matches the spec for %i s buckets, %i of them', (length, buckets) => {
    for (const nowMs of ENDS) {
      const align = bucketAlignment(nowMs, length, buckets);
      const ns = Math.floor(nowMs / 1000);
      const wrong: string[] = [];
      // The first and last millisecond of every second, from two buckets before the window to two after its end.
      for (let s = ns - (buckets + 2) * length; s <= ns + 2 * length; s++) {
        for (const ms of [s * 1000, s * 1000 + 999]) {
          const expected = bucketOf(ns, ms, length, buckets);
          const inRange = ms >= align.fromMs && ms < align.toMs;
          const got = inRange ? align.bucketOfKey(histogramKey(ms, length * 1000, align.offsetMs)) : undefined;
          if (got !== expected) wrong.push(`event ${ms}, end ${nowMs}: ${got} instead of ${expected}`);
        }
      }
      expect(wrong.slice(0, 5)).toStrictEqual([]);
    }
  });

  it('keeps the quirk: an event less than a bucket after the end is in bucket 0, one a full bucket after is in none', () => {
    const now = Date.UTC(2026, 10, 30, 12);
    const align = bucketAlignment(now, 60, 360);
    expect(align.bucketOfKey(histogramKey(now + 59_999, 60_000, align.offsetMs))).toBe(0);
    expect(now + 59_999 < align.toMs).toBe(true);
    expect(now + 60_000 < align.toMs).toBe(false);
    expect(Object.is(align.bucketOfKey(histogramKey(now + 1000, 60_000, align.offsetMs)), 0)).toBe(true);
  });

  it('refuses a key that is not an interval start, or outside the window', () => {
    const align = bucketAlignment(Date.UTC(2026, 10, 30, 12), 60, 360);
    expect(() => align.bucketOfKey(align.offsetMs + 1)).toThrow(/not aligned/);
    expect(() => align.bucketOfKey(align.toMs + 1000)).toThrow(/outside/);
  });
});
