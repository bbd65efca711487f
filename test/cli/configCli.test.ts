/** `beaconwatch.config.json` and `--config` through the command, as a user runs it from their working directory. */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../support/paths.js';
import { parseNdjson, type CliRun } from '../support/runCli.js';
import { ecsEvent, ndjson, timesBefore, writeFixture } from '../support/scanFixture.js';

const NOW = '2026-11-30T12:00:00Z';

/** Runs the built command in `cwd`. */
function runIn(cwd: string, args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Two beacons in `events.ndjson`. */
function events(): string {
  const beacon = (process: string, id: number) => timesBefore(NOW, 20, 60).map((t, i) => ecsEvent(t, { process: { name: process }, event: { id: `${id + i}` } }));
  return ndjson([...beacon('a.exe', 0), ...beacon('b.exe', 100)]);
}

describe('the configuration file on the command line', () => {
  it('runs a scan from the working directory\'s file alone', async () => {
    const dir = writeFixture({ 'events.ndjson': events() });
    writeFileSync(join(dir, 'beaconwatch.config.json'), JSON.stringify({ inputs: ['events.ndjson'], now: NOW, scan: { top: 1, out: 'results.ndjson' } }));
    const run = await runIn(dir, ['scan']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    const table = run.stderr.slice(run.stderr.indexOf('Top findings'));
    expect(table.split('\n').filter((l) => /^\s*\d+\s/.test(l))).toHaveLength(1);
    expect(table).toContain('... and 1 more beaconing groups');

    const flagged = await runIn(dir, ['scan', '--top', '5', '--out', '-']);
    expect(flagged.code).toBe(0);
    expect(parseNdjson(flagged.stdout)).toHaveLength(2);
    expect(flagged.stderr.slice(flagged.stderr.indexOf('Top findings'))).not.toContain('more beaconing groups');
  });

  it('exits 2 naming an unknown key and the file', async () => {
    const dir = writeFixture({ 'events.ndjson': events() });
    writeFileSync(join(dir, 'beaconwatch.config.json'), JSON.stringify({ inputs: ['events.ndjson'], scan: { outt: 'x' } }));
    const run = await runIn(dir, ['scan']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `beaconwatch: ${join(dir, 'beaconwatch.config.json')}: unknown setting "scan.outt" (known in scan: out, top, details, es, index, mode, es-engine, es-api-key, ` +
        'es-username, es-password, es-bearer-token, es-ca, es-ca-fingerprint, page-size, slices, paging, keep-alive, composite-size, write-es, write-es-engine, ' +
        'write-es-api-key, write-es-username, write-es-password, write-es-bearer-token, write-es-ca, write-es-ca-fingerprint, write-prefix, write-refresh)\n',
    );
  });

  it('reads --config instead, and exits 2 when it is missing', async () => {
    const dir = writeFixture({ 'events.ndjson': events() });
    writeFileSync(join(dir, 'beaconwatch.config.json'), '{"not valid');
    writeFileSync(join(dir, 'team.json'), JSON.stringify({ inputs: ['events.ndjson'], now: NOW }));
    const run = await runIn(dir, ['scan', '--config', 'team.json']);
    expect(run.code, run.stderr).toBe(0);
    expect(parseNdjson(run.stdout)).toHaveLength(2);
    const missing = await runIn(dir, ['scan', '--config', 'nope.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^beaconwatch: nope\.json: cannot read configuration file/);
  });
});
