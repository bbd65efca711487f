//! Everything kept about one group in one window while events stream in.

use crate::bucket_series::{BucketCell, BucketSeries};
use std::collections::BTreeMap;

/// Partial state of one group: mergeable, exactly, with any other partial
/// state of the same group and window.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupState {
    pub buckets: BucketSeries,
    /// Events per destination IP, keyed by the caller's IP id. Exact, unlike
    /// the package's bounded map (spec section 3).
    pub destination_ips: BTreeMap<u32, u64>,
    /// Latest `@timestamp` of the group's events, in epoch milliseconds.
    pub max_timestamp_ms: Option<i64>,
    /// Latest `event.ingested`, when any event carried one.
    pub max_ingested_ms: Option<i64>,
}

impl GroupState {
    pub fn new(number_buckets: u32) -> GroupState {
        GroupState {
            buckets: BucketSeries::new(number_buckets),
            destination_ips: BTreeMap::new(),
            max_timestamp_ms: None,
            max_ingested_ms: None,
        }
    }

    /// Records one event that passed the filters. Every such event counts for
    /// the latest timestamps; only one inside the window's buckets counts for
    /// the buckets and the destination IPs, as in the reference's map script.
    pub fn add_event(
        &mut self,
        bucket: Option<usize>,
        timestamp_ms: i64,
        ingested_ms: Option<i64>,
        source_bytes: Option<i64>,
        destination_bytes: Option<i64>,
        destination_ip: Option<u32>,
    ) {
        self.max_timestamp_ms = max_option(self.max_timestamp_ms, Some(timestamp_ms));
        self.max_ingested_ms = max_option(self.max_ingested_ms, ingested_ms);
        if let Some(bucket) = bucket {
            let cell = BucketCell {
                count: 1,
                source_bytes: source_bytes.unwrap_or(0),
                destination_bytes: destination_bytes.unwrap_or(0),
            };
            self.buckets.add(bucket, &cell);
            if let Some(ip) = destination_ip {
                *self.destination_ips.entry(ip).or_insert(0) += 1;
            }
        }
    }

    /// Adds another partial state of the same group and window. Integer sums
    /// and maxima only, so the result does not depend on the order of merges.
    pub fn merge(&mut self, other: &GroupState) {
        other.buckets.for_each_filled(|bucket, cell| self.add_cell(bucket, cell));
        for (ip, n) in &other.destination_ips {
            self.add_destination_ip(*ip, *n);
        }
        self.note_latest(other.max_timestamp_ms, other.max_ingested_ms);
    }

    /// Merges one bucket of a partial state given as flat data (an export of
    /// another store, or buckets an aggregation built elsewhere).
    pub fn add_cell(&mut self, bucket: usize, cell: &BucketCell) {
        self.buckets.add(bucket, cell);
    }

    /// Merges `n` more events to destination IP `ip`.
    pub fn add_destination_ip(&mut self, ip: u32, n: u64) {
        *self.destination_ips.entry(ip).or_insert(0) += n;
    }

    /// Merges the latest timestamps of another partial state.
    pub fn note_latest(&mut self, timestamp_ms: Option<i64>, ingested_ms: Option<i64>) {
        self.max_timestamp_ms = max_option(self.max_timestamp_ms, timestamp_ms);
        self.max_ingested_ms = max_option(self.max_ingested_ms, ingested_ms);
    }
}

fn max_option(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_outside_the_buckets_still_move_the_timestamps() {
        let mut g = GroupState::new(10);
        g.add_event(Some(3), 1_000, Some(1_500), Some(5), None, Some(7));
        g.add_event(None, 9_000, Some(9_500), Some(5), Some(5), Some(8));
        assert_eq!(g.max_timestamp_ms, Some(9_000));
        assert_eq!(g.max_ingested_ms, Some(9_500));
        assert_eq!(g.destination_ips.len(), 1);
        assert_eq!(g.destination_ips[&7], 1);
    }

    #[test]
    fn missing_ingested_leaves_none() {
        let mut g = GroupState::new(10);
        g.add_event(Some(0), 1_000, None, None, None, None);
        assert_eq!(g.max_ingested_ms, None);
        assert!(g.destination_ips.is_empty());
    }

    #[test]
    fn merge_equals_one_state_fed_everything() {
        let events: Vec<(usize, i64, u32)> = (0..50).map(|i| (i % 10, 1_000 * i as i64, (i % 4) as u32)).collect();
        let mut whole = GroupState::new(10);
        let mut left = GroupState::new(10);
        let mut right = GroupState::new(10);
        for (i, (b, ts, ip)) in events.iter().enumerate() {
            whole.add_event(Some(*b), *ts, Some(ts + 1), Some(i as i64), Some(3), Some(*ip));
            let part = if i % 3 == 0 { &mut left } else { &mut right };
            part.add_event(Some(*b), *ts, Some(ts + 1), Some(i as i64), Some(3), Some(*ip));
        }
        let mut lr = left.clone();
        lr.merge(&right);
        let mut rl = right.clone();
        rl.merge(&left);
        assert_eq!(lr, whole);
        assert_eq!(rl, whole);
    }
}
