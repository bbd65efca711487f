//! Truncated mean and variance of a per-bucket series (spec 4.4).

/// Quantiles of the non-zero values of `values`, over the whole series (not
/// only the occupied interval, as in the reference): sort ascending and take
/// element `min(trunc(q * n + 0.5), n - 1)` for each `q` of `truncate_at`.
/// `sorted` is scratch space. With no non-zero value the result is [0, 0].
pub fn percentiles(values: &[f64], truncate_at: [f64; 2], sorted: &mut Vec<f64>) -> [f64; 2] {
    sorted.clear();
    sorted.extend(values.iter().copied().filter(|v| *v != 0.0));
    if sorted.is_empty() {
        // The reference would index -1 here; its callers never let it, and
        // neither do ours (every caller first checks for non-zero values).
        return [0.0, 0.0];
    }
    sorted.sort_unstable_by(f64::total_cmp);
    let n = sorted.len() as i32;
    let pick = |q: f64| {
        // `as i32` truncates toward zero and saturates, like Java's (int).
        let index = ((q * f64::from(n) + 0.5) as i32).min(n - 1);
        sorted[index as usize]
    };
    [pick(truncate_at[0]), pick(truncate_at[1])]
}

/// Plain mean and population variance of the values of `values[a..b]`
/// within `[lo, hi]`; both 0 when none is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TruncatedMoments {
    pub mean: f64,
    pub variance: f64,
}

pub fn truncated_moments(values: &[f64], a: usize, b: usize, [lo, hi]: [f64; 2]) -> TruncatedMoments {
    let kept = || values[a..b].iter().copied().filter(|v| !(*v < lo || *v > hi));
    // Sums in index order and counts as doubles, as the reference does, so
    // that every bit agrees.
    let (mut sum, mut n) = (0.0, 0.0);
    for v in kept() {
        sum += v;
        n += 1.0;
    }
    let mean = if n > 0.0 { sum / n } else { 0.0 };
    let (mut squares, mut n) = (0.0, 0.0);
    for v in kept() {
        squares += (v - mean) * (v - mean);
        n += 1.0;
    }
    let variance = if n > 0.0 { squares / n } else { 0.0 };
    TruncatedMoments { mean, variance }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEFAULT_TRUNCATE: [f64; 2] = [0.1, 0.8];

    fn pct(values: &[f64]) -> [f64; 2] {
        percentiles(values, DEFAULT_TRUNCATE, &mut Vec::new())
    }

    #[test]
    fn percentiles_of_nothing_are_zero() {
        assert_eq!(pct(&[]), [0.0, 0.0]);
        assert_eq!(pct(&[0.0, 0.0, -0.0]), [0.0, 0.0]);
    }

    #[test]
    fn percentiles_of_one_value() {
        assert_eq!(pct(&[0.0, 7.0, 0.0]), [7.0, 7.0]);
    }

    #[test]
    fn percentiles_skip_zeros_and_round_half_up() {
        // n = 10 non-zero values 1..10: 0.1*10+0.5 = 1.5 -> 1; 0.8*10+0.5 = 8.5 -> 8.
        let v: Vec<f64> = (0..=10).rev().map(f64::from).collect();
        assert_eq!(pct(&v), [2.0, 9.0]);
    }

    #[test]
    fn upper_percentile_clamps_to_the_last_value() {
        assert_eq!(percentiles(&[3.0, 1.0, 2.0], [0.0, 1.0], &mut Vec::new()), [1.0, 3.0]);
    }

    #[test]
    fn percentiles_sort_negative_values_first() {
        assert_eq!(percentiles(&[5.0, -5.0], [0.0, 1.0], &mut Vec::new()), [-5.0, 5.0]);
    }

    #[test]
    fn moments_of_an_empty_range_are_zero() {
        let m = truncated_moments(&[1.0, 2.0], 1, 1, [0.0, 10.0]);
        assert_eq!(m, TruncatedMoments { mean: 0.0, variance: 0.0 });
    }

    #[test]
    fn moments_of_a_constant_series() {
        let m = truncated_moments(&[4.0; 12], 0, 12, [4.0, 4.0]);
        assert_eq!(m, TruncatedMoments { mean: 4.0, variance: 0.0 });
    }

    #[test]
    fn moments_keep_only_values_inside_the_bounds() {
        // 0 and 100 fall outside [1, 3]; the mean of 1,2,3 is 2, variance 2/3.
        let m = truncated_moments(&[0.0, 1.0, 2.0, 3.0, 100.0], 0, 5, [1.0, 3.0]);
        assert_eq!(m.mean, 2.0);
        assert_eq!(m.variance, 2.0 / 3.0);
    }

    #[test]
    fn moments_look_only_at_the_range() {
        let m = truncated_moments(&[9.0, 1.0, 1.0, 9.0], 1, 3, [0.0, 10.0]);
        assert_eq!(m, TruncatedMoments { mean: 1.0, variance: 0.0 });
    }

    #[test]
    fn huge_values_stay_finite() {
        let big = 4.0e18;
        let m = truncated_moments(&[big, big * 1.5], 0, 2, [big, big * 1.5]);
        assert!(m.mean.is_finite() && m.variance.is_finite());
        assert_eq!(m.mean, big * 1.25);
    }
}
