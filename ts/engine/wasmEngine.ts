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
import { checkStateShape } from './partialStateShape.js';
import type { BucketSeriesView, EventColumns, GroupScore, PartialStates, ScoringEngine } from './scoringEngine.js';
import * as L from './flatLayout.js';
import { flatParams, readScores } from './flatScores.js';

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
  bw_export_sizes(handle: number, n: number, slots: number, sizesOut: number): number;
  bw_export(handle: number, n: number, slots: number, ...columns: number[]): number;
  bw_import(handle: number, n: number, slots: number, cells: number, ips: number, ...columns: number[]): number;
  bw_group_series(handle: number, slot: number, counts: number, src: number, dst: number): number;
  bw_autocorrelation(handle: number, slot: number, rank: number, rankLen: number, out: number, lenOut: number): number;
  bw_error_message_len(): number;
  bw_error_message(out: number): void;
  bw_error_detail(): number;
}

/** The status of a call that succeeded (`crates/beaconwatch-wasm/src/layout.rs`). */
const STATUS_OK = 0;

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
  private readonly bucketCount: number;
  private handle: number;

  constructor(
    private readonly exports: CoreExports,
    params: BeaconParams,
  ) {
    this.staging = new Staging(exports);
    this.topIpsPerGroup = params.number_destination_ips;
    this.bucketCount = params.number_buckets_in_range;
    const ptr = this.staging.reserve(L.PARAM_COUNT * 8 + 8);
    new Float64Array(exports.memory.buffer, ptr, L.PARAM_COUNT).set(flatParams(params));
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
    return readScores(this.f64(scoresPtr, n * L.SCORE_STRIDE), this.u32(topPtr, n * perGroup), n, perGroup);
  }

  exportStates(slots: Uint32Array): PartialStates {
    const n = slots.length;
    const head = this.staging.reserve(4 * n + 8);
    this.u32(head, n).set(slots);
    this.check(this.exports.bw_export_sizes(this.handle, n, head, head + 4 * n));
    const [cells, ips] = this.u32(head + 4 * n, 2) as unknown as [number, number];
    const layout = stateLayout(n, cells, ips);
    const base = this.staging.reserve(layout.bytes);
    this.u32(base + layout.slots, n).set(slots);
    this.check(this.exports.bw_export(this.handle, n, base + layout.slots, ...layout.columns.map((c) => base + c.offset)));
    const memory = this.exports.memory.buffer;
    // Copy out of linear memory: the views would die with the next call.
    const column = <T>(k: number, make: (buffer: ArrayBuffer, offset: number, length: number) => T) => {
      const c = layout.columns[k] as StateColumn;
      return make(memory, base + c.offset, c.length);
    };
    return {
      count: n,
      cellOffsets: column(0, (b, o, l) => new Uint32Array(b, o, l).slice()),
      cellBuckets: column(1, (b, o, l) => new Uint32Array(b, o, l).slice()),
      cellCounts: column(2, (b, o, l) => new Float64Array(b, o, l).slice()),
      cellSourceBytes: column(3, (b, o, l) => new BigInt64Array(b, o, l).slice()),
      cellDestinationBytes: column(4, (b, o, l) => new BigInt64Array(b, o, l).slice()),
      ipOffsets: column(5, (b, o, l) => new Uint32Array(b, o, l).slice()),
      ipIds: column(6, (b, o, l) => new Uint32Array(b, o, l).slice()),
      ipCounts: column(7, (b, o, l) => new Float64Array(b, o, l).slice()),
      latestMs: column(8, (b, o, l) => new Float64Array(b, o, l).slice()),
    };
  }

  importStates(slots: Uint32Array, states: PartialStates): void {
    const n = slots.length;
    checkStateShape(states, n);
    const cells = states.cellBuckets.length;
    const ips = states.ipIds.length;
    const layout = stateLayout(n, cells, ips);
    const base = this.staging.reserve(layout.bytes);
    const memory = this.exports.memory.buffer;
    this.u32(base + layout.slots, n).set(slots);
    const at = (k: number) => base + (layout.columns[k] as StateColumn).offset;
    new Uint32Array(memory, at(0), n + 1).set(states.cellOffsets);
    new Uint32Array(memory, at(1), cells).set(states.cellBuckets);
    new Float64Array(memory, at(2), cells).set(states.cellCounts);
    new BigInt64Array(memory, at(3), cells).set(states.cellSourceBytes);
    new BigInt64Array(memory, at(4), cells).set(states.cellDestinationBytes);
    new Uint32Array(memory, at(5), n + 1).set(states.ipOffsets);
    new Uint32Array(memory, at(6), ips).set(states.ipIds);
    new Float64Array(memory, at(7), ips).set(states.ipCounts);
    new Float64Array(memory, at(8), 2 * n).set(states.latestMs);
    this.check(this.exports.bw_import(this.handle, n, base + layout.slots, cells, ips, ...layout.columns.map((c) => base + c.offset)));
  }

  series(slot: number): BucketSeriesView {
    const n = this.bucketCount;
    const base = this.staging.reserve(3 * 8 * n);
    this.check(this.exports.bw_group_series(this.handle, slot, base, base + 8 * n, base + 16 * n));
    return {
      counts: this.f64(base, n).slice(),
      sourceBytes: this.f64(base + 8 * n, n).slice(),
      destinationBytes: this.f64(base + 16 * n, n).slice(),
    };
  }

  autocorrelation(slot: number, ipStringRank: Uint32Array): Float64Array {
    const n = this.bucketCount;
    const base = this.staging.reserve(8 * n + 8 + 4 * ipStringRank.length);
    const lenOut = base + 8 * n;
    const rank = lenOut + 8;
    this.u32(rank, ipStringRank.length).set(ipStringRank);
    this.check(this.exports.bw_autocorrelation(this.handle, slot, rank, ipStringRank.length, base, lenOut));
    return this.f64(base, this.u32(lenOut, 1)[0] as number).slice();
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
    if (status === STATUS_OK) return;
    const length = this.exports.bw_error_message_len();
    const ptr = this.staging.reserve(length + 1);
    this.exports.bw_error_message(ptr);
    const message = new TextDecoder().decode(new Uint8Array(this.exports.memory.buffer, ptr, length));
    throw new EngineError(`wasm engine: ${message}`, status);
  }
}

