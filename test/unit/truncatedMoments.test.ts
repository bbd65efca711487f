/** `truncatedMoments` of the TS reference (spec 4.4); mirrors `truncated_moments.rs`. */
import { describe, expect, it } from 'vitest';
import { lcg } from '../support/crossCheckRandom.js';
import { truncatedMoments } from '../../ts/engine/reference/truncatedMoments.js';

const moments = (values: number[], a: number, b: number, bounds: readonly [number, number]) =>
  truncatedMoments(Float64Array.from(values), a, b, bounds);

describe('truncatedMoments()', () => {
  it('is 0 and 0 for an empty range', () => {
    expect(moments([1, 2], 1, 1, [0, 10])).toEqual({ mean: 0, variance: 0 });
    expect(moments([], 0, 0, [0, 0])).toEqual({ mean: 0, variance: 0 });
  });

  it('is 0 and 0 for the reversed range of an empty group (a = length, b = 0)', () => {
    expect(moments([0, 0, 0], 3, 0, [0, 0])).toEqual({ mean: 0, variance: 0 });
  });

  it('is 0 and 0 when no value lies within the bounds', () => {
    expect(moments([1, 2, 3], 0, 3, [5, 6])).toEqual({ mean: 0, variance: 0 });
  });

  it('gives one value as the mean, with no variance', () => {
    expect(moments([0, 9, 0], 1, 2, [9, 9])).toEqual({ mean: 9, variance: 0 });
  });

  it('gives a constant series its value and no variance', () => {
    expect(moments(new Array<number>(12).fill(4), 0, 12, [4, 4])).toEqual({ mean: 4, variance: 0 });
  });

  it('keeps only values inside the bounds, both bounds included', () => {
    // 0 and 100 fall outside [1, 3]; the mean of 1, 2, 3 is 2, the population variance 2/3.
    expect(moments([0, 1, 2, 3, 100], 0, 5, [1, 3])).toEqual({ mean: 2, variance: 2 / 3 });
  });

  it('keeps zeros that lie within the bounds', () => {
    // Only the percentiles skip zeros: (0 + 0 + 4 + 4) / 4 = 2, variance (4 + 4 + 4 + 4) / 4.
    expect(moments([0, 0, 4, 4], 0, 4, [0, 4])).toEqual({ mean: 2, variance: 4 });
  });

  it('looks only at [a, b)', () => {
    expect(moments([9, 1, 1, 9], 1, 3, [0, 10])).toEqual({ mean: 1, variance: 0 });
  });

  it('divides by the number of kept values (population variance)', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squares 32, population variance 4.
    expect(moments([2, 4, 4, 4, 5, 5, 7, 9], 0, 8, [0, 10])).toEqual({ mean: 5, variance: 4 });
  });

  it('stays finite and exact on huge values', () => {
    const big = 4e18;
    const m = moments([big, big * 1.5], 0, 2, [big, big * 1.5]);
    expect(m.mean).toBe(big * 1.25);
    expect(m.variance).toBe(1e36);
  });

  it('handles negative values', () => {
    expect(moments([-3, -1], 0, 2, [-3, -1])).toEqual({ mean: -2, variance: 1 });
  });

  it('matches the Rust core on a random series', () => {
    const next = lcg(42);
    const rnd = Array.from({ length: 60 }, () => next() % 4);
    // `truncated_moments(rnd60, ..)` as the core crate printed it, bounds [1, 3] from its percentiles.
    expect(moments(rnd, 0, 60, [1, 3])).toEqual({ mean: 1.875, variance: 0.734375 });
    expect(moments(rnd, 5, 55, [1, 3])).toEqual({ mean: 1.8974358974358974, variance: 0.7074293228139381 });
  });
});
