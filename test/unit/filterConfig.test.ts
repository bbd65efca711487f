/** `parseFilterConfig`, `loadFilterConfig` and `DEFAULT_FILTERS`: the transform's query as data. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configError } from '../support/configError.js';
import { DEFAULT_FILTERS, FILTER_KEYS, loadFilterConfig, NO_FILTERS, parseFilterConfig } from '../../ts/filter/filterConfig.js';
import { SHARED_DIR } from '../support/paths.js';

const SPEC_FILTERS = join(SHARED_DIR, 'spec', 'default-filters.json');

const parse = (json: unknown) => parseFilterConfig(json, 'filters.json');

describe('DEFAULT_FILTERS', () => {
  it('holds the package query', () => {
    expect(DEFAULT_FILTERS).toMatchObject({
      name: 'default',
      windowSeconds: 21_600,
      eventCategory: 'network',
      requireDestinationIp: true,
      eventAction: 'disconnect_received',
    });
  });

  it('holds lists as long as the spec lists', () => {
    // Counts of the spec's lists: 125 excluded processes, 3 private, 26 reserved, 9 Microsoft names, 32 Microsoft ranges.
    expect(DEFAULT_FILTERS.excludedProcessNames?.size).toBe(125);
    expect(DEFAULT_FILTERS.privateSourceCidrs?.length).toBe(3);
    expect(DEFAULT_FILTERS.reservedDestinationCidrs?.length).toBe(26);
    expect(DEFAULT_FILTERS.microsoftProcessNames?.size).toBe(9);
    expect(DEFAULT_FILTERS.microsoftDestinationCidrs?.length).toBe(32);
  });

  // The spec lives in the workplace's shared folder, not in the repository.
  it.runIf(existsSync(SPEC_FILTERS))('holds the lists of spec/default-filters.json, entry for entry', () => {
    const spec = JSON.parse(readFileSync(SPEC_FILTERS, 'utf8')) as Record<string, unknown>;
    expect(DEFAULT_FILTERS.windowSeconds).toBe(spec['window_seconds']);
    expect(DEFAULT_FILTERS.eventCategory).toBe(spec['event_category']);
    expect(DEFAULT_FILTERS.eventAction).toBe(spec['event_action']);
    expect([...(DEFAULT_FILTERS.excludedProcessNames ?? [])]).toEqual(spec['excluded_process_names']);
    expect(DEFAULT_FILTERS.privateSourceCidrs?.map((r) => r.text)).toEqual(spec['private_source_cidrs']);
    expect(DEFAULT_FILTERS.reservedDestinationCidrs?.map((r) => r.text)).toEqual(spec['reserved_destination_cidrs']);
    expect([...(DEFAULT_FILTERS.microsoftProcessNames ?? [])]).toEqual(spec['microsoft_process_names']);
    expect(DEFAULT_FILTERS.microsoftDestinationCidrs?.map((r) => r.text)).toEqual(spec['microsoft_destination_cidrs']);
  });

  it('compiles the IPv6 ranges of the reserved list', () => {
    const reserved = DEFAULT_FILTERS.reservedDestinationCidrs ?? [];
    expect(reserved.slice(-3).map((r) => [r.text, r.bits])).toEqual([
      ['::1', 128],
      ['FE80::/10', 10],
      ['FF00::/8', 8],
    ]);
    expect(reserved[0]).toEqual({ text: '10.0.0.0/8', words: [0, 0, 0xffff, 0x0a000000], bits: 104 });
  });
});

describe('NO_FILTERS', () => {
  it('switches everything off', () => {
    expect(NO_FILTERS).toEqual({ name: 'none', requireDestinationIp: false });
  });
});

describe('parseFilterConfig()', () => {
  it('reads every key', () => {
    const config = parse({
      window_seconds: 3600,
      event_category: 'network',
      require_destination_ip: false,
      event_action: 'connection_accepted',
      excluded_process_names: ['a.exe', 'b.exe', 'a.exe'],
      private_source_cidrs: ['10.0.0.0/8'],
      reserved_destination_cidrs: ['::1'],
      microsoft_process_names: ['lsass.exe'],
      microsoft_destination_cidrs: [],
    });
    expect(config).toMatchObject({
      name: 'filters.json',
      windowSeconds: 3600,
      eventCategory: 'network',
      requireDestinationIp: false,
      eventAction: 'connection_accepted',
    });
    expect([...(config.excludedProcessNames ?? [])]).toEqual(['a.exe', 'b.exe']);
    expect(config.privateSourceCidrs?.map((r) => r.bits)).toEqual([104]);
    expect(config.reservedDestinationCidrs?.map((r) => r.bits)).toEqual([128]);
    expect([...(config.microsoftProcessNames ?? [])]).toEqual(['lsass.exe']);
    expect(config.microsoftDestinationCidrs).toEqual([]);
  });

  it('switches a filter off when its key is absent or null, leaving no property behind', () => {
    expect(parse({})).toEqual({ name: 'filters.json', requireDestinationIp: false });
    const nulls = Object.fromEntries(FILTER_KEYS.map((k) => [k, null]));
    expect(parse(nulls)).toEqual({ name: 'filters.json', requireDestinationIp: false });
    expect('eventCategory' in parse({ event_category: null })).toBe(false);
  });

  it('refuses an unknown key, naming it', () => {
    const err = configError(() => parse({ event_categories: 'network' }));
    expect(err.setting).toBe('event_categories');
    expect(err.file).toBe('filters.json');
    expect(err.message).toBe(`filters.json: unknown filter "event_categories" (known: ${FILTER_KEYS.join(', ')})`);
    expect(err.exitCode).toBe(2);
  });

  it('names no file for the default configuration', () => {
    const err = configError(() => parseFilterConfig({ bogus: 1 }, 'default'));
    expect(err.file).toBeUndefined();
    expect(err.message.startsWith('unknown filter "bogus"')).toBe(true);
  });

  it('refuses a document that is not an object', () => {
    for (const json of [[], null, 'x', 5]) {
      const err = configError(() => parse(json));
      expect([err.setting, err.message]).toEqual(['filters', 'filters.json: filters must be a JSON object']);
    }
  });

  it('refuses values of the wrong type, naming the key', () => {
    const cases: [string, unknown, string][] = [
      ['event_category', 5, 'a non-empty string'],
      ['event_category', '', 'a non-empty string'],
      ['event_action', ['disconnect_received'], 'a non-empty string'],
      ['excluded_process_names', 'chrome.exe', 'an array of strings'],
      ['excluded_process_names', ['chrome.exe', 1], 'an array of strings'],
      ['microsoft_process_names', {}, 'an array of strings'],
      ['private_source_cidrs', '10.0.0.0/8', 'an array of CIDR ranges'],
      ['window_seconds', 0, 'a whole number of seconds above 0'],
      ['window_seconds', 1.5, 'a whole number of seconds above 0'],
      ['window_seconds', '21600', 'a whole number of seconds above 0'],
      ['require_destination_ip', 'yes', 'true or false'],
    ];
    for (const [key, value, what] of cases) {
      const err = configError(() => parse({ [key]: value }));
      expect(err.setting, `${key}: ${JSON.stringify(value)}`).toBe(key);
      expect(err.message).toBe(`filters.json: filter ${key} must be ${what}, or null to switch it off`);
    }
  });

  it('accepts the smallest window', () => {
    expect(parse({ window_seconds: 1 }).windowSeconds).toBe(1);
  });

  it('refuses a bad CIDR range, naming the key and the range', () => {
    for (const [key, range] of [
      ['private_source_cidrs', '10.0.0.0/33'],
      ['reserved_destination_cidrs', '::/129'],
      ['microsoft_destination_cidrs', 'not-an-ip'],
    ] as const) {
      const err = configError(() => parse({ [key]: ['10.0.0.0/8', range] }));
      expect(err.setting).toBe(key);
      expect(err.message).toBe(`filters.json: filter ${key}: "${range}" is not an IP address or CIDR range`);
    }
    expect(configError(() => parse({ private_source_cidrs: [8] })).message).toBe(
      'filters.json: filter private_source_cidrs: 8 is not an IP address or CIDR range',
    );
  });
});

describe('loadFilterConfig()', () => {
  const dir = mkdtempSync(join(tmpdir(), 'beaconwatch-filters-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the defaults for no argument and for "default"', () => {
    expect(loadFilterConfig(undefined)).toBe(DEFAULT_FILTERS);
    expect(loadFilterConfig('default')).toBe(DEFAULT_FILTERS);
  });

  it('gives no filters for "none"', () => {
    expect(loadFilterConfig('none')).toBe(NO_FILTERS);
  });

  it('reads a file, named after its path', () => {
    const path = join(dir, 'mine.json');
    writeFileSync(path, JSON.stringify({ require_destination_ip: true, private_source_cidrs: ['10.0.0.0/8'] }));
    const config = loadFilterConfig(path);
    expect(config.name).toBe(path);
    expect(config.requireDestinationIp).toBe(true);
    expect(config.privateSourceCidrs?.map((r) => r.text)).toEqual(['10.0.0.0/8']);
  });

  it('names the file it cannot read', () => {
    const path = join(dir, 'missing.json');
    const err = configError(() => loadFilterConfig(path));
    expect([err.setting, err.file]).toEqual(['filters', path]);
    expect(err.message.startsWith(`${path}: cannot read filters file (`)).toBe(true);
  });

  it('names the file that is not JSON', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{"event_category": ');
    const err = configError(() => loadFilterConfig(path));
    expect([err.setting, err.file]).toEqual(['filters', path]);
    expect(err.message.startsWith(`${path}: not valid JSON (`)).toBe(true);
  });

  it('names the file and the key of a bad value', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ event_action: 7 }));
    const err = configError(() => loadFilterConfig(path));
    expect([err.setting, err.file]).toEqual(['event_action', path]);
  });
});
