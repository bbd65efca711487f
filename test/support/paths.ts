/** Where the tests find the repository, its golden copy and the shared folder beside it. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Our copy of the golden vectors (our own data, committed). */
export const GOLDEN_DIR = join(REPO_ROOT, 'test', 'golden');

/** The workplace's shared folder (`../shared` beside the repository), or `BEACONWATCH_SHARED`. */
export const SHARED_DIR = process.env['BEACONWATCH_SHARED'] ?? resolve(REPO_ROOT, '..', 'shared');

export const SHARED_GOLDEN_DIR = join(SHARED_DIR, 'golden');
export const REALDATA_DIR = join(SHARED_DIR, 'realdata');

export function sharedExists(dir: string): boolean {
  return existsSync(dir);
}

export const CLI = join(REPO_ROOT, 'bin', 'beaconwatch.js');
