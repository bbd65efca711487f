/**
 * The engines against each other on random traffic and random parameters
 * (a seeded property test): every document identical, every float to the bit.
 */
import { describe, expect, it } from 'vitest';
import { NO_FILTERS } from '../../ts/filter/filterConfig.js';
import { resolveParams } from '../../ts/params/beaconParams.js';
import { SeededRandom } from '../support/seededRandom.js';
import { ENGINES } from '../support/engines.js';
import { ecsEvent, ndjson, scan, writeFixture, type Doc } from '../support/scanFixture.js';

const NOW_MS = Date.parse('2026-11-30T12:00:00Z');

function randomCase(seed: number) {
  const r = new SeededRandom(seed);
  const bucket = r.pick([10, 30, 60, 120]);
  const buckets = r.pick([60, 120, 360, 720]);
  const params = resolveParams({
    time_bucket_length: bucket,
    number_buckets_in_range: buckets,
    number_destination_ips: r.pick([0, 1, 3, 10]),
    max_jitter: r.pick([0, 0.1, 0.2, 0.35]),
    min_number_periods: r.pick([2, 3, 6, 8]),
    min_not_empty: r.pick([0.1, 0.5, 0.9]),
    truncate_at: [r.next() * 0.3, 0.7 + r.next() * 0.3],
    min_beaconing_count_autocovariance: r.next(),
    max_beaconing_bytes_cov: r.next() * 0.2,
    max_beaconing_count_rv: r.next() * 0.3,
  });
  const spanMs = bucket * buckets * 1000;
  const events: Doc[] = [];
  for (let g = 0; g < 12; g++) {
    const period = (1 + r.below(20)) * bucket * 1000;
    const jitter = r.next() * 0.4;
    const regular = r.next() < 0.5;
    for (let t = NOW_MS - spanMs + r.next() * period; t < NOW_MS + 2 * bucket * 1000; t += regular ? period * (1 + jitter * r.symmetric()) : r.exponential(period)) {
      events.push(
        ecsEvent(new Date(Math.round(t)).toISOString(), {
          host: { name: `h${g % 4}` },
          process: { name: `p${g}.exe` },
          source: { bytes: r.next() < 0.1 ? 0 : Math.round(500 * (1 + 0.1 * r.symmetric())) },
          destination: { ip: `185.${g}.${r.below(4)}.${r.below(3)}`, bytes: Math.round(2000 + 5000 * r.next()) },
        }),
      );
    }
  }
  return { params, events };
}

describe('engines agree on random traffic', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i', async (seed) => {
    const { params, events } = randomCase(seed);
    const dir = writeFixture({ 'e.ndjson': ndjson(events) });
    const outputs = await Promise.all(ENGINES.map((engine) => scan([dir], engine, { params, filters: NO_FILTERS, windows: { nowMs: NOW_MS } })));
    const [first, ...rest] = outputs.map((o) => o.docs);
    expect(first?.length).toBe(12);
    expect(first?.some((d) => 'autocovariance' in d['beacon_stats'])).toBe(true);
    for (const docs of rest) expect(docs).toEqual(first);
  });
});
