/**
 * Why one group was (or was not) flagged in one window, test by test, in
 * the terms of the statistics (spec section 4): each test's statistic, the
 * limit it was held to, the outcome, and what would have to change for the
 * outcome to flip. Every number comes from the group's score as the result
 * document carries it, so the two always agree; `values` lists them under
 * the document's own field names.
 */
import type { BeaconStats, BucketSeriesView } from '../engine/scoringEngine.js';
import type { BeaconParams } from '../params/beaconParams.js';
import { formatNumber } from './formatNumber.js';

export type TestName = 'count' | 'periodic' | 'source_bytes' | 'destination_bytes';

/** `no data`: no event carried the byte count. `not run`: too few buckets for the test (it then fails). */
export type TestOutcome = 'pass' | 'fail' | 'not run' | 'no data';

export interface TestExplanation {
  readonly test: TestName;
  /** The result document's flag for the test. */
  readonly flag: 'low_count_variation' | 'periodic' | 'low_source_bytes_variation' | 'low_destination_bytes_variation';
  readonly title: string;
  readonly outcome: TestOutcome;
  /** The parameter holding the threshold, and its value. */
  readonly parameter: keyof BeaconParams;
  readonly threshold: number;
  /** The statistic held to the limit, when the test ran: the pass rule is `value <= limit` (`>=` for periodic). */
  readonly value?: number;
  readonly limit?: number;
  /** The result document's numbers the test used, by their field names. */
  readonly values: Readonly<Record<string, number | readonly number[]>>;
  /** What the numbers say, in words. */
  readonly reading: string;
  /** What would have to change for the outcome to flip. */
  readonly flip: string;
}

export interface PeriodExplanation {
  /** The autocovariance's best candidate period, in buckets and seconds (absent when not scored). */
  readonly buckets?: number;
  readonly seconds?: number;
  /** Whether the traffic has a period: the count test or the periodic test passed. */
  readonly detected: boolean;
  readonly text: string;
}

export interface Explanation {
  readonly scored: boolean;
  readonly isBeaconing: boolean;
  /** `beaconing_score`, 0 to 3 (0 when not scored). */
  readonly score: number;
  readonly interval: number;
  readonly nonEmptyBuckets: number;
  readonly bucketSeconds: number;
  readonly period: PeriodExplanation;
  /** Empty when the group was not scored (the reference's early exit). */
  readonly tests: readonly TestExplanation[];
  readonly verdict: string;
  /** What would have to change for the verdict to flip. */
  readonly flip: string;
}

/** What explaining needs of a scored group: a scan's `GroupResult` is one. */
export interface ExplainedScore {
  readonly score: { readonly interval: number; readonly nonEmptyBuckets: number; readonly stats: BeaconStats | null };
  readonly bytesSeen: { readonly source: boolean; readonly destination: boolean };
  /** When known, the buckets: they tell exactly how many held bytes when a byte test did not run. */
  readonly detail?: { readonly series: BucketSeriesView };
}

const f = formatNumber;

export function explainScore(result: ExplainedScore, params: BeaconParams): Explanation {
  const { interval, nonEmptyBuckets, stats } = result.score;
  const bucketSeconds = params.time_bucket_length;
  if (stats === null) return notScored(interval, nonEmptyBuckets, params);
  const tests = [
    countTest(stats, interval, nonEmptyBuckets, params),
    periodicTest(stats, interval, params),
    bytesTest('source', stats, result.bytesSeen.source, result.detail?.series.sourceBytes, params),
    bytesTest('destination', stats, result.bytesSeen.destination, result.detail?.series.destinationBytes, params),
  ];
  const passed = tests.filter((t) => t.outcome === 'pass');
  const verdict = stats.is_beaconing
    ? `beaconing, score ${stats.beaconing_score} of 3: ${listText(passed.map((t) => t.title.toLowerCase()))} passed`
    : 'not beaconing: no test passed';
  let flip: string;
  if (stats.is_beaconing) {
    flip = `To be cleared, every passing test would have to fail: ${passed.map((t) => `${t.title.toLowerCase()}: ${clause(t.flip)}`).join('; ')}.`;
  } else {
    const runnable = tests.filter((t) => t.outcome !== 'no data');
    flip = runnable.length === 0 ? 'Nothing could flag it.' : `To be flagged, any one test would have to pass: ${runnable.map((t) => `${t.title.toLowerCase()}: ${clause(t.flip)}`).join('; ')}.`;
  }
  return {
    scored: true,
    isBeaconing: stats.is_beaconing,
    score: stats.beaconing_score,
    interval,
    nonEmptyBuckets,
    bucketSeconds,
    period: period(stats, params),
    tests,
    verdict,
    flip,
  };
}

