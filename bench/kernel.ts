/**
 * Kernel: the cost of scoring one group, per engine, against the TypeScript
 * reference in the same run, at max_jitter 0, 0.1 and 0.2 (jitter widens
 * the periodicity search). The groups are real-looking: generated beacons
 * and noise over a full 6-hour window.
 */
import { Bench } from 'tinybench';
import { createEngine } from '../dist/engine/createEngine.js';
import { NO_DESTINATION_IP, type EngineKind, type ScoringEngine } from '../dist/engine/scoringEngine.js';
import { resolveParams } from '../dist/params/beaconParams.js';
import { generateConnections } from '../dist/source/trafficGenerator.js';
import { populationTalkers } from '../dist/source/trafficSources.js';
import { EventColumnsBuffer } from '../dist/scan/eventColumnsBuffer.js';
import { ratio } from './support/benchResults.js';

const WINDOW_MS = 6 * 3_600_000;

export interface KernelResult {
  readonly groups: number;
  /** Per max_jitter: microseconds per group per engine, and each engine's speed-up over ts. */
  readonly rows: { maxJitter: number; microsPerGroup: Record<string, number>; speedupOverTs: Record<string, number> }[];
}

/** A store holding `groups` groups of generated traffic, scored as one batch. */
function loadedEngine(kind: EngineKind, maxJitter: number, groups: number): { engine: ScoringEngine; slots: Uint32Array; ranks: Uint32Array } {
  const params = resolveParams({ max_jitter: maxJitter });
  const engine = createEngine(kind, params);
  const window = engine.addWindow(WINDOW_MS);
  engine.addGroups(new Uint32Array(groups).fill(window));
  const talkers = populationTalkers({ hosts: groups, processesPerHost: 1, beaconEvery: 2, periodsSeconds: [60, 300, 420], jitter: 0.2, byteJitter: 0.05, dropRate: 0.05, noisePerHour: 40 });
  const batch = new EventColumnsBuffer(1 << 16);
  for (const c of generateConnections({ seed: 7, startMs: 0, endMs: WINDOW_MS, talkers })) {
    batch.push(c.talker, c.timeMs, NaN, c.sourceBytes, c.destinationBytes, NO_DESTINATION_IP);
  }
  engine.ingest(batch);
  return { engine, slots: Uint32Array.from({ length: groups }, (_, k) => k), ranks: new Uint32Array(0) };
}

export async function kernelBench(profile: 'full' | 'smoke'): Promise<KernelResult> {
  const groups = profile === 'full' ? 200 : 8;
  const engines: EngineKind[] = ['wasm', 'native', 'ts'];
  const rows = [];
  for (const maxJitter of [0, 0.1, 0.2]) {
    const bench = new Bench(profile === 'full' ? { time: 2000, warmupTime: 300 } : { time: 50, iterations: 2, warmupTime: 0 });
    const loaded = new Map(engines.map((k) => [k, loadedEngine(k, maxJitter, groups)]));
    for (const [kind, { engine, slots, ranks }] of loaded) bench.add(kind, () => void engine.score(slots, ranks));
    await bench.run();
    for (const { engine } of loaded.values()) engine.dispose();
    const micros: Record<string, number> = {};
    for (const task of bench.tasks) micros[task.name] = (meanMs(task.result) * 1000) / groups;
    const ts = micros['ts'] as number;
    rows.push({
      maxJitter,
      microsPerGroup: micros,
      speedupOverTs: Object.fromEntries(engines.map((k) => [k, ratio(ts, micros[k] as number)])),
    });
  }
  return { groups, rows };
}

/** Mean time of a task in ms (tinybench's result, which an aborted task lacks). */
function meanMs(result: unknown): number {
  const latency = (result as { latency?: { mean?: number } } | undefined)?.latency;
  return latency?.mean ?? NaN;
}
