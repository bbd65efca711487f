/** `bucketOf` of the TS reference (spec section 3); mirrors `bucket.rs`. */
import { describe, expect, it } from 'vitest';
import { bucketOf } from '../../ts/engine/reference/groupState.js';

const NOW_MS = 1_764_504_000_000; // 2025-11-30T12:00:00Z
const NOW_S = NOW_MS / 1000;

/** The default window: 360 buckets of 60 s. */
const bucket = (eventMs: number, nowSeconds = NOW_S) => bucketOf(nowSeconds, eventMs, 60, 360);

describe('bucketOf()', () => {
  it('puts the most recent minute in bucket 0', () => {
    expect(bucket(NOW_MS)).toBe(0);
    expect(bucket(NOW_MS - 59_000)).toBe(0);
    // 59.001 s before now is a whole second earlier: 60 s, bucket 1.
    expect(bucket(NOW_MS - 59_001)).toBe(1);
    expect(bucket(NOW_MS - 119_000)).toBe(1);
    expect(bucket(NOW_MS - 120_000)).toBe(2);
  });

  it('puts an event less than one bucket in the future in bucket 0 (+0, not -0)', () => {
    expect(bucket(NOW_MS + 1_000)).toBe(0);
    expect(bucket(NOW_MS + 30_000)).toBe(0);
    expect(bucket(NOW_MS + 59_999)).toBe(0);
    expect(bucket(NOW_MS + 60_000)).toBeUndefined();
    expect(bucket(NOW_MS + 90_000)).toBeUndefined();
  });

  it('excludes the window start at the last bucket', () => {
    // 6 h before now is bucket 360: outside a 360-bucket window.
    expect(bucket(NOW_MS - 21_600_000)).toBeUndefined();
    expect(bucket(NOW_MS - 21_599_001)).toBeUndefined();
    expect(bucket(NOW_MS - 21_599_000)).toBe(359);
  });

  it('drops sub-second parts on both sides', () => {
    // now 12:00:00.900 and event 11:59:00.100 are 60 whole seconds apart.
    expect(bucket(NOW_MS - 60_000 + 100, Math.floor((NOW_MS + 900) / 1000))).toBe(1);
  });

  it('rounds event seconds down before the epoch', () => {
    // -1 ms is second -1, -1001 ms is second -2.
    expect(bucketOf(0, -1, 1, 10)).toBe(1);
    expect(bucketOf(0, -1000, 1, 10)).toBe(1);
    expect(bucketOf(0, -1001, 1, 10)).toBe(2);
  });

  it('follows the bucket length', () => {
    expect(bucketOf(NOW_S, NOW_MS - 29_000, 30, 720)).toBe(0);
    expect(bucketOf(NOW_S, NOW_MS - 30_000, 30, 720)).toBe(1);
    // One bucket of one second holds only events of now's own second.
    expect(bucketOf(NOW_S, NOW_MS + 999, 1, 1)).toBe(0);
    expect(bucketOf(NOW_S, NOW_MS, 1, 1)).toBe(0);
    expect(bucketOf(NOW_S, NOW_MS - 1, 1, 1)).toBeUndefined();
  });

  it('has no bucket in a window of zero buckets', () => {
    expect(bucketOf(NOW_S, NOW_MS, 60, 0)).toBeUndefined();
  });

  it('is undefined for events far away on either side', () => {
    expect(bucket(0)).toBeUndefined();
    expect(bucket(8.64e15)).toBeUndefined();
    expect(bucketOf(NOW_S, 0, 1, 100_000)).toBeUndefined();
  });
});
