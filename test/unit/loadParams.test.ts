/** `loadParams`: `--params` as inline JSON or a path to a JSON file. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configError } from '../support/configError.js';
import { ConfigError } from '../../ts/errors.js';
import { DEFAULT_PARAMS, loadParams } from '../../ts/params/beaconParams.js';

const configErrorOf = (argument: string): ConfigError => configError(() => loadParams(argument));

describe('loadParams()', () => {
  const dir = mkdtempSync(join(tmpdir(), 'beaconwatch-params-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the defaults without an argument', () => {
    expect(loadParams(undefined)).toBe(DEFAULT_PARAMS);
  });

  it('reads inline JSON, leading blanks allowed', () => {
    expect(loadParams('{"max_jitter":0.1}')).toEqual({ ...DEFAULT_PARAMS, max_jitter: 0.1 });
    expect(loadParams('  {"min_number_periods": 3}')).toEqual({ ...DEFAULT_PARAMS, min_number_periods: 3 });
    expect(loadParams('{}')).toEqual(DEFAULT_PARAMS);
  });

  it('refuses inline JSON that does not parse', () => {
    const err = configErrorOf('{max_jitter: 0.1}');
    expect([err.setting, err.file]).toEqual(['params', 'inline --params']);
    expect(err.message.startsWith('inline --params: not valid JSON (')).toBe(true);
  });

  it('refuses bad inline values without naming a file', () => {
    const err = configErrorOf('{"max_jitter": 1.5}');
    expect([err.setting, err.file]).toEqual(['max_jitter', undefined]);
    expect(err.message).toBe('parameter max_jitter must be a fraction from 0 to 1 (got 1.5)');
  });

  it('reads a file', () => {
    const path = join(dir, 'params.json');
    writeFileSync(path, JSON.stringify({ time_bucket_length: 30, number_buckets_in_range: 720 }));
    expect(loadParams(path)).toEqual({ ...DEFAULT_PARAMS, time_bucket_length: 30, number_buckets_in_range: 720 });
  });

  it('names a file it cannot read', () => {
    const path = join(dir, 'missing.json');
    const err = configErrorOf(path);
    expect([err.setting, err.file]).toEqual(['params', path]);
    expect(err.message.startsWith(`${path}: cannot read parameters file (`)).toBe(true);
  });

  it('names a file that is not JSON', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{"max_jitter": ');
    const err = configErrorOf(path);
    expect([err.setting, err.file]).toEqual(['params', path]);
    expect(err.message.startsWith(`${path}: not valid JSON (`)).toBe(true);
  });

  it('names the file and the parameter of a bad value', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ truncate_at: [0.8, 0.1] }));
    const err = configErrorOf(path);
    expect([err.setting, err.file]).toEqual(['truncate_at', path]);
    expect(err.message).toBe(
      `${path}: parameter truncate_at must be two increasing fractions [lower, upper] with 0 <= lower < upper <= 1 (got [0.8,0.1])`,
    );
  });

  it('names the file of an unknown parameter', () => {
    const path = join(dir, 'unknown.json');
    writeFileSync(path, JSON.stringify({ window: 6 }));
    const err = configErrorOf(path);
    expect([err.setting, err.file]).toEqual(['window', path]);
  });
});
