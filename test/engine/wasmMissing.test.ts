/** A missing WebAssembly module is an error that says how to build it, never a silent fallback. */
import { expect, it } from 'vitest';
import { EngineError } from '../../ts/errors.js';
import { instantiateCore } from '../../ts/engine/wasmEngine.js';

it('says how to build the module when it is missing', () => {
  const attempt = () => instantiateCore('/nonexistent/beaconwatch.wasm');
  expect(attempt).toThrow(EngineError);
  expect(attempt).toThrow(/\/nonexistent\/beaconwatch\.wasm is missing\): run `npm run build:wasm`.*libstd-rust-dev-wasm32.*--engine ts/);
});
