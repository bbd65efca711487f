//! Flat buffers for bindings: the parameters and the scores of groups as
//! arrays of doubles, the one representation the WebAssembly and the native
//! bindings both hand to JavaScript (mirrored by `ts/engine/flatLayout.ts`;
//! a test on each side pins the numbers). Partial states have their own
//! columns ([`crate::StateColumns`]).
//!
//! Parameters: `PARAM_COUNT` doubles, in this order: time_bucket_length,
//! number_buckets_in_range, number_destination_ips, max_beaconing_bytes_cov,
//! max_beaconing_count_rv, truncate_at[0], truncate_at[1],
//! min_beaconing_count_autocovariance, max_jitter, min_not_empty,
//! min_number_periods. The integer ones must be integral.
//!
//! Scores: `SCORE_STRIDE` doubles per group at the offsets below (booleans
//! as flag bits at `SCORE_FLAGS`), beside `number_destination_ips` u32 per
//! group of top destination-IP ids, the first `SCORE_TOP_IP_COUNT` valid.

use crate::group_state::GroupState;
use crate::params::{Param, ParamError, Params};
use crate::score::GroupScore;

/// f64 values of the parameter block.
pub const PARAM_COUNT: usize = 11;

/// f64 values per scored group.
pub const SCORE_STRIDE: usize = 21;

/// Offset of the flag bits (an integer held in an f64).
pub const SCORE_FLAGS: usize = 0;
pub const SCORE_BEACONING_SCORE: usize = 1;
pub const SCORE_INTERVAL: usize = 2;
pub const SCORE_NON_EMPTY_BUCKETS: usize = 3;
pub const SCORE_MEAN_SOURCE_BYTES: usize = 4;
pub const SCORE_STD_DEV_SOURCE_BYTES: usize = 5;
pub const SCORE_SOURCE_BYTES_PERCENTILES: usize = 6; // two values
pub const SCORE_MEAN_DESTINATION_BYTES: usize = 8;
pub const SCORE_STD_DEV_DESTINATION_BYTES: usize = 9;
pub const SCORE_DESTINATION_BYTES_PERCENTILES: usize = 10; // two values
pub const SCORE_MEAN_COUNTS: usize = 12;
pub const SCORE_VARIANCE_COUNTS: usize = 13;
pub const SCORE_COUNTS_PERCENTILES: usize = 14; // two values
pub const SCORE_AUTOCOVARIANCE: usize = 16;
pub const SCORE_MAX_AUTOCOVARIANCE_PERIOD: usize = 17;
pub const SCORE_MAX_TIMESTAMP_MS: usize = 18; // NaN: no event
pub const SCORE_MAX_INGESTED_MS: usize = 19; // NaN: no event.ingested
pub const SCORE_TOP_IP_COUNT: usize = 20;

/// Flag bits at `SCORE_FLAGS`.
pub const FLAG_HAS_STATS: u32 = 1; // clear for the early exit (spec 4.3)
pub const FLAG_IS_BEACONING: u32 = 1 << 1;
pub const FLAG_LOW_SOURCE_BYTES_VARIATION: u32 = 1 << 2;
pub const FLAG_LOW_DESTINATION_BYTES_VARIATION: u32 = 1 << 3;
pub const FLAG_LOW_COUNT_VARIATION: u32 = 1 << 4;
pub const FLAG_PERIODIC: u32 = 1 << 5;

/// Parameters from their flat form (`PARAM_COUNT` doubles), not yet validated.
pub fn params_from_flat(v: &[f64]) -> Result<Params, ParamError> {
    let whole = |x: f64, param: Param| {
        if x.is_finite() && x.trunc() == x && (0.0..=f64::from(u32::MAX)).contains(&x) {
            Ok(x as u32)
        } else {
            Err(ParamError { param, reason: "must be a whole number" })
        }
    };
    Ok(Params {
        time_bucket_length: whole(v[0], Param::TimeBucketLength)?,
        number_buckets_in_range: whole(v[1], Param::NumberBucketsInRange)?,
        number_destination_ips: whole(v[2], Param::NumberDestinationIps)?,
        max_beaconing_bytes_cov: v[3],
        max_beaconing_count_rv: v[4],
        truncate_at: [v[5], v[6]],
        min_beaconing_count_autocovariance: v[7],
        max_jitter: v[8],
        min_not_empty: v[9],
        min_number_periods: whole(v[10], Param::MinNumberPeriods)?,
    })
}

