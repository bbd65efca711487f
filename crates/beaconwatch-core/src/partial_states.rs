//! Partial group states as flat columns: how a store hands its states to
//! another (a worker's to the main thread's, the main thread's to a worker
//! that scores them) and how buckets built elsewhere (a search engine's
//! aggregation) come in. Importing adds, exactly, so it is a merge.
//!
//! For `n` groups: group `k`'s cells are `cell_offsets[k]..cell_offsets[k+1]`
//! of the cell columns, its destination IPs `ip_offsets[k]..ip_offsets[k+1]`
//! of the IP columns, and its latest `@timestamp` and `event.ingested` are
//! `latest_ms[2k]` and `latest_ms[2k+1]` (NaN: none).

use crate::bucket_series::BucketCell;
use crate::group_state::GroupState;

/// Read-only columns of `n` partial states (`cell_offsets` has `n + 1` entries).
#[derive(Clone, Copy, Debug)]
pub struct StateColumns<'a> {
    pub cell_offsets: &'a [u32],
    pub cell_buckets: &'a [u32],
    /// Events per cell, integers carried as doubles.
    pub cell_counts: &'a [f64],
    pub cell_source_bytes: &'a [i64],
    pub cell_destination_bytes: &'a [i64],
    pub ip_offsets: &'a [u32],
    pub ip_ids: &'a [u32],
    pub ip_counts: &'a [f64],
    pub latest_ms: &'a [f64],
}

/// Columns an export fills, sized from [`export_sizes`].
#[derive(Debug)]
pub struct StateColumnsMut<'a> {
    pub cell_offsets: &'a mut [u32],
    pub cell_buckets: &'a mut [u32],
    pub cell_counts: &'a mut [f64],
    pub cell_source_bytes: &'a mut [i64],
    pub cell_destination_bytes: &'a mut [i64],
    pub ip_offsets: &'a mut [u32],
    pub ip_ids: &'a mut [u32],
    pub ip_counts: &'a mut [f64],
    pub latest_ms: &'a mut [f64],
}

/// Why imported columns were refused; `group` is the index within the import.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StateError {
    pub group: usize,
    pub reason: &'static str,
}

/// Cells and destination IPs the export of `groups` will hold.
pub fn export_sizes<'g, I: IntoIterator<Item = &'g GroupState>>(groups: I) -> (usize, usize) {
    let mut cells = 0;
    let mut ips = 0;
    for g in groups {
        g.buckets.for_each_filled(|_, _| cells += 1);
        ips += g.destination_ips.len();
    }
    (cells, ips)
}

/// Writes `groups` into `out` (sized with [`export_sizes`]).
pub fn export<'g, I: IntoIterator<Item = &'g GroupState>>(groups: I, out: StateColumnsMut<'_>) {
    let (mut cell, mut ip) = (0usize, 0usize);
    out.cell_offsets[0] = 0;
    out.ip_offsets[0] = 0;
    for (k, g) in groups.into_iter().enumerate() {
        g.buckets.for_each_filled(|bucket, c| {
            out.cell_buckets[cell] = bucket as u32;
            out.cell_counts[cell] = c.count as f64;
            out.cell_source_bytes[cell] = c.source_bytes;
            out.cell_destination_bytes[cell] = c.destination_bytes;
            cell += 1;
        });
        for (id, n) in &g.destination_ips {
            out.ip_ids[ip] = *id;
            out.ip_counts[ip] = *n as f64;
            ip += 1;
        }
        out.cell_offsets[k + 1] = cell as u32;
        out.ip_offsets[k + 1] = ip as u32;
        out.latest_ms[2 * k] = g.max_timestamp_ms.map_or(f64::NAN, |t| t as f64);
        out.latest_ms[2 * k + 1] = g.max_ingested_ms.map_or(f64::NAN, |t| t as f64);
    }
}

/// Checks every column of `n` states against a window of `number_buckets`;
/// nothing is imported unless all of them are well-formed.
pub fn check(cols: &StateColumns<'_>, n: usize, number_buckets: u32) -> Result<(), StateError> {
    let fail = |group, reason| Err(StateError { group, reason });
    if cols.cell_offsets.len() != n + 1 || cols.ip_offsets.len() != n + 1 || cols.latest_ms.len() != 2 * n {
        return fail(0, "offset or latest columns do not match the number of groups");
    }
    let cells = cols.cell_buckets.len();
    if cols.cell_counts.len() != cells || cols.cell_source_bytes.len() != cells || cols.cell_destination_bytes.len() != cells {
        return fail(0, "cell columns differ in length");
    }
    if cols.ip_counts.len() != cols.ip_ids.len() {
        return fail(0, "IP columns differ in length");
    }
    for k in 0..n {
        let (c0, c1) = (cols.cell_offsets[k] as usize, cols.cell_offsets[k + 1] as usize);
        let (i0, i1) = (cols.ip_offsets[k] as usize, cols.ip_offsets[k + 1] as usize);
        if (k == 0 && (c0 != 0 || i0 != 0)) || c0 > c1 || c1 > cells || i0 > i1 || i1 > cols.ip_ids.len() {
            return fail(k, "offsets out of order or out of range");
        }
        if cols.cell_buckets[c0..c1].iter().any(|b| *b >= number_buckets) {
            return fail(k, "bucket outside the window");
        }
        if !cols.cell_counts[c0..c1].iter().chain(&cols.ip_counts[i0..i1]).all(|c| is_count(*c)) {
            return fail(k, "a count is not a whole number of events");
        }
        if !cols.latest_ms[2 * k..2 * k + 2].iter().all(|t| t.is_nan() || (t.is_finite() && t.trunc() == *t)) {
            return fail(k, "a latest time is not a whole number of milliseconds");
        }
    }
    if cols.cell_offsets[n] as usize != cells || cols.ip_offsets[n] as usize != cols.ip_ids.len() {
        return fail(n.saturating_sub(1), "columns longer than the offsets say");
    }
    Ok(())
}

/// Adds state `k` of `cols` (already checked) into `group`.
pub fn import_one(group: &mut GroupState, cols: &StateColumns<'_>, k: usize) {
    for c in cols.cell_offsets[k] as usize..cols.cell_offsets[k + 1] as usize {
        let cell = BucketCell {
            count: cols.cell_counts[c] as u64,
            source_bytes: cols.cell_source_bytes[c],
            destination_bytes: cols.cell_destination_bytes[c],
        };
        group.add_cell(cols.cell_buckets[c] as usize, &cell);
    }
    for i in cols.ip_offsets[k] as usize..cols.ip_offsets[k + 1] as usize {
        group.add_destination_ip(cols.ip_ids[i], cols.ip_counts[i] as u64);
    }
    let time = |t: f64| if t.is_nan() { None } else { Some(t as i64) };
    group.note_latest(time(cols.latest_ms[2 * k]), time(cols.latest_ms[2 * k + 1]));
}

fn is_count(c: f64) -> bool {
    c.is_finite() && c >= 1.0 && c.trunc() == c && c <= 9_007_199_254_740_992.0
}
