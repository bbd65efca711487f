/**
 * The spec's buckets (section 3) as a date histogram the cluster can build.
 * With whole seconds `ns` (window end) and `ts` (event), an event is in
 * bucket `trunc((ns - ts) / L)`, so bucket k holds the seconds
 * `ns - (k+1)L + 1 .. ns - kL`: fixed intervals of L seconds whose starts
 * fall on `ns + 1 (mod L)`. That is the histogram's offset.
 *
 * The reference's quirk is kept (spec section 3): an event less than one
 * bucket after the end truncates to bucket 0. Those seconds,
 * `ns + 1 .. ns + L - 1`, are the start of the histogram interval just
 * after bucket 0, cut short by the range filter one second before its end
 * (second `ns + L` is bucket -1, not bucketed).
 */

export interface BucketAlignment {
  /** `fixed_interval` of the histogram, in seconds. */
  readonly intervalSeconds: number;
  /** Histogram `offset` in ms: interval starts fall on it, modulo the interval. */
  readonly offsetMs: number;
  /** Events that land in some bucket have `fromMs <= @timestamp < toMs`. */
  readonly fromMs: number;
  readonly toMs: number;
  /** The bucket of a histogram interval, by the interval's start (its key). */
  bucketOfKey(keyMs: number): number;
}

export function bucketAlignment(nowMs: number, bucketSeconds: number, buckets: number): BucketAlignment {
  const ns = Math.floor(nowMs / 1000);
  const intervalMs = bucketSeconds * 1000;
  const offsetMs = mod((ns + 1) * 1000, intervalMs);
  return {
    intervalSeconds: bucketSeconds,
    offsetMs,
    fromMs: (ns - buckets * bucketSeconds + 1) * 1000,
    toMs: (ns + bucketSeconds) * 1000,
    bucketOfKey(keyMs: number): number {
      if (mod(keyMs - offsetMs, intervalMs) !== 0) throw new Error(`histogram key ${keyMs} is not aligned on offset ${offsetMs} ms`);
      // `+ 0`: the interval after the end truncates to -0, which is bucket 0.
      const bucket = Math.trunc((ns - keyMs / 1000) / bucketSeconds) + 0;
      if (bucket < 0 || bucket >= buckets) throw new Error(`histogram key ${keyMs} is outside the window's buckets`);
      return bucket;
    },
  };
}

function mod(a: number, m: number): number {
  return ((a % m) + m) % m;
}
