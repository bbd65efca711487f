/**
 * `npm run bench`: runs the benchmarks, prints their tables and ratios, and
 * writes `bench/results/<name>.json` (smoke runs: `bench/results/smoke/`).
 *
 *   node dist-bench/run.js [--smoke] [kernel] [ingest] [scale] [painless]
 */
import { ingestBench } from './ingest.js';
import { kernelBench } from './kernel.js';
import { scaleBench } from './scale.js';
import { writeResult } from './support/benchResults.js';

const BENCHES: Record<string, (profile: 'full' | 'smoke') => Promise<unknown>> = {
  kernel: kernelBench,
  ingest: ingestBench,
  scale: scaleBench,
};

const args = process.argv.slice(2);
const profile = args.includes('--smoke') ? 'smoke' : 'full';
const chosen = args.filter((a) => !a.startsWith('--'));
const names = chosen.length > 0 ? chosen : Object.keys(BENCHES);
for (const name of names) {
  const run = BENCHES[name];
  if (run === undefined) throw new Error(`no benchmark "${name}" (there are: ${Object.keys(BENCHES).join(', ')})`);
  process.stderr.write(`bench ${name} (${profile})...\n`);
  const result = await run(profile);
  const path = writeResult(name, profile, result);
  process.stdout.write(`${name}: ${JSON.stringify(result, null, 2)}\n(written to ${path})\n`);
}
