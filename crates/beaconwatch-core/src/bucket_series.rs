//! Per-bucket counts and byte sums of one group.
//!
//! Most groups touch few buckets (a handful of connections in six hours), so
//! a series starts sparse and turns dense once it fills an eighth of the
//! window; either way it reads the same. Memory then grows with the buckets a
//! group fills, not with the window length times the number of groups.

/// One bucket: events, and the sums of `source.bytes` and `destination.bytes`
/// of those events that carry them.
///
/// Sums are 64-bit: the package sums in 32-bit ints that wrap past 2^31 - 1,
/// a defect we fix (spec section 3, vector `int_overflow_bytes`). They wrap
/// (rather than saturate) past 2^63 so that merging stays order-independent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BucketCell {
    pub count: u64,
    pub source_bytes: i64,
    pub destination_bytes: i64,
}

impl BucketCell {
    fn absorb(&mut self, other: &BucketCell) {
        self.count += other.count;
        self.source_bytes = self.source_bytes.wrapping_add(other.source_bytes);
        self.destination_bytes = self.destination_bytes.wrapping_add(other.destination_bytes);
    }
}

#[derive(Clone, Debug)]
enum Cells {
    /// (bucket, cell) pairs, unordered, buckets distinct.
    Sparse(Vec<(u32, BucketCell)>),
    Dense(Vec<BucketCell>),
}

/// Bucket cells of one group over a window of `len` buckets.
#[derive(Clone, Debug)]
pub struct BucketSeries {
    len: u32,
    cells: Cells,
}

impl BucketSeries {
    pub fn new(len: u32) -> BucketSeries {
        BucketSeries { len, cells: Cells::Sparse(Vec::new()) }
    }

    /// Number of buckets in the window.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Adds `cell` into bucket `bucket` (which must be below `len`).
    pub fn add(&mut self, bucket: usize, cell: &BucketCell) {
        assert!(bucket < self.len as usize, "bucket {} outside a series of {}", bucket, self.len);
        match &mut self.cells {
            Cells::Dense(cells) => cells[bucket].absorb(cell),
            Cells::Sparse(pairs) => {
                // Events mostly arrive in time order, so the bucket just
                // touched is the most likely match: search from the end.
                if let Some(pair) = pairs.iter_mut().rev().find(|(b, _)| *b as usize == bucket) {
                    pair.1.absorb(cell);
                    return;
                }
                pairs.push((bucket as u32, *cell));
                // Past an eighth of the window the linear search costs more
                // than the memory saved (a pair is 4/3 the size of a cell).
                if pairs.len() > self.len as usize / 8 {
                    self.densify();
                }
            }
        }
    }

    /// Calls `f` for every bucket that holds at least one event, in no
    /// particular order.
    pub fn for_each_filled<F: FnMut(usize, &BucketCell)>(&self, mut f: F) {
        match &self.cells {
            Cells::Dense(cells) => {
                for (bucket, cell) in cells.iter().enumerate() {
                    if *cell != BucketCell::default() {
                        f(bucket, cell);
                    }
                }
            }
            Cells::Sparse(pairs) => {
                for (bucket, cell) in pairs {
                    f(*bucket as usize, cell);
                }
            }
        }
    }

    /// Writes per-bucket counts and byte sums into the three slices (each of
    /// length `len`), zero where the series holds nothing.
    pub fn write_dense(&self, counts: &mut [f64], source_bytes: &mut [f64], destination_bytes: &mut [f64]) {
        for out in [&mut *counts, &mut *source_bytes, &mut *destination_bytes] {
            out.iter_mut().for_each(|v| *v = 0.0);
        }
        self.for_each_filled(|bucket, cell| {
            // The reference sums ints per shard and converts each sum to
            // double; converting our one 64-bit sum is the same operation.
            counts[bucket] = cell.count as f64;
            source_bytes[bucket] = cell.source_bytes as f64;
            destination_bytes[bucket] = cell.destination_bytes as f64;
        });
    }

    fn densify(&mut self) {
        self.cells = Cells::Dense(self.to_cells());
    }
}

/// Two series are equal when every bucket holds the same cell, whatever
/// their representation.
impl PartialEq for BucketSeries {
    fn eq(&self, other: &BucketSeries) -> bool {
        self.len == other.len && self.to_cells() == other.to_cells()
    }
}

impl BucketSeries {
    fn to_cells(&self) -> Vec<BucketCell> {
        let mut cells = vec![BucketCell::default(); self.len as usize];
        self.for_each_filled(|bucket, cell| cells[bucket] = *cell);
        cells
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(count: u64, src: i64, dst: i64) -> BucketCell {
        BucketCell { count, source_bytes: src, destination_bytes: dst }
    }

    fn dense(series: &BucketSeries) -> Vec<(f64, f64, f64)> {
        let n = series.len();
        let (mut c, mut s, mut d) = (vec![9.0; n], vec![9.0; n], vec![9.0; n]);
        series.write_dense(&mut c, &mut s, &mut d);
        (0..n).map(|k| (c[k], s[k], d[k])).collect()
    }

    #[test]
    fn empty_series_reads_zero() {
        let s = BucketSeries::new(4);
        assert_eq!(dense(&s), vec![(0.0, 0.0, 0.0); 4]);
    }

    #[test]
    fn adds_accumulate_per_bucket() {
        let mut s = BucketSeries::new(3);
        s.add(1, &cell(1, 10, 20));
        s.add(1, &cell(1, 5, 0));
        s.add(2, &cell(1, 0, 7));
        assert_eq!(dense(&s), vec![(0.0, 0.0, 0.0), (2.0, 15.0, 20.0), (1.0, 0.0, 7.0)]);
    }

    #[test]
    fn sparse_and_dense_read_the_same() {
        let mut sparse_only = BucketSeries::new(360);
        let mut densified = BucketSeries::new(360);
        for k in 0..360 {
            densified.add(k, &cell(1, k as i64, 2));
        }
        for k in 0..360 {
            sparse_only = BucketSeries::new(360);
            sparse_only.add(k, &cell(1, k as i64, 2));
            assert_eq!(dense(&sparse_only)[k], dense(&densified)[k]);
        }
        assert!(matches!(densified.cells, Cells::Dense(_)));
        assert!(matches!(sparse_only.cells, Cells::Sparse(_)));
    }

    #[test]
    fn sums_past_two_to_the_31_stay_exact() {
        let mut s = BucketSeries::new(1);
        for _ in 0..5 {
            s.add(0, &cell(1, 600_000_000, 0));
        }
        assert_eq!(dense(&s)[0].1, 3_000_000_000.0);
    }

    #[test]
    fn merge_is_order_independent() {
        let parts: Vec<BucketSeries> = (0..4)
            .map(|p| {
                let mut s = BucketSeries::new(100);
                for k in (p..100).step_by(3 + p) {
                    s.add(k, &cell(1 + p as u64, 100 * p as i64 + k as i64, -(k as i64)));
                }
                s
            })
            .collect();
        let fold = |order: &[usize]| {
            let mut total = BucketSeries::new(100);
            for &i in order {
                parts[i].for_each_filled(|bucket, cell| total.add(bucket, cell));
            }
            dense(&total)
        };
        assert_eq!(fold(&[0, 1, 2, 3]), fold(&[3, 1, 0, 2]));
        assert_eq!(fold(&[0, 1, 2, 3]), fold(&[2, 3, 1, 0]));
    }

    #[test]
    #[should_panic(expected = "outside a series")]
    fn bucket_past_the_end_is_a_bug() {
        BucketSeries::new(3).add(3, &cell(1, 0, 0));
    }
}
