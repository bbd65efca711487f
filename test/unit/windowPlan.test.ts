/** `WindowPlan`: which scoring windows an event counts in (spec sections 3 and 6). */
import { describe, expect, it } from 'vitest';
import { configError } from '../support/configError.js';
import { MAX_WINDOWS, WindowPlan } from '../../ts/window/windowPlan.js';

const T0 = 1_764_504_000_000; // 2025-11-30T12:00:00Z
const HOUR = 3_600_000;
const SIX_HOURS = 6 * HOUR;

describe('WindowPlan.single()', () => {
  const plan = WindowPlan.single(T0, SIX_HOURS);

  it('holds one window ending at now', () => {
    expect(plan.windows).toEqual([{ startMs: T0 - SIX_HOURS, endMs: T0 }]);
    expect([plan.lookbackMs, plan.replay]).toEqual([SIX_HOURS, false]);
  });

  it('takes events from now - lookback on, the lower bound included', () => {
    expect(plan.windowRange(T0 - SIX_HOURS)).toEqual([0, 0]);
    expect(plan.windowRange(T0 - SIX_HOURS - 1)).toEqual([1, 0]);
    expect(plan.windowRange(0)).toEqual([1, 0]);
  });

  it('has no upper bound', () => {
    expect(plan.windowRange(T0)).toEqual([0, 0]);
    expect(plan.windowRange(T0 + 1)).toEqual([0, 0]);
    expect(plan.windowRange(T0 + 365 * 24 * HOUR)).toEqual([0, 0]);
  });

  it('takes only now itself with no look-back', () => {
    const instant = WindowPlan.single(T0, 0);
    expect(instant.windowRange(T0)).toEqual([0, 0]);
    expect(instant.windowRange(T0 - 1)).toEqual([1, 0]);
  });
});

describe('WindowPlan.replay()', () => {
  // Windows ending at T0, T0 + 1h, T0 + 2h, T0 + 3h, each 6 h long.
  const plan = WindowPlan.replay(T0, T0 + 3 * HOUR, HOUR, SIX_HOURS);

  it('ends windows at from, from + every, .. up to to', () => {
    expect(plan.windows).toEqual([0, 1, 2, 3].map((i) => ({ startMs: T0 + i * HOUR - SIX_HOURS, endMs: T0 + i * HOUR })));
    expect([plan.lookbackMs, plan.replay]).toEqual([SIX_HOURS, true]);
  });

  it('includes both edges of a window: end - lookback <= ts <= end', () => {
    expect(plan.windowRange(T0 - SIX_HOURS)).toEqual([0, 0]);
    expect(plan.windowRange(T0)).toEqual([0, 3]);
    expect(plan.windowRange(T0 + HOUR)).toEqual([1, 3]);
    expect(plan.windowRange(T0 + 3 * HOUR)).toEqual([3, 3]);
    expect(plan.windowRange(T0 + 3 * HOUR - SIX_HOURS)).toEqual([0, 3]);
  });

  it('excludes an event one millisecond past either edge', () => {
    expect(plan.windowRange(T0 + 1)).toEqual([1, 3]);
    expect(plan.windowRange(T0 + HOUR + 1)).toEqual([2, 3]);
    expect(plan.windowRange(T0 - 3 * HOUR - 1)).toEqual([0, 2]);
  });

  it('gives an empty range before the first window and after the last', () => {
    const [beforeFirst, beforeLast] = plan.windowRange(T0 - SIX_HOURS - 1);
    expect([beforeFirst, beforeLast]).toEqual([0, -1]);
    const [afterFirst, afterLast] = plan.windowRange(T0 + 3 * HOUR + 1);
    expect([afterFirst, afterLast]).toEqual([4, 3]);
    const [farFirst, farLast] = plan.windowRange(T0 + 10 * HOUR);
    expect(farFirst > farLast).toBe(true);
    expect(farLast).toBe(3);
  });

  it('clips the range to the windows there are', () => {
    expect(plan.windowRange(T0 - 2 * HOUR)).toEqual([0, 3]);
    const wide = WindowPlan.replay(T0, T0 + 10 * HOUR, HOUR, 2 * HOUR);
    expect(wide.windowRange(T0 + 5 * HOUR)).toEqual([5, 7]);
    expect(wide.windowRange(T0 + 10 * HOUR)).toEqual([10, 10]);
    expect(wide.windowRange(T0 + 5 * HOUR + 1)).toEqual([6, 7]);
  });

  it('holds one window when from equals to', () => {
    const one = WindowPlan.replay(T0, T0, HOUR, SIX_HOURS);
    expect(one.windows).toEqual([{ startMs: T0 - SIX_HOURS, endMs: T0 }]);
    expect(one.windowRange(T0)).toEqual([0, 0]);
    expect(one.windowRange(T0 + 1)).toEqual([1, 0]);
  });

  it('stops at the last end not after to', () => {
    const plan25 = WindowPlan.replay(T0, T0 + 2.5 * HOUR, HOUR, SIX_HOURS);
    expect(plan25.windows.map((w) => w.endMs)).toEqual([T0, T0 + HOUR, T0 + 2 * HOUR]);
  });

  it('refuses --to before --from', () => {
    const err = configError(() => WindowPlan.replay(T0, T0 - 1, HOUR, SIX_HOURS));
    expect([err.setting, err.message]).toEqual(['to', '--to must not be before --from']);
  });

  it('allows MAX_WINDOWS windows and refuses one more', () => {
    expect(MAX_WINDOWS).toBe(100_000);
    expect(WindowPlan.replay(0, MAX_WINDOWS - 1, 1, 10).windows.length).toBe(MAX_WINDOWS);
    const err = configError(() => WindowPlan.replay(0, MAX_WINDOWS, 1, 10));
    expect([err.setting, err.message]).toEqual(['every', '--from/--to/--every give 100001 windows, more than 100000']);
  });
});
