//! The WebAssembly side of the boundary: buffers live in the module's
//! linear memory, allocated with `bw_alloc` and released with `bw_free`
//! (numbers little-endian), in the flat forms of `beaconwatch_core::flat`
//! (parameters, scores) and `beaconwatch_core::StateColumns` (partial
//! states), plus the columns below. Status codes are mirrored by
//! `ts/engine/wasmEngine.ts`.
//!
//! Event batch (`bw_ingest`), n events, one column each:
//! slots u32, timestamp_ms f64, ingested_ms f64 (NaN: none),
//! source_bytes f64 (NaN: missing), destination_bytes f64 (NaN: missing),
//! destination_ip u32 (`NO_DESTINATION_IP`: none).
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

