//! Beaconing statistics of Elastic's "Network Beaconing Identification"
//! transform, reproduced bit for bit (see `spec/ALGORITHM.md` of the shared
//! specification), with the package's defects fixed where the spec says so.
//!
//! The crate is pure: no I/O, no dependencies, nothing that knows about
//! JavaScript. Data flows through it in three steps:
//!
//! 1. [`GroupStore::ingest`] folds batches of events into per-group
//!    [`GroupState`]s (bucket counts, 64-bit byte sums, exact destination-IP
//!    counts, latest timestamps);
//! 2. [`GroupState::merge`] combines partial states of the same group built
//!    by different workers, exactly and in any order; [`GroupStore::export`]
//!    and [`GroupStore::import`] carry them between stores as flat columns;
//! 3. [`score_group`] turns one state into the statistics of the result
//!    document.
//!
//! Must compile with Rust 1.63 (Debian's toolchain builds the wasm target).

mod bucket;
mod bucket_series;
pub mod flat;
mod group_state;
mod group_store;
mod params;
mod partial_states;
mod periodicity;
mod score;
mod scratch;
mod top_destinations;
mod truncated_moments;

pub use bucket::{bucket_index, epoch_second, Window};
pub use bucket_series::{BucketCell, BucketSeries};
pub use group_state::GroupState;
pub use group_store::{EventBatch, GroupStore, IngestError, NO_DESTINATION_IP};
pub use params::{Param, ParamError, Params};
pub use partial_states::{StateColumns, StateColumnsMut, StateError};
pub use periodicity::{periodicity, Periodicity};
pub use score::{score_group, BeaconStats, GroupScore};
pub use scratch::Scratch;
pub use top_destinations::top_destination_ips;
pub use truncated_moments::{percentiles, truncated_moments, TruncatedMoments};
