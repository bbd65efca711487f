/**
 * What every scoring engine offers: the WebAssembly build of the Rust core
 * (the default), the same core as a native addon, and the plain TypeScript
 * reference (the cross-check).
 * Events go in as flat columns, scores come out per group; group slots and
 * destination-IP ids are numbers the caller assigns.
 */
import type { BeaconParams } from '../params/beaconParams.js';

export type EngineKind = 'wasm' | 'native' | 'ts';

export const ENGINE_KINDS: readonly EngineKind[] = ['wasm', 'native', 'ts'];

/** Marks an event without a destination IP in {@link EventColumns.destinationIp}. */
export const NO_DESTINATION_IP = 0xffff_ffff;

/**
 * A batch of events, one index per event, the first `length` entries valid.
 * Times are epoch ms; NaN marks a missing `event.ingested` or byte count.
 */
export interface EventColumns {
  readonly length: number;
  readonly slots: Uint32Array;
  readonly timestampMs: Float64Array;
  readonly ingestedMs: Float64Array;
  readonly sourceBytes: Float64Array;
  readonly destinationBytes: Float64Array;
  readonly destinationIp: Uint32Array;
}

/** The statistics of a group that passed the early exit (spec 4.3). */
export interface BeaconStats {
  readonly is_beaconing: boolean;
  readonly beaconing_score: number;
  readonly low_source_bytes_variation: boolean;
  readonly low_destination_bytes_variation: boolean;
  readonly low_count_variation: boolean;
  readonly periodic: boolean;
  readonly mean_source_bytes: number;
  readonly std_dev_source_bytes: number;
  readonly source_bytes_percentiles: readonly [number, number];
  readonly mean_destination_bytes: number;
  readonly std_dev_destination_bytes: number;
  readonly destination_bytes_percentiles: readonly [number, number];
  readonly mean_counts: number;
  readonly variance_counts: number;
  readonly counts_percentiles: readonly [number, number];
  readonly autocovariance: number;
  readonly max_autocovariance_period: number;
}

export interface GroupScore {
  /** `b - a`; minus the window length when no event fell in a bucket, as in the reference. */
  readonly interval: number;
  readonly nonEmptyBuckets: number;
  /** Null for the early exit. */
  readonly stats: BeaconStats | null;
  /** Latest `@timestamp` of the group's events (epoch ms). */
  readonly maxTimestampMs: number;
  /** Latest `event.ingested`, NaN when no event had one. */
  readonly maxIngestedMs: number;
  /** Ids of the most frequent destination IPs, most frequent first. */
  readonly topDestinationIps: readonly number[];
}

/**
 * Partial states of `count` groups as flat columns (the layout of
 * `crates/beaconwatch-wasm/src/layout.rs`): group `k` owns cells
 * `cellOffsets[k]..cellOffsets[k+1]` and destination IPs
 * `ipOffsets[k]..ipOffsets[k+1]`; `latestMs[2k]` and `latestMs[2k+1]` are its
 * latest `@timestamp` and `event.ingested` (NaN: none). IP ids are the
 * exporting side's. Importing adds exactly: it is the merge of the core.
 */
export interface PartialStates {
  readonly count: number;
  readonly cellOffsets: Uint32Array;
  readonly cellBuckets: Uint32Array;
  readonly cellCounts: Float64Array;
  readonly cellSourceBytes: BigInt64Array;
  readonly cellDestinationBytes: BigInt64Array;
  readonly ipOffsets: Uint32Array;
  readonly ipIds: Uint32Array;
  readonly ipCounts: Float64Array;
  readonly latestMs: Float64Array;
}

/** One group's buckets (index 0 the most recent): events and byte sums. */
export interface BucketSeriesView {
  readonly counts: Float64Array;
  readonly sourceBytes: Float64Array;
  readonly destinationBytes: Float64Array;
}

export interface ScoringEngine {
  readonly kind: EngineKind;
  /** Adds a window ending at `nowMs`; returns its index. */
  addWindow(nowMs: number): number;
  /** Appends one empty group per entry (each naming its window); slots number on from the last. */
  addGroups(windows: Uint32Array): void;
  ingest(events: EventColumns): void;
  /**
   * Scores the groups in `slots`. `ipStringRank[id]` is the rank of IP `id`'s
   * text in ascending string order (the tie rule of the top-IP list).
   */
  score(slots: Uint32Array, ipStringRank: Uint32Array): GroupScore[];
  /** The partial states of `slots`, to merge into another engine. */
  exportStates(slots: Uint32Array): PartialStates;
  /** Merges state `k` into `slots[k]`, exactly; a malformed import changes nothing. */
  importStates(slots: Uint32Array, states: PartialStates): void;
  /** One group's per-bucket counts and byte sums. */
  series(slot: number): BucketSeriesView;
  /** `R[p]` for p = 2, 3, ... of one group: the curve behind `max_autocovariance_period` (empty after the early exit). */
  autocorrelation(slot: number, ipStringRank: Uint32Array): Float64Array;
  /** Releases the engine's memory; the engine is unusable afterwards. */
  dispose(): void;
}

export type EngineFactory = (params: BeaconParams) => ScoringEngine;
