//! From one group's state to the statistics of its result document
//! (spec sections 4 and 5).

use crate::group_state::GroupState;
use crate::params::Params;
use crate::periodicity::periodicity;
use crate::scratch::Scratch;
use crate::truncated_moments::{percentiles, truncated_moments};

/// Statistics of a group that passed the early exit (spec 4.3).
#[derive(Clone, Debug, PartialEq)]
pub struct BeaconStats {
    pub is_beaconing: bool,
    pub beaconing_score: i64,
    pub low_source_bytes_variation: bool,
    pub low_destination_bytes_variation: bool,
    pub low_count_variation: bool,
    pub periodic: bool,
    pub mean_source_bytes: f64,
    pub std_dev_source_bytes: f64,
    pub source_bytes_percentiles: [f64; 2],
    pub mean_destination_bytes: f64,
    pub std_dev_destination_bytes: f64,
    pub destination_bytes_percentiles: [f64; 2],
    pub mean_counts: f64,
    pub variance_counts: f64,
    pub counts_percentiles: [f64; 2],
    pub autocovariance: f64,
    pub max_autocovariance_period: i64,
}

/// The scored group: `stats` is `None` for the early exit, whose document
/// carries only `is_beaconing: false`, `interval` and `non_empty_buckets`.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupScore {
    /// `b - a`; negative (minus the window length) when no event fell in
    /// a bucket, exactly as the reference computes it.
    pub interval: i64,
    pub non_empty_buckets: i64,
    pub stats: Option<BeaconStats>,
}

impl GroupScore {
    pub fn is_beaconing(&self) -> bool {
        self.stats.as_ref().map_or(false, |s| s.is_beaconing)
    }
}

/// Scores one group. `scratch` is reused between calls.
pub fn score_group(state: &GroupState, params: &Params, scratch: &mut Scratch) -> GroupScore {
    let n = state.buckets.len();
    for v in [&mut scratch.counts, &mut scratch.source_bytes, &mut scratch.destination_bytes] {
        v.resize(n, 0.0);
    }
    state.buckets.write_dense(&mut scratch.counts, &mut scratch.source_bytes, &mut scratch.destination_bytes);
    // Step 1: byte sums become per-event means.
    for k in 0..n {
        let c = scratch.counts[k];
        if c > 0.0 {
            scratch.source_bytes[k] /= c;
            scratch.destination_bytes[k] /= c;
        }
    }

    // Step 2: the occupied interval [a, b).
    let counts = &scratch.counts;
    let a = counts.iter().position(|c| *c != 0.0).unwrap_or(n);
    let b = counts.iter().rposition(|c| *c != 0.0).map_or(0, |k| k + 1);
    let interval = b as i64 - a as i64;
    let non_empty = if a < b { count_non_zero(&counts[a..b]) } else { 0 };

    // Step 3: too few buckets or repeats to say anything.
    let mnp = i64::from(params.min_number_periods);
    scratch.period_r.clear();
    if interval < 2 * mnp || non_empty < mnp + 1 {
        return GroupScore { interval, non_empty_buckets: non_empty, stats: None };
    }

    // Steps 5 and 6: the three variation tests.
    let source = variation(&scratch.source_bytes, a, b, params.max_beaconing_bytes_cov, params, |nz| nz > mnp, &mut scratch.sorted);
    let destination = variation(&scratch.destination_bytes, a, b, params.max_beaconing_bytes_cov, params, |nz| nz > mnp, &mut scratch.sorted);
    let min_filled = (params.min_not_empty * interval as f64) as i64;
    let count = variation(&scratch.counts, a, b, params.max_beaconing_count_rv, params, |_| non_empty > min_filled, &mut scratch.sorted);

    // Step 7: periodicity.
    let counts = std::mem::take(&mut scratch.counts);
    let found = periodicity(&counts, a, b, params.min_number_periods, params.max_jitter, scratch);
    scratch.counts = counts;
    let periodic = found.autocovariance >= params.min_beaconing_count_autocovariance;

    // Step 8: the verdict.
    let beaconing_score =
        i64::from(count.low || periodic) + i64::from(source.low) + i64::from(destination.low);
    GroupScore {
        interval,
        non_empty_buckets: non_empty,
        stats: Some(BeaconStats {
            is_beaconing: source.low || destination.low || count.low || periodic,
            beaconing_score,
            low_source_bytes_variation: source.low,
            low_destination_bytes_variation: destination.low,
            low_count_variation: count.low,
            periodic,
            mean_source_bytes: source.mean,
            std_dev_source_bytes: source.variance.sqrt(),
            source_bytes_percentiles: source.percentiles,
            mean_destination_bytes: destination.mean,
            std_dev_destination_bytes: destination.variance.sqrt(),
            destination_bytes_percentiles: destination.percentiles,
            mean_counts: count.mean,
            variance_counts: count.variance,
            counts_percentiles: count.percentiles,
            autocovariance: found.autocovariance,
            max_autocovariance_period: found.period,
        }),
    }
}

