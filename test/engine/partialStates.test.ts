/**
 * Partial states carried between engines: a group's events split across
 * several engines, exported and imported into one, score exactly like the
 * group fed whole, whichever engines export and import (one suite, every
 * engine); malformed imports are refused and change nothing.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../ts/engine/createEngine.js';
import { NO_DESTINATION_IP, type EngineKind, type PartialStates, type ScoringEngine } from '../../ts/engine/scoringEngine.js';
import { EngineError } from '../../ts/errors.js';
import { DEFAULT_PARAMS } from '../../ts/params/beaconParams.js';
import { EventColumnsBuffer } from '../../ts/scan/eventColumnsBuffer.js';
import { SeededRandom } from '../support/seededRandom.js';
import { ENGINES } from '../support/engines.js';

const NOW_MS = Date.parse('2026-11-30T12:00:00Z');
const RANKS = Uint32Array.from({ length: 8 }, (_, i) => i);

/** Random traffic of three groups: (group, time, ingested, bytes, ip). */
function traffic(seed: number): EventColumnsBuffer {
  const r = new SeededRandom(seed);
  const events = new EventColumnsBuffer(64);
  for (let i = 0; i < 1500; i++) {
    const ts = NOW_MS - Math.floor(r.next() * 21_700_000) + 50_000;
    const ingested = r.next() < 0.5 ? NaN : ts + 1000;
    const src = r.next() < 0.1 ? NaN : Math.round(3e9 * r.next());
    events.push(r.below(3), ts, ingested, src, Math.round(500 + 50 * r.next()), r.next() < 0.1 ? NO_DESTINATION_IP : r.below(8));
  }
  return events;
}

function engineWithGroups(kind: EngineKind): ScoringEngine {
  const engine = createEngine(kind, DEFAULT_PARAMS);
  const w = engine.addWindow(NOW_MS);
  engine.addGroups(Uint32Array.from([w, w, w]));
  return engine;
}

/** The events of `all` whose index passes `keep`, as one batch. */
function part(all: EventColumnsBuffer, keep: (i: number) => boolean): EventColumnsBuffer {
  const out = new EventColumnsBuffer(64);
  for (let i = 0; i < all.length; i++) {
    if (keep(i)) out.push(all.slots[i] as number, all.timestampMs[i] as number, all.ingestedMs[i] as number, all.sourceBytes[i] as number, all.destinationBytes[i] as number, all.destinationIp[i] as number);
  }
  return out;
}

const SLOTS = Uint32Array.from([0, 1, 2]);

describe.each(ENGINES.flatMap((from) => ENGINES.map((into) => [from, into] as const)))('partial states from %s into %s', (from, into) => {
  it('merge split traffic into exactly the whole', () => {
    const all = traffic(7);
    const whole = engineWithGroups(into);
    whole.ingest(all);
    const merged = engineWithGroups(into);
    for (const k of [0, 1, 2]) {
      const piece = engineWithGroups(from);
      piece.ingest(part(all, (i) => i % 3 === k));
      // Slots in another order: state k goes to slots[k].
      const order = Uint32Array.from([2, 0, 1]);
      merged.importStates(order, piece.exportStates(order));
      piece.dispose();
    }
    expect(merged.score(SLOTS, RANKS)).toEqual(whole.score(SLOTS, RANKS));
    expect(merged.exportStates(SLOTS).latestMs).toEqual(whole.exportStates(SLOTS).latestMs);
    for (const slot of SLOTS) expect(merged.series(slot)).toEqual(whole.series(slot));
  });
});

describe.each(ENGINES)('partial states, %s engine', (kind) => {
  it('exports the flat layout: offsets, cells, IPs, latest times', () => {
    const engine = engineWithGroups(kind);
    const events = new EventColumnsBuffer(4);
    events.push(1, NOW_MS - 61_000, NaN, 7, NaN, 3);
    events.push(1, NOW_MS - 62_000, NOW_MS, 3_000_000_000, 9, 3);
    events.push(1, NOW_MS + 10 * 60_000, NaN, 1, 1, 5);
    engine.ingest(events);
    const states = engine.exportStates(Uint32Array.from([0, 1]));
    expect(states).toEqual({
      count: 2,
      cellOffsets: Uint32Array.from([0, 0, 1]),
      cellBuckets: Uint32Array.from([1]),
      cellCounts: Float64Array.from([2]),
      cellSourceBytes: BigInt64Array.from([3_000_000_007n]),
      cellDestinationBytes: BigInt64Array.from([9n]),
      ipOffsets: Uint32Array.from([0, 0, 1]),
      ipIds: Uint32Array.from([3]),
      ipCounts: Float64Array.from([2]),
      // Group 0 has no event; the late event moved group 1's latest @timestamp only.
      latestMs: Float64Array.from([NaN, NaN, NOW_MS + 600_000, NOW_MS]),
    });
  });

  it('refuses malformed states and changes nothing', () => {
    const engine = engineWithGroups(kind);
    const good = engineWithGroups(kind);
    const events = new EventColumnsBuffer(1);
    events.push(0, NOW_MS - 1000, NaN, 10, 10, 0);
    good.ingest(events);
    const states = good.exportStates(Uint32Array.from([0]));
    const before = engine.exportStates(SLOTS);
    const broken: PartialStates[] = [
      { ...states, cellBuckets: Uint32Array.from([360]) },
      { ...states, cellCounts: Float64Array.from([0.5]) },
      { ...states, cellOffsets: Uint32Array.from([0, 2]) },
      { ...states, latestMs: Float64Array.from([1.5, NaN]) },
    ];
    for (const bad of broken) expect(() => engine.importStates(Uint32Array.from([0]), bad)).toThrow(EngineError);
    expect(() => engine.importStates(Uint32Array.from([0, 1]), states)).toThrow('partial states of 1 groups do not fit an import into 2 slots');
    expect(() => engine.importStates(Uint32Array.from([9]), states)).toThrow(/unknown (group )?slot 9/);
    expect(engine.exportStates(SLOTS)).toEqual(before);
  });

  it('gives the per-bucket series and the autocorrelation curve', () => {
    const engine = engineWithGroups(kind);
    const events = new EventColumnsBuffer(128);
    // Every fifth minute, 100 bytes up: R is 1 at period 5.
    for (let k = 0; k < 360; k += 5) events.push(2, NOW_MS - k * 60_000 - 500, NaN, 100, NaN, 0);
    engine.ingest(events);
    const series = engine.series(2);
    expect(series.counts.length).toBe(360);
    expect([series.counts[0], series.counts[1], series.counts[5], series.sourceBytes[5]]).toEqual([1, 0, 1, 100]);
    expect(series.destinationBytes.every((b) => b === 0)).toBe(true);
    const curve = engine.autocorrelation(2, RANKS);
    expect(curve.length).toBe(58);
    expect(curve[5 - 2]).toBe(1);
    expect(engine.score(Uint32Array.from([2]), RANKS)[0]?.stats?.autocovariance).toBe(Math.max(...curve));
    expect(engine.autocorrelation(0, RANKS)).toEqual(new Float64Array(0));
  });
});
