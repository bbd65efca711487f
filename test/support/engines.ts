/** Every engine the shared suites run against: one test suite, every engine. */
import type { EngineKind } from '../../ts/engine/scoringEngine.js';

export const ENGINES: readonly EngineKind[] = ['wasm', 'native', 'ts'];
