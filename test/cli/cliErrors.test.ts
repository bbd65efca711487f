/** Failures of the command line: exit codes and one-line reasons that name the culprit. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ecsEvent, ndjson, timesBefore, writeFixture } from '../support/scanFixture.js';
import { runCli } from '../support/runCli.js';

const NOW = '2026-11-30T12:00:00Z';
const goodEvents = () => ndjson(timesBefore(NOW, 20, 60).map((t) => ecsEvent(t)));

describe('beaconwatch scan errors', () => {
  it('exits 3 naming the fields when no event is usable', async () => {
    const events = timesBefore(NOW, 10, 60).map((t) => {
      const e = ecsEvent(t);
      delete e['process'];
      return e;
    });
    const dir = writeFixture({ 'e.ndjson': ndjson(events) });
    const run = await runCli(['scan', dir]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^beaconwatch: no usable event in the input \(10 without group field process\.name\); fields not found: process\.name\n$/);
  });

  it('exits 3 naming @timestamp when no record has one', async () => {
    const dir = writeFixture({ 'e.ndjson': '{"@timestamp":"2026-11-30T11:00:00Z","x":1}\n{"host":{"name":"a"}}\n' });
    const run = await runCli(['scan', dir, '--format', 'ecs', '--filters', 'none']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('missing timestamp (@timestamp)');
    expect(run.stderr).toContain('fields not found: host.name, @timestamp');
  });

  it('exits 2 naming a parameter with an impossible value', async () => {
    const dir = writeFixture({ 'e.ndjson': goodEvents() });
    const run = await runCli(['scan', dir, '--params', '{"truncate_at":[0.8,0.1]}']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'beaconwatch: parameter truncate_at must be two increasing fractions [lower, upper] with 0 <= lower < upper <= 1 (got [0.8,0.1])\n',
    );
  });

  it('exits 2 naming an unknown parameter, and the file it came from', async () => {
    const dir = writeFixture({ 'e.ndjson': goodEvents(), 'params.json': '{"number_bucket_in_range": 10}' });
    const run = await runCli(['scan', dir, '--params', join(dir, 'params.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(dir, 'params.json')}: unknown parameter "number_bucket_in_range"`);
  });

  it('exits 2 for zero buckets', async () => {
    const dir = writeFixture({ 'e.ndjson': goodEvents() });
    const run = await runCli(['scan', dir, '--params', '{"number_buckets_in_range":0}']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('parameter number_buckets_in_range must be a whole number of buckets from 1 to 100000 (got 0)');
  });

  it('exits 2 for conflicting window flags and unknown flags', async () => {
    const dir = writeFixture({ 'e.ndjson': goodEvents() });
    const both = await runCli(['scan', dir, '--now', NOW, '--from', NOW, '--to', NOW]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--now and --from/--to/--every cannot be combined');
    const unknown = await runCli(['scan', dir, '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('beaconwatch: unknown option --bogus (see beaconwatch --help)\n');
  });

  it('exits 3 for an input that does not exist', async () => {
    const run = await runCli(['scan', '/nonexistent/conn.log']);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('beaconwatch: cannot read input /nonexistent/conn.log: no such file or directory\n');
  });

  it('exits 3 for a named file that is no log it reads', async () => {
    const dir = writeFixture({ 'notes.txt': 'hello\n' });
    const run = await runCli(['scan', join(dir, 'notes.txt')]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('notes.txt: not a recognised log; formats tried:\n  - zeek: Zeek conn.log');
    expect(run.stderr).toContain('  - ecs: ECS NDJSON: one JSON object per line with @timestamp\n(CSV is read only with --field-map)\n');
  });
});

describe('output files', () => {
  it.each([
    ['scan', '--out'],
    ['scan', '--details'],
    ['report', '--out'],
  ])('%s refuses %s in a missing directory before reading anything', async (command, flag) => {
    const dir = writeFixture({ 'e.ndjson': goodEvents() });
    const target = join(dir, 'missing', 'file');
    const run = await runCli([command, join(dir, 'e.ndjson'), '--now', NOW, flag, target]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`beaconwatch: ${flag} ${target}: cannot write there (its directory ${join(dir, 'missing')} does not exist)\n`);
  });
});

describe('broken first lines', () => {
  it('reads a log whose first lines are broken, counting them as bad lines', async () => {
    const dir = writeFixture({ 'e.ndjson': `garbage\n{"@timestamp": "2026-11-30T11:\n${goodEvents()}` });
    for (const format of ['auto', 'ecs']) {
      const run = await runCli(['scan', join(dir, 'e.ndjson'), '--now', NOW, '--format', format]);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('events counted: 20');
      expect(run.stderr).toMatch(/invalid JSON: 2 \(\S+e\.ndjson:1, \S+e\.ndjson:2\)/);
    }
  });

  it('gives up on a file whose first 100 lines fit no format, saying so', async () => {
    const dir = writeFixture({ 'notes.txt': `${'hello\n'.repeat(150)}${goodEvents()}` });
    const run = await runCli(['scan', join(dir, 'notes.txt')]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('notes.txt: not a recognised log in its first 100 lines; formats tried:\n  - zeek: Zeek conn.log');
  });
});

describe('beaconwatch scan output', () => {
  it('reads standard input and writes --out whole', async () => {
    const dir = writeFixture({});
    const out = join(dir, 'results.ndjson');
    const run = await runCli(['scan', '-', '--now', NOW, '--out', out], { stdin: goodEvents() });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const docs = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(docs).toHaveLength(1);
    expect(docs[0].beaconwatch.window).toEqual({ start: '2026-11-30T06:00:00.000Z', end: '2026-11-30T12:00:00.000Z' });
    expect(run.stderr).toContain('events counted: 20');
  });

  it('leaves an existing --out untouched when the run fails', async () => {
    const dir = writeFixture({ 'e.ndjson': goodEvents() });
    const out = join(dir, 'results.ndjson');
    writeFileSync(out, 'previous\n');
    const run = await runCli(['scan', dir, '--params', '{"max_jitter":2}', '--out', out]);
    expect(run.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('previous\n');
  });
});

describe('beaconwatch help', () => {
  it('prints the usage for --help after a command, and exits 0', async () => {
    const run = await runCli(['scan', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage:\n  beaconwatch scan INPUT... [options]');
  });

  it('prints the usage on stderr and exits 2 without a command', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Exit codes: 0 success');
  });
});
