/**
 * The default engine: the Rust core compiled to WebAssembly
 * (`crates/beaconwatch-wasm`). The module is compiled and instantiated once
 * per thread, synchronously, from `wasm/beaconwatch.wasm` in the package;
 * every engine is a store inside that one instance. Columns are copied into
 * linear memory in bulk, one call per batch (layout: `wasmLayout.ts`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EngineError } from '../errors.js';
import type { BeaconParams } from '../params/beaconParams.js';
import type { BeaconStats, EventColumns, GroupScore, ScoringEngine } from './scoringEngine.js';
import * as L from './wasmLayout.js';

export interface CoreExports {
  readonly memory: WebAssembly.Memory;
  bw_alloc(size: number): number;
  bw_free(ptr: number, size: number): void;
  bw_store_new(params: number, handleOut: number): number;
  bw_store_free(handle: number): number;
  bw_add_window(handle: number, nowMs: number, windowOut: number): number;
  bw_add_groups(handle: number, n: number, windows: number): number;
  bw_ingest(handle: number, n: number, slots: number, ts: number, ingested: number, src: number, dst: number, ips: number): number;
  bw_score(handle: number, n: number, slots: number, rank: number, rankLen: number, scores: number, topIps: number): number;
  bw_error_message_len(): number;
  bw_error_message(out: number): void;
  bw_error_detail(): number;
}

export const WASM_PATH = fileURLToPath(new URL('../../wasm/beaconwatch.wasm', import.meta.url));

let loaded: CoreExports | undefined;

/** Compiles and instantiates the module at `path`; a missing file says how to build it. */
export function instantiateCore(path: string): CoreExports {
  if (!existsSync(path)) {
    throw new EngineError(
      `the WebAssembly engine is not built (${path} is missing): run \`npm run build:wasm\`, ` +
        'which needs Rust with the wasm32-unknown-unknown target (Debian: apt-get install rustc cargo libstd-rust-dev-wasm32); ' +
        'or choose the TypeScript reference with --engine ts',
    );
  }
  const module = new WebAssembly.Module(readFileSync(path));
  return new WebAssembly.Instance(module, {}).exports as unknown as CoreExports;
}

/** This thread's instance, created on first use. */
function core(): CoreExports {
  loaded ??= instantiateCore(WASM_PATH);
  return loaded;
}

/** A block of linear memory that grows as needed and is reused between calls. */
class Staging {
  private ptr = 0;
  private size = 0;

  constructor(private readonly exports: CoreExports) {}

  /** A pointer to at least `bytes` bytes (8-aligned). Invalidates earlier views. */
  reserve(bytes: number): number {
    if (bytes > this.size) {
      this.release();
      this.size = Math.max(bytes, 2 * this.size, 1024);
      this.ptr = this.exports.bw_alloc(this.size);
    }
    return this.ptr;
  }

  release(): void {
    if (this.size > 0) this.exports.bw_free(this.ptr, this.size);
    this.ptr = 0;
    this.size = 0;
  }
}

class WasmEngine implements ScoringEngine {
  readonly kind = 'wasm' as const;
  private readonly staging: Staging;
  private readonly topIpsPerGroup: number;
  private handle: number;

  constructor(
    private readonly exports: CoreExports,
    params: BeaconParams,
  ) {
    this.staging = new Staging(exports);
    this.topIpsPerGroup = params.number_destination_ips;
    const ptr = this.staging.reserve(L.PARAM_COUNT * 8 + 8);
    new Float64Array(exports.memory.buffer, ptr, L.PARAM_COUNT).set([
      params.time_bucket_length,
      params.number_buckets_in_range,
      params.number_destination_ips,
      params.max_beaconing_bytes_cov,
      params.max_beaconing_count_rv,
      params.truncate_at[0],
      params.truncate_at[1],
      params.min_beaconing_count_autocovariance,
      params.max_jitter,
      params.min_not_empty,
      params.min_number_periods,
    ]);
    const out = ptr + L.PARAM_COUNT * 8;
    this.check(exports.bw_store_new(ptr, out));
    this.handle = this.u32(out, 1)[0] as number;
  }

  addWindow(nowMs: number): number {
    const out = this.staging.reserve(8);
    this.check(this.exports.bw_add_window(this.handle, nowMs, out));
    return this.u32(out, 1)[0] as number;
  }

  addGroups(windows: Uint32Array): void {
    const ptr = this.staging.reserve(windows.length * 4);
    this.u32(ptr, windows.length).set(windows);
    this.check(this.exports.bw_add_groups(this.handle, windows.length, ptr));
  }

  ingest(events: EventColumns): void {
    const n = events.length;
    if (n === 0) return;
    // One block: four f64 columns, then two u32 columns.
    const base = this.staging.reserve(n * 40);
    const [ts, ingested, src, dst] = [0, 1, 2, 3].map((k) => base + k * 8 * n) as [number, number, number, number];
    const slots = base + 32 * n;
    const ips = base + 36 * n;
    this.f64(ts, n).set(events.timestampMs.subarray(0, n));
    this.f64(ingested, n).set(events.ingestedMs.subarray(0, n));
    this.f64(src, n).set(events.sourceBytes.subarray(0, n));
    this.f64(dst, n).set(events.destinationBytes.subarray(0, n));
    this.u32(slots, n).set(events.slots.subarray(0, n));
    this.u32(ips, n).set(events.destinationIp.subarray(0, n));
    this.check(this.exports.bw_ingest(this.handle, n, slots, ts, ingested, src, dst, ips));
  }

