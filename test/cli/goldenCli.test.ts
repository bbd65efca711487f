/** Every golden vector through the command line, bit for bit, on the default engine. */
import { describe, it } from 'vitest';
import { expectGoldenMatch, goldenVectors } from '../support/goldenVectors.js';
import { parseNdjson, runCli } from '../support/runCli.js';

describe('golden vectors through `beaconwatch scan`', () => {
  it.each(goldenVectors().map((v) => [v.name, v] as const))('%s', async (_, vector) => {
    const run = await runCli(['scan', vector.eventsPath, '--format', 'ecs', '--now', vector.now, '--params', JSON.stringify(vector.params)]);
    if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
    expectGoldenMatch(vector, parseNdjson(run.stdout));
  });
});
