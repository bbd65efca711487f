/**
 * The settings of the commands that read events (`scan`, `report`,
 * `explain`, `watch`, `compare`): their flags merged with the configuration
 * file that can hold the same settings (flags win), and the options they
 * make. Every value is checked before any input is read.
 */
import { findConfigFile } from '../config/configFile.js';
import { fromSetting, invalid, resolvePath, Settings, type Setting } from '../config/settings.js';
import { loadCsvFieldMap } from '../decode/csvFieldMap.js';
import { FORMAT_NAMES, type InputFormatName } from '../decode/inputFormats.js';
import { parseTimestamp } from '../decode/timestamp.js';
import type { ZeekBytes } from '../decode/zeekConn.js';
import { ENGINE_KINDS, type EngineKind } from '../engine/scoringEngine.js';
import { ConfigError, UsageError } from '../errors.js';
import { loadAllowList, parseAllowList, type AllowListConfig } from '../filter/allowListConfig.js';
import { loadFilterConfig, parseFilterConfig, type FilterConfig } from '../filter/filterConfig.js';
import { parseGroupFields } from '../group/groupFields.js';
import { loadParams, resolveParams, type BeaconParams } from '../params/beaconParams.js';
import { DEFAULT_MAX_GROUPS, defaultWorkers, type ScanOptions, type WindowRequest } from '../scan/scanRun.js';
import { parseDuration } from '../window/duration.js';
import { CONFIG_SCHEMA, commandFlags, type ConfiguredCommand, type ScanningCommand } from './commandFlags.js';
import { parseFlags } from './parseFlags.js';
import { parseSearchFlags, SEARCH_FLAGS, type ScoringFlags, type SearchFlags } from './searchOptions.js';

/** The window is one setting: a window on the command line replaces the file's whole window. */
const LINKED = [['now', 'from', 'to', 'every']] as const;

/** Flags and configuration of one command line, merged. The cluster commands take no INPUTs. */
export function parseCommandLine(command: ConfiguredCommand, args: readonly string[], cwd: string = process.cwd()): Settings {
  const cluster = command === 'watch' || command === 'compare';
  const parsed = parseFlags(
    { args: [...args], options: { config: { type: 'string' }, ...commandFlags(command) }, allowPositionals: !cluster, strict: true },
    `beaconwatch ${cluster ? `${command} ` : ''}--help`,
  );
  const { config: configPath, ...flags } = parsed.values as Record<string, unknown>;
  const config = findConfigFile(configPath as string | undefined, cwd, CONFIG_SCHEMA);
  const inputs = parsed.positionals.length > 0 ? { inputs: parsed.positionals } : {};
  return Settings.merge({ command, flags: { ...flags, ...inputs }, config, cwd, linked: LINKED });
}

/** The scan options the settings describe. */
export function scanOptionsFrom(settings: Settings, command: ScanningCommand, inputsFromCluster = false): ScanOptions {
  const inputs = inputList(settings.get('inputs'));
  if (inputs.length === 0 && !inputsFromCluster) {
    throw new UsageError(`${command} needs at least one INPUT (a file, a directory, or - for stdin)${command === 'scan' ? ', or --es URL --index PATTERN' : ''}`);
  }
  const workers = settings.wholeNumber('workers', 1, 256, 'a whole number from 1 to 256') ?? defaultWorkers();
  const scoring = scoringFrom(settings);
  const format = settings.oneOf('format', ['auto', ...FORMAT_NAMES] as ('auto' | InputFormatName)[]) ?? 'auto';
  const fieldMapSetting = settings.get('field-map');
  const fieldMap = fieldMapSetting === undefined ? undefined : fromSetting(fieldMapSetting, () => loadCsvFieldMap(settings.path('field-map') as string));
  if (format === 'csv' && fieldMap === undefined) throw new ConfigError('--format csv needs --field-map FILE naming the columns', 'field-map');
  const allowList = allowListFrom(settings.get('allow-list'));
  return {
    inputs,
    format,
    ...scoring,
    ...(allowList === undefined ? {} : { allowList }),
    windows: windowRequest(settings),
    zeekBytes: settings.oneOf<ZeekBytes>('zeek-bytes', ['ip', 'payload']) ?? 'ip',
    ...(fieldMap === undefined ? {} : { fieldMap }),
    workers,
    maxGroups: settings.wholeNumber('max-groups', 1, Number.MAX_SAFE_INTEGER, 'a whole number of groups') ?? DEFAULT_MAX_GROUPS,
  };
}

export interface ScanCommand {
  readonly scan: ScanOptions;
  /** Result documents (NDJSON); undefined or `-` for stdout. */
  readonly out: string | undefined;
  readonly top: number;
  /** Where to write the bucket series and curves of the flagged groups, for a later report. */
  readonly details: string | undefined;
  /** The cluster events are read from and the one results are written to, when given. */
  readonly search: SearchFlags;
}

