/**
 * The TypeScript reference: the same statistics as the Rust core, written
 * plainly, for cross-checking in tests (`--engine ts`). Never used as a
 * silent stand-in for the WebAssembly engine.
 */
import { EngineError } from '../../errors.js';
import type { BeaconParams } from '../../params/beaconParams.js';
import { checkStateShape } from '../partialStateShape.js';
import { NO_DESTINATION_IP, type BucketSeriesView, type EventColumns, type GroupScore, type PartialStates, type ScoringEngine } from '../scoringEngine.js';
import { bucketOf, denseSeries, ReferenceGroupState } from './groupState.js';
import { scoreGroup } from './scoreGroup.js';

class ReferenceEngine implements ScoringEngine {
  readonly kind = 'ts' as const;
  private readonly windowSeconds: number[] = [];
  private groups: ReferenceGroupState[] = [];

  constructor(private readonly params: BeaconParams) {}

  addWindow(nowMs: number): number {
    this.windowSeconds.push(Math.floor(nowMs / 1000));
    return this.windowSeconds.length - 1;
  }

  addGroups(windows: Uint32Array): void {
    for (const w of windows) {
      const now = this.windowSeconds[w];
      if (now === undefined) throw new EngineError(`ts engine: unknown window ${w}`);
      this.groups.push(new ReferenceGroupState(w, now));
    }
  }

  ingest(events: EventColumns): void {
    const { time_bucket_length: length, number_buckets_in_range: buckets } = this.params;
    for (let e = 0; e < events.length; e++) {
      const group = this.groups[events.slots[e] as number];
      if (group === undefined) throw new EngineError(`ts engine: event ${e}: unknown group slot ${events.slots[e]}`);
      const ts = events.timestampMs[e] as number;
      group.maxTimestampMs = maxOf(group.maxTimestampMs, ts);
      group.maxIngestedMs = maxOf(group.maxIngestedMs, events.ingestedMs[e] as number);
      const bucket = bucketOf(group.nowSeconds, ts, length, buckets);
      if (bucket === undefined) continue;
      let cell = group.cells.get(bucket);
      if (cell === undefined) {
        cell = { count: 0, sourceBytes: 0n, destinationBytes: 0n };
        group.cells.set(bucket, cell);
      }
      cell.count += 1;
      const src = events.sourceBytes[e] as number;
      const dst = events.destinationBytes[e] as number;
      if (!Number.isNaN(src)) cell.sourceBytes += BigInt(src);
      if (!Number.isNaN(dst)) cell.destinationBytes += BigInt(dst);
      const ip = events.destinationIp[e] as number;
      if (ip !== NO_DESTINATION_IP) group.destinationIps.set(ip, (group.destinationIps.get(ip) ?? 0) + 1);
    }
  }

  score(slots: Uint32Array, ipStringRank: Uint32Array): GroupScore[] {
    return Array.from(slots, (slot) => {
      const group = this.group(slot);
      const { interval, nonEmptyBuckets, stats } = scoreGroup(group, this.params);
      const rank = (ip: number) => ipStringRank[ip] as number;
      const top = [...group.destinationIps]
        .sort(([ipA, nA], [ipB, nB]) => nB - nA || rank(ipA) - rank(ipB))
        .slice(0, this.params.number_destination_ips)
        .map(([ip]) => ip);
      return {
        interval,
        nonEmptyBuckets,
        stats,
        maxTimestampMs: group.maxTimestampMs,
        maxIngestedMs: group.maxIngestedMs,
        topDestinationIps: top,
      };
    });
  }

