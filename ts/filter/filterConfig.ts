/**
 * The source filters of the transform's query (spec section 6) as data:
 * `default` (the package's, from `defaultFilters.json`), `none`, or a JSON
 * file with the same keys. A key that is absent or null switches its filter
 * off, so a file says exactly which filters run; the run summary lists them.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { parseCidr, type CidrRange } from './cidr.js';
import defaults from './defaultFilters.json' with { type: 'json' };

export interface FilterConfig {
  /** Display name: `default`, `none` or the file's path. */
  readonly name: string;
  /** Look-back of the query before the window end (the package's `now-6h`). */
  readonly windowSeconds?: number;
  readonly eventCategory?: string;
  readonly requireDestinationIp: boolean;
  readonly eventAction?: string;
  readonly excludedProcessNames?: ReadonlySet<string>;
  readonly privateSourceCidrs?: readonly CidrRange[];
  readonly reservedDestinationCidrs?: readonly CidrRange[];
  readonly microsoftProcessNames?: ReadonlySet<string>;
  readonly microsoftDestinationCidrs?: readonly CidrRange[];
}

/** The keys of a filters file, as in `../shared/spec/default-filters.json`. */
export const FILTER_KEYS = [
  'window_seconds',
  'event_category',
  'require_destination_ip',
  'event_action',
  'excluded_process_names',
  'private_source_cidrs',
  'reserved_destination_cidrs',
  'microsoft_process_names',
  'microsoft_destination_cidrs',
] as const;

export const NO_FILTERS: FilterConfig = Object.freeze({ name: 'none', requireDestinationIp: false });

export const DEFAULT_FILTERS: FilterConfig = parseFilterConfig(defaults, 'default');

/** `default`, `none`, or a path to a filters file. */
export function loadFilterConfig(argument: string | undefined): FilterConfig {
  if (argument === undefined || argument === 'default') return DEFAULT_FILTERS;
  if (argument === 'none') return NO_FILTERS;
  let text: string;
  try {
    text = readFileSync(argument, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read filters file (${(err as Error).message})`, 'filters', argument);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`not valid JSON (${(err as Error).message})`, 'filters', argument);
  }
  return parseFilterConfig(json, argument);
}

/** Checks a filters document and compiles its lists; errors name the key and `name`. */
export function parseFilterConfig(json: unknown, name: string): FilterConfig {
  const file = name === 'default' ? undefined : name;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ConfigError('filters must be a JSON object', 'filters', file);
  }
  const doc = json as Record<string, unknown>;
  for (const key of Object.keys(doc)) {
    if (!(FILTER_KEYS as readonly string[]).includes(key)) {
      throw new ConfigError(`unknown filter "${key}" (known: ${FILTER_KEYS.join(', ')})`, key, file);
    }
  }
  const fail = (key: string, what: string): never => {
    throw new ConfigError(`filter ${key} must be ${what}, or null to switch it off`, key, file);
  };
  const text = (key: string): string | undefined => {
    const v = doc[key];
    if (v === undefined || v === null) return undefined;
    return typeof v === 'string' && v !== '' ? v : fail(key, 'a non-empty string');
  };
  const names = (key: string): ReadonlySet<string> | undefined => {
    const v = doc[key];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) return fail(key, 'an array of strings');
    return new Set(v as string[]);
  };
  const cidrs = (key: string): readonly CidrRange[] | undefined => {
    const v = doc[key];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) return fail(key, 'an array of CIDR ranges');
    return v.map((item) => {
      const range = typeof item === 'string' ? parseCidr(item) : undefined;
      if (range === undefined) {
        throw new ConfigError(`filter ${key}: ${JSON.stringify(item)} is not an IP address or CIDR range`, key, file);
      }
      return range;
    });
  };
  const window = doc['window_seconds'];
  if (window !== undefined && window !== null && !(Number.isInteger(window) && (window as number) > 0)) {
    fail('window_seconds', 'a whole number of seconds above 0');
  }
  const requireDestination = doc['require_destination_ip'];
  if (requireDestination !== undefined && requireDestination !== null && typeof requireDestination !== 'boolean') {
    fail('require_destination_ip', 'true or false');
  }
  return dropUndefined({
    name,
    windowSeconds: window === undefined || window === null ? undefined : (window as number),
    eventCategory: text('event_category'),
    requireDestinationIp: requireDestination === true,
    eventAction: text('event_action'),
    excludedProcessNames: names('excluded_process_names'),
    privateSourceCidrs: cidrs('private_source_cidrs'),
    reservedDestinationCidrs: cidrs('reserved_destination_cidrs'),
    microsoftProcessNames: names('microsoft_process_names'),
    microsoftDestinationCidrs: cidrs('microsoft_destination_cidrs'),
  });
}

/** Optional properties stay absent rather than `undefined` (exactOptionalPropertyTypes). */
function dropUndefined<T extends object>(value: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
