/** `beaconwatch scan` flags -> scan options, every value checked before any input is read. */
import { parseArgs } from 'node:util';
import { loadCsvFieldMap } from '../decode/csvFieldMap.js';
import { FORMAT_NAMES, type InputFormatName } from '../decode/inputFormats.js';
import { parseTimestamp } from '../decode/timestamp.js';
import type { ZeekBytes } from '../decode/zeekConn.js';
import { ENGINE_KINDS, type EngineKind } from '../engine/scoringEngine.js';
import { ConfigError, UsageError } from '../errors.js';
import { loadFilterConfig } from '../filter/filterConfig.js';
import { parseGroupFields } from '../group/groupFields.js';
import { loadParams } from '../params/beaconParams.js';
import { defaultWorkers, type ScanOptions, type WindowRequest } from '../scan/scanRun.js';
import { parseDuration } from '../window/duration.js';

export interface ScanCommand {
  readonly scan: ScanOptions;
  readonly out: string | undefined;
  readonly top: number;
}

const FLAGS = {
  format: { type: 'string' },
  now: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  every: { type: 'string' },
  params: { type: 'string' },
  filters: { type: 'string' },
  'group-by': { type: 'string' },
  engine: { type: 'string' },
  'zeek-bytes': { type: 'string' },
  'field-map': { type: 'string' },
  out: { type: 'string' },
  top: { type: 'string' },
  workers: { type: 'string' },
} as const;

export function parseScanArgs(args: readonly string[]): ScanCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: FLAGS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message} (see beaconwatch --help)`);
  }
  const v = parsed.values;
  if (parsed.positionals.length === 0) throw new UsageError('scan needs at least one INPUT (a file, a directory, or - for stdin)');
  const workers = v.workers === undefined ? defaultWorkers() : Number(v.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 256) {
    throw new ConfigError(`--workers must be a whole number from 1 to 256 (got "${v.workers}")`, 'workers');
  }
  const groupBy = v['group-by'] === undefined ? undefined : parseGroupFields(v['group-by']);
  const format = oneOf(v.format ?? 'auto', ['auto', ...FORMAT_NAMES], 'format') as 'auto' | InputFormatName;
  const fieldMap = v['field-map'] === undefined ? undefined : loadCsvFieldMap(v['field-map']);
  if (format === 'csv' && fieldMap === undefined) throw new ConfigError('--format csv needs --field-map FILE naming the columns', 'field-map');
  const scan: ScanOptions = {
    inputs: parsed.positionals,
    format,
    params: loadParams(v.params),
    filters: loadFilterConfig(v.filters),
    ...(groupBy === undefined ? {} : { groupBy }),
    windows: windowRequest(v),
    engine: oneOf(v.engine ?? 'wasm', ENGINE_KINDS, 'engine') as EngineKind,
    zeekBytes: oneOf(v['zeek-bytes'] ?? 'ip', ['ip', 'payload'], 'zeek-bytes') as ZeekBytes,
    ...(fieldMap === undefined ? {} : { fieldMap }),
    workers,
  };
  const top = v.top === undefined ? 20 : Number(v.top);
  if (!Number.isInteger(top) || top < 0) throw new ConfigError(`--top must be a whole number (got "${v.top}")`, 'top');
  return { scan, out: v.out, top };
}

function windowRequest(v: { now?: string; from?: string; to?: string; every?: string }): WindowRequest {
  const replay = v.from !== undefined || v.to !== undefined || v.every !== undefined;
  if (!replay) return v.now === undefined ? {} : { nowMs: time(v.now, 'now') };
  if (v.now !== undefined) throw new UsageError('--now and --from/--to/--every cannot be combined: --now scores one window, a replay many');
  if (v.from === undefined || v.to === undefined) throw new UsageError('a replay needs both --from and --to');
  return { fromMs: time(v.from, 'from'), toMs: time(v.to, 'to'), everyMs: parseDuration(v.every ?? '1h', 'every') };
}

function time(text: string, flag: string): number {
  const ms = parseTimestamp(text);
  if (ms === undefined) throw new ConfigError(`--${flag} must be an ISO 8601 time or epoch milliseconds (got "${text}")`, flag);
  return ms;
}

function oneOf(value: string, allowed: readonly string[], flag: string): string {
  if (!allowed.includes(value)) throw new ConfigError(`--${flag} must be one of ${allowed.join(', ')} (got "${value}")`, flag);
  return value;
}