function notScored(interval: number, nonEmpty: number, params: BeaconParams): Explanation {
  const mnp = params.min_number_periods;
  const L = params.time_bucket_length;
  const where =
    interval < 0 || nonEmpty === 0
      ? 'no event of the group fell in a bucket of this window'
      : `its events fell in ${nonEmpty} bucket${nonEmpty === 1 ? '' : 's'} spanning ${interval} (${f(interval * L)} s from the first to the last)`;
  return {
    scored: false,
    isBeaconing: false,
    score: 0,
    interval,
    nonEmptyBuckets: nonEmpty,
    bucketSeconds: L,
    period: { detected: false, text: 'no period: the group was not scored' },
    tests: [],
    verdict: `not scored: ${where}; scoring needs a span of at least 2 x min_number_periods = ${2 * mnp} buckets and at least min_number_periods + 1 = ${mnp + 1} non-empty buckets`,
    flip: `To be scored, the group would need connections in at least ${mnp + 1} buckets spanning at least ${2 * mnp} buckets (${f(2 * mnp * L)} s); only then can any test flag it.`,
  };
}

function period(stats: BeaconStats, params: BeaconParams): PeriodExplanation {
  const L = params.time_bucket_length;
  const p = stats.max_autocovariance_period;
  const seconds = p * L;
  const base = { buckets: p, seconds };
  if (stats.low_count_variation) {
    return { ...base, detected: true, text: `at most ${f(L)} s: connections in nearly every ${f(L)} s bucket, evenly (the count test passed)` };
  }
  if (stats.periodic) return { ...base, detected: true, text: `${f(seconds)} s (${p} buckets of ${f(L)} s), autocovariance ${f(stats.autocovariance)}` };
  return { ...base, detected: false, text: `none: the most regular candidate, ${f(seconds)} s, has autocovariance ${f(stats.autocovariance)}, below ${f(params.min_beaconing_count_autocovariance)}` };
}

function countTest(stats: BeaconStats, interval: number, nonEmpty: number, params: BeaconParams): TestExplanation {
  const base = {
    test: 'count' as const,
    flag: 'low_count_variation' as const,
    title: 'Steady connection counts',
    parameter: 'max_beaconing_count_rv' as const,
    threshold: params.max_beaconing_count_rv,
  };
  const needed = Math.trunc(params.min_not_empty * interval);
  if (!(nonEmpty > needed)) {
    return {
      ...base,
      outcome: 'not run',
      values: { interval, non_empty_buckets: nonEmpty },
      reading: `not run: connections in ${nonEmpty} of the ${interval} buckets from the first to the last event; the test needs more than min_not_empty x ${interval} = ${needed}`,
      flip: `It would run with connections in at least ${needed + 1} of those buckets, and pass if their counts were steady.`,
    };
  }
  const std = Math.sqrt(stats.variance_counts);
  const mean = stats.mean_counts;
  const limit = params.max_beaconing_count_rv * Math.abs(mean);
  const pass = stats.low_count_variation;
  return {
    ...base,
    outcome: pass ? 'pass' : 'fail',
    value: std,
    limit,
    values: { mean_counts: mean, variance_counts: stats.variance_counts, counts_percentiles: stats.counts_percentiles },
    reading: `${f(mean)} connection${mean === 1 ? '' : 's'} per occupied bucket on average, std dev ${f(std)} (${ratioText(std, mean)} of the mean), ${pass ? 'within' : 'above'} max_beaconing_count_rv x mean = ${f(params.max_beaconing_count_rv)} x ${f(mean)} = ${f(limit)}; counts kept between the ${quantiles(params)} quantiles, ${f(stats.counts_percentiles[0])} to ${f(stats.counts_percentiles[1])}`,
    flip: pass
      ? `It would fail if the std dev of the counts rose above ${f(limit)} (now ${f(std)}).`
      : `It would pass if the std dev of the counts fell to ${f(limit)} or below (now ${f(std)}): connections at a steadier rate.`,
  };
}

