/**
 * The benchmarks' results as the Markdown tables of BENCHMARKS.md, so that
 * `npm run bench` prints exactly what the document shows (and
 * `node dist-bench/run.js --tables` prints them again from bench/results/).
 */
import type { IngestRow } from './ingest.js';
import type { KernelResult } from './kernel.js';
import type { PainlessResult } from './painless.js';
import type { ScaleResult, ScaleRow } from './scale.js';
import type { Machine } from './support/benchResults.js';

export function machineLine(m: Machine): string {
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}`;
}

function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const fixed = (n: number, digits: number) => n.toFixed(digits);
const count = (n: number) => n.toLocaleString('en-US');

export function kernelTable(r: KernelResult): string {
  return table(
    ['max_jitter', 'ts (µs/group)', 'wasm (µs/group)', 'native (µs/group)', 'wasm vs ts', 'native vs ts'],
    r.rows.map((row) => [
      row.maxJitter,
      fixed(row.microsPerGroup['ts'] as number, 0),
      fixed(row.microsPerGroup['wasm'] as number, 0),
      fixed(row.microsPerGroup['native'] as number, 0),
      `${fixed(row.speedupOverTs['wasm'] as number, 1)}x`,
      `${fixed(row.speedupOverTs['native'] as number, 1)}x`,
    ]),
  );
}

export function ingestTable(r: { rows: readonly IngestRow[] }): string {
  return table(
    ['format', 'file (MB)', 'events', 'bare loop (events/s)', 'scan, 1 worker', 'scan, 2 workers', '1 worker vs loop', '2 workers vs loop'],
    r.rows.map((row) => {
      const [one, two] = [1, 2].map((w) => row.scan.find((s) => s.workers === w));
      return [
        row.format,
        count(row.megabytes),
        count(row.events),
        count(row.baselineEventsPerSecond),
        count(one?.eventsPerSecond ?? NaN),
        count(two?.eventsPerSecond ?? NaN),
        `${fixed(one?.ratioToBaseline ?? NaN, 2)}x`,
        `${fixed(two?.ratioToBaseline ?? NaN, 2)}x`,
      ];
    }),
  );
}

function scaleRows(rows: readonly ScaleRow[]): string {
  return table(
    ['groups', 'events', 'event ids', 'seconds', 'events/s', 'peak RSS (MiB)'],
    rows.map((row) => [count(row.groups), count(row.events), row.withIds ? 'yes' : 'no', fixed(row.seconds, 1), count(row.eventsPerSecond), count(row.peakRssMiB)]),
  );
}

export function scaleTables(r: ScaleResult): string {
  return `By groups:\n\n${scaleRows(r.byGroups)}\n\nBy events:\n\n${scaleRows(r.byEvents)}`;
}

export function painlessTable(r: PainlessResult): string {
  return table(
    ['events', 'groups', 'painless pivot (s)', 'push-down (s)', 'streaming (s)', 'painless time / push-down time', 'groups compared', 'groups differing'],
    [[count(r.events), count(r.groups), fixed(r.painlessSeconds, 2), fixed(r.pushDownSeconds, 2), fixed(r.streamSeconds, 2), fixed(r.ratio, 2), count(r.agreement.groupsCompared), count(r.agreement.groupsDiffering)]],
  );
}

/** The tables of one bench's result, by its name. */
export const TABLES: Readonly<Record<string, (result: never) => string>> = {
  kernel: kernelTable,
  ingest: ingestTable,
  scale: scaleTables,
  painless: painlessTable,
};