  score(slots: Uint32Array, ipStringRank: Uint32Array): GroupScore[] {
    const n = slots.length;
    if (n === 0) return [];
    const perGroup = this.topIpsPerGroup;
    const scoresBytes = n * L.SCORE_STRIDE * 8;
    const base = this.staging.reserve(scoresBytes + 4 * (n + ipStringRank.length + n * perGroup));
    const scoresPtr = base;
    const slotsPtr = base + scoresBytes;
    const rankPtr = slotsPtr + 4 * n;
    const topPtr = rankPtr + 4 * ipStringRank.length;
    this.u32(slotsPtr, n).set(slots);
    this.u32(rankPtr, ipStringRank.length).set(ipStringRank);
    this.check(this.exports.bw_score(this.handle, n, slotsPtr, rankPtr, ipStringRank.length, scoresPtr, topPtr));
    const scores = this.f64(scoresPtr, n * L.SCORE_STRIDE);
    const top = this.u32(topPtr, n * perGroup);
    const out: GroupScore[] = [];
    for (let k = 0; k < n; k++) {
      const s = scores.subarray(k * L.SCORE_STRIDE, (k + 1) * L.SCORE_STRIDE);
      const ipCount = s[L.SCORE_TOP_IP_COUNT] as number;
      out.push({
        interval: s[L.SCORE_INTERVAL] as number,
        nonEmptyBuckets: s[L.SCORE_NON_EMPTY_BUCKETS] as number,
        stats: readStats(s),
        maxTimestampMs: s[L.SCORE_MAX_TIMESTAMP_MS] as number,
        maxIngestedMs: s[L.SCORE_MAX_INGESTED_MS] as number,
        topDestinationIps: Array.from(top.subarray(k * perGroup, k * perGroup + ipCount)),
      });
    }
    return out;
  }

  dispose(): void {
    this.staging.release();
    this.exports.bw_store_free(this.handle);
    this.handle = -1;
  }

  private f64(ptr: number, n: number): Float64Array {
    return new Float64Array(this.exports.memory.buffer, ptr, n);
  }

  private u32(ptr: number, n: number): Uint32Array {
    return new Uint32Array(this.exports.memory.buffer, ptr, n);
  }

  private check(status: number): void {
    if (status === L.STATUS_OK) return;
    const length = this.exports.bw_error_message_len();
    const ptr = this.staging.reserve(length + 1);
    this.exports.bw_error_message(ptr);
    const message = new TextDecoder().decode(new Uint8Array(this.exports.memory.buffer, ptr, length));
    throw new EngineError(`wasm engine: ${message}`, status);
  }
}

function readStats(s: Float64Array): BeaconStats | null {
  const flags = s[L.SCORE_FLAGS] as number;
  if ((flags & L.FLAG_HAS_STATS) === 0) return null;
  const pair = (at: number) => [s[at], s[at + 1]] as [number, number];
  return {
    is_beaconing: (flags & L.FLAG_IS_BEACONING) !== 0,
    beaconing_score: s[L.SCORE_BEACONING_SCORE] as number,
    low_source_bytes_variation: (flags & L.FLAG_LOW_SOURCE_BYTES_VARIATION) !== 0,
    low_destination_bytes_variation: (flags & L.FLAG_LOW_DESTINATION_BYTES_VARIATION) !== 0,
    low_count_variation: (flags & L.FLAG_LOW_COUNT_VARIATION) !== 0,
    periodic: (flags & L.FLAG_PERIODIC) !== 0,
    mean_source_bytes: s[L.SCORE_MEAN_SOURCE_BYTES] as number,
    std_dev_source_bytes: s[L.SCORE_STD_DEV_SOURCE_BYTES] as number,
    source_bytes_percentiles: pair(L.SCORE_SOURCE_BYTES_PERCENTILES),
    mean_destination_bytes: s[L.SCORE_MEAN_DESTINATION_BYTES] as number,
    std_dev_destination_bytes: s[L.SCORE_STD_DEV_DESTINATION_BYTES] as number,
    destination_bytes_percentiles: pair(L.SCORE_DESTINATION_BYTES_PERCENTILES),
    mean_counts: s[L.SCORE_MEAN_COUNTS] as number,
    variance_counts: s[L.SCORE_VARIANCE_COUNTS] as number,
    counts_percentiles: pair(L.SCORE_COUNTS_PERCENTILES),
    autocovariance: s[L.SCORE_AUTOCOVARIANCE] as number,
    max_autocovariance_period: s[L.SCORE_MAX_AUTOCOVARIANCE_PERIOD] as number,
  };
}

/** Creates a store in this thread's instance of the WebAssembly core. */
export function createWasmEngine(params: BeaconParams): ScoringEngine {
  return new WasmEngine(core(), params);
}
