/**
 * Stratosphere's benign Windows host (one day of Zeek conn.log with labels):
 * the run completes, reports its counts, and flags the ESET service
 * 147.32.81.167 -> 91.228.167.171, a genuinely periodic connection.
 */
import { expect, it } from 'vitest';
import { NO_FILTERS } from '../../ts/filter/filterConfig.js';
import { ENGINES } from '../support/engines.js';
import { describeRealdata } from '../support/realdata.js';
import { scan } from '../support/scanFixture.js';

describeRealdata('stratosphere-008-benign-24h', (dir) => {
  it.each(ENGINES)('completes with its counts and flags the ESET service (%s engine)', async (engine) => {
    const { outcome, docs } = await scan([dir], engine, { filters: NO_FILTERS });
    const s = outcome.summary;
    expect(s.inputs.map((i) => i.format)).toEqual(['zeek']);
    expect(s.skippedInputs.map((i) => i.file.split('/').pop())).toEqual(['README.md', 'labels.config']);
    expect(s.records).toBe(5_663);
    expect(s.badRecordCount).toBe(0);
    expect(s.eventsCounted + s.outsideWindows).toBe(5_663);
    expect(outcome.windows[0]?.endMs).toBe(Date.parse('2022-06-13T21:59:39.511Z'));
    const eset = docs.find((d) => d['source'].ip === '147.32.81.167' && d['destination'].ip === '91.228.167.171');
    expect(eset?.['beacon_stats'].is_beaconing).toBe(true);
  });
});
