/**
 * Reading and writing the flat forms of `flatLayout.ts`: parameters as
 * doubles for a binding, and a binding's score buffers as GroupScores.
 */
import type { BeaconParams } from '../params/beaconParams.js';
import * as L from './flatLayout.js';
import type { BeaconStats, GroupScore } from './scoringEngine.js';

/** The `PARAM_COUNT` doubles of the parameters, in the layout's order. */
export function flatParams(params: BeaconParams): Float64Array {
  return Float64Array.of(
    params.time_bucket_length,
    params.number_buckets_in_range,
    params.number_destination_ips,
    params.max_beaconing_bytes_cov,
    params.max_beaconing_count_rv,
    params.truncate_at[0],
    params.truncate_at[1],
    params.min_beaconing_count_autocovariance,
    params.max_jitter,
    params.min_not_empty,
    params.min_number_periods,
  );
}

/** Scores of `n` groups from `SCORE_STRIDE` doubles each and `perGroup` top-IP ids each. */
export function readScores(scores: Float64Array, topIps: Uint32Array, n: number, perGroup: number): GroupScore[] {
  const out: GroupScore[] = [];
  for (let k = 0; k < n; k++) {
    const s = scores.subarray(k * L.SCORE_STRIDE, (k + 1) * L.SCORE_STRIDE);
    const ipCount = s[L.SCORE_TOP_IP_COUNT] as number;
    out.push({
      interval: s[L.SCORE_INTERVAL] as number,
      nonEmptyBuckets: s[L.SCORE_NON_EMPTY_BUCKETS] as number,
      stats: readStats(s),
      maxTimestampMs: s[L.SCORE_MAX_TIMESTAMP_MS] as number,
      maxIngestedMs: s[L.SCORE_MAX_INGESTED_MS] as number,
      topDestinationIps: Array.from(topIps.subarray(k * perGroup, k * perGroup + ipCount)),
    });
  }
  return out;
}

function readStats(s: Float64Array): BeaconStats | null {
  const flags = s[L.SCORE_FLAGS] as number;
  if ((flags & L.FLAG_HAS_STATS) === 0) return null;
  const pair = (at: number) => [s[at], s[at + 1]] as [number, number];
  return {
    is_beaconing: (flags & L.FLAG_IS_BEACONING) !== 0,
    beaconing_score: s[L.SCORE_BEACONING_SCORE] as number,
    low_source_bytes_variation: (flags & L.FLAG_LOW_SOURCE_BYTES_VARIATION) !== 0,
    low_destination_bytes_variation: (flags & L.FLAG_LOW_DESTINATION_BYTES_VARIATION) !== 0,
    low_count_variation: (flags & L.FLAG_LOW_COUNT_VARIATION) !== 0,
    periodic: (flags & L.FLAG_PERIODIC) !== 0,
    mean_source_bytes: s[L.SCORE_MEAN_SOURCE_BYTES] as number,
    std_dev_source_bytes: s[L.SCORE_STD_DEV_SOURCE_BYTES] as number,
    source_bytes_percentiles: pair(L.SCORE_SOURCE_BYTES_PERCENTILES),
    mean_destination_bytes: s[L.SCORE_MEAN_DESTINATION_BYTES] as number,
    std_dev_destination_bytes: s[L.SCORE_STD_DEV_DESTINATION_BYTES] as number,
    destination_bytes_percentiles: pair(L.SCORE_DESTINATION_BYTES_PERCENTILES),
    mean_counts: s[L.SCORE_MEAN_COUNTS] as number,
    variance_counts: s[L.SCORE_VARIANCE_COUNTS] as number,
    counts_percentiles: pair(L.SCORE_COUNTS_PERCENTILES),
    autocovariance: s[L.SCORE_AUTOCOVARIANCE] as number,
    max_autocovariance_period: s[L.SCORE_MAX_AUTOCOVARIANCE_PERIOD] as number,
  };
}
