//! The beaconwatch core as a native Node addon. As thin as the wasm crate:
//! JavaScript typed arrays in, the core's calls, its errors as JavaScript
//! errors; the buffers have the flat forms of `beaconwatch_core::flat` and
//! `beaconwatch_core::StateColumns`, so the TypeScript side reads both
//! bindings with one module.
//!
//! Output buffers are written through `as_mut`, which napi-rs marks unsafe
//! because JavaScript could change a buffer concurrently; it cannot here:
//! the JavaScript thread is blocked in the call for its whole length.

use beaconwatch_core::flat::{params_from_flat, write_score, SCORE_STRIDE};
use beaconwatch_core::{EventBatch, GroupStore, Scratch, StateColumns, StateColumnsMut};
use napi::bindgen_prelude::{BigInt64Array, Float64Array, Uint32Array};
use napi::{Error, Result};
use napi_derive::napi;

fn js_error<E: std::fmt::Display>(err: E) -> Error {
    Error::from_reason(err.to_string())
}

/// One store of group states, with the buffers its scoring reuses.
#[napi]
pub struct NativeStore {
    store: GroupStore,
    scratch: Scratch,
    top_ips: Vec<u32>,
}

#[napi]
impl NativeStore {
    /// A store for the parameters in their flat form.
    #[napi(constructor)]
    pub fn new(params: Float64Array) -> Result<NativeStore> {
        let params = params_from_flat(&params).map_err(js_error)?;
        let store = GroupStore::new(params).map_err(js_error)?;
        Ok(NativeStore { store, scratch: Scratch::default(), top_ips: Vec::new() })
    }

    /// Adds a window ending at `now_ms`; returns its index.
    #[napi]
    pub fn add_window(&mut self, now_ms: f64) -> Result<u32> {
        if !(now_ms.is_finite() && now_ms.trunc() == now_ms) {
            return Err(Error::from_reason("window end is not a time"));
        }
        Ok(self.store.add_window(now_ms as i64))
    }

    /// Appends one empty group per entry of `windows`.
    #[napi]
    pub fn add_groups(&mut self, windows: Uint32Array) -> Result<()> {
        self.store.add_groups(&windows).map_err(js_error)
    }

    /// Folds a batch of events into their groups.
    #[napi]
    pub fn ingest(
        &mut self,
        slots: Uint32Array,
        timestamp_ms: Float64Array,
        ingested_ms: Float64Array,
        source_bytes: Float64Array,
        destination_bytes: Float64Array,
        destination_ip: Uint32Array,
    ) -> Result<()> {
        let batch = EventBatch {
            slots: &slots,
            timestamp_ms: &timestamp_ms,
            ingested_ms: &ingested_ms,
            source_bytes: &source_bytes,
            destination_bytes: &destination_bytes,
            destination_ip: &destination_ip,
        };
        self.store.ingest(&batch).map_err(js_error)
    }

    /// Scores `slots` into `scores` (`SCORE_STRIDE` per group) and `top_ips`
    /// (`number_destination_ips` per group); `ip_rank` as in the core.
    #[napi]
    pub fn score(&mut self, slots: Uint32Array, ip_rank: Uint32Array, mut scores: Float64Array, mut top_ips: Uint32Array) -> Result<()> {
        self.check_slots(&slots)?;
        self.check_ranks(&slots, &ip_rank)?;
        let per_group = self.store.params().number_destination_ips as usize;
        if scores.len() < slots.len() * SCORE_STRIDE || top_ips.len() < slots.len() * per_group {
            return Err(Error::from_reason("score buffers too small"));
        }
        let (scores, top_ips) = unsafe { (scores.as_mut(), top_ips.as_mut()) };
        for (k, slot) in slots.iter().enumerate() {
            let score = self.store.score(*slot, &ip_rank, &mut self.scratch, &mut self.top_ips);
            write_score(&mut scores[k * SCORE_STRIDE..(k + 1) * SCORE_STRIDE], &score, self.store.group(*slot), self.top_ips.len());
            top_ips[k * per_group..k * per_group + self.top_ips.len()].copy_from_slice(&self.top_ips);
        }
        Ok(())
    }

    /// Cells and destination IPs the export of `slots` holds.
    #[napi]
    pub fn export_sizes(&self, slots: Uint32Array) -> Result<Vec<u32>> {
        self.check_slots(&slots)?;
        let (cells, ips) = self.store.export_sizes(&slots);
        Ok(vec![cells as u32, ips as u32])
    }

