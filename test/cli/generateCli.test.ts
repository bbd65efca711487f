/** `beaconwatch generate`: deterministic traffic that the scan reads, in both formats. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli.js';
import { writeFixture } from '../support/scanFixture.js';

describe('beaconwatch generate', () => {
  it('writes the same lines for the same seed, other lines for another', async () => {
    const args = ['generate', '--events', '500', '--hosts', '5', '--processes', '2'];
    const [a, b, c] = await Promise.all([runCli(args), runCli(args), runCli([...args, '--seed', '2'])]);
    expect(a.code).toBe(0);
    const lines = a.stdout.trim().split('\n');
    expect(lines).toHaveLength(500);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ event: { category: ['network'], action: 'disconnect_received' }, host: { name: 'host-0' } });
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).not.toBe(a.stdout);
  });

  it('writes a Zeek conn.log the scan reads, to a file', async () => {
    const dir = writeFixture({});
    const out = join(dir, 'conn.log');
    const made = await runCli(['generate', '--format', 'zeek', '--hours', '7', '--hosts', '4', '--processes', '2', '--beacon-every', '2', '--periods', '120', '--out', out]);
    expect(made.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('#separator \\x09');
    const connections = lines.filter((l) => !l.startsWith('#')).length;
    expect(made.stderr).toBe(`beaconwatch generate: ${connections.toLocaleString('en-US')} events (zeek) written to ${out}\n`);
    const scan = await runCli(['scan', out, '--filters', 'none']);
    expect(scan.code).toBe(0);
    expect(scan.stderr).toContain('inputs read: 1 (zeek: 1)');
    expect(scan.stderr).toMatch(/beaconing: [1-9]\d* groups/);
  });

  it('refuses impossible settings by name', async () => {
    const run = await runCli(['generate', '--jitter', '0.7']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('beaconwatch: --jitter must be a number from 0 to 0.49 (got "0.7")\n');
  });

  it('ends quietly when its reader stops early', async () => {
    const { spawnSync } = await import('node:child_process');
    const piped = spawnSync('sh', ['-c', `node ${join(process.cwd(), 'bin', 'beaconwatch.js')} generate --hosts 100 | head -3`], { encoding: 'utf8' });
    expect(piped.stdout.trim().split('\n')).toHaveLength(3);
    expect(piped.stderr).toBe('');
  });
});
