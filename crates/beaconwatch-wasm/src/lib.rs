//! The beaconwatch core, exported to WebAssembly over a flat C ABI.
//!
//! Thin on purpose: every export copies pointers into slices, calls the
//! core, and turns its errors into status codes. Batches, not single events
//! or groups, cross the boundary (see `layout` for every buffer's shape).
//! Stores are addressed by handle so that one module can hold several runs.

pub mod layout;

use beaconwatch_core::flat::{params_from_flat, write_score, PARAM_COUNT, SCORE_STRIDE};
use beaconwatch_core::{EventBatch, GroupStore, IngestError, Param, ParamError, Scratch, StateColumns, StateColumnsMut};
use layout::*;
use std::cell::RefCell;
use std::slice;

/// A store and the buffers reused by its scoring calls.
struct Instance {
    store: GroupStore,
    scratch: Scratch,
    top_ips: Vec<u32>,
}

/// The last failure, for `bw_error_message` / `bw_error_detail`.
struct LastError {
    message: String,
    detail: u32,
}

thread_local! {
    static INSTANCES: RefCell<Vec<Option<Instance>>> = RefCell::new(Vec::new());
    static LAST_ERROR: RefCell<LastError> = RefCell::new(LastError { message: String::new(), detail: 0 });
}

fn fail(status: u32, detail: u32, message: String) -> u32 {
    LAST_ERROR.with(|e| *e.borrow_mut() = LastError { message, detail });
    status
}

fn ingest_failure(err: IngestError) -> u32 {
    let message = err.to_string();
    let (status, detail) = match err {
        IngestError::ColumnLengths => (STATUS_COLUMN_LENGTHS, 0),
        IngestError::UnknownSlot { event, .. } => (STATUS_UNKNOWN_SLOT, event as u32),
        IngestError::UnknownWindow { window } => (STATUS_UNKNOWN_WINDOW, window),
        IngestError::BadTimestamp { event } => (STATUS_BAD_TIMESTAMP, event as u32),
        IngestError::BadIngested { event } => (STATUS_BAD_INGESTED, event as u32),
        IngestError::BadSourceBytes { event } => (STATUS_BAD_SOURCE_BYTES, event as u32),
        IngestError::BadDestinationBytes { event } => (STATUS_BAD_DESTINATION_BYTES, event as u32),
        IngestError::BadPartialState(e) => (STATUS_BAD_PARTIAL_STATE, e.group as u32),
    };
    fail(status, detail, message)
}

fn param_failure(err: ParamError) -> u32 {
    let index = Param::ALL.iter().position(|p| *p == err.param).unwrap_or(0) as u32;
    fail(STATUS_BAD_PARAM, index, err.to_string())
}

/// Runs `f` on the instance behind `handle`.
fn with_instance<F: FnOnce(&mut Instance) -> u32>(handle: u32, f: F) -> u32 {
    INSTANCES.with(|all| match all.borrow_mut().get_mut(handle as usize) {
        Some(Some(instance)) => f(instance),
        _ => fail(STATUS_UNKNOWN_STORE, handle, format!("no store with handle {}", handle)),
    })
}

/// # Safety
/// Callers pass pointers to `len` valid elements, from `bw_alloc`.
unsafe fn view<'a, T>(ptr: *const T, len: usize) -> &'a [T] {
    if len == 0 {
        &[]
    } else {
        slice::from_raw_parts(ptr, len)
    }
}

/// # Safety
/// As [`view`], for a buffer the export writes.
unsafe fn view_mut<'a, T>(ptr: *mut T, len: usize) -> &'a mut [T] {
    if len == 0 {
        &mut []
    } else {
        slice::from_raw_parts_mut(ptr, len)
    }
}

/// Allocates `size` bytes (8-byte aligned) for the caller to fill.
#[no_mangle]
pub extern "C" fn bw_alloc(size: usize) -> *mut u8 {
    let words = (size + 7) / 8;
    let mut buffer: Vec<u64> = Vec::with_capacity(words.max(1));
    let ptr = buffer.as_mut_ptr() as *mut u8;
    std::mem::forget(buffer);
    ptr
}

/// Releases a buffer from `bw_alloc` of the same `size`.
///
/// # Safety
/// `ptr` and `size` must come from one `bw_alloc` call, released once.
#[no_mangle]
pub unsafe extern "C" fn bw_free(ptr: *mut u8, size: usize) {
    let words = (size + 7) / 8;
    drop(Vec::from_raw_parts(ptr as *mut u64, 0, words.max(1)));
}

