/**
 * Vitest global setup: compile the TypeScript once before the tests, so that
 * the CLI tests run the current command and scans start current workers
 * (worker threads run the compiled JavaScript). Incremental: cheap when
 * nothing changed.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

export default function buildBeforeTests(): void {
  execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(REPO_ROOT, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
}