interface StateColumn {
  readonly offset: number;
  readonly length: number;
}

/**
 * Where the columns of `n` partial states with `cells` cells and `ips`
 * destination IPs go in one staging block: 8-byte columns first, so that
 * every column stays aligned.
 */
function stateLayout(n: number, cells: number, ips: number): { bytes: number; slots: number; columns: StateColumn[] } {
  // In bw_export/bw_import argument order, with each column's element size.
  const spec: [number, number][] = [
    [n + 1, 4], // cell_offsets
    [cells, 4], // cell_buckets
    [cells, 8], // cell_counts
    [cells, 8], // cell_source_bytes
    [cells, 8], // cell_destination_bytes
    [n + 1, 4], // ip_offsets
    [ips, 4], // ip_ids
    [ips, 8], // ip_counts
    [2 * n, 8], // latest_ms
  ];
  const columns: StateColumn[] = new Array(spec.length);
  let offset = 0;
  for (const size of [8, 4]) {
    spec.forEach(([length, elementSize], k) => {
      if (elementSize !== size) return;
      columns[k] = { offset, length };
      offset += length * elementSize;
    });
  }
  return { bytes: offset + 4 * n, slots: offset, columns };
}

/** Creates a store in this thread's instance of the WebAssembly core. */
export function createWasmEngine(params: BeaconParams): ScoringEngine {
  return new WasmEngine(core(), params);
}
