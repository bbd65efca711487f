//! The transform's parameters, with the package's own names and defaults
//! (spec section 2), and the checks that reject impossible values.

use std::fmt;

/// Parameters of the beaconing statistics. Field names are the package's.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    /// Seconds per bucket.
    pub time_bucket_length: u32,
    /// Buckets in the window.
    pub number_buckets_in_range: u32,
    /// Length of the top destination-IP list.
    pub number_destination_ips: u32,
    pub max_beaconing_bytes_cov: f64,
    pub max_beaconing_count_rv: f64,
    /// Lower and upper quantile kept by the truncated moments.
    pub truncate_at: [f64; 2],
    pub min_beaconing_count_autocovariance: f64,
    /// Tolerated timing jitter as a fraction of the period.
    pub max_jitter: f64,
    pub min_not_empty: f64,
    pub min_number_periods: u32,
}

impl Default for Params {
    /// The defaults of package 1.3.x.
    fn default() -> Self {
        Params {
            time_bucket_length: 60,
            number_buckets_in_range: 360,
            number_destination_ips: 10,
            max_beaconing_bytes_cov: 0.05,
            max_beaconing_count_rv: 0.1,
            truncate_at: [0.1, 0.8],
            min_beaconing_count_autocovariance: 0.7,
            max_jitter: 0.0,
            min_not_empty: 0.5,
            min_number_periods: 6,
        }
    }
}

/// Names a parameter, for error messages that say which one is wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Param {
    TimeBucketLength,
    NumberBucketsInRange,
    NumberDestinationIps,
    MaxBeaconingBytesCov,
    MaxBeaconingCountRv,
    TruncateAt,
    MinBeaconingCountAutocovariance,
    MaxJitter,
    MinNotEmpty,
    MinNumberPeriods,
}

impl Param {
    /// Every parameter, in the order of the spec's table (and of the ABI).
    pub const ALL: [Param; 10] = [
        Param::TimeBucketLength,
        Param::NumberBucketsInRange,
        Param::NumberDestinationIps,
        Param::MaxBeaconingBytesCov,
        Param::MaxBeaconingCountRv,
        Param::TruncateAt,
        Param::MinBeaconingCountAutocovariance,
        Param::MaxJitter,
        Param::MinNotEmpty,
        Param::MinNumberPeriods,
    ];

    /// The package's name for the parameter.
    pub fn name(self) -> &'static str {
        match self {
            Param::TimeBucketLength => "time_bucket_length",
            Param::NumberBucketsInRange => "number_buckets_in_range",
            Param::NumberDestinationIps => "number_destination_ips",
            Param::MaxBeaconingBytesCov => "max_beaconing_bytes_cov",
            Param::MaxBeaconingCountRv => "max_beaconing_count_rv",
            Param::TruncateAt => "truncate_at",
            Param::MinBeaconingCountAutocovariance => "min_beaconing_count_autocovariance",
            Param::MaxJitter => "max_jitter",
            Param::MinNotEmpty => "min_not_empty",
            Param::MinNumberPeriods => "min_number_periods",
        }
    }
}

/// A parameter value that cannot be used, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamError {
    pub param: Param,
    pub reason: &'static str,
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "parameter {}: {}", self.param.name(), self.reason)
    }
}

impl std::error::Error for ParamError {}

/// Upper bound on buckets per window: the periodicity search grows with the
/// square of the window, and a million-bucket window is a mistake, not a
/// configuration.
pub const MAX_BUCKETS: u32 = 100_000;

/// Upper bound on the top destination list.
pub const MAX_DESTINATION_IPS: u32 = 10_000;

