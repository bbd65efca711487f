/**
 * The configuration file and the flags together (`parseScanArgs`,
 * `parseCommandLine`): every flag can live in the file, flags win, the
 * window is replaced as a whole, relative paths in the file are relative to
 * the file, and a bad value names its key and the file.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommandLine, parseScanArgs, scanOptionsFrom, scoringFrom, searchValues } from '../../ts/cli/scanArgs.js';
import { UsageError } from '../../ts/errors.js';
import { CONFIG_FILE_NAME } from '../../ts/config/configFile.js';
import { DEFAULT_FILTERS, NO_FILTERS } from '../../ts/filter/filterConfig.js';
import { DEFAULT_PARAMS } from '../../ts/params/beaconParams.js';
import { configError } from '../support/configError.js';

/** A working directory holding `beaconwatch.config.json` with `config`, and any other files. */
function workdir(config: object, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'beaconwatch-config-'));
  writeFileSync(join(dir, CONFIG_FILE_NAME), JSON.stringify(config));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const FULL_CONFIG = {
  inputs: ['logs', '/abs/conn.log'],
  format: 'zeek',
  params: { time_bucket_length: 30, number_buckets_in_range: 720 },
  filters: 'none',
  'group-by': ['source.ip', 'destination.ip'],
  engine: 'ts',
  workers: 2,
  'zeek-bytes': 'payload',
  from: '2024-04-19T06:00:00Z',
  to: '2024-04-20T06:00:00Z',
  every: '6h',
  'allow-list': { rules: [{ name: 'NTP', group: { 'destination.ip': '91.189.91.157' } }] },
  scan: { out: 'out/results.ndjson', top: 5, details: 'out/details.ndjson' },
};

