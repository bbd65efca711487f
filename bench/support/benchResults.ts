/** Where benchmark results go: `bench/results/<name>.json`, with the machine they ran on. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file runs compiled from dist-bench/support/). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
}

export function machine(): Machine {
  const list = cpus();
  return { cpu: list[0]?.model ?? 'unknown', cores: list.length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
}

/** `bench/results/<name>.json`, or `bench/results/<profile>/<name>.json` for a profile other than the full one. */
export function resultPath(name: string, profile: string): string {
  return join(REPO_ROOT, 'bench', 'results', profile === 'full' ? '' : profile, `${name}.json`);
}

export function writeResult(name: string, profile: string, data: unknown): string {
  const path = resultPath(name, profile);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ name, profile, ranAt: new Date().toISOString(), machine: machine(), ...(data as object) }, null, 2)}\n`);
  return path;
}

/** `a / b` rounded for tables. */
export function ratio(a: number, b: number): number {
  return Math.round((a / b) * 100) / 100;
}