impl Params {
    /// Rejects values the statistics cannot run with, naming the parameter.
    pub fn validate(&self) -> Result<(), ParamError> {
        let fail = |param, reason| Err(ParamError { param, reason });
        if self.time_bucket_length == 0 {
            return fail(Param::TimeBucketLength, "must be at least 1 second");
        }
        if self.number_buckets_in_range == 0 {
            return fail(Param::NumberBucketsInRange, "must be at least 1 bucket");
        }
        if self.number_buckets_in_range > MAX_BUCKETS {
            return fail(Param::NumberBucketsInRange, "must be at most 100000 buckets");
        }
        if self.number_destination_ips > MAX_DESTINATION_IPS {
            return fail(Param::NumberDestinationIps, "must be at most 10000");
        }
        if !is_non_negative(self.max_beaconing_bytes_cov) {
            return fail(Param::MaxBeaconingBytesCov, "must be a finite number >= 0");
        }
        if !is_non_negative(self.max_beaconing_count_rv) {
            return fail(Param::MaxBeaconingCountRv, "must be a finite number >= 0");
        }
        let [lo, hi] = self.truncate_at;
        if !(is_fraction(lo) && is_fraction(hi) && lo < hi) {
            return fail(
                Param::TruncateAt,
                "must be two increasing fractions [lower, upper] with 0 <= lower < upper <= 1",
            );
        }
        let autocov = self.min_beaconing_count_autocovariance;
        if !(autocov.is_finite() && (-1.0..=1.0).contains(&autocov)) {
            return fail(Param::MinBeaconingCountAutocovariance, "must be a number from -1 to 1");
        }
        // A jitter of more than one period would read buckets outside the
        // series (spec 4.7 shifts by up to trunc(max_jitter * p)).
        if !is_fraction(self.max_jitter) {
            return fail(Param::MaxJitter, "must be a fraction from 0 to 1");
        }
        if !is_fraction(self.min_not_empty) {
            return fail(Param::MinNotEmpty, "must be a fraction from 0 to 1");
        }
        if self.min_number_periods == 0 {
            return fail(Param::MinNumberPeriods, "must be at least 1");
        }
        Ok(())
    }
}

fn is_non_negative(x: f64) -> bool {
    x.is_finite() && x >= 0.0
}

fn is_fraction(x: f64) -> bool {
    x.is_finite() && (0.0..=1.0).contains(&x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        assert_eq!(Params::default().validate(), Ok(()));
    }

    #[test]
    fn zero_buckets_named() {
        let p = Params { number_buckets_in_range: 0, ..Params::default() };
        assert_eq!(p.validate().unwrap_err().param, Param::NumberBucketsInRange);
    }

    #[test]
    fn zero_bucket_length_named() {
        let p = Params { time_bucket_length: 0, ..Params::default() };
        assert_eq!(p.validate().unwrap_err().param, Param::TimeBucketLength);
    }

    #[test]
    fn truncate_at_must_increase() {
        for t in [[0.8, 0.1], [0.5, 0.5], [-0.1, 0.8], [0.1, 1.5], [f64::NAN, 0.8]] {
            let p = Params { truncate_at: t, ..Params::default() };
            assert_eq!(p.validate().unwrap_err().param, Param::TruncateAt, "{:?}", t);
        }
        let edge = Params { truncate_at: [0.0, 1.0], ..Params::default() };
        assert_eq!(edge.validate(), Ok(()));
    }

    #[test]
    fn non_finite_thresholds_rejected() {
        let p = Params { max_beaconing_bytes_cov: f64::INFINITY, ..Params::default() };
        assert_eq!(p.validate().unwrap_err().param, Param::MaxBeaconingBytesCov);
        let p = Params { max_beaconing_count_rv: -0.1, ..Params::default() };
        assert_eq!(p.validate().unwrap_err().param, Param::MaxBeaconingCountRv);
        let p = Params { min_beaconing_count_autocovariance: 1.5, ..Params::default() };
        assert_eq!(p.validate().unwrap_err().param, Param::MinBeaconingCountAutocovariance);
    }

    #[test]
    fn jitter_and_min_not_empty_are_fractions() {
        let p = Params { max_jitter: 1.01, ..Params::default() };
        assert_eq!(p.validate().unwrap_err().param, Param::MaxJitter);
        let p = Params { min_not_empty: -0.5, ..Params::default() };
        assert_eq!(p.validate().unwrap_err().param, Param::MinNotEmpty);
    }

    #[test]
    fn min_number_periods_at_least_one() {
        let p = Params { min_number_periods: 0, ..Params::default() };
        let err = p.validate().unwrap_err();
        assert_eq!(err.param, Param::MinNumberPeriods);
        assert_eq!(err.to_string(), "parameter min_number_periods: must be at least 1");
    }

    #[test]
    fn every_param_has_its_package_name() {
        let names: Vec<&str> = Param::ALL.iter().map(|p| p.name()).collect();
        assert_eq!(names[0], "time_bucket_length");
        assert_eq!(names[9], "min_number_periods");
        assert_eq!(names.len(), 10);
    }
}
