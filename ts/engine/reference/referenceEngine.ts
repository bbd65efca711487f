/**
 * The TypeScript reference: the same statistics as the Rust core, written
 * plainly, for cross-checking in tests (`--engine ts`). Never used as a
 * silent stand-in for the WebAssembly engine.
 */
import { EngineError } from '../../errors.js';
import type { BeaconParams } from '../../params/beaconParams.js';
import { NO_DESTINATION_IP, type EventColumns, type GroupScore, type ScoringEngine } from '../scoringEngine.js';
import { bucketOf, ReferenceGroupState } from './groupState.js';
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
      const ingested = events.ingestedMs[e] as number;
      group.maxTimestampMs = Number.isNaN(group.maxTimestampMs) ? ts : Math.max(group.maxTimestampMs, ts);
      if (!Number.isNaN(ingested)) {
        group.maxIngestedMs = Number.isNaN(group.maxIngestedMs) ? ingested : Math.max(group.maxIngestedMs, ingested);
      }
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
      const group = this.groups[slot];
      if (group === undefined) throw new EngineError(`ts engine: unknown group slot ${slot}`);
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

  dispose(): void {
    this.groups = [];
  }
}

export function createReferenceEngine(params: BeaconParams): ScoringEngine {
  return new ReferenceEngine(params);
}