/// One variation test: truncated moments of a series and whether its
/// standard deviation is within `max_ratio` of its mean.
struct Variation {
    low: bool,
    percentiles: [f64; 2],
    mean: f64,
    variance: f64,
}

/// Runs the test when `enough` holds for the number of non-zero values on
/// `[a, b)`; otherwise the test fails with zero moments, as in the reference.
fn variation<F: Fn(i64) -> bool>(
    values: &[f64],
    a: usize,
    b: usize,
    max_ratio: f64,
    params: &Params,
    enough: F,
    sorted: &mut Vec<f64>,
) -> Variation {
    if !enough(count_non_zero(&values[a..b])) {
        return Variation { low: false, percentiles: [0.0, 0.0], mean: 0.0, variance: 0.0 };
    }
    let bounds = percentiles(values, params.truncate_at, sorted);
    let moments = truncated_moments(values, a, b, bounds);
    Variation {
        low: moments.variance.sqrt() <= max_ratio * moments.mean.abs(),
        percentiles: bounds,
        mean: moments.mean,
        variance: moments.variance,
    }
}

fn count_non_zero(values: &[f64]) -> i64 {
    values.iter().filter(|v| **v != 0.0).count() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW_MS: i64 = 1_764_504_000_000;

    fn score(events: &[(i64, Option<i64>, Option<i64>)], params: &Params) -> GroupScore {
        let window = crate::bucket::Window::new(NOW_MS, params.time_bucket_length, params.number_buckets_in_range);
        let mut state = GroupState::new(params.number_buckets_in_range);
        for (ago_s, src, dst) in events {
            let ts = NOW_MS - ago_s * 1000;
            state.add_event(window.bucket_of(ts), ts, None, *src, *dst, None);
        }
        score_group(&state, params, &mut Scratch::default())
    }

    fn every(step_s: i64, n: i64, src: Option<i64>, dst: Option<i64>) -> Vec<(i64, Option<i64>, Option<i64>)> {
        (0..n).map(|i| (i * step_s + 10, src, dst)).collect()
    }

    #[test]
    fn empty_group_reports_the_reference_interval() {
        // No event in any bucket: a = 360, b = 0.
        let s = score(&[], &Params::default());
        assert_eq!(s, GroupScore { interval: -360, non_empty_buckets: 0, stats: None });
        assert!(!s.is_beaconing());
    }

    #[test]
    fn single_bucket_is_an_early_exit() {
        let s = score(&[(5, Some(1), Some(1)), (6, Some(1), Some(1))], &Params::default());
        assert_eq!(s, GroupScore { interval: 1, non_empty_buckets: 1, stats: None });
    }

    #[test]
    fn early_exit_thresholds_are_exact() {
        let p = Params::default();
        let at = |buckets: &[i64]| -> Vec<(i64, Option<i64>, Option<i64>)> {
            buckets.iter().map(|k| (k * 60 + 1, Some(1), Some(1))).collect()
        };
        // 7 non-empty buckets over 13: both limits met.
        let met = score(&at(&[0, 2, 4, 6, 8, 10, 12]), &p);
        assert_eq!((met.interval, met.non_empty_buckets), (13, 7));
        assert!(met.stats.is_some());
        // 6 non-empty buckets: one short of min_number_periods + 1.
        let sparse = score(&at(&[0, 2, 6, 8, 10, 12]), &p);
        assert_eq!((sparse.interval, sparse.non_empty_buckets), (13, 6));
        assert!(sparse.stats.is_none());
        // An interval of 11: one short of 2 * min_number_periods.
        let short = score(&at(&[0, 1, 2, 3, 4, 5, 10]), &p);
        assert_eq!((short.interval, short.non_empty_buckets), (11, 7));
        assert!(short.stats.is_none());
    }

    #[test]
    fn constant_beacon_scores_three() {
        let s = score(&every(60, 360, Some(512), Some(2048)), &Params::default());
        let stats = s.stats.clone().unwrap();
        assert_eq!((s.interval, s.non_empty_buckets), (360, 360));
        assert_eq!(stats.beaconing_score, 3);
        assert!(stats.is_beaconing && stats.periodic && stats.low_count_variation);
        assert_eq!(stats.mean_source_bytes, 512.0);
        assert_eq!(stats.std_dev_destination_bytes, 0.0);
        assert_eq!(stats.counts_percentiles, [1.0, 1.0]);
        assert_eq!((stats.autocovariance, stats.max_autocovariance_period), (1.0, 2));
    }

    #[test]
    fn all_zero_bytes_are_finite_and_fail_both_byte_tests() {
        let s = score(&every(60, 360, Some(0), Some(0)), &Params::default());
        let stats = s.stats.unwrap();
        assert!(!stats.low_source_bytes_variation && !stats.low_destination_bytes_variation);
        assert_eq!((stats.mean_source_bytes, stats.std_dev_source_bytes), (0.0, 0.0));
        assert_eq!(stats.source_bytes_percentiles, [0.0, 0.0]);
        assert!(stats.low_count_variation);
        assert_eq!(stats.beaconing_score, 1);
        for v in [stats.mean_counts, stats.variance_counts, stats.autocovariance] {
            assert!(v.is_finite());
        }
    }

    #[test]
    fn missing_bytes_behave_as_zero_bytes() {
        let missing = score(&every(60, 100, None, None), &Params::default());
        let zero = score(&every(60, 100, Some(0), Some(0)), &Params::default());
        assert_eq!(missing, zero);
    }

    #[test]
    fn sums_past_two_to_the_31_give_the_true_mean() {
        let s = score(&every(60, 360, Some(3_000_000_000), Some(5)), &Params::default());
        let stats = s.stats.unwrap();
        assert_eq!(stats.mean_source_bytes, 3.0e9);
        assert!(stats.low_source_bytes_variation);
    }

    #[test]
    fn the_autocorrelation_curve_is_kept_and_cleared() {
        let params = Params::default();
        let mut scratch = Scratch::default();
        let window = crate::bucket::Window::new(NOW_MS, 60, 360);
        let mut every_five = GroupState::new(360);
        for k in (0..360).step_by(5) {
            let ts = NOW_MS - k as i64 * 60_000 - 1_000;
            every_five.add_event(window.bucket_of(ts), ts, None, None, None, None);
        }
        let score = score_group(&every_five, &params, &mut scratch);
        let curve = scratch.autocorrelation_by_period();
        // Periods 2 ..= trunc(356 / 6) = 59.
        assert_eq!(curve.len(), 58);
        assert_eq!(curve[5 - 2], 1.0);
        assert_eq!(score.stats.unwrap().max_autocovariance_period, 5);
        score_group(&GroupState::new(360), &params, &mut scratch);
        assert!(scratch.autocorrelation_by_period().is_empty());
    }

    #[test]
    fn byte_test_needs_more_than_min_number_periods_values() {
        let p = Params::default();
        // Bytes on exactly 6 buckets (= min_number_periods): the test is not run.
        let mut events = every(60, 20, None, None);
        for e in events.iter_mut().take(6) {
            e.1 = Some(100);
        }
        let stats = score(&events, &p).stats.unwrap();
        assert!(!stats.low_source_bytes_variation);
        assert_eq!(stats.source_bytes_percentiles, [0.0, 0.0]);
        events[6].1 = Some(100);
        let stats = score(&events, &p).stats.unwrap();
        assert!(stats.low_source_bytes_variation);
        assert_eq!(stats.source_bytes_percentiles, [100.0, 100.0]);
    }
}
