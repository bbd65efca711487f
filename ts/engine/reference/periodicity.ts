/** Autocovariance periodicity search (spec 4.7), in TypeScript. */

export interface Periodicity {
  readonly autocovariance: number;
  readonly period: number;
  /** `R[p]` for p = 2, 3, ... */
  readonly byPeriod: Float64Array;
}

/** `xy / sqrt(x * y)`, or 1 where that root is 0. */
function correlation(xy: number, x: number, y: number): number {
  const z = Math.sqrt(x * y);
  return z === 0 ? 1 : xy / z;
}

/** Index of the first largest value in `values[from..to)`, relative to `from`. */
function firstArgmax(values: ArrayLike<number>, from: number, to: number): number {
  let best = from;
  for (let k = from + 1; k < to; k++) if ((values[k] as number) > (values[best] as number)) best = k;
  return best - from;
}

function divisorsBelowHalf(p: number): number[] {
  const out: number[] = [];
  for (let q = 2; q < Math.trunc(p / 2); q++) if (p % q === 0) out.push(q);
  return out;
}

/** Requires `b - a >= 2 * minNumberPeriods` (the early exit guarantees it). */
export function periodicity(counts: Float64Array, a: number, b: number, minNumberPeriods: number, maxJitter: number): Periodicity {
  const maxPeriod = Math.trunc((b - a) / minNumberPeriods);
  const periodN = new Float64Array(maxPeriod - 1);
  const periodR = new Float64Array(maxPeriod - 1);
  for (let p = 2; p <= maxPeriod; p++) {
    const jitter = Math.trunc(maxJitter * p);
    const first = a + jitter;
    const last = b - 2 * p;
    const meanEnd = first + p * Math.trunc((last + 1 - first) / p);
    let sum = 0;
    let count = 0;
    for (let k = first + p; k < meanEnd; k++) {
      sum += counts[k] as number;
      count += 1;
    }
    const m = count > 0 ? sum / count : 0;

    const x = new Float64Array(p - 1);
    const y = new Float64Array(p - 1);
    const xy = new Float64Array(p - 1);
    const divisors = divisorsBelowHalf(p);
    for (let i = first; i < last + 1; i += p) {
      let blockX = 0;
      for (let j = i + p; j < i + 2 * p; j++) {
        const d = (counts[j] as number) - m;
        blockX += d * d;
      }
      const blockY = new Float64Array(2 * jitter + 1);
      const blockXY = new Float64Array(2 * jitter + 1);
      for (let s = -jitter; s <= jitter; s++) {
        for (let j = i + p; j < i + 2 * p; j++) {
          const lagged = (counts[j - p - s] as number) - m;
          blockY[jitter + s] = (blockY[jitter + s] as number) + lagged * lagged;
          blockXY[jitter + s] = (blockXY[jitter + s] as number) + lagged * ((counts[j] as number) - m);
        }
      }
      const sigma = Array.from(blockXY, (v, k) => correlation(v, blockX, blockY[k] as number));
      const best = firstArgmax(sigma, 0, sigma.length);
      x[p - 2] = (x[p - 2] as number) + blockX;
      y[p - 2] = (y[p - 2] as number) + (blockY[best] as number);
      xy[p - 2] = (xy[p - 2] as number) + (blockXY[best] as number);
      for (const q of divisors) {
        const reach = Math.trunc(maxJitter * q);
        const bestQ = jitter - reach + firstArgmax(blockXY, jitter - reach, jitter + reach + 1);
        x[q - 2] = (x[q - 2] as number) + blockX;
        y[q - 2] = (y[q - 2] as number) + (blockY[bestQ] as number);
        xy[q - 2] = (xy[q - 2] as number) + (blockXY[bestQ] as number);
      }
    }
    periodN[p - 2] = (periodN[p - 2] as number) + 1;
    periodR[p - 2] = correlation(xy[p - 2] as number, x[p - 2] as number, y[p - 2] as number);
    for (const q of divisors) {
      const n = (periodN[q - 2] as number) + 1;
      const r = correlation(xy[q - 2] as number, x[q - 2] as number, y[q - 2] as number);
      periodN[q - 2] = (periodN[q - 2] as number) + 1;
      periodR[q - 2] = ((n - 1) * (periodR[q - 2] as number) + r) / n;
    }
  }
  const best = firstArgmax(periodR, 0, periodR.length);
  return { autocovariance: periodR[best] as number, period: best + 2, byPeriod: periodR };
}
