/**
 * `beaconwatch report` and `explain` as a user runs them: in one step
 * from the logs, or later from a scan's `--out` and `--details` files,
 * with the same result either way; and the mistakes a user can make.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli.js';
import { ecsEvent, ndjson, timesBefore, writeFixture } from '../support/scanFixture.js';

const NOW = '2026-11-30T12:00:00Z';
const FROM = '2026-11-30T10:00:00Z';

let dir: string;
let logs: string;

/** Two beacons and a chatty browser over six hours, replayed hourly for two hours. */
beforeAll(() => {
  const beacon = (process: string, step: number, bytes: number, id: number) =>
    timesBefore(NOW, Math.floor(21_600 / step), step).map((t, i) => ecsEvent(t, { process: { name: process }, source: { bytes }, event: { id: `${id + i}` } }));
  // Irregular gaps of 5 s to 10 min, sizes all over the place.
  let ms = Date.parse(NOW) - 6 * 3_600_000;
  const browser = Array.from({ length: 120 }, (_, i) => {
    ms += (5 + ((i * 7919) % 595)) * 1000;
    const bytes = (n: number) => 100 + ((i * n) % 9000);
    return ecsEvent(new Date(ms).toISOString(), { process: { name: 'browser.exe' }, source: { bytes: bytes(7919) }, destination: { bytes: bytes(104_729) }, event: { id: `b${i}` } });
  });
  dir = writeFixture({ 'events.ndjson': ndjson([...beacon('agent.exe', 60, 400, 0), ...beacon('tick.exe', 300, 90, 100_000), ...browser]) });
  logs = join(dir, 'events.ndjson');
});

/** The data a report embeds, without the time it was made. */
function reportData(path: string): Record<string, unknown> {
  const html = readFileSync(path, 'utf8');
  const open = '<script id="report-data" type="application/json">';
  const start = html.indexOf(open) + open.length;
  const { generated, ...data } = JSON.parse(html.slice(start, html.indexOf('</script>', start))) as Record<string, unknown>;
  expect(generated).toMatch(/^\d{4}-\d\d-\d\dT/);
  return data;
}

describe('beaconwatch report', () => {
  it('scans and writes the report in one step, printing the summary', async () => {
    const out = join(dir, 'one-step.html');
    const run = await runCli(['report', logs, '--from', FROM, '--to', NOW, '--title', 'Week 48', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^beaconwatch scan summary\n/);
    expect(run.stderr).toMatch(/\nreport written to .*one-step\.html \(\d+\.\d kB\): 2 findings\n$/);
    const data = reportData(out);
    expect(data['title']).toBe('Week 48');
    expect((data['findings'] as { group: string[] }[]).map((f) => f.group[1])).toEqual(['agent.exe', 'tick.exe']);
  });

  it('makes the same report later from the scan\'s result documents and details file', async () => {
    const results = join(dir, 'results.ndjson');
    const details = join(dir, 'details.ndjson');
    const scanRun = await runCli(['scan', logs, '--from', FROM, '--to', NOW, '--out', results, '--details', details]);
    expect(scanRun.code, scanRun.stderr).toBe(0);
    const later = join(dir, 'later.html');
    const reportRun = await runCli(['report', '--results', results, '--details', details, '--title', 'Week 48', '--out', later]);
    expect(reportRun.code, reportRun.stderr).toBe(0);
    expect(reportRun.stderr).toMatch(/^report written to /);
    expect(reportData(later)).toEqual(reportData(join(dir, 'one-step.html')));

    const explainNow = await runCli(['explain', logs, '--from', FROM, '--to', NOW, '--rank', '2', '--json']);
    const explainLater = await runCli(['explain', '--results', results, '--details', details, '--rank', '2', '--json']);
    expect(explainNow.code, explainNow.stderr).toBe(0);
    expect(explainLater.code, explainLater.stderr).toBe(0);
    expect(JSON.parse(explainLater.stdout)).toEqual(JSON.parse(explainNow.stdout));
    expect(JSON.parse(explainNow.stdout).group).toEqual({ 'host.name': 'ws-1', 'process.name': 'tick.exe' });
  });

  it('explains any window of a replay, and says which windows there are', async () => {
    const run = await runCli(['explain', logs, '--from', FROM, '--to', NOW, '--group', '["ws-1","browser.exe"]', '--window', '2026-11-30T11:00:00Z']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('window: 2026-11-30T05:00:00.000Z .. 2026-11-30T11:00:00.000Z');
    expect(run.stdout).toContain('flagged in 0 of the 3 windows it had events in');
    expect(run.stdout).toContain('verdict: not beaconing: no test passed');
    const wrong = await runCli(['explain', logs, '--from', FROM, '--to', NOW, '--rank', '1', '--window', '2026-11-30T10:30:00Z']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('no window ends at 2026-11-30T10:30:00.000Z (the scan\'s windows end at 2026-11-30T10:00:00.000Z, 2026-11-30T11:00:00.000Z, 2026-11-30T12:00:00.000Z)');
  });

  it('exits 2 for flags that contradict each other or are missing', async () => {
    const results = join(dir, 'results.ndjson');
    const details = join(dir, 'details.ndjson');
    const cases: [string[], string][] = [
      [['report', '--results', results], '--results needs --details FILE'],
      [['report', logs, '--results', results, '--details', details], 'give INPUTs to scan, or --results of a previous scan, not both'],
      [['report', '--results', results, '--details', details, '--format', 'zeek'], '--format is a scan option: with --results nothing is scanned'],
      [['report', logs, '--details', details], '--details is read together with --results'],
      [['report'], 'report needs at least one INPUT'],
      [['report', logs, '--plots', 'all'], '--plots must be a whole number (got "all")'],
      [['report', logs, '--out', join(dir, 'no', 'such', 'dir', 'r.html')], 'r.html: cannot write there (its directory'],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toContain(message);
    }
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });

  it('exits 3 for a results file that cannot be read', async () => {
    const run = await runCli(['report', '--results', join(dir, 'missing.ndjson'), '--details', join(dir, 'details.ndjson')]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('cannot read results file');
  });
});
