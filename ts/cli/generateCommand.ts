/**
 * `beaconwatch generate`: deterministic synthetic traffic at any size,
 * streamed to standard output or a file, as ECS NDJSON or a Zeek conn.log:
 * hosts x processes talkers, every n-th a beacon (chosen periods, jitter,
 * byte variation, drop rate), the rest ordinary Poisson traffic.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { parseTimestamp } from '../decode/timestamp.js';
import { ConfigError } from '../errors.js';
import { ecsLine, zeekHeader, zeekLine, type GeneratedFormat } from '../source/generatedLines.js';
import { generateConnections, type GeneratorSpec } from '../source/trafficGenerator.js';
import { populationTalkers } from '../source/trafficSources.js';
import { checkOutputPath, writeFileWhole } from '../sink/outputFile.js';
import { parseFlags } from './parseFlags.js';

const FLAGS = {
  events: { type: 'string' },
  hours: { type: 'string' },
  start: { type: 'string' },
  hosts: { type: 'string' },
  processes: { type: 'string' },
  'beacon-every': { type: 'string' },
  periods: { type: 'string' },
  jitter: { type: 'string' },
  'byte-jitter': { type: 'string' },
  'drop-rate': { type: 'string' },
  'noise-per-hour': { type: 'string' },
  format: { type: 'string' },
  'no-ids': { type: 'boolean' },
  seed: { type: 'string' },
  out: { type: 'string' },
} as const;

export interface GenerateCommand {
  readonly spec: GeneratorSpec;
  readonly format: GeneratedFormat;
  readonly withIds: boolean;
  readonly out: string | undefined;
}

export function parseGenerateArgs(args: readonly string[]): GenerateCommand {
  const { values } = parseFlags({ args: [...args], options: FLAGS, strict: true }, 'beaconwatch --help');
  const number = (flag: keyof typeof FLAGS, fallback: number, min: number, max: number, whole = false): number => {
    const text = values[flag];
    const n = text === undefined ? fallback : Number(text);
    if (!(Number.isFinite(n) && n >= min && n <= max && (!whole || Number.isInteger(n)))) {
      throw new ConfigError(`--${flag} must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max} (got "${String(text)}")`, flag);
    }
    return n;
  };
  const startText = values.start ?? '2026-11-30T00:00:00Z';
  const startMs = parseTimestamp(startText);
  if (startMs === undefined) throw new ConfigError(`--start must be an ISO 8601 time (got "${startText}")`, 'start');
  const periods = (values.periods ?? '60,300,900').split(',').map(Number);
  if (!periods.every((p) => Number.isInteger(p) && p >= 1)) throw new ConfigError('--periods takes whole seconds separated by commas', 'periods');
  const format = values.format ?? 'ecs';
  if (format !== 'ecs' && format !== 'zeek') throw new ConfigError(`--format must be ecs or zeek (got "${format}")`, 'format');
  const hours = number('hours', 6, 0.001, 24 * 366);
  const limit = values.events === undefined ? undefined : number('events', 0, 1, 1e12, true);
  return {
    spec: {
      seed: number('seed', 1, 0, 2 ** 31, true),
      startMs,
      // With --events and no --hours, run as long as it takes.
      endMs: startMs + (limit !== undefined && values.hours === undefined ? 24 * 366 : hours) * 3_600_000,
      talkers: populationTalkers({
        hosts: number('hosts', 50, 1, 1e7, true),
        processesPerHost: number('processes', 10, 1, 1e4, true),
        beaconEvery: number('beacon-every', 25, 0, 1e9, true),
        periodsSeconds: periods,
        jitter: number('jitter', 0.1, 0, 0.49),
        byteJitter: number('byte-jitter', 0.02, 0, 1),
        dropRate: number('drop-rate', 0.02, 0, 0.99),
        noisePerHour: number('noise-per-hour', 20, 0.001, 1e6),
      }),
      ...(limit === undefined ? {} : { limit }),
    },
    format,
    withIds: values['no-ids'] !== true,
    out: values.out,
  };
}

/** The generated lines, header first for Zeek. */
export function* generatedLines(command: GenerateCommand): Generator<string> {
  if (command.format === 'zeek') yield zeekHeader();
  for (const c of generateConnections(command.spec)) yield command.format === 'zeek' ? zeekLine(c) : ecsLine(c, command.withIds);
}

export async function generateCommand(args: readonly string[]): Promise<void> {
  const command = parseGenerateArgs(args);
  const out = command.out;
  if (out === undefined || out === '-') {
    await writeAll(process.stdout, generatedLines(command));
    return;
  }
  checkOutputPath(out, 'out');
  let events = 0;
  await writeFileWhole(out, (stream) => writeAll(stream, counted(generatedLines(command), (line) => (events += line.startsWith('#') ? 0 : 1))));
  process.stderr.write(`beaconwatch generate: ${events.toLocaleString('en-US')} events (${command.format}) written to ${out}\n`);
}

/** The lines, passed through `onEach` (a Zeek header is one line starting `#`). */
function* counted(lines: Iterable<string>, onEach: (line: string) => void): Generator<string> {
  for (const line of lines) {
    onEach(line);
    yield line;
  }
}

/** Writes lines in blocks, waiting when the stream is full. */
async function writeAll(stream: Writable, lines: Iterable<string>): Promise<void> {
  let block: string[] = [];
  const flush = async () => {
    if (!stream.write(`${block.join('\n')}\n`)) await once(stream, 'drain');
    block = [];
  };
  for (const line of lines) {
    block.push(line);
    if (block.length === 4096) await flush();
  }
  if (block.length > 0) await flush();
}
