//! Autocovariance periodicity search (spec 4.7), in the reference's order of
//! operations so that every bit agrees.

use crate::scratch::Scratch;

/// The best candidate period and its averaged autocorrelation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Periodicity {
    /// `R[p]` of the best period.
    pub autocovariance: f64,
    /// The first period (in buckets) with the largest `R[p]`.
    pub period: i64,
}

/// Searches periods `2 ..= trunc((b - a) / min_number_periods)` of the
/// counts on `[a, b)`. The caller guarantees `b - a >= 2 * min_number_periods`
/// (the early exit of spec 4.3), hence at least one candidate.
///
/// Index arithmetic is signed, like the reference's ints: with jitter, the
/// last block start `b - 2p` can fall before the first, and the divisions
/// truncate toward zero.
pub fn periodicity(
    counts: &[f64],
    a: usize,
    b: usize,
    min_number_periods: u32,
    max_jitter: f64,
    scratch: &mut Scratch,
) -> Periodicity {
    let (a, b) = (a as i64, b as i64);
    let max_period = (b - a) / i64::from(min_number_periods);
    assert!(max_period >= 2, "periodicity needs b - a >= 2 * min_number_periods");
    let candidates = (max_period - 1) as usize;
    let Scratch { period_n, period_r, x, y, xy, block_y, block_xy, .. } = scratch;
    reset(period_n, candidates);
    reset(period_r, candidates);

    for p in 2..=max_period {
        let jitter = (max_jitter * p as f64) as i64;
        let shifts = (2 * jitter + 1) as usize;
        let first = a + jitter;
        let last = b - 2 * p;
        let m = plain_mean(counts, first + p, first + p * ((last + 1 - first) / p));

        // Accumulators for this period (index p - 2) and its divisors
        // (index q - 2), fresh for every period as in the reference.
        reset(x, (p - 1) as usize);
        reset(y, (p - 1) as usize);
        reset(xy, (p - 1) as usize);

        let mut i = first;
        while i < last + 1 {
            let mut block_x = 0.0;
            for j in i + p..i + 2 * p {
                let d = counts[j as usize] - m;
                block_x += d * d;
            }
            reset(block_y, shifts);
            reset(block_xy, shifts);
            for s in -jitter..=jitter {
                let k = (jitter + s) as usize;
                for j in i + p..i + 2 * p {
                    let lagged = counts[(j - p - s) as usize] - m;
                    block_y[k] += lagged * lagged;
                    block_xy[k] += lagged * (counts[j as usize] - m);
                }
            }
            // Greedy choice of the shift: the one with the best correlation.
            let best = first_argmax((0..shifts).map(|k| correlation(block_xy[k], block_x, block_y[k])));
            let at = (p - 2) as usize;
            x[at] += block_x;
            y[at] += block_y[best];
            xy[at] += block_xy[best];
            for q in divisors_below_half(p) {
                // Divisors pick their shift by covariance, not correlation,
                // within their own (narrower) jitter: a reference quirk.
                let reach = (max_jitter * q as f64) as i64;
                let from = (jitter - reach) as usize;
                let to = (jitter + reach + 1) as usize;
                let best_q = from + first_argmax(block_xy[from..to].iter().copied());
                let at = (q - 2) as usize;
                x[at] += block_x;
                y[at] += block_y[best_q];
                xy[at] += block_xy[best_q];
            }
            i += p;
        }

        let at = (p - 2) as usize;
        period_n[at] += 1.0;
        period_r[at] = correlation(xy[at], x[at], y[at]);
        // A period's multiples vouch for it: average their evidence in.
        for q in divisors_below_half(p) {
            let at = (q - 2) as usize;
            let n = period_n[at] + 1.0;
            let r = correlation(xy[at], x[at], y[at]);
            period_n[at] += 1.0;
            period_r[at] = ((n - 1.0) * period_r[at] + r) / n;
        }
    }

    let best = first_argmax(period_r.iter().copied());
    Periodicity { autocovariance: period_r[best], period: best as i64 + 2 }
}

/// `xy / sqrt(x * y)`, or 1 where that root is 0 (the reference's choice).
fn correlation(xy: f64, x: f64, y: f64) -> f64 {
    let z = (x * y).sqrt();
    if z == 0.0 {
        1.0
    } else {
        xy / z
    }
}

