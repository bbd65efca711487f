/**
 * `npm run bench`: runs the benchmarks, prints their tables (those of
 * BENCHMARKS.md) and writes `bench/results/<name>.json` (smoke runs:
 * `bench/results/smoke/`). `--tables` prints the tables of the results
 * already written, without running anything.
 *
 *   node dist-bench/run.js [--smoke | --tables] [kernel] [ingest] [scale] [painless]
 */
import { readFileSync } from 'node:fs';
import { ingestBench } from './ingest.js';
import { kernelBench } from './kernel.js';
import { painlessBench } from './painless.js';
import { scaleBench } from './scale.js';
import { resultPath, writeResult } from './support/benchResults.js';
import { machineLine, TABLES } from './tables.js';

const BENCHES: Record<string, (profile: 'full' | 'smoke') => Promise<unknown>> = {
  kernel: kernelBench,
  ingest: ingestBench,
  scale: scaleBench,
  painless: painlessBench,
};

const args = process.argv.slice(2);
const profile = args.includes('--smoke') ? 'smoke' : 'full';
const chosen = args.filter((a) => !a.startsWith('--'));
const names = chosen.length > 0 ? chosen : Object.keys(BENCHES);
for (const name of names) {
  const run = BENCHES[name];
  const tables = TABLES[name];
  if (run === undefined || tables === undefined) throw new Error(`no benchmark "${name}" (there are: ${Object.keys(BENCHES).join(', ')})`);
  let result: { machine: Parameters<typeof machineLine>[0] };
  if (args.includes('--tables')) {
    result = JSON.parse(readFileSync(resultPath(name, profile), 'utf8'));
  } else {
    process.stderr.write(`bench ${name} (${profile})...\n`);
    const path = writeResult(name, profile, await run(profile));
    process.stderr.write(`(written to ${path})\n`);
    result = JSON.parse(readFileSync(path, 'utf8'));
  }
  process.stdout.write(`\n### ${name}\n\n${machineLine(result.machine)}\n\n${tables(result as never)}\n`);
}
