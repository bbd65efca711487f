//! Group states addressed by slot, fed by batches of events.
//!
//! The caller (the TypeScript layer) decodes and filters events, decides
//! which windows and groups each belongs to, and hands them over in flat
//! columns; the store does the bucketing and the sums.

use crate::bucket::Window;
use crate::group_state::GroupState;
use crate::params::{ParamError, Params};
use crate::partial_states::{self, StateColumns, StateColumnsMut, StateError};
use crate::score::{score_group, GroupScore};
use crate::scratch::Scratch;
use crate::top_destinations::top_destination_ips;
use std::fmt;

/// Marks an event without a destination IP in [`EventBatch::destination_ip`].
pub const NO_DESTINATION_IP: u32 = u32::MAX;

/// Events in columns, one index per event. Times are epoch milliseconds and
/// byte counts integers, both carried as doubles (exact up to 2^53); `NaN`
/// marks a missing `event.ingested` or byte count.
#[derive(Clone, Copy, Debug)]
pub struct EventBatch<'a> {
    pub slots: &'a [u32],
    pub timestamp_ms: &'a [f64],
    pub ingested_ms: &'a [f64],
    pub source_bytes: &'a [f64],
    pub destination_bytes: &'a [f64],
    pub destination_ip: &'a [u32],
}

/// Why a batch or a call was refused. Nothing of a refused batch is applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IngestError {
    /// The columns of a batch differ in length.
    ColumnLengths,
    /// A slot or window that was never created.
    UnknownSlot { event: usize, slot: u32 },
    UnknownWindow { window: u32 },
    /// A time that is not an integral number of milliseconds within ±2^53.
    BadTimestamp { event: usize },
    BadIngested { event: usize },
    /// A byte count that is not an integer within ±2^53.
    BadSourceBytes { event: usize },
    BadDestinationBytes { event: usize },
    /// Imported partial states that are not well-formed.
    BadPartialState(StateError),
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IngestError::ColumnLengths => write!(f, "event batch columns differ in length"),
            IngestError::UnknownSlot { event, slot } => write!(f, "event {}: unknown group slot {}", event, slot),
            IngestError::UnknownWindow { window } => write!(f, "unknown window {}", window),
            IngestError::BadTimestamp { event } => write!(f, "event {}: @timestamp is not a time", event),
            IngestError::BadIngested { event } => write!(f, "event {}: event.ingested is not a time", event),
            IngestError::BadSourceBytes { event } => write!(f, "event {}: source.bytes is not an integer", event),
            IngestError::BadDestinationBytes { event } => {
                write!(f, "event {}: destination.bytes is not an integer", event)
            }
            IngestError::BadPartialState(e) => write!(f, "partial state {}: {}", e.group, e.reason),
        }
    }
}

impl std::error::Error for IngestError {}

/// Largest magnitude a double holds exactly as an integer.
const EXACT_INTEGER: f64 = 9_007_199_254_740_992.0;

/// All group states of a run, each tied to one window.
#[derive(Clone, Debug)]
pub struct GroupStore {
    params: Params,
    windows: Vec<Window>,
    groups: Vec<GroupState>,
    group_window: Vec<u32>,
}

impl GroupStore {
    pub fn new(params: Params) -> Result<GroupStore, ParamError> {
        params.validate()?;
        Ok(GroupStore { params, windows: Vec::new(), groups: Vec::new(), group_window: Vec::new() })
    }

    pub fn params(&self) -> &Params {
        &self.params
    }

    /// Adds a window ending at `now_ms`; returns its index.
    pub fn add_window(&mut self, now_ms: i64) -> u32 {
        let p = &self.params;
        self.windows.push(Window::new(now_ms, p.time_bucket_length, p.number_buckets_in_range));
        (self.windows.len() - 1) as u32
    }