describe('settings from beaconwatch.config.json', () => {
  it('takes every setting of the file', () => {
    const dir = workdir(FULL_CONFIG);
    const command = parseScanArgs([], dir);
    expect(command.out).toBe(join(dir, 'out/results.ndjson'));
    expect(command.details).toBe(join(dir, 'out/details.ndjson'));
    expect(command.top).toBe(5);
    const s = command.scan;
    expect(s.inputs).toEqual([join(dir, 'logs'), '/abs/conn.log']);
    expect(s.format).toBe('zeek');
    expect(s.params).toEqual({ ...DEFAULT_PARAMS, time_bucket_length: 30, number_buckets_in_range: 720 });
    expect(s.filters).toBe(NO_FILTERS);
    expect(s.groupBy).toEqual(['source.ip', 'destination.ip']);
    expect(s.engine).toBe('ts');
    expect(s.workers).toBe(2);
    expect(s.zeekBytes).toBe('payload');
    expect(s.windows).toEqual({ fromMs: Date.parse('2024-04-19T06:00:00Z'), toMs: Date.parse('2024-04-20T06:00:00Z'), everyMs: 6 * 3_600_000 });
    expect(s.allowList?.rules).toEqual([{ index: 1, name: 'NTP', mode: 'post', caseInsensitive: false, group: [{ field: 'destination.ip', pattern: '91.189.91.157' }] }]);
    expect(s.details).toBe('beaconing');
  });

  it('lets the flags override the file, INPUTs on the command line replacing the file\'s', () => {
    const dir = workdir(FULL_CONFIG);
    const command = parseScanArgs(['/tmp/other.ndjson', '--format', 'ecs', '--filters', 'default', '--top', '7', '--engine', 'wasm', '--group-by', 'host.name', '--out', '-'], dir);
    expect(command.scan.inputs).toEqual(['/tmp/other.ndjson']);
    expect(command.scan.format).toBe('ecs');
    expect(command.scan.filters).toBe(DEFAULT_FILTERS);
    expect(command.scan.engine).toBe('wasm');
    expect(command.scan.groupBy).toEqual(['host.name']);
    expect(command.top).toBe(7);
    expect(command.out).toBe('-');
    // Not overridden: still the file's.
    expect(command.scan.params.time_bucket_length).toBe(30);
    expect(command.scan.workers).toBe(2);
  });

  it('replaces the file\'s window as a whole when the command line gives one', () => {
    const replayFile = workdir(FULL_CONFIG);
    expect(parseScanArgs(['--now', '2024-04-21T00:00:00Z'], replayFile).scan.windows).toEqual({ nowMs: Date.parse('2024-04-21T00:00:00Z') });
    const nowFile = workdir({ inputs: ['x'], now: 1_700_000_000_000 });
    expect(parseScanArgs([], nowFile).scan.windows).toEqual({ nowMs: 1_700_000_000_000 });
    expect(parseScanArgs(['--from', '2024-04-19T00:00:00Z', '--to', '2024-04-19T02:00:00Z'], nowFile).scan.windows).toEqual({
      fromMs: Date.parse('2024-04-19T00:00:00Z'),
      toMs: Date.parse('2024-04-19T02:00:00Z'),
      everyMs: 3_600_000,
    });
  });

  it('reads files the configuration names relative to it, and --config over the working directory\'s file', () => {
    const dir = workdir({ format: 'ecs' }, {
      'team/beaconwatch.json': JSON.stringify({ inputs: ['../captures'], params: 'params.json', filters: 'filters.json', 'allow-list': 'allow.json' }),
      'team/params.json': '{"max_jitter": 0.2}',
      'team/filters.json': '{"require_destination_ip": true}',
      'team/allow.json': '{"rules": [{"process_name": "ntpd"}]}',
    });
    const command = parseScanArgs(['--config', 'team/beaconwatch.json'], dir);
    expect(command.scan.inputs).toEqual([join(dir, 'captures')]);
    expect(command.scan.format).toBe('auto');
    expect(command.scan.params.max_jitter).toBe(0.2);
    expect(command.scan.filters).toMatchObject({ name: join(dir, 'team', 'filters.json'), requireDestinationIp: true });
    expect(command.scan.allowList?.name).toBe(join(dir, 'team', 'allow.json'));
  });

  it('takes inline filters, and numbers written as text', () => {
    const dir = workdir({ inputs: 'one.log', filters: { require_destination_ip: true }, workers: '3', scan: { top: '4' } });
    const command = parseScanArgs([], dir);
    expect(command.scan.inputs).toEqual([join(dir, 'one.log')]);
    expect(command.scan.filters).toMatchObject({ name: `${join(dir, CONFIG_FILE_NAME)} (filters)`, requireDestinationIp: true });
    expect(command.scan.workers).toBe(3);
    expect(command.top).toBe(4);
  });

  it('keeps each command\'s section to itself', () => {
    const dir = workdir({ inputs: ['x'], scan: { out: 'results.ndjson' }, report: { out: 'report.html', plots: 50, title: 'Week 12' }, explain: { rank: 2, json: true } });
    const report = parseCommandLine('report', [], dir);
    expect(report.path('out')).toBe(join(dir, 'report.html'));
    expect(report.wholeNumber('plots', 0, 1e6, 'a whole number')).toBe(50);
    expect(report.text('title')).toBe('Week 12');
    const explain = parseCommandLine('explain', ['--rank', '1'], dir);
    expect(explain.wholeNumber('rank', 1, 1e6, 'a row')).toBe(1);
    expect(explain.flag('json')).toBe(true);
    expect(explain.get('out')).toBeUndefined();
    expect(scanOptionsFrom(explain, 'explain').inputs).toEqual([join(dir, 'x')]);
  });
});

