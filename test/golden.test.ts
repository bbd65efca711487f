/** Every golden vector through every engine, compared bit for bit. */
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../ts/decode/timestamp.js';
import { DEFAULT_FILTERS } from '../ts/filter/filterConfig.js';
import { resolveParams } from '../ts/params/beaconParams.js';
import { runScan } from '../ts/scan/scanRun.js';
import { resultDocument } from '../ts/sink/resultDocument.js';
import { ENGINES } from './support/engines.js';
import { expectGoldenMatch, goldenVectors } from './support/goldenVectors.js';

const vectors = goldenVectors();

describe.each(ENGINES)('golden vectors, %s engine', (engine) => {
  it('has every vector of the README', () => {
    expect(vectors.length).toBe(25);
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s', async (_, vector) => {
    const outcome = await runScan({
      inputs: [vector.eventsPath],
      format: 'ecs',
      params: resolveParams(vector.params),
      filters: DEFAULT_FILTERS,
      windows: { nowMs: parseTimestamp(vector.now) as number },
      engine,
      zeekBytes: 'ip',
    });
    const window = outcome.windows[0];
    if (window === undefined) throw new Error('no window');
    const docs = outcome.results.map((r) => JSON.parse(JSON.stringify(resultDocument(r, outcome.groupFields, window))) as Record<string, unknown>);
    expectGoldenMatch(vector, docs);
  });
});