/// Writes one group's score into its `SCORE_STRIDE` doubles.
pub fn write_score(out: &mut [f64], score: &GroupScore, group: &GroupState, top_ip_count: usize) {
    out.iter_mut().for_each(|v| *v = 0.0);
    let mut flags = 0;
    out[SCORE_INTERVAL] = score.interval as f64;
    out[SCORE_NON_EMPTY_BUCKETS] = score.non_empty_buckets as f64;
    if let Some(s) = &score.stats {
        flags |= FLAG_HAS_STATS;
        for (set, flag) in [
            (s.is_beaconing, FLAG_IS_BEACONING),
            (s.low_source_bytes_variation, FLAG_LOW_SOURCE_BYTES_VARIATION),
            (s.low_destination_bytes_variation, FLAG_LOW_DESTINATION_BYTES_VARIATION),
            (s.low_count_variation, FLAG_LOW_COUNT_VARIATION),
            (s.periodic, FLAG_PERIODIC),
        ] {
            if set {
                flags |= flag;
            }
        }
        out[SCORE_BEACONING_SCORE] = s.beaconing_score as f64;
        out[SCORE_MEAN_SOURCE_BYTES] = s.mean_source_bytes;
        out[SCORE_STD_DEV_SOURCE_BYTES] = s.std_dev_source_bytes;
        out[SCORE_SOURCE_BYTES_PERCENTILES..SCORE_SOURCE_BYTES_PERCENTILES + 2].copy_from_slice(&s.source_bytes_percentiles);
        out[SCORE_MEAN_DESTINATION_BYTES] = s.mean_destination_bytes;
        out[SCORE_STD_DEV_DESTINATION_BYTES] = s.std_dev_destination_bytes;
        out[SCORE_DESTINATION_BYTES_PERCENTILES..SCORE_DESTINATION_BYTES_PERCENTILES + 2]
            .copy_from_slice(&s.destination_bytes_percentiles);
        out[SCORE_MEAN_COUNTS] = s.mean_counts;
        out[SCORE_VARIANCE_COUNTS] = s.variance_counts;
        out[SCORE_COUNTS_PERCENTILES..SCORE_COUNTS_PERCENTILES + 2].copy_from_slice(&s.counts_percentiles);
        out[SCORE_AUTOCOVARIANCE] = s.autocovariance;
        out[SCORE_MAX_AUTOCOVARIANCE_PERIOD] = s.max_autocovariance_period as f64;
    }
    out[SCORE_FLAGS] = f64::from(flags);
    out[SCORE_MAX_TIMESTAMP_MS] = group.max_timestamp_ms.map_or(f64::NAN, |t| t as f64);
    out[SCORE_MAX_INGESTED_MS] = group.max_ingested_ms.map_or(f64::NAN, |t| t as f64);
    out[SCORE_TOP_IP_COUNT] = top_ip_count as f64;
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_offsets_fill_the_stride() {
        assert_eq!(SCORE_TOP_IP_COUNT + 1, SCORE_STRIDE);
        assert_eq!(SCORE_COUNTS_PERCENTILES + 2, SCORE_AUTOCOVARIANCE);
        assert_eq!(SCORE_SOURCE_BYTES_PERCENTILES + 2, SCORE_MEAN_DESTINATION_BYTES);
    }

    #[test]
    fn integral_params_must_be_whole() {
        let mut v = [60.0, 360.0, 10.0, 0.05, 0.1, 0.1, 0.8, 0.7, 0.0, 0.5, 6.0];
        assert_eq!(params_from_flat(&v).unwrap(), Params::default());
        v[1] = 2.5;
        assert_eq!(params_from_flat(&v).unwrap_err().param, Param::NumberBucketsInRange);
    }
}