/// Creates a store from `PARAM_COUNT` f64 at `params`; writes its handle.
///
/// # Safety
/// `params` points to `PARAM_COUNT` f64, `handle_out` to one u32.
#[no_mangle]
pub unsafe extern "C" fn bw_store_new(params: *const f64, handle_out: *mut u32) -> u32 {
    let values = view(params, PARAM_COUNT);
    let params = match params_from_flat(values) {
        Ok(p) => p,
        Err(err) => return param_failure(err),
    };
    let store = match GroupStore::new(params) {
        Ok(s) => s,
        Err(err) => return param_failure(err),
    };
    let instance = Instance { store, scratch: Scratch::default(), top_ips: Vec::new() };
    let handle = INSTANCES.with(|all| {
        let mut all = all.borrow_mut();
        all.push(Some(instance));
        all.len() - 1
    });
    *handle_out = handle as u32;
    STATUS_OK
}

/// Drops a store and everything it holds.
#[no_mangle]
pub extern "C" fn bw_store_free(handle: u32) -> u32 {
    INSTANCES.with(|all| match all.borrow_mut().get_mut(handle as usize) {
        Some(slot @ Some(_)) => {
            *slot = None;
            STATUS_OK
        }
        _ => fail(STATUS_UNKNOWN_STORE, handle, format!("no store with handle {}", handle)),
    })
}

/// Adds a window ending at `now_ms`; writes its index.
///
/// # Safety
/// `window_out` points to one u32.
#[no_mangle]
pub unsafe extern "C" fn bw_add_window(handle: u32, now_ms: f64, window_out: *mut u32) -> u32 {
    if !(now_ms.is_finite() && now_ms.trunc() == now_ms) {
        return fail(STATUS_BAD_TIMESTAMP, 0, "window end is not a time".to_string());
    }
    with_instance(handle, |i| {
        *window_out = i.store.add_window(now_ms as i64);
        STATUS_OK
    })
}

/// Appends `n` empty groups, the window of each in `windows`.
///
/// # Safety
/// `windows` points to `n` u32.
#[no_mangle]
pub unsafe extern "C" fn bw_add_groups(handle: u32, n: usize, windows: *const u32) -> u32 {
    let windows = view(windows, n);
    with_instance(handle, |i| match i.store.add_groups(windows) {
        Ok(()) => STATUS_OK,
        Err(err) => ingest_failure(err),
    })
}

/// Folds a batch of `n` events into their groups (columns as in `layout`).
///
/// # Safety
/// Every pointer points to `n` elements of its column's type.
#[no_mangle]
pub unsafe extern "C" fn bw_ingest(
    handle: u32,
    n: usize,
    slots: *const u32,
    timestamp_ms: *const f64,
    ingested_ms: *const f64,
    source_bytes: *const f64,
    destination_bytes: *const f64,
    destination_ip: *const u32,
) -> u32 {
    let batch = EventBatch {
        slots: view(slots, n),
        timestamp_ms: view(timestamp_ms, n),
        ingested_ms: view(ingested_ms, n),
        source_bytes: view(source_bytes, n),
        destination_bytes: view(destination_bytes, n),
        destination_ip: view(destination_ip, n),
    };
    with_instance(handle, |i| match i.store.ingest(&batch) {
        Ok(()) => STATUS_OK,
        Err(err) => ingest_failure(err),
    })
}

/// Scores `n` groups named by `slots`. `ip_rank` holds, per IP id, the rank
/// of its string in ascending order (`ip_rank_len` ids). Writes
/// `SCORE_STRIDE` f64 per group to `scores` and `number_destination_ips`
/// u32 per group to `top_ips`.
///
/// # Safety
/// `slots` points to `n` u32, `ip_rank` to `ip_rank_len` u32, `scores` to
/// `n * SCORE_STRIDE` f64, `top_ips` to `n * number_destination_ips` u32.
#[no_mangle]
pub unsafe extern "C" fn bw_score(
    handle: u32,
    n: usize,
    slots: *const u32,
    ip_rank: *const u32,
    ip_rank_len: usize,
    scores: *mut f64,
    top_ips: *mut u32,
) -> u32 {
    let slots = view(slots, n);
    let ip_rank = view(ip_rank, ip_rank_len);
    with_instance(handle, |i| {
        if let Some(status) = unknown_slot(&i.store, slots).or_else(|| unranked_ip(&i.store, slots, ip_rank)) {
            return status;
        }
        let per_group_ips = i.store.params().number_destination_ips as usize;
        let scores = view_mut(scores, n * SCORE_STRIDE);
        let top_ips = view_mut(top_ips, n * per_group_ips);
        for (k, slot) in slots.iter().enumerate() {
            let score = i.store.score(*slot, ip_rank, &mut i.scratch, &mut i.top_ips);
            let out = &mut scores[k * SCORE_STRIDE..(k + 1) * SCORE_STRIDE];
            write_score(out, &score, i.store.group(*slot), i.top_ips.len());
            top_ips[k * per_group_ips..k * per_group_ips + i.top_ips.len()].copy_from_slice(&i.top_ips);
        }
        STATUS_OK
    })
}