/// Mean of `counts[from..to]`, 0 for an empty range.
fn plain_mean(counts: &[f64], from: i64, to: i64) -> f64 {
    let (mut sum, mut n) = (0.0, 0.0);
    let mut k = from;
    while k < to {
        sum += counts[k as usize];
        n += 1.0;
        k += 1;
    }
    if n > 0.0 {
        sum / n
    } else {
        0.0
    }
}

/// Divisors `q` of `p` with `2 <= q < trunc(p / 2)`, ascending.
fn divisors_below_half(p: i64) -> impl Iterator<Item = i64> {
    (2..p / 2).filter(move |q| p % q == 0)
}

/// Index of the first largest value (strictly greater replaces), as the
/// reference's `max` helper.
fn first_argmax<I: Iterator<Item = f64>>(mut values: I) -> usize {
    let mut best_value = values.next().expect("argmax of nothing");
    let mut best = 0;
    for (k, v) in values.enumerate() {
        if v > best_value {
            best_value = v;
            best = k + 1;
        }
    }
    best
}

fn reset(v: &mut Vec<f64>, len: usize) {
    v.clear();
    v.resize(len, 0.0);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn search(counts: &[f64], mnp: u32, jitter: f64) -> Periodicity {
        let b = counts.len();
        periodicity(counts, 0, b, mnp, jitter, &mut Scratch::default())
    }

    #[test]
    fn constant_series_correlates_perfectly_at_period_two() {
        // Every deviation from the mean is 0: every root is 0, every R is 1.
        let p = search(&[1.0; 60], 6, 0.0);
        assert_eq!(p, Periodicity { autocovariance: 1.0, period: 2 });
    }

    #[test]
    fn one_in_five_is_found() {
        let counts: Vec<f64> = (0..120).map(|k| if k % 5 == 0 { 1.0 } else { 0.0 }).collect();
        let p = search(&counts, 6, 0.0);
        assert_eq!(p.period, 5);
        assert_eq!(p.autocovariance, 1.0);
    }

    #[test]
    fn jitter_recovers_a_shifted_beat() {
        // Period 8, each beat 0 or 1 bucket late at random (a fixed LCG):
        // the exact search loses it, a jitter of 0.2 (one bucket at p = 8)
        // finds it again.
        let mut state: u32 = 12345;
        let mut counts = vec![0.0; 240];
        for beat in 0..30 {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
            let late = ((state >> 16) & 1) as usize;
            counts[(beat * 8 + late).min(239)] = 1.0;
        }
        let exact = search(&counts, 6, 0.0);
        let tolerant = search(&counts, 6, 0.2);
        assert!(exact.autocovariance < 0.7, "{:?}", exact);
        assert!(tolerant.autocovariance >= 0.7, "{:?}", tolerant);
    }

    #[test]
    fn smallest_window_has_one_candidate() {
        let p = search(&[1.0, 0.0, 1.0, 0.0], 2, 0.0);
        assert_eq!(p.period, 2);
    }

    #[test]
    fn no_complete_block_reads_as_perfect() {
        // min_number_periods 1 lets p reach b - a, where no block fits: the
        // reference's empty accumulators give a root of 0, hence R = 1.
        let counts = [3.0, 0.0, 0.0, 1.0, 0.0, 2.0];
        let p = search(&counts, 1, 0.0);
        assert_eq!(p.autocovariance, 1.0);
    }

    #[test]
    fn huge_counts_stay_finite() {
        let counts: Vec<f64> = (0..48).map(|k| if k % 3 == 0 { 1.0e9 } else { 1.0 }).collect();
        let p = search(&counts, 6, 0.3);
        assert!(p.autocovariance.is_finite());
        assert_eq!(p.period, 3);
    }

    #[test]
    fn argmax_takes_the_first_of_equals() {
        assert_eq!(first_argmax([1.0, 3.0, 3.0, 2.0].iter().copied()), 1);
        assert_eq!(first_argmax([5.0].iter().copied()), 0);
    }

    #[test]
    fn divisors_stop_below_half() {
        assert_eq!(divisors_below_half(12).collect::<Vec<_>>(), vec![2, 3, 4]);
        assert_eq!(divisors_below_half(8).collect::<Vec<_>>(), vec![2]);
        assert_eq!(divisors_below_half(4).count(), 0);
    }
}
