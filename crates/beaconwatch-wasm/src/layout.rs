//! Memory layout of every buffer that crosses the WebAssembly boundary.
//! Written down once here and mirrored by `ts/engine/wasmLayout.ts`; a test
//! on each side pins the numbers.
//!
//! All buffers live in the module's linear memory, allocated with
//! `bw_alloc` and released with `bw_free`; numbers are little-endian.
//!
//! Parameters (`bw_store_new`): `PARAM_COUNT` f64, in this order:
//! time_bucket_length, number_buckets_in_range, number_destination_ips,
//! max_beaconing_bytes_cov, max_beaconing_count_rv, truncate_at[0],
//! truncate_at[1], min_beaconing_count_autocovariance, max_jitter,
//! min_not_empty, min_number_periods. The integer ones must be integral.
//!
//! Event batch (`bw_ingest`), n events, one column each:
//! slots u32, timestamp_ms f64, ingested_ms f64 (NaN: none),
//! source_bytes f64 (NaN: missing), destination_bytes f64 (NaN: missing),
//! destination_ip u32 (`NO_DESTINATION_IP`: none).
//!
//! Scores (`bw_score`), n groups: `SCORE_STRIDE` f64 per group at the
//! offsets below, and `number_destination_ips` u32 per group of top
//! destination-IP ids (the first `SCORE_TOP_IP_COUNT` of them valid).
//!
//! Partial states (`bw_export`, `bw_import`), n groups with C cells and I
//! destination IPs in all: cell_offsets u32 (n + 1), cell_buckets u32 (C),
//! cell_counts f64 (C), cell_source_bytes i64 (C), cell_destination_bytes
//! i64 (C), ip_offsets u32 (n + 1), ip_ids u32 (I), ip_counts f64 (I),
//! latest_ms f64 (2n: latest @timestamp, latest event.ingested; NaN none).
//! Group k owns cells cell_offsets[k]..cell_offsets[k+1], likewise IPs.
//!
//! Series (`bw_group_series`): three columns of `number_buckets_in_range`
//! f64: events, source byte sums, destination byte sums per bucket.
//! Autocorrelation (`bw_autocorrelation`): up to `number_buckets_in_range`
//! f64, R[p] for p = 2, 3, ...

/// f64 values of the parameter block.
pub const PARAM_COUNT: usize = 11;

/// f64 values per scored group.
pub const SCORE_STRIDE: usize = 21;

/// Offset of the flag bits (an integer held in an f64).
pub const SCORE_FLAGS: usize = 0;
pub const SCORE_BEACONING_SCORE: usize = 1;
pub const SCORE_INTERVAL: usize = 2;
pub const SCORE_NON_EMPTY_BUCKETS: usize = 3;
pub const SCORE_MEAN_SOURCE_BYTES: usize = 4;
pub const SCORE_STD_DEV_SOURCE_BYTES: usize = 5;
pub const SCORE_SOURCE_BYTES_PERCENTILES: usize = 6; // two values
pub const SCORE_MEAN_DESTINATION_BYTES: usize = 8;
pub const SCORE_STD_DEV_DESTINATION_BYTES: usize = 9;
pub const SCORE_DESTINATION_BYTES_PERCENTILES: usize = 10; // two values
pub const SCORE_MEAN_COUNTS: usize = 12;
pub const SCORE_VARIANCE_COUNTS: usize = 13;
pub const SCORE_COUNTS_PERCENTILES: usize = 14; // two values
pub const SCORE_AUTOCOVARIANCE: usize = 16;
pub const SCORE_MAX_AUTOCOVARIANCE_PERIOD: usize = 17;
pub const SCORE_MAX_TIMESTAMP_MS: usize = 18; // NaN: no event
pub const SCORE_MAX_INGESTED_MS: usize = 19; // NaN: no event.ingested
pub const SCORE_TOP_IP_COUNT: usize = 20;

/// Flag bits at `SCORE_FLAGS`.
pub const FLAG_HAS_STATS: u32 = 1; // clear for the early exit (spec 4.3)
pub const FLAG_IS_BEACONING: u32 = 1 << 1;
pub const FLAG_LOW_SOURCE_BYTES_VARIATION: u32 = 1 << 2;
pub const FLAG_LOW_DESTINATION_BYTES_VARIATION: u32 = 1 << 3;
pub const FLAG_LOW_COUNT_VARIATION: u32 = 1 << 4;
pub const FLAG_PERIODIC: u32 = 1 << 5;

/// Status codes returned by every export; details of the last failure are
/// read with `bw_error_message` and `bw_error_detail`.
pub const STATUS_OK: u32 = 0;
pub const STATUS_BAD_PARAM: u32 = 1; // detail: parameter index (as in PARAM order, truncate_at = 5)
pub const STATUS_COLUMN_LENGTHS: u32 = 2;
pub const STATUS_UNKNOWN_SLOT: u32 = 3; // detail: event index
pub const STATUS_UNKNOWN_WINDOW: u32 = 4; // detail: window
pub const STATUS_BAD_TIMESTAMP: u32 = 5; // detail: event index
pub const STATUS_BAD_INGESTED: u32 = 6; // detail: event index
pub const STATUS_BAD_SOURCE_BYTES: u32 = 7; // detail: event index
pub const STATUS_BAD_DESTINATION_BYTES: u32 = 8; // detail: event index
pub const STATUS_UNKNOWN_STORE: u32 = 9; // detail: handle
pub const STATUS_BAD_IP_RANK: u32 = 10; // detail: the IP id without a rank
pub const STATUS_BAD_PARTIAL_STATE: u32 = 11; // detail: index of the state within the import

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_offsets_fill_the_stride() {
        assert_eq!(SCORE_TOP_IP_COUNT + 1, SCORE_STRIDE);
        assert_eq!(SCORE_COUNTS_PERCENTILES + 2, SCORE_AUTOCOVARIANCE);
        assert_eq!(SCORE_SOURCE_BYTES_PERCENTILES + 2, SCORE_MEAN_DESTINATION_BYTES);
    }
}