/// Writes the sizes of the export of `n` slots: total cells and total
/// destination IPs (two u32 at `sizes_out`).
///
/// # Safety
/// `slots` points to `n` u32, `sizes_out` to two u32.
#[no_mangle]
pub unsafe extern "C" fn bw_export_sizes(handle: u32, n: usize, slots: *const u32, sizes_out: *mut u32) -> u32 {
    let slots = view(slots, n);
    with_instance(handle, |i| {
        if let Some(status) = unknown_slot(&i.store, slots) {
            return status;
        }
        let (cells, ips) = i.store.export_sizes(slots);
        let out = view_mut(sizes_out, 2);
        out[0] = cells as u32;
        out[1] = ips as u32;
        STATUS_OK
    })
}

/// Exports the partial states of `n` slots as flat columns (layout in
/// `layout`, sizes from `bw_export_sizes`).
///
/// # Safety
/// Each pointer points to its column, sized for `n` slots and the sizes
/// `bw_export_sizes` gave.
#[no_mangle]
pub unsafe extern "C" fn bw_export(
    handle: u32,
    n: usize,
    slots: *const u32,
    cell_offsets: *mut u32,
    cell_buckets: *mut u32,
    cell_counts: *mut f64,
    cell_source_bytes: *mut i64,
    cell_destination_bytes: *mut i64,
    ip_offsets: *mut u32,
    ip_ids: *mut u32,
    ip_counts: *mut f64,
    latest_ms: *mut f64,
) -> u32 {
    let slots = view(slots, n);
    with_instance(handle, |i| {
        if let Some(status) = unknown_slot(&i.store, slots) {
            return status;
        }
        let (cells, ips) = i.store.export_sizes(slots);
        i.store.export(
            slots,
            StateColumnsMut {
                cell_offsets: view_mut(cell_offsets, n + 1),
                cell_buckets: view_mut(cell_buckets, cells),
                cell_counts: view_mut(cell_counts, cells),
                cell_source_bytes: view_mut(cell_source_bytes, cells),
                cell_destination_bytes: view_mut(cell_destination_bytes, cells),
                ip_offsets: view_mut(ip_offsets, n + 1),
                ip_ids: view_mut(ip_ids, ips),
                ip_counts: view_mut(ip_counts, ips),
                latest_ms: view_mut(latest_ms, 2 * n),
            },
        );
        STATUS_OK
    })
}

/// Merges `n` flat partial states into `slots` (state `k` into `slots[k]`),
/// exactly; `cells` and `ips` are the lengths of the cell and IP columns.
/// Nothing is merged unless every state is well-formed.
///
/// # Safety
/// Each pointer points to its column: offsets `n + 1` u32, cell columns
/// `cells` entries, IP columns `ips` entries, `latest_ms` `2 * n` f64.
#[no_mangle]
pub unsafe extern "C" fn bw_import(
    handle: u32,
    n: usize,
    slots: *const u32,
    cells: usize,
    ips: usize,
    cell_offsets: *const u32,
    cell_buckets: *const u32,
    cell_counts: *const f64,
    cell_source_bytes: *const i64,
    cell_destination_bytes: *const i64,
    ip_offsets: *const u32,
    ip_ids: *const u32,
    ip_counts: *const f64,
    latest_ms: *const f64,
) -> u32 {
    let slots = view(slots, n);
    let cols = StateColumns {
        cell_offsets: view(cell_offsets, n + 1),
        cell_buckets: view(cell_buckets, cells),
        cell_counts: view(cell_counts, cells),
        cell_source_bytes: view(cell_source_bytes, cells),
        cell_destination_bytes: view(cell_destination_bytes, cells),
        ip_offsets: view(ip_offsets, n + 1),
        ip_ids: view(ip_ids, ips),
        ip_counts: view(ip_counts, ips),
        latest_ms: view(latest_ms, 2 * n),
    };
    with_instance(handle, |i| match i.store.import(slots, &cols) {
        Ok(()) => STATUS_OK,
        Err(err) => ingest_failure(err),
    })
}

