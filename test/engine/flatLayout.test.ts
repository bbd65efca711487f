/** The TypeScript mirror of the flat layout says what the Rust core says, constant for constant. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import * as layout from '../../ts/engine/flatLayout.js';
import { REPO_ROOT } from '../support/paths.js';

it('mirrors crates/beaconwatch-core/src/flat.rs', () => {
  const rust = readFileSync(join(REPO_ROOT, 'crates/beaconwatch-core/src/flat.rs'), 'utf8');
  const constants = new Map<string, number>();
  for (const m of rust.matchAll(/^pub const (\w+): \w+ = ([^;]+);/gm)) {
    const value = (m[2] as string).trim();
    const shift = /^1 << (\d+)$/.exec(value);
    constants.set(m[1] as string, shift === null ? Number(value) : 1 << Number(shift[1]));
  }
  expect([...constants.keys()].sort()).toEqual(Object.keys(layout).sort());
  for (const [name, value] of Object.entries(layout)) expect(constants.get(name), name).toBe(value);
});

it('agrees with the wasm binding on the status of success', () => {
  const rust = readFileSync(join(REPO_ROOT, 'crates/beaconwatch-wasm/src/layout.rs'), 'utf8');
  expect(rust).toMatch(/^pub const STATUS_OK: u32 = 0;/m);
  expect(readFileSync(join(REPO_ROOT, 'ts/engine/wasmEngine.ts'), 'utf8')).toMatch(/^const STATUS_OK = 0;/m);
});
