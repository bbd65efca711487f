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
    let Scratch { period_n, period_r, x, y, xy, block_x, block_y, block_xy, deviation, squared, divisors, products, spans, .. } = scratch;
    reset(period_n, candidates);
    reset(period_r, candidates);
    deviation.resize(counts.len(), 0.0);
    squared.resize(counts.len(), 0.0);

    for p in 2..=max_period {
        let jitter = (max_jitter * p as f64) as i64;
        let shifts = (2 * jitter + 1) as usize;
        let first = a + jitter;
        let last = b - 2 * p;
        let m = plain_mean(counts, first + p, first + p * ((last + 1 - first) / p));
        // Every index the blocks read lies in [a, b): from first - jitter = a
        // to last + 2p - 1 = b - 1. The deviations and their squares are the
        // very doubles the reference computes inline.
        let occupied = a as usize..b as usize;
        for ((c, d), sq) in counts[occupied.clone()].iter().zip(&mut deviation[occupied.clone()]).zip(&mut squared[occupied]) {
            *d = *c - m;
            *sq = *d * *d;
        }
        let blocks = if last >= first { ((last - first) / p + 1) as usize } else { 0 };
        block_sums(deviation, squared, first as usize, p as usize, jitter as usize, blocks, block_x, block_y, block_xy, products, spans);

        divisors.clear();
        divisors.extend(divisors_below_half(p));

        // Accumulators for this period (index p - 2) and its divisors
        // (index q - 2), fresh for every period as in the reference.
        reset(x, (p - 1) as usize);
        reset(y, (p - 1) as usize);
        reset(xy, (p - 1) as usize);
        for block in 0..blocks {
            let bx = block_x[block];
            let by = &block_y[block * shifts..(block + 1) * shifts];
            let bxy = &block_xy[block * shifts..(block + 1) * shifts];
            // Greedy choice of the shift: the one with the best correlation.
            let best = first_argmax((0..shifts).map(|k| correlation(bxy[k], bx, by[k])));
            let at = (p - 2) as usize;
            x[at] += bx;
            y[at] += by[best];
            xy[at] += bxy[best];
            for &q in divisors.iter() {
                // Divisors pick their shift by covariance, not correlation,
                // within their own (narrower) jitter: a reference quirk.
                let reach = (max_jitter * q as f64) as i64;
                let from = (jitter - reach) as usize;
                let to = (jitter + reach + 1) as usize;
                let best_q = from + first_argmax(bxy[from..to].iter().copied());
                let at = (q - 2) as usize;
                x[at] += bx;
                y[at] += by[best_q];
                xy[at] += bxy[best_q];
            }
        }

        let at = (p - 2) as usize;
        period_n[at] += 1.0;
        period_r[at] = correlation(xy[at], x[at], y[at]);
        // A period's multiples vouch for it: average their evidence in.
        for &q in divisors.iter() {
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

/// The sums of every block of one period: for block `i` (starting at
/// `first + i * p`), `x` = the squared deviations of `[i + p, i + 2p)`, and
/// per shift `s` (index `jitter + s`) `y` = those of the same span moved back
/// by `p + s`, `xy` = the products of the two spans.
///
/// Each sum adds its terms in the reference's order (ascending position), so
/// every bit agrees. What changes is which sums advance together: all the
/// shifts of a block take one step per position, as one contiguous vector
/// operation (the compiler's SIMD instructions, lane by lane the same IEEE
/// additions), instead of one chain of additions after another.
#[allow(clippy::too_many_arguments)]
fn block_sums(
    deviation: &[f64],
    squared: &[f64],
    first: usize,
    p: usize,
    jitter: usize,
    blocks: usize,
    block_x: &mut Vec<f64>,
    block_y: &mut Vec<f64>,
    block_xy: &mut Vec<f64>,
    products: &mut Vec<f64>,
    spans: &mut Vec<f64>,
) {
    let shifts = 2 * jitter + 1;
    reset(block_x, blocks);
    reset(block_y, blocks * shifts);
    reset(block_xy, blocks * shifts);
    if shifts == 1 {
        return unshifted_block_sums(deviation, squared, first, p, blocks, block_x, block_y, block_xy, products, spans);
    }
    // x: block b's span of squares starts at first + (b + 1) p.
    span_sums(&squared[first + p..first + (blocks + 1) * p], p, block_x);
    for block in 0..blocks {
        let i = first + block * p;
        let y = &mut block_y[block * shifts..(block + 1) * shifts];
        let xy = &mut block_xy[block * shifts..(block + 1) * shifts];
        // Shift index k reads position i + offset + jitter - k. Four shifts
        // at a time, taken from the top so that a lane's position rises
        // with it: the four sums of a group read four adjacent positions.
        let mut top = shifts;
        while top >= 4 {
            let low = top - 4;
            let base = i + jitter - (top - 1);
            let (sums_y, sums_xy) = four_shifts(&squared[base..base + p + 3], &deviation[base..base + p + 3], &deviation[i + p..i + 2 * p]);
            // Lane l is shift k = top - 1 - l.
            for l in 0..4 {
                y[top - 1 - l] = sums_y[l];
                xy[top - 1 - l] = sums_xy[l];
            }
            top = low;
        }
        for k in 0..top {
            let at = i + jitter - k;
            let (mut sum_y, mut sum_xy) = (0.0, 0.0);
            for ((sq, d), dj) in squared[at..at + p].iter().zip(&deviation[at..at + p]).zip(&deviation[i + p..i + 2 * p]) {
                sum_y += *sq;
                sum_xy += *d * *dj;
            }
            y[k] = sum_y;
            xy[k] = sum_xy;
        }
    }
}

/// Four adjacent shifts of one block: lane `l` sums `squared[l + o]` and
/// `lagged[l + o] * ahead[o]` over `o` in `0..p`, in that order, the eight
/// sums side by side.
fn four_shifts(squared: &[f64], lagged: &[f64], ahead: &[f64]) -> ([f64; 4], [f64; 4]) {
    let p = ahead.len();
    let (squared, lagged) = (&squared[..p + 3], &lagged[..p + 3]);
    let (mut y, mut xy) = ([0.0; 4], [0.0; 4]);
    for o in 0..p {
        let dj = ahead[o];
        for l in 0..4 {
            y[l] += squared[o + l];
            xy[l] += lagged[o + l] * dj;
        }
    }
    (y, xy)
}

/// [`block_sums`] without jitter (one shift). Block `b`'s `y` sums the same
/// span as block `b - 1`'s `x`, in the same order, so each span of squares is
/// summed once; the products of the two spans are formed in one pass first.
#[allow(clippy::too_many_arguments)]
fn unshifted_block_sums(
    deviation: &[f64],
    squared: &[f64],
    first: usize,
    p: usize,
    blocks: usize,
    block_x: &mut [f64],
    block_y: &mut [f64],
    block_xy: &mut [f64],
    products: &mut Vec<f64>,
    spans: &mut Vec<f64>,
) {
    if blocks == 0 {
        return;
    }
    // Spans t = 0 ..= blocks of squares: block b reads span b (y) and b + 1 (x).
    reset(spans, blocks + 1);
    span_sums(&squared[first..first + (blocks + 1) * p], p, spans);
    block_y.copy_from_slice(&spans[..blocks]);
    block_x.copy_from_slice(&spans[1..]);
    products.clear();
    products.extend(deviation[first..first + blocks * p].iter().zip(&deviation[first + p..first + (blocks + 1) * p]).map(|(a, b)| a * b));
    span_sums(products, p, block_xy);
}

/// `out[t]` = the sum of `values[t * p .. (t + 1) * p]`, each added up in
/// order from 0.0 as the reference does; four spans at a time, so that four
/// chains of additions run side by side.
fn span_sums(values: &[f64], p: usize, out: &mut [f64]) {
    let mut t = 0;
    let mut groups = values.chunks_exact(4 * p);
    for group in &mut groups {
        let (a, rest) = group.split_at(p);
        let (b, rest) = rest.split_at(p);
        let (c, d) = rest.split_at(p);
        let mut sums = [0.0; 4];
        for (((a, b), c), d) in a.iter().zip(b).zip(c).zip(d) {
            sums[0] += *a;
            sums[1] += *b;
            sums[2] += *c;
            sums[3] += *d;
        }
        out[t..t + 4].copy_from_slice(&sums);
        t += 4;
    }
    for span in groups.remainder().chunks_exact(p) {
        out[t] = span.iter().fold(0.0, |sum, v| sum + v);
        t += 1;
    }
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

/// Mean of `counts[from..to]`, 0 for an empty range (`to <= from`).
fn plain_mean(counts: &[f64], from: i64, to: i64) -> f64 {
    let (mut sum, mut n) = (0.0, 0.0);
    if from < to {
        for c in &counts[from as usize..to as usize] {
            sum += *c;
            n += 1.0;
        }
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