/// Writes one group's per-bucket event counts and byte sums (bucket 0 the
/// most recent), `number_buckets_in_range` f64 each.
///
/// # Safety
/// Each output points to `number_buckets_in_range` f64.
#[no_mangle]
pub unsafe extern "C" fn bw_group_series(handle: u32, slot: u32, counts: *mut f64, source_bytes: *mut f64, destination_bytes: *mut f64) -> u32 {
    with_instance(handle, |i| {
        if let Some(status) = unknown_slot(&i.store, &[slot]) {
            return status;
        }
        let n = i.store.params().number_buckets_in_range as usize;
        i.store.group(slot).buckets.write_dense(view_mut(counts, n), view_mut(source_bytes, n), view_mut(destination_bytes, n));
        STATUS_OK
    })
}

/// Scores one group and writes its autocorrelation by candidate period
/// (`R[p]` for p = 2, 3, ...) to `out`, and how many values to `len_out`
/// (0 after the early exit).
///
/// # Safety
/// `out` points to `number_buckets_in_range` f64, `len_out` to one u32.
#[no_mangle]
pub unsafe extern "C" fn bw_autocorrelation(handle: u32, slot: u32, rank: *const u32, rank_len: usize, out: *mut f64, len_out: *mut u32) -> u32 {
    let rank = view(rank, rank_len);
    with_instance(handle, |i| {
        if let Some(status) = unknown_slot(&i.store, &[slot]) {
            return status;
        }
        if let Some(status) = unranked_ip(&i.store, &[slot], rank) {
            return status;
        }
        i.store.score(slot, rank, &mut i.scratch, &mut i.top_ips);
        let curve = i.scratch.autocorrelation_by_period();
        view_mut(out, curve.len()).copy_from_slice(curve);
        *len_out = curve.len() as u32;
        STATUS_OK
    })
}

fn unknown_slot(store: &GroupStore, slots: &[u32]) -> Option<u32> {
    let groups = store.len();
    slots
        .iter()
        .position(|s| *s as usize >= groups)
        .map(|e| fail(STATUS_UNKNOWN_SLOT, e as u32, format!("group {}: unknown slot {}", e, slots[e])))
}

fn unranked_ip(store: &GroupStore, slots: &[u32], rank: &[u32]) -> Option<u32> {
    for slot in slots {
        if let Some(ip) = store.group(*slot).destination_ips.keys().find(|ip| **ip as usize >= rank.len()) {
            return Some(fail(STATUS_BAD_IP_RANK, *ip, format!("destination IP id {} has no rank", ip)));
        }
    }
    None
}

/// Length in bytes of the last failure's message (UTF-8).
#[no_mangle]
pub extern "C" fn bw_error_message_len() -> usize {
    LAST_ERROR.with(|e| e.borrow().message.len())
}

/// Copies the last failure's message to `out` (`bw_error_message_len` bytes).
///
/// # Safety
/// `out` points to at least `bw_error_message_len()` bytes.
#[no_mangle]
pub unsafe extern "C" fn bw_error_message(out: *mut u8) {
    LAST_ERROR.with(|e| {
        let message = &e.borrow().message;
        view_mut(out, message.len()).copy_from_slice(message.as_bytes());
    })
}

