/** Picks an engine by name. */
import type { BeaconParams } from '../params/beaconParams.js';
import { createNativeEngine } from './nativeEngine.js';
import { createReferenceEngine } from './reference/referenceEngine.js';
import type { EngineKind, ScoringEngine } from './scoringEngine.js';
import { createWasmEngine } from './wasmEngine.js';

const FACTORIES: Readonly<Record<EngineKind, (params: BeaconParams) => ScoringEngine>> = {
  wasm: createWasmEngine,
  native: createNativeEngine,
  ts: createReferenceEngine,
};

export function createEngine(kind: EngineKind, params: BeaconParams): ScoringEngine {
  return FACTORIES[kind](params);
}
