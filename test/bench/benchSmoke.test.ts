/**
 * The benchmarks are code: they compile, run at smoke size, and write
 * results of the shape BENCHMARKS.md's tables are made from. (Speed is
 * measured by `npm run bench`, never asserted here.)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';

function smokeResult(name: string): any {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'bench', 'results', 'smoke', `${name}.json`), 'utf8'));
}

describe('benchmarks at smoke size', () => {
  let printed = '';
  beforeAll(() => {
    execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(REPO_ROOT, 'bench', 'tsconfig.json')], { stdio: 'inherit' });
    printed = execFileSync(process.execPath, [join(REPO_ROOT, 'dist-bench', 'run.js'), '--smoke', 'kernel', 'ingest', 'scale'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, BENCH_INGEST_MB: '2' },
    });
  }, 600_000);

  it('prints the tables of BENCHMARKS.md, and prints them again from the results alone', () => {
    for (const header of ['### kernel', '| max_jitter | ts (µs/group) |', '### ingest', '| format | file (MB) |', '### scale', 'By groups:', 'By events:']) {
      expect(printed).toContain(header);
    }
    const again = execFileSync(process.execPath, [join(REPO_ROOT, 'dist-bench', 'run.js'), '--smoke', '--tables', 'kernel', 'ingest', 'scale'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(again).toBe(printed);
  });

  it('times the kernel per engine and jitter, with ratios to the reference', () => {
    const r = smokeResult('kernel');
    expect(r.profile).toBe('smoke');
    expect(r.rows.map((row: { maxJitter: number }) => row.maxJitter)).toEqual([0, 0.1, 0.2]);
    for (const row of r.rows) {
      expect(Object.keys(row.microsPerGroup).sort()).toEqual(['native', 'ts', 'wasm']);
      expect(row.speedupOverTs.ts).toBe(1);
      expect(row.speedupOverTs.wasm).toBeGreaterThan(0);
    }
  });

  it('measures ingest against the bare loop for both formats and worker counts', () => {
    const r = smokeResult('ingest');
    expect(r.rows.map((row: { format: string }) => row.format)).toEqual(['ecs', 'zeek']);
    for (const row of r.rows) {
      expect(row.events).toBeGreaterThan(1000);
      expect(row.scan.map((s: { workers: number }) => s.workers)).toEqual([1, 2]);
    }
  });

  it('sweeps groups and events with peak memory', () => {
    const r = smokeResult('scale');
    expect(r.byGroups.map((row: { groups: number }) => row.groups)).toEqual([100, 1000]);
    expect(r.byEvents).toHaveLength(4);
    for (const row of [...r.byGroups, ...r.byEvents]) expect(row.peakRssMiB).toBeGreaterThan(10);
  });
});