function periodicTest(stats: BeaconStats, interval: number, params: BeaconParams): TestExplanation {
  const L = params.time_bucket_length;
  const r = stats.autocovariance;
  const threshold = params.min_beaconing_count_autocovariance;
  const p = stats.max_autocovariance_period;
  const longest = Math.trunc(interval / params.min_number_periods);
  const pass = stats.periodic;
  return {
    test: 'periodic',
    flag: 'periodic',
    title: 'Periodic',
    parameter: 'min_beaconing_count_autocovariance',
    threshold,
    outcome: pass ? 'pass' : 'fail',
    value: r,
    limit: threshold,
    values: { autocovariance: r, max_autocovariance_period: p },
    reading: `the connection counts correlate best with themselves shifted by ${p} buckets (${f(p * L)} s): autocovariance ${f(r)}, ${pass ? 'at least' : 'below'} min_beaconing_count_autocovariance ${f(threshold)}; candidate periods were 2 to ${longest} buckets (${f(2 * L)} s to ${f(longest * L)} s)`,
    flip: pass
      ? `It would fail if the autocovariance fell below ${f(threshold)} (now ${f(r)}): less regular timing.`
      : `It would pass if the autocovariance at some period reached ${f(threshold)} (now ${f(r)}): connections repeating more regularly, at least ${params.min_number_periods} times in the span.`,
  };
}

function bytesTest(side: 'source' | 'destination', stats: BeaconStats, seen: boolean, series: Float64Array | undefined, params: BeaconParams): TestExplanation {
  const flag = side === 'source' ? 'low_source_bytes_variation' : 'low_destination_bytes_variation';
  const field = `${side}.bytes`;
  const mean = side === 'source' ? stats.mean_source_bytes : stats.mean_destination_bytes;
  const std = side === 'source' ? stats.std_dev_source_bytes : stats.std_dev_destination_bytes;
  const percentiles = side === 'source' ? stats.source_bytes_percentiles : stats.destination_bytes_percentiles;
  const names = { mean: `mean_${side}_bytes`, std: `std_dev_${side}_bytes`, percentiles: `${side}_bytes_percentiles` };
  const base = {
    test: `${side}_bytes` as const,
    flag,
    title: `Steady ${side} bytes`,
    parameter: 'max_beaconing_bytes_cov' as const,
    threshold: params.max_beaconing_bytes_cov,
  } as const;
  const values = { [names.mean]: mean, [names.std]: std, [names.percentiles]: percentiles };
  if (!seen) {
    return {
      ...base,
      outcome: 'no data',
      values,
      reading: `no data: no event of the group carried ${field} (Sysmon records never do), so the test cannot pass`,
      flip: `It cannot pass without ${field} in the events.`,
    };
  }
  const mnp = params.min_number_periods;
  // The engine ran the test when more than min_number_periods buckets held bytes;
  // without the buckets, a test that did not run shows as all zeros (spec 4.5).
  const bucketsWithBytes = series === undefined ? undefined : series.reduce((n, v) => (v !== 0 ? n + 1 : n), 0);
  const ran = bucketsWithBytes === undefined ? percentiles[1] !== 0 : bucketsWithBytes > mnp;
  if (!ran) {
    return {
      ...base,
      outcome: 'not run',
      values,
      reading: `not run: ${bucketsWithBytes === undefined ? 'too few' : `only ${bucketsWithBytes}`} bucket${bucketsWithBytes === 1 ? '' : 's'} with non-zero ${field}; the test needs more than min_number_periods = ${mnp}`,
      flip: `It would run with non-zero ${field} in at least ${mnp + 1} buckets, and pass if the sizes were steady.`,
    };
  }
  const limit = params.max_beaconing_bytes_cov * Math.abs(mean);
  const pass = side === 'source' ? stats.low_source_bytes_variation : stats.low_destination_bytes_variation;
  return {
    ...base,
    outcome: pass ? 'pass' : 'fail',
    value: std,
    limit,
    values,
    reading: `${f(mean)} bytes per connection on average, std dev ${f(std)} (${ratioText(std, mean)} of the mean), ${pass ? 'within' : 'above'} max_beaconing_bytes_cov x mean = ${f(params.max_beaconing_bytes_cov)} x ${f(mean)} = ${f(limit)}; per-bucket means kept between the ${quantiles(params)} quantiles, ${f(percentiles[0])} to ${f(percentiles[1])}`,
    flip: pass
      ? `It would fail if the std dev of ${field} per connection rose above ${f(limit)} (now ${f(std)}).`
      : `It would pass if the std dev of ${field} per connection fell to ${f(limit)} or below (now ${f(std)}): payload sizes nearly constant.`,
  };
}

function ratioText(std: number, mean: number): string {
  if (mean === 0) return std === 0 ? '0%' : 'all';
  const percent = (100 * std) / Math.abs(mean);
  return `${percent < 10 ? f(Number(percent.toPrecision(2))) : Math.round(percent)}%`;
}

function quantiles(params: BeaconParams): string {
  const [lo, hi] = params.truncate_at;
  return `${f(lo * 100)}th and ${f(hi * 100)}th`;
}

/** `a`, `a and b`, `a, b and c`. */
function listText(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] as string}`;
}

/** A sentence as a clause of a longer one: lower-case start, no full stop. */
function clause(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, '');
}
