/** `percentiles` of the TS reference (spec 4.4); mirrors `truncated_moments.rs`. */
import { describe, expect, it } from 'vitest';
import { RND60 } from '../support/crossCheckRandom.js';
import { percentiles } from '../../ts/engine/reference/truncatedMoments.js';

const DEFAULT_TRUNCATE = [0.1, 0.8] as const;

const pct = (values: readonly number[], truncateAt: readonly [number, number] = DEFAULT_TRUNCATE) =>
  percentiles(Float64Array.from(values), truncateAt);

describe('percentiles()', () => {
  it('is [0, 0] for an empty series', () => {
    expect(pct([])).toEqual([0, 0]);
  });

  it('is [0, 0] when every value is zero, -0 included', () => {
    expect(pct([0, 0, -0])).toEqual([0, 0]);
  });

  it('gives the one non-zero value for both bounds', () => {
    expect(pct([0, 7, 0])).toEqual([7, 7]);
    expect(pct([7], [0, 1])).toEqual([7, 7]);
  });

  it('skips zeros and rounds q * n + 0.5 down', () => {
    // n = 10 non-zero values 1..10: 0.1*10+0.5 = 1.5 -> 1; 0.8*10+0.5 = 8.5 -> 8.
    expect(pct([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0])).toEqual([2, 9]);
  });

  it('takes the next element when q * n + 0.5 is exactly whole', () => {
    // n = 5: 0.1*5+0.5 = 1 -> element 1; 0.8*5+0.5 = 4.5 -> element 4.
    expect(pct([5, 4, 3, 2, 1])).toEqual([2, 5]);
    // n = 4: 0.1*4+0.5 = 0.9 -> element 0; 0.8*4+0.5 = 3.7 -> element 3.
    expect(pct([4, 3, 2, 1])).toEqual([1, 4]);
  });

  it('clamps the upper index to the last value', () => {
    // q = 1: trunc(3.5) = 3, clamped to n - 1 = 2.
    expect(pct([3, 1, 2], [0, 1])).toEqual([1, 3]);
  });

  it('sorts numerically, negative values first', () => {
    expect(pct([5, -5], [0, 1])).toEqual([-5, 5]);
    // A text sort would give 10, 100, 2, 9.
    expect(pct([10, 9, 100, 2], [0, 1])).toEqual([2, 100]);
    expect(pct([10, 9, 100, 2])).toEqual([2, 100]);
  });

  it('reads the whole series, wherever the values sit', () => {
    expect(pct([0, 0, 0, 0, 0, 0, 0, 0, 0, 3])).toEqual([3, 3]);
  });

  it('is constant for a constant series', () => {
    expect(pct(new Array<number>(12).fill(4))).toEqual([4, 4]);
  });

  it('keeps huge values exact', () => {
    // n = 3: trunc(0.8) = 0 and trunc(2.9) = 2.
    expect(pct([3e300, 1e300, 2e300])).toEqual([1e300, 3e300]);
    expect(pct([Number.MAX_VALUE, 1], [0, 1])).toEqual([1, Number.MAX_VALUE]);
  });

  it('leaves the input untouched', () => {
    const values = Float64Array.from([3, 0, 1, 2]);
    percentiles(values, DEFAULT_TRUNCATE);
    expect(Array.from(values)).toEqual([3, 0, 1, 2]);
  });

  it('matches the Rust core on a random series', () => {
    expect(RND60.slice(0, 12)).toEqual([1, 1, 1, 1, 0, 1, 1, 0, 1, 1, 0, 2]);
    // `percentiles(rnd60, ..)` as the core crate printed it.
    expect(pct(RND60)).toEqual([1, 3]);
    expect(pct(RND60, [0.25, 0.75])).toEqual([1, 3]);
  });
});
