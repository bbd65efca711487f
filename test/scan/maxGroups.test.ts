/** More groups than --max-groups stop the run with a message, on the calling thread and from a worker. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../ts/errors.js';
import { ecsEvent, ndjson, scan, timesBefore, writeFixture } from '../support/scanFixture.js';
import { runCli } from '../support/runCli.js';

const NOW = '2026-11-30T12:00:00Z';
const manyProcesses = () => writeFixture({ 'e.ndjson': ndjson(timesBefore(NOW, 30, 60).map((t, i) => ecsEvent(t, { process: { name: `p${i}.exe` } }))) });

describe('--max-groups', () => {
  it.each([0, 2])('stops a run with more groups than allowed (%i workers)', async (workers) => {
    const attempt = scan([manyProcesses()], 'wasm', { workers, maxGroups: 25 });
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow('more than 25 groups of host.name, process.name: raise --max-groups');
  });

  it('lets a run with as many groups as allowed through', async () => {
    const { outcome } = await scan([manyProcesses()], 'wasm', { maxGroups: 30 });
    expect(outcome.summary.groups).toBe(30);
  });

  it('exits 3 on the command line', async () => {
    const run = await runCli(['scan', manyProcesses(), '--max-groups', '10']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^beaconwatch: more than 10 groups of host.name, process.name/);
  });
});
