/**
 * Which scoring windows an event belongs to (spec sections 3 and 6).
 *
 * - A single window (`--now`, or the latest event time by default) keeps the
 *   transform's query: every event from `now - lookback` on counts, with no
 *   upper bound (later events still move the result's latest timestamps).
 * - A replay (`--from`, `--to`, `--every`) scores the windows ending at
 *   `from`, `from + every`, ... up to `to`, each as the transform would have
 *   seen it when it ran at that end: events after the end are left out.
 *
 * The look-back is the filters' `window_seconds` (the package's fixed
 * `now-6h`) or, without it, the window's buckets end to end.
 */
import { ConfigError } from '../errors.js';

/** Window ends: one fixed, the latest event's (no `nowMs`), or a replay. */
export type WindowRequest = { readonly nowMs?: number } | { readonly fromMs: number; readonly toMs: number; readonly everyMs: number };

export interface ScoringWindow {
  readonly startMs: number;
  readonly endMs: number;
}

/** More windows than this is a typo (`--every 1s` over a year), not a plan. */
export const MAX_WINDOWS = 100_000;

export class WindowPlan {
  private constructor(
    readonly windows: readonly ScoringWindow[],
    readonly lookbackMs: number,
    /** Replayed windows exclude events after their end; a single window does not. */
    readonly replay: boolean,
    private readonly fromMs: number,
    private readonly everyMs: number,
  ) {}

  /** The plan of a request; undefined while the window ends at an unknown latest event. */
  static fromRequest(request: WindowRequest, lookbackMs: number): WindowPlan | undefined {
    if ('fromMs' in request) return WindowPlan.replay(request.fromMs, request.toMs, request.everyMs, lookbackMs);
    return request.nowMs === undefined ? undefined : WindowPlan.single(request.nowMs, lookbackMs);
  }

  static single(nowMs: number, lookbackMs: number): WindowPlan {
    return new WindowPlan([{ startMs: nowMs - lookbackMs, endMs: nowMs }], lookbackMs, false, nowMs, 1);
  }

  static replay(fromMs: number, toMs: number, everyMs: number, lookbackMs: number): WindowPlan {
    if (toMs < fromMs) throw new ConfigError('--to must not be before --from', 'to');
    const count = Math.floor((toMs - fromMs) / everyMs) + 1;
    if (count > MAX_WINDOWS) {
      throw new ConfigError(`--from/--to/--every give ${count} windows, more than ${MAX_WINDOWS}`, 'every');
    }
    const windows = Array.from({ length: count }, (_, i) => {
      const endMs = fromMs + i * everyMs;
      return { startMs: endMs - lookbackMs, endMs };
    });
    return new WindowPlan(windows, lookbackMs, true, fromMs, everyMs);
  }

  /** Indices of the windows an event at `tsMs` counts in, as [first, last] (empty when first > last). */
  windowRange(tsMs: number): [number, number] {
    if (!this.replay) return tsMs >= this.fromMs - this.lookbackMs ? [0, 0] : [1, 0];
    // Window i takes events with end_i - lookback <= ts <= end_i.
    const first = Math.max(0, Math.ceil((tsMs - this.fromMs) / this.everyMs));
    const last = Math.min(this.windows.length - 1, Math.floor((tsMs + this.lookbackMs - this.fromMs) / this.everyMs));
    return [first, last];
  }
}
