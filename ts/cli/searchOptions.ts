/**
 * The search-cluster flags of `scan`, `watch` and `compare`, parsed into
 * options. Credentials come from flags or, when a flag is absent, from the
 * environment (a command line is visible to every user of the machine; the
 * environment is not):
 *
 *   reading    --es URL, --es-api-key, --es-username, --es-password,
 *              --es-bearer-token, --es-ca, --es-ca-fingerprint, --es-engine
 *              BEACONWATCH_ES_API_KEY, _USERNAME, _PASSWORD, _BEARER_TOKEN, _CA, _CA_FINGERPRINT
 *   writing    --write-es URL and the same with `write-es-`,
 *              BEACONWATCH_WRITE_ES_API_KEY, ... (when --write-es is --es and
 *              no write credential is given, the read credentials are used)
 */
import type { EngineKind } from '../engine/scoringEngine.js';
import { ConfigError, UsageError } from '../errors.js';
import type { FilterConfig } from '../filter/filterConfig.js';
import type { BeaconParams } from '../params/beaconParams.js';
import { clusterConnection, type ClusterConnection, type ClusterSettings } from '../search/clusterConnection.js';
import { DEFAULT_PAGING, type PagingMethod, type PagingOptions } from '../search/documentPages.js';
import { DEFAULT_RESULT_PREFIX } from '../search/resultIndex.js';
import type { ReadMode, SearchReadOptions, SearchWriteOptions } from '../search/searchScan.js';
import { parseDuration } from '../window/duration.js';

type StringFlag = { readonly type: 'string' };
const S: StringFlag = { type: 'string' };

/** Flags of the cluster events are read from; spread them into a command's `parseArgs` options. */
export const SEARCH_READ_FLAGS = {
  es: S,
  index: S,
  mode: S,
  'es-engine': S,
  'es-api-key': S,
  'es-username': S,
  'es-password': S,
  'es-bearer-token': S,
  'es-ca': S,
  'es-ca-fingerprint': S,
  'page-size': S,
  slices: S,
  paging: S,
  'keep-alive': S,
  'composite-size': S,
} as const;

/** Flags of the cluster results are written to. */
export const SEARCH_WRITE_FLAGS = {
  'write-es': S,
  'write-es-engine': S,
  'write-es-api-key': S,
  'write-es-username': S,
  'write-es-password': S,
  'write-es-bearer-token': S,
  'write-es-ca': S,
  'write-es-ca-fingerprint': S,
  'write-prefix': S,
  'write-refresh': { type: 'boolean' },
} as const;

export const SEARCH_FLAGS = { ...SEARCH_READ_FLAGS, ...SEARCH_WRITE_FLAGS } as const;

/** Flags of the scoring itself, for the commands that do not take `scan`'s. */
export const SCORING_FLAGS = {
  params: S,
  filters: S,
  'group-by': S,
  engine: S,
} as const;

/** Flag values by long name; numbers are taken as their text (a configuration file may hold `slices: 4`). */
type Values = Readonly<Record<string, string | number | boolean | undefined>>;
type Environment = Readonly<Record<string, string | undefined>>;

export interface SearchFlags {
  readonly read?: SearchReadOptions;
  readonly write?: SearchWriteOptions;
}

/** The read and write options the flags ask for (either may be absent). */
export function parseSearchFlags(values: Values, env: Environment): SearchFlags {
  const read = parseReadFlags(values, env);
  const write = parseWriteFlags(values, env, read);
  return { ...(read === undefined ? {} : { read }), ...(write === undefined ? {} : { write }) };
}

export function parseReadFlags(values: Values, env: Environment): SearchReadOptions | undefined {
  const url = text(values, 'es');
  if (url === undefined) {
    const stray = Object.keys(SEARCH_READ_FLAGS).find((f) => f !== 'es' && values[f] !== undefined);
    if (stray !== undefined) throw new UsageError(`--${stray} needs --es URL (the cluster to read events from)`);
    return undefined;
  }
  const index = text(values, 'index');
  if (index === undefined) throw new UsageError('--es needs --index NAME|PATTERN (the indices holding the events, e.g. logs-endpoint.events.network-*)');
  const mode = oneOf(text(values, 'mode') ?? 'stream', ['stream', 'aggregate'], 'mode') as ReadMode;
  const compositeSize = text(values, 'composite-size');
  return {
    connection: connectionFlags(values, env, 'es', url),
    index,
    mode,
    paging: pagingFlags(values),
    ...(compositeSize === undefined ? {} : { compositePageSize: wholeNumber(compositeSize, 'composite-size', 1, 65_536) }),
  };
}