  exportStates(slots: Uint32Array): PartialStates {
    const groups = Array.from(slots, (slot) => this.group(slot));
    const cells = groups.reduce((n, g) => n + g.cells.size, 0);
    const ips = groups.reduce((n, g) => n + g.destinationIps.size, 0);
    const out = {
      count: groups.length,
      cellOffsets: new Uint32Array(groups.length + 1),
      cellBuckets: new Uint32Array(cells),
      cellCounts: new Float64Array(cells),
      cellSourceBytes: new BigInt64Array(cells),
      cellDestinationBytes: new BigInt64Array(cells),
      ipOffsets: new Uint32Array(groups.length + 1),
      ipIds: new Uint32Array(ips),
      ipCounts: new Float64Array(ips),
      latestMs: new Float64Array(2 * groups.length),
    };
    let c = 0;
    let i = 0;
    groups.forEach((g, k) => {
      for (const [bucket, cell] of g.cells) {
        out.cellBuckets[c] = bucket;
        out.cellCounts[c] = cell.count;
        out.cellSourceBytes[c] = cell.sourceBytes;
        out.cellDestinationBytes[c] = cell.destinationBytes;
        c++;
      }
      for (const [ip, n] of g.destinationIps) {
        out.ipIds[i] = ip;
        out.ipCounts[i] = n;
        i++;
      }
      out.cellOffsets[k + 1] = c;
      out.ipOffsets[k + 1] = i;
      out.latestMs[2 * k] = g.maxTimestampMs;
      out.latestMs[2 * k + 1] = g.maxIngestedMs;
    });
    return out;
  }

  importStates(slots: Uint32Array, states: PartialStates): void {
    checkStateShape(states, slots.length);
    const targets = Array.from(slots, (slot) => this.group(slot));
    const buckets = this.params.number_buckets_in_range;
    // Check everything before changing anything, as the core does.
    targets.forEach((_, k) => {
      const [c0, c1] = [states.cellOffsets[k] as number, states.cellOffsets[k + 1] as number];
      const [i0, i1] = [states.ipOffsets[k] as number, states.ipOffsets[k + 1] as number];
      const fail = (reason: string) => {
        throw new EngineError(`ts engine: partial state ${k}: ${reason}`);
      };
      if ((k === 0 && (c0 !== 0 || i0 !== 0)) || c0 > c1 || c1 > states.cellBuckets.length || i0 > i1 || i1 > states.ipIds.length) fail('offsets out of order or out of range');
      if (states.cellBuckets.subarray(c0, c1).some((b) => b >= buckets)) fail('bucket outside the window');
      if (![...states.cellCounts.subarray(c0, c1), ...states.ipCounts.subarray(i0, i1)].every((n) => Number.isSafeInteger(n) && n >= 1)) {
        fail('a count is not a whole number of events');
      }
      if (!Array.from(states.latestMs.subarray(2 * k, 2 * k + 2)).every((t) => Number.isNaN(t) || Number.isInteger(t))) {
        fail('a latest time is not a whole number of milliseconds');
      }
    });
    targets.forEach((g, k) => {
      for (let c = states.cellOffsets[k] as number; c < (states.cellOffsets[k + 1] as number); c++) {
        const bucket = states.cellBuckets[c] as number;
        const cell = g.cells.get(bucket) ?? { count: 0, sourceBytes: 0n, destinationBytes: 0n };
        cell.count += states.cellCounts[c] as number;
        cell.sourceBytes = BigInt.asIntN(64, cell.sourceBytes + (states.cellSourceBytes[c] as bigint));
        cell.destinationBytes = BigInt.asIntN(64, cell.destinationBytes + (states.cellDestinationBytes[c] as bigint));
        g.cells.set(bucket, cell);
      }
      for (let i = states.ipOffsets[k] as number; i < (states.ipOffsets[k + 1] as number); i++) {
        const ip = states.ipIds[i] as number;
        g.destinationIps.set(ip, (g.destinationIps.get(ip) ?? 0) + (states.ipCounts[i] as number));
      }
      g.maxTimestampMs = maxOf(g.maxTimestampMs, states.latestMs[2 * k] as number);
      g.maxIngestedMs = maxOf(g.maxIngestedMs, states.latestMs[2 * k + 1] as number);
    });
  }

  series(slot: number): BucketSeriesView {
    return denseSeries(this.group(slot), this.params.number_buckets_in_range);
  }

  autocorrelation(slot: number): Float64Array {
    return scoreGroup(this.group(slot), this.params).autocorrelation;
  }

  dispose(): void {
    this.groups = [];
  }

  private group(slot: number): ReferenceGroupState {
    const group = this.groups[slot];
    if (group === undefined) throw new EngineError(`ts engine: unknown group slot ${slot}`);
    return group;
  }
}

/** The larger of two times, NaN meaning none. */
function maxOf(a: number, b: number): number {
  return Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.max(a, b);
}

export function createReferenceEngine(params: BeaconParams): ScoringEngine {
  return new ReferenceEngine(params);
}
