/** `resolveParams`: the package's parameters completed with defaults and checked (spec section 2). */
import { describe, expect, it } from 'vitest';
import { configError } from '../support/configError.js';
import { ConfigError } from '../../ts/errors.js';
import { DEFAULT_PARAMS, PARAM_NAMES, resolveParams } from '../../ts/params/beaconParams.js';

const configErrorOf = (overrides: unknown, file?: string): ConfigError => configError(() => resolveParams(overrides, file));

/** Each parameter's accepted and refused values, at the edges of its rule. */
const BOUNDARIES: Record<string, { ok: unknown[]; bad: unknown[]; reason: string }> = {
  time_bucket_length: {
    ok: [1, 60, 86_400 * 366],
    bad: [0, -1, 1.5, 86_400 * 366 + 1, '60', null, NaN],
    reason: 'must be a whole number of seconds, at least 1',
  },
  number_buckets_in_range: { ok: [1, 100_000], bad: [0, 100_001, 2.5, '360'], reason: 'must be a whole number of buckets from 1 to 100000' },
  number_destination_ips: { ok: [0, 10_000], bad: [-1, 10_001, 0.5], reason: 'must be a whole number from 0 to 10000' },
  max_beaconing_bytes_cov: { ok: [0, 0.05, 1e6], bad: [-0.01, Infinity, NaN, '0.05', null], reason: 'must be a finite number >= 0' },
  max_beaconing_count_rv: { ok: [0, 0.1, 5], bad: [-1e-9, Infinity, NaN, true], reason: 'must be a finite number >= 0' },
  truncate_at: {
    ok: [[0, 1], [0.1, 0.8], [0, 1e-9]],
    bad: [[0.5, 0.5], [0.8, 0.1], [-0.1, 0.5], [0.1, 1.1], [0.1], [0.1, 0.5, 0.9], '0.1,0.8', [NaN, 0.5], ['0.1', '0.8']],
    reason: 'must be two increasing fractions [lower, upper] with 0 <= lower < upper <= 1',
  },
  min_beaconing_count_autocovariance: { ok: [-1, 0, 0.7, 1], bad: [-1.01, 1.01, NaN, '0.7'], reason: 'must be a number from -1 to 1' },
  max_jitter: { ok: [0, 0.2, 1], bad: [-0.1, 1.01, NaN, '0'], reason: 'must be a fraction from 0 to 1' },
  min_not_empty: { ok: [0, 0.5, 1], bad: [-0.1, 1.01, Infinity], reason: 'must be a fraction from 0 to 1' },
  min_number_periods: { ok: [1, 6, 100_000], bad: [0, 6.5, 100_001, -6], reason: 'must be a whole number, at least 1' },
};

describe('resolveParams()', () => {
  it('refuses names inherited from Object.prototype as unknown', () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty']) {
      expect(() => resolveParams(JSON.parse(`{"${name}": 1}`))).toThrow(`unknown parameter "${name}"`);
    }
  });

  it('names the ten parameters of the package, in its order', () => {
    expect(PARAM_NAMES).toEqual([
      'time_bucket_length',
      'number_buckets_in_range',
      'number_destination_ips',
      'max_beaconing_bytes_cov',
      'max_beaconing_count_rv',
      'truncate_at',
      'min_beaconing_count_autocovariance',
      'max_jitter',
      'min_not_empty',
      'min_number_periods',
    ]);
  });

  it('gives the defaults of package 1.3.x for no overrides', () => {
    expect(resolveParams({})).toEqual({
      time_bucket_length: 60,
      number_buckets_in_range: 360,
      number_destination_ips: 10,
      max_beaconing_bytes_cov: 0.05,
      max_beaconing_count_rv: 0.1,
      truncate_at: [0.1, 0.8],
      min_beaconing_count_autocovariance: 0.7,
      max_jitter: 0,
      min_not_empty: 0.5,
      min_number_periods: 6,
    });
    expect(resolveParams({})).toEqual(DEFAULT_PARAMS);
  });

  it('overrides only what it is given', () => {
    expect(resolveParams({ max_jitter: 0.2, truncate_at: [0, 1] })).toEqual({ ...DEFAULT_PARAMS, max_jitter: 0.2, truncate_at: [0, 1] });
  });

  it('freezes the result and copies truncate_at', () => {
    const truncateAt = [0.2, 0.9];
    const params = resolveParams({ truncate_at: truncateAt });
    truncateAt[0] = 0.5;
    expect(params.truncate_at).toEqual([0.2, 0.9]);
    expect(Object.isFrozen(params)).toBe(true);
    expect(Object.isFrozen(params.truncate_at)).toBe(true);
  });

  it('refuses an unknown name, naming it', () => {
    const err = configErrorOf({ max_jitter: 0.1, min_number_period: 6 });
    expect(err.setting).toBe('min_number_period');
    expect(err.message).toBe(`unknown parameter "min_number_period" (known: ${PARAM_NAMES.join(', ')})`);
    expect(err.exitCode).toBe(2);
  });

  it('refuses overrides that are not an object', () => {
    for (const overrides of [null, [], 'x', 6, undefined]) {
      const err = configErrorOf(overrides);
      expect([err.setting, err.message]).toEqual(['params', 'parameters must be a JSON object of parameter names and values']);
    }
  });

  it('names the file the values came from', () => {
    const err = configErrorOf({ max_jitter: 2 }, 'params.json');
    expect([err.setting, err.file]).toEqual(['max_jitter', 'params.json']);
    expect(err.message).toBe('params.json: parameter max_jitter must be a fraction from 0 to 1 (got 2)');
  });

  for (const [name, { ok, bad, reason }] of Object.entries(BOUNDARIES)) {
    it(`checks ${name} at the edges of its rule`, () => {
      for (const value of ok) {
        expect(resolveParams({ [name]: value })[name as keyof typeof DEFAULT_PARAMS], JSON.stringify(value)).toEqual(value);
      }
      for (const value of bad) {
        const err = configErrorOf({ [name]: value });
        expect(err.setting, JSON.stringify(value)).toBe(name);
        expect(err.message).toBe(`parameter ${name} ${reason} (got ${JSON.stringify(value)})`);
      }
    });
  }

  it('checks every parameter of the package', () => {
    expect(Object.keys(BOUNDARIES)).toEqual([...PARAM_NAMES]);
  });

  it('reports the first bad parameter in the package order', () => {
    expect(configErrorOf({ min_number_periods: 0, time_bucket_length: 0 }).setting).toBe('time_bucket_length');
  });
});