export function parseScanArgs(args: readonly string[], cwd: string = process.cwd()): ScanCommand {
  const settings = parseCommandLine('scan', args, cwd);
  const search = parseSearchFlags(searchValues(settings), process.env);
  const scan = scanOptionsFrom(settings, 'scan', search.read !== undefined);
  const top = settings.wholeNumber('top', 0, Number.MAX_SAFE_INTEGER, 'a whole number') ?? 20;
  const details = settings.path('details');
  return { scan: details === undefined ? scan : { ...scan, details: 'beaconing' }, out: settings.path('out'), top, details, search };
}

/** The cluster settings as flag values; the certificate files resolve like any path of the configuration file. */
export function searchValues(settings: Settings): Record<string, string | boolean | undefined> {
  const values: Record<string, string | boolean | undefined> = {};
  for (const [key, spec] of Object.entries(SEARCH_FLAGS)) {
    if (!settings.has(key)) continue;
    values[key] = spec.type === 'boolean' ? settings.flag(key) : key.endsWith('-ca') ? settings.path(key) : numberOrText(settings, key);
  }
  return values;
}

/** Text, or a number the configuration file wrote as one (`"slices": 4`). */
function numberOrText(settings: Settings, key: string): string | undefined {
  const s = settings.get(key);
  return typeof s?.value === 'number' ? String(s.value) : settings.text(key);
}

/** What the cluster commands score with: the scan's parameters, filters, grouping and engine. */
export function scoringFrom(settings: Settings): ScoringFlags {
  const groupBySetting = settings.get('group-by');
  return {
    params: paramsFrom(settings.get('params')),
    filters: filtersFrom(settings.get('filters')),
    ...(groupBySetting === undefined ? {} : { groupBy: fromSetting(groupBySetting, () => parseGroupFields(groupByText(groupBySetting))) }),
    engine: settings.oneOf<EngineKind>('engine', ENGINE_KINDS) ?? 'wasm',
  };
}

function inputList(setting: Setting | undefined): string[] {
  if (setting === undefined) return [];
  const list = typeof setting.value === 'string' ? [setting.value] : setting.value;
  if (!Array.isArray(list) || !list.every((i) => typeof i === 'string' && i !== '')) return invalid(setting, 'a path or an array of paths');
  return list.map((path: string) => resolvePath(setting, path));
}

function groupByText(setting: Setting): string {
  const v = setting.value;
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.length > 0 && v.every((f) => typeof f === 'string')) return v.join(',');
  return invalid(setting, 'field names separated by commas, or an array of field names');
}

/** `--params` is a file or inline JSON; the configuration file may also hold the object itself. */
export function paramsFrom(setting: Setting | undefined): BeaconParams {
  if (setting === undefined) return loadParams(undefined);
  const v = setting.value;
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return resolveParams(v, setting.file);
  if (typeof v !== 'string') return invalid(setting, 'a file, inline JSON, or an object of parameters');
  return fromSetting(setting, () => loadParams(v.trimStart().startsWith('{') ? v : resolvePath(setting, v)));
}

/** `default`, `none`, a file, or (in the configuration file) the filters object itself. */
function filtersFrom(setting: Setting | undefined): FilterConfig {
  if (setting === undefined) return loadFilterConfig(undefined);
  const v = setting.value;
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return parseFilterConfig(v, `${setting.file ?? 'inline'} (${setting.name})`);
  if (typeof v !== 'string') return invalid(setting, 'default, none, a filters file, or a filters object');
  return fromSetting(setting, () => loadFilterConfig(v === 'default' || v === 'none' ? v : resolvePath(setting, v)));
}

/** A rules file, or (in the configuration file) the rules object itself. */
function allowListFrom(setting: Setting | undefined): AllowListConfig | undefined {
  if (setting === undefined) return undefined;
  const v = setting.value;
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return parseAllowList(v, `${setting.file ?? 'inline'} (${setting.name})`, setting.file);
  if (typeof v !== 'string') return invalid(setting, 'an allow-list file, or an allow-list object');
  return fromSetting(setting, () => loadAllowList(resolvePath(setting, v)));
}

function windowRequest(settings: Settings): WindowRequest {
  const [now, from, to, every] = (['now', 'from', 'to', 'every'] as const).map((k) => settings.get(k));
  const replay = from !== undefined || to !== undefined || every !== undefined;
  if (!replay) return now === undefined ? {} : { nowMs: time(now) };
  if (now !== undefined) throw new UsageError('--now and --from/--to/--every cannot be combined: --now scores one window, a replay many');
  if (from === undefined || to === undefined) throw new UsageError('a replay needs both --from and --to');
  const everyText = every === undefined ? '1h' : typeof every.value === 'string' ? every.value : invalid(every, 'a duration such as 90s, 30m, 1h or 1d');
  return { fromMs: time(from), toMs: time(to), everyMs: every === undefined ? parseDuration(everyText, '--every') : fromSetting(every, () => parseDuration(everyText, every.file === undefined ? '--every' : 'every')) };
}

/** A time setting: ISO 8601 or epoch milliseconds (a number, in the file). */
export function time(setting: Setting): number {
  const v = setting.value;
  const ms = typeof v === 'string' || typeof v === 'number' ? parseTimestamp(v) : undefined;
  return ms ?? invalid(setting, 'an ISO 8601 time or epoch milliseconds');
}
