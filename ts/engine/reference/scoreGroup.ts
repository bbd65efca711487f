/** Scoring of one group (spec sections 4 and 5), in TypeScript. */
import type { BeaconParams } from '../../params/beaconParams.js';
import type { BeaconStats } from '../scoringEngine.js';
import { denseSeries, type ReferenceGroupState } from './groupState.js';
import { periodicity } from './periodicity.js';
import { percentiles, truncatedMoments } from './truncatedMoments.js';

export interface ReferenceScore {
  readonly interval: number;
  readonly nonEmptyBuckets: number;
  readonly stats: BeaconStats | null;
  /** `R[p]` for p = 2, 3, ...; empty after the early exit. */
  readonly autocorrelation: Float64Array;
}

interface Variation {
  readonly low: boolean;
  readonly percentiles: readonly [number, number];
  readonly mean: number;
  readonly variance: number;
}

const SKIPPED: Variation = { low: false, percentiles: [0, 0], mean: 0, variance: 0 };

function nonZero(values: Float64Array, a: number, b: number): number {
  let n = 0;
  for (let k = a; k < b; k++) if (values[k] !== 0) n++;
  return n;
}

function variation(values: Float64Array, a: number, b: number, maxRatio: number, truncateAt: readonly [number, number]): Variation {
  const bounds = percentiles(values, truncateAt);
  const { mean, variance } = truncatedMoments(values, a, b, bounds);
  return { low: Math.sqrt(variance) <= maxRatio * Math.abs(mean), percentiles: bounds, mean, variance };
}

export function scoreGroup(state: ReferenceGroupState, params: BeaconParams): ReferenceScore {
  const n = params.number_buckets_in_range;
  const { counts, sourceBytes: src, destinationBytes: dst } = denseSeries(state, n);
  for (let k = 0; k < n; k++) {
    const c = counts[k] as number;
    if (c > 0) {
      src[k] = (src[k] as number) / c;
      dst[k] = (dst[k] as number) / c;
    }
  }

  let a = 0;
  while (a < n && counts[a] === 0) a++;
  let b = n;
  while (b > 0 && counts[b - 1] === 0) b--;
  const interval = b - a;
  const nonEmpty = nonZero(counts, a, b);
  const mnp = params.min_number_periods;
  if (interval < 2 * mnp || nonEmpty < mnp + 1) return { interval, nonEmptyBuckets: nonEmpty, stats: null, autocorrelation: new Float64Array(0) };

  const truncateAt = params.truncate_at;
  const source = nonZero(src, a, b) > mnp ? variation(src, a, b, params.max_beaconing_bytes_cov, truncateAt) : SKIPPED;
  const destination = nonZero(dst, a, b) > mnp ? variation(dst, a, b, params.max_beaconing_bytes_cov, truncateAt) : SKIPPED;
  const count =
    nonEmpty > Math.trunc(params.min_not_empty * interval) ? variation(counts, a, b, params.max_beaconing_count_rv, truncateAt) : SKIPPED;
  const found = periodicity(counts, a, b, mnp, params.max_jitter);
  const periodic = found.autocovariance >= params.min_beaconing_count_autocovariance;

  return {
    interval,
    nonEmptyBuckets: nonEmpty,
    autocorrelation: found.byPeriod,
    stats: {
      is_beaconing: source.low || destination.low || count.low || periodic,
      beaconing_score: (count.low || periodic ? 1 : 0) + (source.low ? 1 : 0) + (destination.low ? 1 : 0),
      low_source_bytes_variation: source.low,
      low_destination_bytes_variation: destination.low,
      low_count_variation: count.low,
      periodic,
      mean_source_bytes: source.mean,
      std_dev_source_bytes: Math.sqrt(source.variance),
      source_bytes_percentiles: source.percentiles,
      mean_destination_bytes: destination.mean,
      std_dev_destination_bytes: Math.sqrt(destination.variance),
      destination_bytes_percentiles: destination.percentiles,
      mean_counts: count.mean,
      variance_counts: count.variance,
      counts_percentiles: count.percentiles,
      autocovariance: found.autocovariance,
      max_autocovariance_period: found.period,
    },
  };
}