    /// Appends one empty group per entry of `windows` (each naming the
    /// group's window). Slots are numbered in order from `len()`.
    pub fn add_groups(&mut self, windows: &[u32]) -> Result<(), IngestError> {
        if let Some(bad) = windows.iter().find(|w| **w as usize >= self.windows.len()) {
            return Err(IngestError::UnknownWindow { window: *bad });
        }
        let buckets = self.params.number_buckets_in_range;
        self.groups.extend(windows.iter().map(|_| GroupState::new(buckets)));
        self.group_window.extend_from_slice(windows);
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.groups.len()
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    pub fn group(&self, slot: u32) -> &GroupState {
        &self.groups[slot as usize]
    }

    pub fn group_mut(&mut self, slot: u32) -> &mut GroupState {
        &mut self.groups[slot as usize]
    }

    /// Folds a batch of events into their groups. The whole batch is checked
    /// first: a refused batch leaves every state as it was.
    pub fn ingest(&mut self, batch: &EventBatch<'_>) -> Result<(), IngestError> {
        self.check(batch)?;
        for e in 0..batch.slots.len() {
            let slot = batch.slots[e] as usize;
            let window = self.windows[self.group_window[slot] as usize];
            let ts = batch.timestamp_ms[e] as i64;
            let ip = batch.destination_ip[e];
            self.groups[slot].add_event(
                window.bucket_of(ts),
                ts,
                present(batch.ingested_ms[e]),
                present(batch.source_bytes[e]),
                present(batch.destination_bytes[e]),
                if ip == NO_DESTINATION_IP { None } else { Some(ip) },
            );
        }
        Ok(())
    }

    fn check(&self, batch: &EventBatch<'_>) -> Result<(), IngestError> {
        let n = batch.slots.len();
        let columns = [
            batch.timestamp_ms.len(),
            batch.ingested_ms.len(),
            batch.source_bytes.len(),
            batch.destination_bytes.len(),
            batch.destination_ip.len(),
        ];
        if columns.iter().any(|len| *len != n) {
            return Err(IngestError::ColumnLengths);
        }
        for event in 0..n {
            let slot = batch.slots[event];
            if slot as usize >= self.groups.len() {
                return Err(IngestError::UnknownSlot { event, slot });
            }
            if !is_exact_integer(batch.timestamp_ms[event]) {
                return Err(IngestError::BadTimestamp { event });
            }
            if !is_integer_or_missing(batch.ingested_ms[event]) {
                return Err(IngestError::BadIngested { event });
            }
            if !is_integer_or_missing(batch.source_bytes[event]) {
                return Err(IngestError::BadSourceBytes { event });
            }
            if !is_integer_or_missing(batch.destination_bytes[event]) {
                return Err(IngestError::BadDestinationBytes { event });
            }
        }
        Ok(())
    }

    /// Sizes of the export of `slots` (cells, destination IPs), for
    /// [`GroupStore::export`]. Slots must exist.
    pub fn export_sizes(&self, slots: &[u32]) -> (usize, usize) {
        partial_states::export_sizes(slots.iter().map(|s| self.group(*s)))
    }

    /// Writes the partial states of `slots` as flat columns.
    pub fn export(&self, slots: &[u32], out: StateColumnsMut<'_>) {
        partial_states::export(slots.iter().map(|s| self.group(*s)), out);
    }

    /// Merges flat partial states into `slots` (state `k` into `slots[k]`),
    /// exactly. All are checked first: a refused import changes nothing.
    pub fn import(&mut self, slots: &[u32], cols: &StateColumns<'_>) -> Result<(), IngestError> {
        if let Some(event) = slots.iter().position(|s| *s as usize >= self.groups.len()) {
            return Err(IngestError::UnknownSlot { event, slot: slots[event] });
        }
        partial_states::check(cols, slots.len(), self.params.number_buckets_in_range).map_err(IngestError::BadPartialState)?;
        for (k, slot) in slots.iter().enumerate() {
            partial_states::import_one(&mut self.groups[*slot as usize], cols, k);
        }
        Ok(())
    }

    /// Scores one group and lists its top destination IPs into `top_ips`
    /// (see [`top_destination_ips`] for `ip_string_rank`).
    pub fn score(&self, slot: u32, ip_string_rank: &[u32], scratch: &mut Scratch, top_ips: &mut Vec<u32>) -> GroupScore {
        let group = &self.groups[slot as usize];
        let n = self.params.number_destination_ips as usize;
        top_destination_ips(&group.destination_ips, n, ip_string_rank, &mut scratch.ranked_ips, top_ips);
        score_group(group, &self.params, scratch)
    }
}

fn is_exact_integer(x: f64) -> bool {
    x.is_finite() && x.trunc() == x && x.abs() <= EXACT_INTEGER
}

fn is_integer_or_missing(x: f64) -> bool {
    x.is_nan() || is_exact_integer(x)
}

fn present(x: f64) -> Option<i64> {
    if x.is_nan() {
        None
    } else {
        Some(x as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW_MS: i64 = 1_764_504_000_000;

    fn store_with_one_group() -> GroupStore {
        let mut store = GroupStore::new(Params::default()).unwrap();
        let w = store.add_window(NOW_MS);
        store.add_groups(&[w]).unwrap();
        store
    }

    fn batch<'a>(slots: &'a [u32], ts: &'a [f64], src: &'a [f64], nan: &'a [f64], ips: &'a [u32]) -> EventBatch<'a> {
        EventBatch {
            slots,
            timestamp_ms: ts,
            ingested_ms: nan,
            source_bytes: src,
            destination_bytes: nan,
            destination_ip: ips,
        }
    }

    #[test]
    fn bad_params_are_refused_by_name() {
        let err = GroupStore::new(Params { number_buckets_in_range: 0, ..Params::default() }).unwrap_err();
        assert_eq!(err.param.name(), "number_buckets_in_range");
    }

    #[test]
    fn a_refused_batch_changes_nothing() {
        let mut store = store_with_one_group();
        let now = NOW_MS as f64;
        let err = store.ingest(&batch(&[0, 0], &[now, now], &[5.0, 5.5], &[f64::NAN; 2], &[0, 0]));
        assert_eq!(err, Err(IngestError::BadSourceBytes { event: 1 }));
        assert_eq!(store.group(0), &GroupState::new(360));
    }

    #[test]
    fn unknown_slots_and_windows_are_errors() {
        let mut store = store_with_one_group();
        let now = NOW_MS as f64;
        let err = store.ingest(&batch(&[1], &[now], &[1.0], &[f64::NAN], &[0]));
        assert_eq!(err, Err(IngestError::UnknownSlot { event: 0, slot: 1 }));
        assert_eq!(store.add_groups(&[3]), Err(IngestError::UnknownWindow { window: 3 }));
    }

    #[test]
    fn mismatched_columns_are_an_error() {
        let mut store = store_with_one_group();
        let err = store.ingest(&batch(&[0], &[], &[1.0], &[f64::NAN], &[0]));
        assert_eq!(err, Err(IngestError::ColumnLengths));
    }

    #[test]
    fn non_integral_and_infinite_times_are_errors() {
        let mut store = store_with_one_group();
        for bad in [f64::NAN, f64::INFINITY, 1.5] {
            let err = store.ingest(&batch(&[0], &[bad], &[1.0], &[f64::NAN], &[0]));
            assert_eq!(err, Err(IngestError::BadTimestamp { event: 0 }));
        }
    }

    #[test]
    fn events_are_bucketed_by_their_window() {
        let mut store = GroupStore::new(Params::default()).unwrap();
        let later = store.add_window(NOW_MS + 3_600_000);
        let now = store.add_window(NOW_MS);
        store.add_groups(&[later, now]).unwrap();
        let ts = (NOW_MS - 60_000) as f64;
        store
            .ingest(&batch(&[0, 1], &[ts, ts], &[7.0, 7.0], &[f64::NAN; 2], &[NO_DESTINATION_IP, 2]))
            .unwrap();
        let dense = |slot| {
            let mut c = vec![0.0; 360];
            let (mut s, mut d) = (c.clone(), c.clone());
            store.group(slot).buckets.write_dense(&mut c, &mut s, &mut d);
            c.iter().position(|x| *x > 0.0)
        };
        assert_eq!(dense(0), Some(61));
        assert_eq!(dense(1), Some(1));
        assert!(store.group(0).destination_ips.is_empty());
        assert_eq!(store.group(1).destination_ips[&2], 1);
    }

    fn exported(store: &GroupStore, slots: &[u32]) -> (Vec<u32>, Vec<u32>, Vec<f64>, Vec<i64>, Vec<i64>, Vec<u32>, Vec<u32>, Vec<f64>, Vec<f64>) {
        let (cells, ips) = store.export_sizes(slots);
        let n = slots.len();
        let (mut co, mut cb, mut cc, mut cs, mut cd) = (vec![0; n + 1], vec![0; cells], vec![0.0; cells], vec![0; cells], vec![0; cells]);
        let (mut io, mut ii, mut ic, mut lt) = (vec![0; n + 1], vec![0; ips], vec![0.0; ips], vec![0.0; 2 * n]);
        store.export(
            slots,
            StateColumnsMut {
                cell_offsets: &mut co,
                cell_buckets: &mut cb,
                cell_counts: &mut cc,
                cell_source_bytes: &mut cs,
                cell_destination_bytes: &mut cd,
                ip_offsets: &mut io,
                ip_ids: &mut ii,
                ip_counts: &mut ic,
                latest_ms: &mut lt,
            },
        );
        (co, cb, cc, cs, cd, io, ii, ic, lt)
    }

    #[test]
    fn split_states_exported_and_imported_merge_to_the_whole() {
        let now = NOW_MS as f64;
        let n = 200;
        let ts: Vec<f64> = (0..n).map(|k| now - 61_000.0 * k as f64).collect();
        let src: Vec<f64> = (0..n).map(|k| 100.0 + (k % 7) as f64).collect();
        let ingested: Vec<f64> = ts.iter().map(|t| t + 500.0).collect();
        let ips: Vec<u32> = (0..n).map(|k| (k % 3) as u32).collect();
        let dst = vec![f64::NAN; n];
        let feed = |store: &mut GroupStore, range: std::ops::Range<usize>| {
            let slots = vec![0u32; range.len()];
            let r = range.clone();
            store
                .ingest(&EventBatch {
                    slots: &slots,
                    timestamp_ms: &ts[r.clone()],
                    ingested_ms: &ingested[r.clone()],
                    source_bytes: &src[r.clone()],
                    destination_bytes: &dst[r.clone()],
                    destination_ip: &ips[r],
                })
                .unwrap();
        };
        let mut whole = store_with_one_group();
        feed(&mut whole, 0..n);
        let mut merged = store_with_one_group();
        for part in [0..70, 70..71, 71..n] {
            let mut piece = store_with_one_group();
            feed(&mut piece, part);
            let (co, cb, cc, cs, cd, io, ii, ic, lt) = exported(&piece, &[0]);
            let cols = StateColumns {
                cell_offsets: &co,
                cell_buckets: &cb,
                cell_counts: &cc,
                cell_source_bytes: &cs,
                cell_destination_bytes: &cd,
                ip_offsets: &io,
                ip_ids: &ii,
                ip_counts: &ic,
                latest_ms: &lt,
            };
            merged.import(&[0], &cols).unwrap();
        }
        assert_eq!(merged.group(0), whole.group(0));
    }

    #[test]
    fn a_malformed_import_changes_nothing() {
        let mut store = store_with_one_group();
        let cols = StateColumns {
            cell_offsets: &[0, 1],
            cell_buckets: &[360],
            cell_counts: &[1.0],
            cell_source_bytes: &[5],
            cell_destination_bytes: &[5],
            ip_offsets: &[0, 0],
            ip_ids: &[],
            ip_counts: &[],
            latest_ms: &[1.0, f64::NAN],
        };
        let err = store.import(&[0], &cols).unwrap_err();
        assert_eq!(err, IngestError::BadPartialState(StateError { group: 0, reason: "bucket outside the window" }));
        let fractional = StateColumns { cell_buckets: &[3], cell_counts: &[1.5], ..cols };
        assert_eq!(store.import(&[0], &fractional).unwrap_err().to_string(), "partial state 0: a count is not a whole number of events");
        assert_eq!(store.group(0), &GroupState::new(360));
        assert_eq!(store.import(&[4], &cols), Err(IngestError::UnknownSlot { event: 0, slot: 4 }));
    }

    #[test]
    fn score_lists_top_ips_by_count() {
        let mut store = store_with_one_group();
        let ts = NOW_MS as f64;
        let ips = [0, 1, 1, 2, 2, 2];
        let slots = [0; 6];
        store.ingest(&batch(&slots, &[ts; 6], &[1.0; 6], &[f64::NAN; 6], &ips)).unwrap();
        let mut top = Vec::new();
        let score = store.score(0, &[0, 1, 2], &mut Scratch::default(), &mut top);
        assert_eq!(top, vec![2, 1, 0]);
        assert_eq!((score.interval, score.non_empty_buckets), (1, 1));
    }
}
