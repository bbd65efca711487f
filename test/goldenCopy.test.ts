/**
 * The golden vectors are our own data, kept under test/golden so the
 * repository tests itself anywhere; where the workplace's shared folder
 * exists, the copy must equal it file for file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { GOLDEN_DIR, SHARED_GOLDEN_DIR } from './support/paths.js';

it.runIf(existsSync(SHARED_GOLDEN_DIR))('test/golden equals ../shared/golden', () => {
  const ours = readdirSync(GOLDEN_DIR).sort();
  expect(ours).toEqual(readdirSync(SHARED_GOLDEN_DIR).sort());
  for (const file of ours) {
    expect(readFileSync(join(GOLDEN_DIR, file)).equals(readFileSync(join(SHARED_GOLDEN_DIR, file))), file).toBe(true);
  }
});

it('holds 25 vectors, each with events and expected results', () => {
  const files = readdirSync(GOLDEN_DIR);
  const names = files.filter((f) => f.endsWith('.expected.json')).map((f) => f.replace('.expected.json', ''));
  expect(names).toHaveLength(25);
  for (const name of names) expect(files).toContain(`${name}.events.ndjson`);
});
