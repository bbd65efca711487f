/**
 * Ingest: an end-to-end `scan` of a generated file against the bare loop a
 * scan cannot beat without skipping work: reading the lines and parsing
 * each with JSON.parse (ECS), or splitting each on tabs (Zeek). Same file,
 * same process, 1 and 2 workers.
 */
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { generatedLines, parseGenerateArgs } from '../dist/cli/generateCommand.js';
import { DEFAULT_FILTERS } from '../dist/filter/filterConfig.js';
import { DEFAULT_PARAMS } from '../dist/params/beaconParams.js';
import { runScan } from '../dist/scan/scanRun.js';
import { readLines } from '../dist/source/lineReader.js';
import { ratio, REPO_ROOT } from './support/benchResults.js';

const DATA_DIR = join(REPO_ROOT, 'bench', '.data');

/** A generated input of about `megabytes`, made once and kept in bench/.data. */
async function input(format: 'ecs' | 'zeek', megabytes: number): Promise<string> {
  mkdirSync(DATA_DIR, { recursive: true });
  const path = join(DATA_DIR, `ingest-${format}-${megabytes}mb.${format === 'ecs' ? 'ndjson' : 'log'}`);
  if (existsSync(path)) return path;
  // Lines measure about 336 bytes (ECS) and 98 (Zeek): dividing by a little
  // less makes the file at least `megabytes`.
  const events = Math.round((megabytes * 1e6) / (format === 'ecs' ? 330 : 96));
  const command = parseGenerateArgs(['--events', String(events), '--hosts', '2000', '--processes', '5', '--format', format]);
  const out = createWriteStream(`${path}.partial`);
  let block: string[] = [];
  for (const line of generatedLines(command)) {
    block.push(line);
    if (block.length === 4096) {
      if (!out.write(`${block.join('\n')}\n`)) await once(out, 'drain');
      block = [];
    }
  }
  out.end(`${block.join('\n')}\n`);
  await once(out, 'finish');
  renameSync(`${path}.partial`, path);
  return path;
}

async function seconds(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return (performance.now() - start) / 1000;
}

export interface IngestRow {
  readonly format: 'ecs' | 'zeek';
  readonly megabytes: number;
  readonly events: number;
  readonly baselineEventsPerSecond: number;
  readonly scan: { workers: number; eventsPerSecond: number; ratioToBaseline: number }[];
}

export async function ingestBench(profile: 'full' | 'smoke'): Promise<{ rows: IngestRow[] }> {
  const megabytes = Number(process.env['BENCH_INGEST_MB'] ?? (profile === 'full' ? 1000 : 4));
  const rows: IngestRow[] = [];
  for (const format of ['ecs', 'zeek'] as const) {
    const path = await input(format, megabytes);
    let events = 0;
    const baseline = await seconds(async () => {
      for await (const line of readLines(path)) {
        if (line.startsWith('#')) continue;
        if (format === 'ecs') JSON.parse(line);
        else line.split('\t');
        events++;
      }
    });
    const scan = [];
    for (const workers of [1, 2]) {
      const took = await seconds(() =>
        runScan({ inputs: [path], format, params: DEFAULT_PARAMS, filters: DEFAULT_FILTERS, windows: {}, engine: 'wasm', zeekBytes: 'ip', workers }),
      );
      scan.push({ workers, eventsPerSecond: Math.round(events / took), ratioToBaseline: ratio(events / took, events / baseline) });
    }
    rows.push({ format, megabytes: Math.round(statSync(path).size / 1e6), events, baselineEventsPerSecond: Math.round(events / baseline), scan });
  }
  return { rows };
}
