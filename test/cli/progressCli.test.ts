/**
 * Progress on the command line: on a terminal, a line on standard error
 * rewritten in place and erased before the summary; nothing at all when
 * standard error is a pipe. The summary is printed either way. The
 * terminal is a real pseudo-terminal, from util-linux's `script`.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSize } from '../../ts/sink/progressDisplay.js';
import { CLI } from '../support/paths.js';
import { runCli } from '../support/runCli.js';
import { ecsEvent, ndjson, timesBefore, writeFixture } from '../support/scanFixture.js';

const NOW = '2026-11-30T12:00:00Z';
const ERASE = '\r\u001b[K';

function input(): string {
  const dir = writeFixture({ 'events.ndjson': ndjson(timesBefore(NOW, 30, 60).map((t, i) => ecsEvent(t, { event: { id: `${i}` } }))) });
  return join(dir, 'events.ndjson');
}

describe('progress', () => {
  it('shows nothing when standard error is not a terminal, and prints the summary', async () => {
    const run = await runCli(['scan', input(), '--now', NOW, '--out', '/dev/null']);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('\r');
    expect(run.stderr).not.toContain('\u001b');
    expect(run.stderr).toMatch(/^beaconwatch scan summary\n/);
  });

  it('shows bytes read, of the total, on a terminal, erased before the summary', () => {
    const file = input();
    const command = [process.execPath, CLI, 'scan', file, '--now', NOW, '--out', '/dev/null'].map((a) => `'${a}'`).join(' ');
    // `script` runs the command on a pseudo-terminal and copies what it wrote.
    const output = execFileSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, TERM: 'dumb' } });
    const size = formatSize(statSync(file).size);
    const progress = output.slice(0, output.indexOf('beaconwatch scan summary'));
    expect(progress).toContain(`${ERASE}reading ${size} of ${size} (100%)`);
    expect(progress.endsWith(ERASE)).toBe(true);
    expect(output).toContain('Top findings');
  });

  it('shows the bytes read from standard input on a terminal, without a total', () => {
    const file = input();
    const command = `${[process.execPath, CLI, 'scan', '-', '--now', NOW, '--out', '/dev/null'].map((a) => `'${a}'`).join(' ')} < '${file}'`;
    const output = execFileSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, TERM: 'dumb' } });
    const progress = output.slice(0, output.indexOf('beaconwatch scan summary'));
    expect(progress).toMatch(new RegExp(`${ERASE.replace('[', '\\[')}reading \\d+(\\.\\d)? (B|kB)(,|\\r|$)`));
    expect(progress).not.toContain(' of ');
    expect(output).toContain('events counted: 30');
  });
});
