/** Truncated moments of a per-bucket series (spec 4.4), in TypeScript. */

/**
 * Quantiles of the non-zero values over the whole series: sort ascending,
 * take element `min(trunc(q * n + 0.5), n - 1)` per `q`. [0, 0] when there
 * is no non-zero value.
 */
export function percentiles(values: Float64Array, truncateAt: readonly [number, number]): [number, number] {
  const sorted = values.filter((v) => v !== 0).sort();
  const n = sorted.length;
  if (n === 0) return [0, 0];
  const pick = (q: number) => sorted[Math.min(Math.trunc(q * n + 0.5), n - 1)] as number;
  return [pick(truncateAt[0]), pick(truncateAt[1])];
}

/** Mean and population variance of `values[a..b)` within `[lo, hi]`; 0 and 0 when none is. */
export function truncatedMoments(
  values: Float64Array,
  a: number,
  b: number,
  [lo, hi]: readonly [number, number],
): { mean: number; variance: number } {
  let sum = 0;
  let n = 0;
  for (let k = a; k < b; k++) {
    const v = values[k] as number;
    if (v < lo || v > hi) continue;
    sum += v;
    n += 1;
  }
  const mean = n > 0 ? sum / n : 0;
  let squares = 0;
  n = 0;
  for (let k = a; k < b; k++) {
    const v = values[k] as number;
    if (v < lo || v > hi) continue;
    squares += (v - mean) * (v - mean);
    n += 1;
  }
  return { mean, variance: n > 0 ? squares / n : 0 };
}
