/**
 * Scoring a batch of groups from their partial states: the same on the
 * calling thread and in a worker, which gets the states rather than sharing
 * the main thread's engine. IPs come renumbered so that id order is string
 * order (the tie rule of the top-IP list needs nothing else).
 */
import { createEngine } from '../engine/createEngine.js';
import type { EngineKind, GroupScore, PartialStates } from '../engine/scoringEngine.js';
import type { BeaconParams } from '../params/beaconParams.js';
import type { GroupDetail, ScanOptions } from './scanOptions.js';

export interface ScoreRequest {
  readonly engine: EngineKind;
  readonly params: BeaconParams;
  readonly states: PartialStates;
  /** Number of distinct IP ids in the states: ids 0..ipCount-1 in string order. */
  readonly ipCount: number;
  readonly details: NonNullable<ScanOptions['details']>;
}

export interface ScoreReply {
  readonly scores: GroupScore[];
  /** Per group, when asked for. */
  readonly details: (GroupDetail | undefined)[];
}

export function scoreStates(request: ScoreRequest): ScoreReply {
  const engine = createEngine(request.engine, request.params);
  try {
    const n = request.states.count;
    // Scoring needs no window: bucket indexes are already in the states.
    const window = engine.addWindow(0);
    engine.addGroups(new Uint32Array(n).fill(window));
    const slots = Uint32Array.from({ length: n }, (_, k) => k);
    engine.importStates(slots, request.states);
    const ranks = Uint32Array.from({ length: request.ipCount }, (_, k) => k);
    const scores = engine.score(slots, ranks);
    const details = scores.map((score, k) => {
      const wanted = request.details === 'all' || (request.details === 'beaconing' && score.stats?.is_beaconing === true);
      return wanted ? { series: engine.series(k), autocorrelation: engine.autocorrelation(k, ranks) } : undefined;
    });
    return { scores, details };
  } finally {
    engine.dispose();
  }
}
