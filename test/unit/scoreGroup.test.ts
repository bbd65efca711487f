/** `scoreGroup` of the TS reference (spec sections 4 and 5); mirrors `score.rs`. */
import { describe, expect, it } from 'vitest';
import { lcg } from '../support/crossCheckRandom.js';
import { ReferenceGroupState } from '../../ts/engine/reference/groupState.js';
import { scoreGroup } from '../../ts/engine/reference/scoreGroup.js';
import type { BeaconStats } from '../../ts/engine/scoringEngine.js';
import { DEFAULT_PARAMS, resolveParams, type BeaconParams } from '../../ts/params/beaconParams.js';

/** One event: its bucket and byte counts (undefined: the field was missing). */
type Event = readonly [bucket: number, src?: number | undefined, dst?: number | undefined];

function stateOf(events: readonly Event[]): ReferenceGroupState {
  const state = new ReferenceGroupState(0, 1_764_504_000);
  for (const [bucket, src, dst] of events) {
    let cell = state.cells.get(bucket);
    if (cell === undefined) {
      cell = { count: 0, sourceBytes: 0n, destinationBytes: 0n };
      state.cells.set(bucket, cell);
    }
    cell.count += 1;
    if (src !== undefined) cell.sourceBytes += BigInt(src);
    if (dst !== undefined) cell.destinationBytes += BigInt(dst);
  }
  return state;
}

/** The score without its autocorrelation curve (tested on its own below). */
const score = (events: readonly Event[], params: BeaconParams = DEFAULT_PARAMS) => {
  const { interval, nonEmptyBuckets, stats } = scoreGroup(stateOf(events), params);
  return { interval, nonEmptyBuckets, stats };
};

/** One event in each of buckets 0 .. n-1 (the Rust tests' `every(60, n, ..)`). */
const every = (n: number, src?: number, dst?: number): Event[] => Array.from({ length: n }, (_, k) => [k, src, dst] as const);

/** One event with one byte each way in each listed bucket. */
const at = (buckets: readonly number[]): Event[] => buckets.map((k) => [k, 1, 1] as const);

function statsOf(events: readonly Event[], params: BeaconParams = DEFAULT_PARAMS): BeaconStats {
  const { stats } = score(events, params);
  if (stats === null) throw new Error('early exit');
  return stats;
}

