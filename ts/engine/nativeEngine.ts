/**
 * The native engine: the same Rust core built as a Node addon with napi-rs
 * (`crates/beaconwatch-node`, `npm run build:native`). Selected with
 * `--engine native`; the WebAssembly engine stays the default. Loaded once
 * per thread from `native/index.node` in the package.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { EngineError } from '../errors.js';
import type { BeaconParams } from '../params/beaconParams.js';
import * as L from './flatLayout.js';
import { flatParams, readScores } from './flatScores.js';
import { checkStateShape } from './partialStateShape.js';
import type { BucketSeriesView, EventColumns, GroupScore, PartialStates, ScoringEngine } from './scoringEngine.js';

/** The addon's class, as `crates/beaconwatch-node/src/lib.rs` exports it. */
interface NativeStore {
  addWindow(nowMs: number): number;
  addGroups(windows: Uint32Array): void;
  ingest(slots: Uint32Array, ts: Float64Array, ingested: Float64Array, src: Float64Array, dst: Float64Array, ips: Uint32Array): void;
  score(slots: Uint32Array, ipRank: Uint32Array, scores: Float64Array, topIps: Uint32Array): void;
  exportSizes(slots: Uint32Array): number[];
  export(slots: Uint32Array, ...columns: (Uint32Array | Float64Array | BigInt64Array)[]): void;
  import(slots: Uint32Array, ...columns: (Uint32Array | Float64Array | BigInt64Array)[]): void;
  series(slot: number, counts: Float64Array, src: Float64Array, dst: Float64Array): void;
  autocorrelation(slot: number, ipRank: Uint32Array, out: Float64Array): number;
}

interface NativeModule {
  NativeStore: new (params: Float64Array) => NativeStore;
}

export const NATIVE_PATH = fileURLToPath(new URL('../../native/index.node', import.meta.url));

let loaded: NativeModule | undefined;

function nativeModule(): NativeModule {
  if (loaded !== undefined) return loaded;
  if (!existsSync(NATIVE_PATH)) {
    throw new EngineError(
      `the native engine is not built (${NATIVE_PATH} is missing): run \`npm run build:native\`, which needs rustup's Rust and cargo; ` +
        'or use the default WebAssembly engine (--engine wasm)',
    );
  }
  loaded = createRequire(import.meta.url)(NATIVE_PATH) as NativeModule;
  return loaded;
}

class NativeEngine implements ScoringEngine {
  readonly kind = 'native' as const;
  private readonly store: NativeStore;

  constructor(private readonly params: BeaconParams) {
    this.store = wrap(() => new (nativeModule().NativeStore)(flatParams(params)));
  }

  addWindow(nowMs: number): number {
    return wrap(() => this.store.addWindow(nowMs));
  }

  addGroups(windows: Uint32Array): void {
    wrap(() => this.store.addGroups(windows));
  }

  ingest(e: EventColumns): void {
    const n = e.length;
    if (n === 0) return;
    wrap(() =>
      this.store.ingest(
        e.slots.subarray(0, n),
        e.timestampMs.subarray(0, n),
        e.ingestedMs.subarray(0, n),
        e.sourceBytes.subarray(0, n),
        e.destinationBytes.subarray(0, n),
        e.destinationIp.subarray(0, n),
      ),
    );
  }

  score(slots: Uint32Array, ipStringRank: Uint32Array): GroupScore[] {
    const perGroup = this.params.number_destination_ips;
    const scores = new Float64Array(slots.length * L.SCORE_STRIDE);
    const top = new Uint32Array(slots.length * perGroup);
    wrap(() => this.store.score(slots, ipStringRank, scores, top));
    return readScores(scores, top, slots.length, perGroup);
  }

  exportStates(slots: Uint32Array): PartialStates {
    const [cells = 0, ips = 0] = wrap(() => this.store.exportSizes(slots));
    const n = slots.length;
    const out = {
      count: n,
      cellOffsets: new Uint32Array(n + 1),
      cellBuckets: new Uint32Array(cells),
      cellCounts: new Float64Array(cells),
      cellSourceBytes: new BigInt64Array(cells),
      cellDestinationBytes: new BigInt64Array(cells),
      ipOffsets: new Uint32Array(n + 1),
      ipIds: new Uint32Array(ips),
      ipCounts: new Float64Array(ips),
      latestMs: new Float64Array(2 * n),
    };
    wrap(() => this.store.export(slots, ...columns(out)));
    return out;
  }

  importStates(slots: Uint32Array, states: PartialStates): void {
    checkStateShape(states, slots.length);
    wrap(() => this.store.import(slots, ...columns(states)));
  }

  series(slot: number): BucketSeriesView {
    const n = this.params.number_buckets_in_range;
    const view = { counts: new Float64Array(n), sourceBytes: new Float64Array(n), destinationBytes: new Float64Array(n) };
    wrap(() => this.store.series(slot, view.counts, view.sourceBytes, view.destinationBytes));
    return view;
  }

  autocorrelation(slot: number, ipStringRank: Uint32Array): Float64Array {
    const out = new Float64Array(this.params.number_buckets_in_range);
    const length = wrap(() => this.store.autocorrelation(slot, ipStringRank, out));
    return out.slice(0, length);
  }

  dispose(): void {
    // The addon's store is freed with its JavaScript object.
  }
}

/** The partial-state columns in the order the addon takes them. */
function columns(s: PartialStates): (Uint32Array | Float64Array | BigInt64Array)[] {
  return [s.cellOffsets, s.cellBuckets, s.cellCounts, s.cellSourceBytes, s.cellDestinationBytes, s.ipOffsets, s.ipIds, s.ipCounts, s.latestMs];
}

/** The addon's errors (plain Errors with the core's message) as EngineErrors. */
function wrap<T>(call: () => T): T {
  try {
    return call();
  } catch (err) {
    if (err instanceof EngineError) throw err;
    throw new EngineError(`native engine: ${(err as Error).message}`);
  }
}

export function createNativeEngine(params: BeaconParams): ScoringEngine {
  return new NativeEngine(params);
}
