//! Which bucket an event falls in (spec section 3).

/// Whole epoch seconds of a millisecond timestamp, rounded down like
/// `ZonedDateTime::toEpochSecond` in the reference.
pub fn epoch_second(ms: i64) -> i64 {
    ms.div_euclid(1000)
}

/// Bucket of an event `event_s` seconds after the epoch in a window ending at
/// `now_s`: `trunc((now_s - event_s) / time_bucket_length)`, bucket 0 the most
/// recent. `None` outside `[0, number_buckets)`.
///
/// The division truncates toward zero, as the reference's integer division
/// does, so an event less than one bucket after `now` lands in bucket 0: a
/// quirk kept for parity (spec section 3, vector `window_edges`).
pub fn bucket_index(now_s: i64, event_s: i64, time_bucket_length: u32, number_buckets: u32) -> Option<usize> {
    let bucket = (now_s - event_s) / i64::from(time_bucket_length);
    if bucket >= 0 && bucket < i64::from(number_buckets) {
        Some(bucket as usize)
    } else {
        None
    }
}

/// The end of one scoring window, with the bucketing parameters it uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub now_s: i64,
    pub time_bucket_length: u32,
    pub number_buckets: u32,
}

impl Window {
    pub fn new(now_ms: i64, time_bucket_length: u32, number_buckets: u32) -> Window {
        Window { now_s: epoch_second(now_ms), time_bucket_length, number_buckets }
    }

    /// Bucket of an event at `event_ms`, if it falls in the window.
    pub fn bucket_of(&self, event_ms: i64) -> Option<usize> {
        bucket_index(self.now_s, epoch_second(event_ms), self.time_bucket_length, self.number_buckets)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW_MS: i64 = 1_764_504_000_000; // 2025-11-30T12:00:00Z

    fn window() -> Window {
        Window::new(NOW_MS, 60, 360)
    }

    #[test]
    fn epoch_second_rounds_down() {
        assert_eq!(epoch_second(1999), 1);
        assert_eq!(epoch_second(2000), 2);
        assert_eq!(epoch_second(-1), -1);
        assert_eq!(epoch_second(-1000), -1);
        assert_eq!(epoch_second(-1001), -2);
    }

    #[test]
    fn most_recent_minute_is_bucket_zero() {
        assert_eq!(window().bucket_of(NOW_MS), Some(0));
        assert_eq!(window().bucket_of(NOW_MS - 59_000), Some(0));
        // 59.001 s before now is a whole second earlier: 60 s, bucket 1.
        assert_eq!(window().bucket_of(NOW_MS - 59_001), Some(1));
    }

    #[test]
    fn less_than_one_bucket_in_the_future_is_bucket_zero() {
        assert_eq!(window().bucket_of(NOW_MS + 30_000), Some(0));
        assert_eq!(window().bucket_of(NOW_MS + 59_999), Some(0));
        assert_eq!(window().bucket_of(NOW_MS + 60_000), None);
        assert_eq!(window().bucket_of(NOW_MS + 90_000), None);
    }

    #[test]
    fn window_start_is_exclusive_at_the_last_bucket() {
        // 6 h before now is bucket 360: outside a 360-bucket window.
        assert_eq!(window().bucket_of(NOW_MS - 21_600_000), None);
        assert_eq!(window().bucket_of(NOW_MS - 21_599_001), None);
        assert_eq!(window().bucket_of(NOW_MS - 21_599_000), Some(359));
    }

    #[test]
    fn sub_second_parts_are_dropped_on_both_sides() {
        // now 12:00:00.900 and event 11:59:00.100 are 60 whole seconds apart.
        let w = Window::new(NOW_MS + 900, 60, 360);
        assert_eq!(w.bucket_of(NOW_MS - 60_000 + 100), Some(1));
    }
}
