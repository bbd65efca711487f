/** Picks an engine by name. */
import type { BeaconParams } from '../params/beaconParams.js';
import { createReferenceEngine } from './reference/referenceEngine.js';
import type { EngineKind, ScoringEngine } from './scoringEngine.js';
import { createWasmEngine } from './wasmEngine.js';

export function createEngine(kind: EngineKind, params: BeaconParams): ScoringEngine {
  return kind === 'wasm' ? createWasmEngine(params) : createReferenceEngine(params);
}