/// The last failure's detail number (see the status codes in `layout`).
#[no_mangle]
pub extern "C" fn bw_error_detail() -> u32 {
    LAST_ERROR.with(|e| e.borrow().detail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use beaconwatch_core::flat::*;
    use beaconwatch_core::NO_DESTINATION_IP;

    fn new_store(params: [f64; PARAM_COUNT]) -> Result<u32, (u32, u32, String)> {
        let mut handle = 0;
        let status = unsafe { bw_store_new(params.as_ptr(), &mut handle) };
        if status == STATUS_OK {
            Ok(handle)
        } else {
            let mut message = vec![0u8; bw_error_message_len()];
            unsafe { bw_error_message(message.as_mut_ptr()) };
            Err((status, bw_error_detail(), String::from_utf8(message).unwrap()))
        }
    }

    const DEFAULTS: [f64; PARAM_COUNT] = [60.0, 360.0, 10.0, 0.05, 0.1, 0.1, 0.8, 0.7, 0.0, 0.5, 6.0];

    #[test]
    fn bad_params_name_the_parameter() {
        let mut p = DEFAULTS;
        p[5] = 0.9;
        let (status, detail, message) = new_store(p).unwrap_err();
        assert_eq!((status, detail), (STATUS_BAD_PARAM, 5));
        assert!(message.starts_with("parameter truncate_at:"), "{}", message);
        p = DEFAULTS;
        p[1] = 2.5;
        let (status, detail, message) = new_store(p).unwrap_err();
        assert_eq!((status, detail), (STATUS_BAD_PARAM, 1));
        assert_eq!(message, "parameter number_buckets_in_range: must be a whole number");
    }

    #[test]
    fn a_beacon_round_trips_through_the_abi() {
        let handle = new_store(DEFAULTS).unwrap();
        let now = 1_764_504_000_000.0;
        let mut window = 99;
        assert_eq!(unsafe { bw_add_window(handle, now, &mut window) }, STATUS_OK);
        assert_eq!(unsafe { bw_add_groups(handle, 1, [window].as_ptr()) }, STATUS_OK);
        let n = 360;
        let slots = vec![0u32; n];
        let ts: Vec<f64> = (0..n).map(|k| now - 60_000.0 * k as f64 - 5_000.0).collect();
        let ingested: Vec<f64> = ts.iter().map(|t| t + 2_000.0).collect();
        let src = vec![512.0; n];
        let dst = vec![f64::NAN; n];
        let ips: Vec<u32> = (0..n).map(|k| if k % 3 == 0 { 1 } else { NO_DESTINATION_IP }).collect();
        let status = unsafe {
            bw_ingest(handle, n, slots.as_ptr(), ts.as_ptr(), ingested.as_ptr(), src.as_ptr(), dst.as_ptr(), ips.as_ptr())
        };
        assert_eq!(status, STATUS_OK);
        let mut scores = vec![0.0; SCORE_STRIDE];
        let mut top = vec![0u32; 10];
        let status = unsafe { bw_score(handle, 1, [0u32].as_ptr(), [1u32, 0].as_ptr(), 2, scores.as_mut_ptr(), top.as_mut_ptr()) };
        assert_eq!(status, STATUS_OK);
        let flags = scores[SCORE_FLAGS] as u32;
        assert_eq!(flags & FLAG_HAS_STATS, FLAG_HAS_STATS);
        assert_eq!(flags & FLAG_LOW_DESTINATION_BYTES_VARIATION, 0);
        assert_eq!(scores[SCORE_BEACONING_SCORE], 2.0);
        assert_eq!(scores[SCORE_MEAN_SOURCE_BYTES], 512.0);
        assert_eq!(scores[SCORE_MAX_TIMESTAMP_MS], now - 5_000.0);
        assert_eq!(scores[SCORE_MAX_INGESTED_MS], now - 3_000.0);
        assert_eq!((scores[SCORE_TOP_IP_COUNT], top[0]), (1.0, 1));
        assert_eq!(bw_store_free(handle), STATUS_OK);
        assert_eq!(bw_store_free(handle), STATUS_UNKNOWN_STORE);
    }

    #[test]
    fn a_missing_rank_is_an_error() {
        let handle = new_store(DEFAULTS).unwrap();
        let mut window = 0;
        unsafe { bw_add_window(handle, 0.0, &mut window) };
        unsafe { bw_add_groups(handle, 1, [window].as_ptr()) };
        let status = unsafe {
            bw_ingest(handle, 1, [0u32].as_ptr(), [0.0].as_ptr(), [f64::NAN].as_ptr(), [1.0].as_ptr(), [1.0].as_ptr(), [4u32].as_ptr())
        };
        assert_eq!(status, STATUS_OK);
        let mut scores = vec![0.0; SCORE_STRIDE];
        let mut top = vec![0u32; 10];
        let status = unsafe { bw_score(handle, 1, [0u32].as_ptr(), [0u32].as_ptr(), 1, scores.as_mut_ptr(), top.as_mut_ptr()) };
        assert_eq!((status, bw_error_detail()), (STATUS_BAD_IP_RANK, 4));
    }
}