export function parseWriteFlags(values: Values, env: Environment, read: SearchReadOptions | undefined): SearchWriteOptions | undefined {
  const url = text(values, 'write-es');
  if (url === undefined) {
    const stray = Object.keys(SEARCH_WRITE_FLAGS).find((f) => f !== 'write-es' && values[f] !== undefined);
    if (stray !== undefined) throw new UsageError(`--${stray} needs --write-es URL (the cluster to write results to)`);
    return undefined;
  }
  let connection = connectionFlags(values, env, 'write-es', url);
  const ownCredentials = connection.auth.kind !== 'none' || connection.caFile !== undefined || connection.caFingerprint !== undefined;
  // The same cluster twice: its read credentials and trust, unless the write side has its own.
  if (!ownCredentials && read !== undefined && read.connection.url === connection.url) connection = { ...read.connection, engine: connection.engine };
  return {
    connection,
    prefix: text(values, 'write-prefix') ?? DEFAULT_RESULT_PREFIX,
    refresh: values['write-refresh'] === true,
  };
}

/** One cluster's connection from `--<flag>-*` flags, else `BEACONWATCH_<FLAG>_*` variables. */
function connectionFlags(values: Values, env: Environment, flag: 'es' | 'write-es', url: string): ClusterConnection {
  const variable = `BEACONWATCH_${flag.toUpperCase().replace('-', '_')}_`;
  const pick = (name: string) => text(values, `${flag}-${name}`) ?? nonEmpty(env[`${variable}${name.toUpperCase().replace(/-/g, '_')}`]);
  const settings: ClusterSettings = {
    url,
    apiKey: pick('api-key'),
    username: pick('username'),
    password: pick('password'),
    bearerToken: pick('bearer-token'),
    caFile: pick('ca'),
    caFingerprint: pick('ca-fingerprint'),
    engine: text(values, `${flag}-engine`),
  };
  return clusterConnection(settings, flag);
}

function pagingFlags(values: Values): PagingOptions {
  const pageSize = text(values, 'page-size');
  const slices = text(values, 'slices');
  const method = text(values, 'paging');
  return {
    pageSize: pageSize === undefined ? DEFAULT_PAGING.pageSize : wholeNumber(pageSize, 'page-size', 1, 10_000),
    slices: slices === undefined ? DEFAULT_PAGING.slices : wholeNumber(slices, 'slices', 1, 64),
    keepAlive: keepAlive(text(values, 'keep-alive') ?? DEFAULT_PAGING.keepAlive),
    method: method === undefined ? DEFAULT_PAGING.method : (oneOf(method, ['auto', 'point-in-time', 'scroll'], 'paging') as PagingMethod),
  };
}

export interface ScoringFlags {
  readonly params: BeaconParams;
  readonly filters: FilterConfig;
  readonly groupBy?: readonly string[];
  readonly engine: EngineKind;
}

/** A duration flag; `0` is allowed where `allowZero` (a sync delay of none). */
export function durationFlag(value: string | undefined, flag: string, fallbackMs: number, allowZero = false): number {
  if (value === undefined) return fallbackMs;
  if (allowZero && /^0+(ms|s|m|h|d)?$/.test(value.trim())) return 0;
  return parseDuration(value, `--${flag}`);
}

function oneOf(value: string, allowed: readonly string[], flag: string): string {
  if (!allowed.includes(value)) throw new ConfigError(`--${flag} must be one of ${allowed.join(', ')} (got "${value}")`, flag);
  return value;
}

export function wholeNumber(value: string, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`--${flag} must be a whole number from ${min} to ${max} (got "${value}")`, flag);
  return n;
}

/** A keep-alive as the engines write it (`90s`, `2m`, `1h`). */
function keepAlive(value: string): string {
  if (!/^\d+(ms|s|m|h|d)$/.test(value)) throw new ConfigError(`--keep-alive must be a duration such as 90s or 2m (got "${value}")`, 'keep-alive');
  return value;
}

function text(values: Values, flag: string): string | undefined {
  const v = values[flag];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
