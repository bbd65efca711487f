/** The TypeScript mirror of the ABI layout says what the Rust side says, constant for constant. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import * as layout from '../../ts/engine/wasmLayout.js';
import { REPO_ROOT } from '../support/paths.js';

it('mirrors crates/beaconwatch-wasm/src/layout.rs', () => {
  const rust = readFileSync(join(REPO_ROOT, 'crates/beaconwatch-wasm/src/layout.rs'), 'utf8');
  const constants = new Map<string, number>();
  for (const m of rust.matchAll(/^pub const (\w+): \w+ = ([^;]+);/gm)) {
    const value = (m[2] as string).trim();
    const shift = /^1 << (\d+)$/.exec(value);
    constants.set(m[1] as string, shift === null ? Number(value) : 1 << Number(shift[1]));
  }
  const mirrored = Object.entries(layout);
  expect(mirrored.length).toBeGreaterThan(20);
  for (const [name, value] of mirrored) expect(constants.get(name), name).toBe(value);
});
