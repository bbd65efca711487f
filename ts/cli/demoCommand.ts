/**
 * `beaconwatch demo`: the main job on built-in data. Writes one synthetic
 * day of traffic to a file, replays the hourly transform over it, and
 * prints what a scan of your own data would print (and, with `--report`,
 * writes the HTML report of it). It reads no configuration file: the demo
 * is the same everywhere.
 */
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatTimestamp } from '../decode/timestamp.js';
import { ENGINE_KINDS, type EngineKind } from '../engine/scoringEngine.js';
import { ConfigError } from '../errors.js';
import { DEFAULT_FILTERS } from '../filter/filterConfig.js';
import { DEFAULT_PARAMS } from '../params/beaconParams.js';
import { DEFAULT_PLOTS } from '../report/reportData.js';
import { DEMO_SCENARIO } from '../source/demoScenario.js';
import { generateTraffic } from '../source/syntheticTraffic.js';
import { writeNdjson } from '../sink/ndjsonSink.js';
import { checkOutputPath } from '../sink/outputFile.js';
import { parseFlags } from './parseFlags.js';
import { withSuppression, writeReport } from './reportCommand.js';
import { resultDocuments, runScanCommand, scanReport, suppressionOf } from './scanCommand.js';

export async function demoCommand(args: readonly string[]): Promise<void> {
  const { values } = parseFlags({ args: [...args], options: { engine: { type: 'string' }, out: { type: 'string' }, report: { type: 'string' } }, strict: true }, 'beaconwatch --help');
  const engine = (values.engine ?? 'wasm') as EngineKind;
  if (!ENGINE_KINDS.includes(engine)) throw new ConfigError(`--engine must be one of ${ENGINE_KINDS.join(', ')}`, 'engine');

  if (values.out !== undefined && values.out !== '-') checkOutputPath(values.out, 'out');
  if (values.report !== undefined) checkOutputPath(values.report, 'report');
  const dir = join(tmpdir(), 'beaconwatch-demo');
  mkdirSync(dir, { recursive: true });
  const input = join(dir, 'office-day.ndjson');
  const events = generateTraffic(DEMO_SCENARIO);
  await writeFile(input, events.map((e) => JSON.stringify(e)).join('\n') + '\n');

  // Replay the hourly transform from the first full window to the day's end.
  const fromMs = DEMO_SCENARIO.startMs + 6 * 3_600_000;
  const toMs = DEMO_SCENARIO.endMs;
  const options = {
    inputs: [input],
    format: 'ecs' as const,
    params: DEFAULT_PARAMS,
    filters: DEFAULT_FILTERS,
    windows: { fromMs, toMs, everyMs: 3_600_000 },
    engine,
    zeekBytes: 'ip' as const,
    ...(values.report === undefined ? {} : { details: 'beaconing' as const }),
  };
  process.stderr.write(
    `beaconwatch demo: ${events.length.toLocaleString('en-US')} synthetic connection events of one office day in ${input}\n` +
      'planted: ws-02 updater-x.exe every 60 s, ws-04 rundll32.exe every 5 min (20% jitter), ws-05 powershell.exe every 15 min (10% jitter)\n' +
      `the same scan by hand: npx beaconwatch scan ${input} --from ${formatTimestamp(fromMs)} --to ${formatTimestamp(toMs)} --every 1h\n\n`,
  );
  const scan = await runScanCommand(options);
  if (values.out !== undefined) await writeNdjson(resultDocuments(scan), values.out);
  process.stderr.write(scanReport(scan, 20));
  if (values.report !== undefined) {
    const results = scan.outcome.results.map((r) => withSuppression(r, suppressionOf(scan, r)));
    await writeReport(scan.record, results, { out: values.report, title: 'beaconwatch demo: one synthetic office day', plots: DEFAULT_PLOTS });
  }
}