describe('the cluster commands\' settings from the file', () => {
  const CLUSTER_CONFIG = {
    params: { max_jitter: 0.2 },
    'group-by': ['source.ip', 'destination.ip'],
    engine: 'ts',
    watch: { es: 'http://127.0.0.1:9200', index: 'logs-*', 'write-es': 'http://127.0.0.1:9201', checkpoint: 'state/watch.json', frequency: '30m', once: true },
    compare: { es: 'http://127.0.0.1:9200', transform: 'transforms/beaconing.yml', show: 5 },
  };

  it('gives watch its section and the scoring settings of the top level', () => {
    const dir = workdir(CLUSTER_CONFIG);
    const watch = parseCommandLine('watch', ['--frequency', '2h'], dir);
    expect(watch.path('checkpoint')).toBe(join(dir, 'state/watch.json'));
    expect(watch.text('frequency')).toBe('2h');
    expect(watch.flag('once')).toBe(true);
    expect(searchValues(watch)).toMatchObject({ es: 'http://127.0.0.1:9200', index: 'logs-*', 'write-es': 'http://127.0.0.1:9201' });
    const scoring = scoringFrom(watch);
    expect(scoring.params).toEqual({ ...DEFAULT_PARAMS, max_jitter: 0.2 });
    expect(scoring.filters).toBe(DEFAULT_FILTERS);
    expect(scoring.groupBy).toEqual(['source.ip', 'destination.ip']);
    expect(scoring.engine).toBe('ts');
    expect(watch.get('transform')).toBeUndefined();
  });

  it('gives compare its own section, the transform file relative to the configuration', () => {
    const dir = workdir(CLUSTER_CONFIG);
    const compare = parseCommandLine('compare', [], dir);
    expect(compare.path('transform')).toBe(join(dir, 'transforms/beaconing.yml'));
    expect(compare.get('show')?.value).toBe(5);
    expect(compare.get('checkpoint')).toBeUndefined();
  });

  it('takes no INPUTs, and rejects a key that belongs to another command', () => {
    const dir = workdir(CLUSTER_CONFIG);
    expect(() => parseCommandLine('watch', ['conn.log'], dir)).toThrow(UsageError);
    expect(() => parseCommandLine('watch', ['conn.log'], dir)).toThrow(/see beaconwatch watch --help/);
    const wrong = workdir({ watch: { transform: 'x.yml' } });
    expect(configError(() => parseCommandLine('watch', [], wrong)).message).toContain('unknown setting "watch.transform"');
  });
});

describe('bad values in the file', () => {
  it('names the key and the file', () => {
    const run = (config: object) => {
      const dir = workdir(config);
      return configError(() => parseScanArgs([], dir));
    };
    const top = run({ inputs: ['x'], scan: { top: 'many' } });
    expect(top.message).toMatch(/beaconwatch\.config\.json: scan\.top must be a whole number \(got "many"\)$/);
    expect(top.setting).toBe('scan.top');
    expect(top.file).toMatch(/beaconwatch\.config\.json$/);
    expect(run({ inputs: ['x'], engine: 'gpu' }).message).toMatch(/: engine must be one of wasm, .* \(got "gpu"\)$/);
    expect(run({ inputs: ['x'], now: 'yesterday' }).message).toMatch(/: now must be an ISO 8601 time or epoch milliseconds \(got "yesterday"\)$/);
    expect(run({ inputs: ['x'], every: '1 hour', from: '2024-01-01', to: '2024-01-02' }).message).toMatch(/: every: every must be a duration such as 90s/);
    expect(run({ inputs: ['x'], params: { max_jiter: 0.1 } }).message).toMatch(/beaconwatch\.config\.json: unknown parameter "max_jiter"/);
    expect(run({ inputs: ['x'], 'group-by': 'host.name,host' }).message).toMatch(/beaconwatch\.config\.json: group-by: --group-by field host\.name collides with host/);
    expect(run({ inputs: [3] }).message).toMatch(/: inputs must be a path or an array of paths \(got \[3\]\)$/);
  });

  it('still names the flag when the flag is at fault', () => {
    const dir = workdir({ inputs: ['x'] });
    expect(configError(() => parseScanArgs(['--top', '1.5'], dir)).message).toBe('--top must be a whole number (got "1.5")');
    expect(configError(() => parseScanArgs(['--workers', '0'], dir)).message).toBe('--workers must be a whole number from 1 to 256 (got "0")');
    expect(configError(() => parseScanArgs(['--from', '2024-01-01', '--to', '2024-01-02', '--every', '5x'], dir)).message).toBe(
      '--every must be a duration such as 90s, 30m, 1h or 1d (got "5x")',
    );
  });

  it('rejects an unknown key of the file before anything else', () => {
    const dir = workdir({ inputs: ['x'], 'allow_list': 'allow.json' });
    const err = configError(() => parseScanArgs(['--top', '3'], dir));
    expect(err.message).toContain('unknown setting "allow_list"');
    expect(err.setting).toBe('allow_list');
  });
});