    /// Writes the partial states of `slots` into columns sized by `export_sizes`.
    #[napi]
    #[allow(clippy::too_many_arguments)]
    pub fn export(
        &self,
        slots: Uint32Array,
        mut cell_offsets: Uint32Array,
        mut cell_buckets: Uint32Array,
        mut cell_counts: Float64Array,
        mut cell_source_bytes: BigInt64Array,
        mut cell_destination_bytes: BigInt64Array,
        mut ip_offsets: Uint32Array,
        mut ip_ids: Uint32Array,
        mut ip_counts: Float64Array,
        mut latest_ms: Float64Array,
    ) -> Result<()> {
        self.check_slots(&slots)?;
        let (cells, ips) = self.store.export_sizes(&slots);
        let n = slots.len();
        let fits = cell_offsets.len() == n + 1
            && ip_offsets.len() == n + 1
            && latest_ms.len() == 2 * n
            && [cell_buckets.len(), cell_counts.len(), cell_source_bytes.len(), cell_destination_bytes.len()].iter().all(|l| *l == cells)
            && ip_ids.len() == ips
            && ip_counts.len() == ips;
        if !fits {
            return Err(Error::from_reason("export columns do not match the sizes of the export"));
        }
        let out = unsafe {
            StateColumnsMut {
                cell_offsets: cell_offsets.as_mut(),
                cell_buckets: cell_buckets.as_mut(),
                cell_counts: cell_counts.as_mut(),
                cell_source_bytes: cell_source_bytes.as_mut(),
                cell_destination_bytes: cell_destination_bytes.as_mut(),
                ip_offsets: ip_offsets.as_mut(),
                ip_ids: ip_ids.as_mut(),
                ip_counts: ip_counts.as_mut(),
                latest_ms: latest_ms.as_mut(),
            }
        };
        self.store.export(&slots, out);
        Ok(())
    }

    /// Merges partial states into `slots` (state k into slots[k]), exactly.
    #[napi]
    #[allow(clippy::too_many_arguments)]
    pub fn import(
        &mut self,
        slots: Uint32Array,
        cell_offsets: Uint32Array,
        cell_buckets: Uint32Array,
        cell_counts: Float64Array,
        cell_source_bytes: BigInt64Array,
        cell_destination_bytes: BigInt64Array,
        ip_offsets: Uint32Array,
        ip_ids: Uint32Array,
        ip_counts: Float64Array,
        latest_ms: Float64Array,
    ) -> Result<()> {
        let cols = StateColumns {
            cell_offsets: &cell_offsets,
            cell_buckets: &cell_buckets,
            cell_counts: &cell_counts,
            cell_source_bytes: &cell_source_bytes,
            cell_destination_bytes: &cell_destination_bytes,
            ip_offsets: &ip_offsets,
            ip_ids: &ip_ids,
            ip_counts: &ip_counts,
            latest_ms: &latest_ms,
        };
        self.store.import(&slots, &cols).map_err(js_error)
    }

    /// One group's per-bucket events and byte sums.
    #[napi]
    pub fn series(&self, slot: u32, mut counts: Float64Array, mut source_bytes: Float64Array, mut destination_bytes: Float64Array) -> Result<()> {
        self.check_slots(&[slot])?;
        let n = self.store.params().number_buckets_in_range as usize;
        if counts.len() != n || source_bytes.len() != n || destination_bytes.len() != n {
            return Err(Error::from_reason("series buffers must hold number_buckets_in_range values"));
        }
        let (counts, source_bytes, destination_bytes) = unsafe { (counts.as_mut(), source_bytes.as_mut(), destination_bytes.as_mut()) };
        self.store.group(slot).buckets.write_dense(counts, source_bytes, destination_bytes);
        Ok(())
    }

    /// Scores one group and writes R[p] for p = 2, 3, ... to `out`; returns how many.
    #[napi]
    pub fn autocorrelation(&mut self, slot: u32, ip_rank: Uint32Array, mut out: Float64Array) -> Result<u32> {
        self.check_slots(&[slot])?;
        self.check_ranks(&[slot], &ip_rank)?;
        self.store.score(slot, &ip_rank, &mut self.scratch, &mut self.top_ips);
        let curve = self.scratch.autocorrelation_by_period();
        if out.len() < curve.len() {
            return Err(Error::from_reason("autocorrelation buffer too small"));
        }
        let out = unsafe { out.as_mut() };
        out[..curve.len()].copy_from_slice(curve);
        Ok(curve.len() as u32)
    }
}

impl NativeStore {
    fn check_slots(&self, slots: &[u32]) -> Result<()> {
        match slots.iter().position(|s| *s as usize >= self.store.len()) {
            Some(k) => Err(Error::from_reason(format!("group {}: unknown slot {}", k, slots[k]))),
            None => Ok(()),
        }
    }

    fn check_ranks(&self, slots: &[u32], rank: &[u32]) -> Result<()> {
        for slot in slots {
            if let Some(ip) = self.store.group(*slot).destination_ips.keys().find(|ip| **ip as usize >= rank.len()) {
                return Err(Error::from_reason(format!("destination IP id {} has no rank", ip)));
            }
        }
        Ok(())
    }
}
