/** One group's partial state in the TypeScript reference: sparse buckets, exact IP counts. */
import type { BucketSeriesView } from '../scoringEngine.js';

export interface ReferenceCell {
  count: number;
  /** 64-bit sums, as the core keeps them (spec section 3). */
  sourceBytes: bigint;
  destinationBytes: bigint;
}

export class ReferenceGroupState {
  readonly cells = new Map<number, ReferenceCell>();
  readonly destinationIps = new Map<number, number>();
  maxTimestampMs = NaN;
  maxIngestedMs = NaN;

  constructor(
    readonly window: number,
    readonly nowSeconds: number,
  ) {}
}

/** `trunc((now_s - event_s) / length)`, the reference's bucket (spec section 3). */
export function bucketOf(nowSeconds: number, eventMs: number, bucketLength: number, buckets: number): number | undefined {
  // `+ 0`: an event less than a bucket in the future truncates to -0, which is bucket 0.
  const bucket = Math.trunc((nowSeconds - Math.floor(eventMs / 1000)) / bucketLength) + 0;
  return bucket >= 0 && bucket < buckets ? bucket : undefined;
}

/**
 * The buckets as dense arrays of events and byte sums. The 64-bit sums
 * become doubles once, as the core converts them (spec section 3).
 */
export function denseSeries(state: ReferenceGroupState, buckets: number): BucketSeriesView {
  const counts = new Float64Array(buckets);
  const sourceBytes = new Float64Array(buckets);
  const destinationBytes = new Float64Array(buckets);
  for (const [bucket, cell] of state.cells) {
    counts[bucket] = cell.count;
    sourceBytes[bucket] = Number(cell.sourceBytes);
    destinationBytes[bucket] = Number(cell.destinationBytes);
  }
  return { counts, sourceBytes, destinationBytes };
}
