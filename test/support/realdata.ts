/**
 * The real captures in `../shared/realdata` are other people's data and are
 * never committed. Their tests need them: under CI (`CI=true`) a missing
 * folder fails the run; elsewhere the tests say plainly that they did not run.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { REALDATA_DIR } from './paths.js';

export function realdataPath(dataset: string): string {
  return join(REALDATA_DIR, dataset);
}

/** `describe` for tests over one dataset, or the report that they did not run. */
export function describeRealdata(dataset: string, body: (dir: string) => void): void {
  const dir = realdataPath(dataset);
  if (existsSync(dir)) {
    describe(`real capture ${dataset}`, () => body(dir));
    return;
  }
  const message = `real capture ${dataset} not found at ${dir}`;
  if (process.env['CI'] === 'true') {
    describe(`real capture ${dataset}`, () => {
      it('is present (CI=true requires ../shared/realdata)', () => {
        throw new Error(message);
      });
    });
    return;
  }
  process.stderr.write(`NOTE: ${message}: its tests DID NOT RUN\n`);
  describe.skip(`real capture ${dataset}: DID NOT RUN (${message})`, () => {
    it('needs the capture', () => undefined);
  });
}
