/**
 * The transform's parameters, under the package's own names (spec section 2),
 * read from a file or inline JSON and checked before anything runs.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';

export interface BeaconParams {
  /** Seconds per bucket. */
  readonly time_bucket_length: number;
  /** Buckets in the window. */
  readonly number_buckets_in_range: number;
  /** Length of the top destination-IP list. */
  readonly number_destination_ips: number;
  readonly max_beaconing_bytes_cov: number;
  readonly max_beaconing_count_rv: number;
  /** Lower and upper quantile kept by the truncated moments. */
  readonly truncate_at: readonly [number, number];
  readonly min_beaconing_count_autocovariance: number;
  /** Tolerated timing jitter, as a fraction of the period. */
  readonly max_jitter: number;
  readonly min_not_empty: number;
  readonly min_number_periods: number;
}

/** The defaults of package 1.3.x. */
export const DEFAULT_PARAMS: BeaconParams = Object.freeze({
  time_bucket_length: 60,
  number_buckets_in_range: 360,
  number_destination_ips: 10,
  max_beaconing_bytes_cov: 0.05,
  max_beaconing_count_rv: 0.1,
  truncate_at: Object.freeze([0.1, 0.8]) as readonly [number, number],
  min_beaconing_count_autocovariance: 0.7,
  max_jitter: 0,
  min_not_empty: 0.5,
  min_number_periods: 6,
});

type ParamName = keyof BeaconParams;

/** The checks, one per parameter: a reason when the value is unusable. */
const RULES: { readonly [K in ParamName]: (v: unknown) => string | undefined } = {
  time_bucket_length: wholeNumber(1, 86_400 * 366, 'must be a whole number of seconds, at least 1'),
  number_buckets_in_range: wholeNumber(1, 100_000, 'must be a whole number of buckets from 1 to 100000'),
  number_destination_ips: wholeNumber(0, 10_000, 'must be a whole number from 0 to 10000'),
  max_beaconing_bytes_cov: finiteAtLeastZero,
  max_beaconing_count_rv: finiteAtLeastZero,
  truncate_at: (v) =>
    Array.isArray(v) && v.length === 2 && v.every(isFraction) && (v[0] as number) < (v[1] as number)
      ? undefined
      : 'must be two increasing fractions [lower, upper] with 0 <= lower < upper <= 1',
  min_beaconing_count_autocovariance: (v) =>
    typeof v === 'number' && v >= -1 && v <= 1 ? undefined : 'must be a number from -1 to 1',
  // A jitter above one period would read outside the series (spec 4.7).
  max_jitter: (v) => (isFraction(v) ? undefined : 'must be a fraction from 0 to 1'),
  min_not_empty: (v) => (isFraction(v) ? undefined : 'must be a fraction from 0 to 1'),
  min_number_periods: wholeNumber(1, 100_000, 'must be a whole number, at least 1'),
};

export const PARAM_NAMES = Object.keys(RULES) as readonly ParamName[];

/**
 * Completes `overrides` with the defaults and checks every value. Unknown
 * names and impossible values are a {@link ConfigError} naming the parameter
 * (and `file`, when the values came from one).
 */
export function resolveParams(overrides: unknown, file?: string): BeaconParams {
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    throw new ConfigError('parameters must be a JSON object of parameter names and values', 'params', file);
  }
  for (const name of Object.keys(overrides)) {
    if (!Object.hasOwn(RULES, name)) {
      throw new ConfigError(
        `unknown parameter "${name}" (known: ${PARAM_NAMES.join(', ')})`,
        name,
        file,
      );
    }
  }
  const merged = { ...DEFAULT_PARAMS, ...(overrides as Partial<BeaconParams>) };
  for (const name of PARAM_NAMES) {
    const reason = RULES[name](merged[name]);
    if (reason !== undefined) {
      throw new ConfigError(`parameter ${name} ${reason} (got ${JSON.stringify(merged[name])})`, name, file);
    }
  }
  return Object.freeze({ ...merged, truncate_at: Object.freeze([...merged.truncate_at]) as readonly [number, number] });
}

/**
 * Reads `--params`: a path to a JSON file, or the JSON itself when the
 * argument starts with `{`.
 */
export function loadParams(argument: string | undefined): BeaconParams {
  if (argument === undefined) return DEFAULT_PARAMS;
  if (argument.trimStart().startsWith('{')) return resolveParams(parseJson(argument, 'inline --params'));
  let text: string;
  try {
    text = readFileSync(argument, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read parameters file (${(err as Error).message})`, 'params', argument);
  }
  return resolveParams(parseJson(text, argument), argument);
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`not valid JSON (${(err as Error).message})`, 'params', where);
  }
}

function wholeNumber(min: number, max: number, reason: string) {
  return (v: unknown) => (Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? undefined : reason);
}

function finiteAtLeastZero(v: unknown): string | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? undefined : 'must be a finite number >= 0';
}

function isFraction(v: unknown): boolean {
  return typeof v === 'number' && v >= 0 && v <= 1;
}
