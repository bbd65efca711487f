/** The quick start's main job: `beaconwatch demo` finds the three planted beacons and nothing else. */
import { expect, it } from 'vitest';
import { runCli } from '../support/runCli.js';

it('ranks the planted beacons, flagged in every window', async () => {
  const run = await runCli(['demo']);
  expect(run.code).toBe(0);
  const table = run.stderr.slice(run.stderr.indexOf('Top findings'));
  const rows = table.split('\n').slice(2).filter((l) => /^\s*\d/.test(l));
  expect(rows.map((r) => r.split(/\s{2,}/).pop())).toEqual(['ws-02 / updater-x.exe', 'ws-05 / powershell.exe', 'ws-04 / rundll32.exe']);
  for (const row of rows) expect(row).toContain('19/19');
  expect(run.stderr).toContain('process.name not excluded: 2,826');
});
