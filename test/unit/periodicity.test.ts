/** `periodicity` of the TS reference (spec 4.7); mirrors `periodicity.rs`. */
import { describe, expect, it } from 'vitest';
import { RND60 } from '../support/crossCheckRandom.js';
import { periodicity } from '../../ts/engine/reference/periodicity.js';

/** The best period and its R; the whole curve is tested on its own below. */
const search = (counts: readonly number[], minNumberPeriods: number, maxJitter: number) => {
  const { autocovariance, period } = periodicity(Float64Array.from(counts), 0, counts.length, minNumberPeriods, maxJitter);
  return { autocovariance, period };
};

/** Period 8 over 240 buckets, each beat 0 or 1 bucket late (the Rust test's own generator). */
function lateBeats(): number[] {
  let state = 12345;
  const counts = new Array<number>(240).fill(0);
  for (let beat = 0; beat < 30; beat++) {
    state = (Math.imul(state, 1_103_515_245) + 12345) >>> 0;
    const late = (state >>> 16) & 1;
    counts[Math.min(beat * 8 + late, 239)] = 1;
  }
  return counts;
}

describe('periodicity()', () => {
  it('gives a constant series R = 1 at period 2 (every root is 0)', () => {
    expect(search(new Array<number>(60).fill(1), 6, 0)).toEqual({ autocovariance: 1, period: 2 });
  });

  it('gives an all-zero series R = 1 at period 2', () => {
    expect(search(new Array<number>(24).fill(0), 6, 0)).toEqual({ autocovariance: 1, period: 2 });
  });

  it('finds one event in five', () => {
    const counts = Array.from({ length: 120 }, (_, k) => (k % 5 === 0 ? 1 : 0));
    expect(search(counts, 6, 0)).toEqual({ autocovariance: 1, period: 5 });
  });

  it('computes the smallest window by hand: one block, m = 0', () => {
    // b - a = 4, min_number_periods 2: only p = 2; the mean's range is empty, so m = 0;
    // x = 3² + 4² = 25, y = 1² + 2² = 5, xy = 1*3 + 2*4 = 11.
    expect(search([1, 2, 3, 4], 2, 0)).toEqual({ autocovariance: 11 / Math.sqrt(125), period: 2 });
    expect(search([1, 2, 3, 4], 2, 0).autocovariance).toBe(0.9838699100999074);
    expect(search([1, 0, 1, 0], 2, 0)).toEqual({ autocovariance: 1, period: 2 });
  });

  it('prefers period 3 to period 2 for a beat every third bucket', () => {
    // p = 2: xy sums to 0 over x = 1, y = 2, so R = 0; p = 3: x = y = xy = 1, so R = 1.
    expect(search([1, 0, 0, 1, 0, 0], 2, 0)).toEqual({ autocovariance: 1, period: 3 });
  });

  it('reads a period with no complete block as perfect', () => {
    // min_number_periods 1 lets p reach b - a, where no block fits: empty sums, root 0, R = 1.
    expect(search([3, 0, 0, 1, 0, 2], 1, 0).autocovariance).toBe(1);
  });

  it('stays finite on huge counts', () => {
    const counts = Array.from({ length: 48 }, (_, k) => (k % 3 === 0 ? 1e9 : 1));
    expect(search(counts, 6, 0.3)).toEqual({ autocovariance: 1, period: 3 });
  });

  it('recovers a late beat with jitter, as the Rust core does', () => {
    const counts = lateBeats();
    expect(counts.reduce((s, c) => s + c, 0)).toBe(30);
    // Values printed by the core crate for the same series.
    const exact = search(counts, 6, 0);
    const tolerant = search(counts, 6, 0.2);
    expect(exact).toEqual({ autocovariance: 0.5510204081632653, period: 16 });
    expect(tolerant).toEqual({ autocovariance: 0.7410899792232697, period: 36 });
    expect(exact.autocovariance).toBeLessThan(0.7);
    expect(tolerant.autocovariance).toBeGreaterThanOrEqual(0.7);
  });

  it('matches the Rust core on a random series, with and without jitter', () => {
    expect(search(RND60, 3, 0)).toEqual({ autocovariance: 0.7303298656271668, period: 20 });
    expect(search(RND60, 3, 0.25)).toEqual({ autocovariance: 0.8273651813222703, period: 16 });
    expect(search(RND60, 1, 0.5)).toEqual({ autocovariance: 1, period: 25 });
  });

  it('reads only [a, b), even with jitter', () => {
    const counts = Float64Array.from(RND60);
    expect(periodicity(counts, 7, 50, 2, 0.3)).toMatchObject({ autocovariance: 1, period: 20 });
    // NaN outside [7, 50) would poison any sum that read it.
    const fenced = Float64Array.from(RND60, (c, k) => (k >= 7 && k < 50 ? c : NaN));
    expect(periodicity(fenced, 7, 50, 2, 0.3)).toMatchObject({ autocovariance: 1, period: 20 });
    expect(periodicity(fenced, 7, 50, 3, 0)).toEqual(periodicity(counts, 7, 50, 3, 0));
  });
});

describe('periodicity().byPeriod', () => {
  it('holds R for every candidate period, its maximum at the reported period', () => {
    const counts = Array.from({ length: 120 }, (_, k) => (k % 5 === 0 ? 1 : 0));
    const found = periodicity(Float64Array.from(counts), 0, 120, 6, 0);
    // Periods 2 ..= trunc(120 / 6) = 20.
    expect(found.byPeriod.length).toBe(19);
    expect(found.byPeriod[found.period - 2]).toBe(found.autocovariance);
    expect(Math.max(...found.byPeriod)).toBe(found.autocovariance);
    expect([found.byPeriod[5 - 2], found.byPeriod[10 - 2], found.byPeriod[15 - 2]]).toEqual([1, 1, 1]);
  });
});