describe('scoreGroup()', () => {
  it('gives an empty group the reference interval: a = length, b = 0', () => {
    expect(score([])).toEqual({ interval: -360, nonEmptyBuckets: 0, stats: null });
    expect(score([], resolveParams({ number_buckets_in_range: 10 }))).toEqual({ interval: -10, nonEmptyBuckets: 0, stats: null });
  });

  it('exits early on a single bucket', () => {
    expect(score([[0, 1, 1], [0, 1, 1]])).toEqual({ interval: 1, nonEmptyBuckets: 1, stats: null });
    expect(score([[359, 1, 1]])).toEqual({ interval: 1, nonEmptyBuckets: 1, stats: null });
  });

  it('exits early exactly below b - a = 2 * min_number_periods and non_empty = min_number_periods + 1', () => {
    // 7 non-empty buckets over 13: both limits met.
    const met = score(at([0, 2, 4, 6, 8, 10, 12]));
    expect([met.interval, met.nonEmptyBuckets]).toEqual([13, 7]);
    expect(met.stats).not.toBeNull();
    // b - a = 12 = 2 * 6 exactly, 7 non-empty: met.
    const edge = score(at([0, 1, 2, 3, 4, 5, 11]));
    expect([edge.interval, edge.nonEmptyBuckets]).toEqual([12, 7]);
    expect(edge.stats).not.toBeNull();
    // 6 non-empty buckets: one short of min_number_periods + 1.
    expect(score(at([0, 2, 6, 8, 10, 12]))).toEqual({ interval: 13, nonEmptyBuckets: 6, stats: null });
    // An interval of 11: one short of 2 * min_number_periods.
    expect(score(at([0, 1, 2, 3, 4, 5, 10]))).toEqual({ interval: 11, nonEmptyBuckets: 7, stats: null });
  });

  it('moves the early exit with min_number_periods', () => {
    const one = resolveParams({ min_number_periods: 1 });
    expect(score(at([0, 1]), one).stats).not.toBeNull();
    expect(score(at([0, 3]), one).stats).not.toBeNull();
    expect(score(at([0]), one)).toEqual({ interval: 1, nonEmptyBuckets: 1, stats: null });
  });

  it('counts the occupied interval from the first to the last non-empty bucket', () => {
    expect(score(at([5, 9]))).toEqual({ interval: 5, nonEmptyBuckets: 2, stats: null });
  });

  it('scores a constant beacon three', () => {
    const s = score(every(360, 512, 2048));
    expect([s.interval, s.nonEmptyBuckets]).toEqual([360, 360]);
    expect(s.stats).toEqual({
      is_beaconing: true,
      beaconing_score: 3,
      low_source_bytes_variation: true,
      low_destination_bytes_variation: true,
      low_count_variation: true,
      periodic: true,
      mean_source_bytes: 512,
      std_dev_source_bytes: 0,
      source_bytes_percentiles: [512, 512],
      mean_destination_bytes: 2048,
      std_dev_destination_bytes: 0,
      destination_bytes_percentiles: [2048, 2048],
      mean_counts: 1,
      variance_counts: 0,
      counts_percentiles: [1, 1],
      autocovariance: 1,
      max_autocovariance_period: 2,
    });
  });

  it('gives all-zero bytes finite zeros and fails both byte tests', () => {
    const stats = statsOf(every(360, 0, 0));
    expect(stats).toMatchObject({
      low_source_bytes_variation: false,
      low_destination_bytes_variation: false,
      mean_source_bytes: 0,
      std_dev_source_bytes: 0,
      source_bytes_percentiles: [0, 0],
      mean_destination_bytes: 0,
      std_dev_destination_bytes: 0,
      destination_bytes_percentiles: [0, 0],
      low_count_variation: true,
      periodic: true,
      beaconing_score: 1,
      is_beaconing: true,
    });
    for (const v of [stats.mean_counts, stats.variance_counts, stats.autocovariance]) expect(Number.isFinite(v)).toBe(true);
  });

  it('treats missing bytes as zero bytes', () => {
    expect(score(every(100))).toEqual(score(every(100, 0, 0)));
  });

  it('averages bytes per event in a bucket', () => {
    // Two events in every bucket, 100 and 300 bytes: every bucket holds 200.
    const events = Array.from({ length: 20 }, (_, k) => [[k, 100, 5] as const, [k, 300, 5] as const]).flat();
    const stats = statsOf(events);
    expect(stats.mean_source_bytes).toBe(200);
    expect(stats.source_bytes_percentiles).toEqual([200, 200]);
    expect(stats.mean_destination_bytes).toBe(5);
    expect(stats.mean_counts).toBe(2);
  });

  it('gives sums past 2^31 their true mean', () => {
    const stats = statsOf(every(360, 3_000_000_000, 5));
    expect(stats.mean_source_bytes).toBe(3e9);
    expect(stats.low_source_bytes_variation).toBe(true);
  });

  it('stays exact on sums past 2^53 per bucket', () => {
    // 2^52 + 1 twice in a bucket: the 64-bit sum 2^53 + 2, halved, is exact.
    const big = 2 ** 52 + 1;
    const events = Array.from({ length: 20 }, (_, k) => [[k, big, 0] as const, [k, big, 0] as const]).flat();
    expect(statsOf(events).mean_source_bytes).toBe(big);
  });

  it('runs a byte test only with more than min_number_periods non-zero buckets', () => {
    // Bytes on exactly 6 buckets (= min_number_periods): the test is not run.
    const events = every(20).map(([k]) => [k, k < 6 ? 100 : undefined] as const);
    const six = statsOf(events);
    expect(six.low_source_bytes_variation).toBe(false);
    expect(six.source_bytes_percentiles).toEqual([0, 0]);
    expect(six.mean_source_bytes).toBe(0);
    // Seven: it runs; the zeros of [a, b) fall outside the bounds [100, 100].
    const seven = statsOf(events.map(([k, src]) => [k, k === 6 ? 100 : src] as const));
    expect(seven.low_source_bytes_variation).toBe(true);
    expect(seven.source_bytes_percentiles).toEqual([100, 100]);
    expect(seven.mean_source_bytes).toBe(100);
  });

  it('runs the count test only when non_empty > trunc(min_not_empty * (b - a))', () => {
    // b - a = 20, 10 non-empty: 10 > trunc(0.5 * 20) fails, the count test is skipped.
    const ten = [0, 2, 4, 6, 8, 10, 12, 14, 16, 19];
    const skipped = statsOf(at(ten));
    expect(skipped).toMatchObject({ low_count_variation: false, mean_counts: 0, variance_counts: 0, counts_percentiles: [0, 0] });
    // 11 non-empty: it runs.
    const run = statsOf(at([...ten, 1]));
    expect(run).toMatchObject({ low_count_variation: true, mean_counts: 1, variance_counts: 0, counts_percentiles: [1, 1] });
  });

  it('truncates min_not_empty * (b - a) toward zero, as the reference does', () => {
    // 0.57 * 100 is 56.99999999999999: the limit is 56, so 57 non-empty buckets run the test.
    const params = resolveParams({ min_not_empty: 0.57 });
    const buckets = Array.from({ length: 57 }, (_, k) => k).concat([99]).filter((k) => k !== 56);
    const s = score(at(buckets), params);
    expect([s.interval, s.nonEmptyBuckets]).toEqual([100, 57]);
    expect(s.stats?.low_count_variation).toBe(true);
    const fewer = score(at(buckets.filter((k) => k !== 1)), params);
    expect(fewer.nonEmptyBuckets).toBe(56);
    expect(fewer.stats?.low_count_variation).toBe(false);
  });

  it('passes a variation test exactly at sqrt(var) = ratio * |mean|', () => {
    // Source bytes alternate 70 and 90: mean 80, standard deviation 10; 0.125 * 80 = 10.
    const events = every(20).map(([k]) => [k, k % 2 === 0 ? 70 : 90, 0] as const);
    const at125 = statsOf(events, resolveParams({ max_beaconing_bytes_cov: 0.125 }));
    expect([at125.mean_source_bytes, at125.std_dev_source_bytes]).toEqual([80, 10]);
    expect(at125.low_source_bytes_variation).toBe(true);
    expect(statsOf(events, resolveParams({ max_beaconing_bytes_cov: 0.1249 })).low_source_bytes_variation).toBe(false);
    // Counts alternate 1 and 3: mean 2, variance 1; 0.5 * 2 = 1.
    const counts = every(20).flatMap(([k]) => (k % 2 === 0 ? [[k] as const] : [[k] as const, [k] as const, [k] as const]));
    const c = statsOf(counts, resolveParams({ max_beaconing_count_rv: 0.5 }));
    expect([c.mean_counts, c.variance_counts, c.low_count_variation]).toEqual([2, 1, true]);
    expect(statsOf(counts, resolveParams({ max_beaconing_count_rv: 0.49 })).low_count_variation).toBe(false);
  });

  it('calls periodic at autocovariance >= min_beaconing_count_autocovariance, inclusive', () => {
    const events = every(360, 1, 1);
    expect(statsOf(events, resolveParams({ min_beaconing_count_autocovariance: 1 })).periodic).toBe(true);
    // Only periodic: bytes and counts vary too much to pass.
    const beat = Array.from({ length: 72 }, (_, i) => [i * 5, 100 + ((i * 37) % 50), 0] as const);
    const stats = statsOf(beat);
    expect(stats).toMatchObject({ periodic: true, autocovariance: 1, max_autocovariance_period: 5, low_count_variation: false });
    expect(stats.low_source_bytes_variation).toBe(false);
    expect([stats.is_beaconing, stats.beaconing_score]).toEqual([true, 1]);
  });

  it('matches the Rust core: a jittery-count beacon every 5 buckets', () => {
    const next = lcg(7);
    const events: Event[] = [];
    for (let k = 0; k < 360; k += 5) {
      const n = 1 + (next() % 2);
      for (let e = 0; e < n; e++) events.push([k, 500 + (next() % 20), 1000]);
    }
    expect(score(events)).toEqual({
      interval: 356,
      nonEmptyBuckets: 72,
      stats: {
        is_beaconing: true,
        beaconing_score: 3,
        low_source_bytes_variation: true,
        low_destination_bytes_variation: true,
        low_count_variation: false,
        periodic: true,
        mean_source_bytes: 510.2142857142857,
        std_dev_source_bytes: 3.7948004168969987,
        source_bytes_percentiles: [504, 516],
        mean_destination_bytes: 1000,
        std_dev_destination_bytes: 0,
        destination_bytes_percentiles: [1000, 1000],
        mean_counts: 0,
        variance_counts: 0,
        counts_percentiles: [0, 0],
        autocovariance: 0.8974187661134712,
        max_autocovariance_period: 50,
      },
    });
  });

  it('matches the Rust core: random traffic', () => {
    const next = lcg(99);
    const events: Event[] = [];
    for (let k = 0; k < 360; k++) {
      const n = next() % 4;
      for (let e = 0; e < n; e++) {
        const src = next() % 5000;
        events.push([k, src, next() % 100]);
      }
    }
    expect(score(events)).toEqual({
      interval: 359,
      nonEmptyBuckets: 257,
      stats: {
        is_beaconing: false,
        beaconing_score: 0,
        low_source_bytes_variation: false,
        low_destination_bytes_variation: false,
        low_count_variation: false,
        periodic: false,
        mean_source_bytes: 2281.0782688766117,
        std_dev_source_bytes: 607.7702913045855,
        source_bytes_percentiles: [1093, 3478],
        mean_destination_bytes: 45.8084714548803,
        std_dev_destination_bytes: 15.031861865524606,
        destination_bytes_percentiles: [16, 71],
        mean_counts: 1.9571984435797665,
        variance_counts: 0.6401913730715083,
        counts_percentiles: [1, 3],
        autocovariance: 0.1790676984655814,
        max_autocovariance_period: 58,
      },
    });
  });

  it('matches the Rust core: a small window with jitter', () => {
    const params = resolveParams({ number_buckets_in_range: 60, min_number_periods: 3, max_jitter: 0.2 });
    const next = lcg(2024);
    const events: Event[] = [];
    for (let k = 3; k <= 50; k += 4) events.push([k + (next() % 3) - 1, 300]);
    expect(score(events, params)).toEqual({
      interval: 43,
      nonEmptyBuckets: 12,
      stats: {
        is_beaconing: true,
        beaconing_score: 2,
        low_source_bytes_variation: true,
        low_destination_bytes_variation: false,
        low_count_variation: false,
        periodic: true,
        mean_source_bytes: 300,
        std_dev_source_bytes: 0,
        source_bytes_percentiles: [300, 300],
        mean_destination_bytes: 0,
        std_dev_destination_bytes: 0,
        destination_bytes_percentiles: [0, 0],
        mean_counts: 0,
        variance_counts: 0,
        counts_percentiles: [0, 0],
        autocovariance: 0.8660254037844387,
        max_autocovariance_period: 14,
      },
    });
  });
});

describe('scoreGroup().autocorrelation', () => {
  it('is empty after the early exit and the periodicity curve otherwise', () => {
    expect(scoreGroup(stateOf(at([0, 1])), DEFAULT_PARAMS).autocorrelation).toEqual(new Float64Array(0));
    const full = scoreGroup(stateOf(every(360, 100, 100)), DEFAULT_PARAMS);
    // A constant series: every root is 0, every R is 1, for periods 2 ..= 60.
    expect(Array.from(full.autocorrelation)).toEqual(new Array<number>(59).fill(1));
  });
});
