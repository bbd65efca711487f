/** `explainScore` and `formatExplanation` on hand-made scores: the edges of every test. */
import { describe, expect, it } from 'vitest';
import type { BeaconStats } from '../../ts/engine/scoringEngine.js';
import { explainScore, type ExplainedScore } from '../../ts/explain/explainResult.js';
import { formatExplanation } from '../../ts/explain/explanationText.js';
import { DEFAULT_PARAMS } from '../../ts/params/beaconParams.js';

const STEADY: BeaconStats = {
  is_beaconing: true,
  beaconing_score: 3,
  low_source_bytes_variation: true,
  low_destination_bytes_variation: true,
  low_count_variation: true,
  periodic: true,
  mean_source_bytes: 512,
  std_dev_source_bytes: 0,
  source_bytes_percentiles: [512, 512],
  mean_destination_bytes: 2048,
  std_dev_destination_bytes: 0,
  destination_bytes_percentiles: [2048, 2048],
  mean_counts: 1,
  variance_counts: 0,
  counts_percentiles: [1, 1],
  autocovariance: 1,
  max_autocovariance_period: 2,
};

function scored(stats: Partial<BeaconStats>, extra: Partial<ExplainedScore> = {}): ExplainedScore {
  return { score: { interval: 360, nonEmptyBuckets: 360, stats: { ...STEADY, ...stats } }, bytesSeen: { source: true, destination: true }, ...extra };
}

const testOf = (e: ReturnType<typeof explainScore>, name: string) => e.tests.find((t) => t.test === name)!;

describe('explainScore()', () => {
  it('explains a group with no bucketed event (interval of minus the window)', () => {
    const e = explainScore({ score: { interval: -360, nonEmptyBuckets: 0, stats: null }, bytesSeen: { source: false, destination: false } }, DEFAULT_PARAMS);
    expect(e.scored).toBe(false);
    expect(e.verdict).toBe(
      'not scored: no event of the group fell in a bucket of this window; scoring needs a span of at least 2 x min_number_periods = 12 buckets and at least min_number_periods + 1 = 7 non-empty buckets',
    );
  });

  it('explains an early exit with one bucket', () => {
    const e = explainScore({ score: { interval: 1, nonEmptyBuckets: 1, stats: null }, bytesSeen: { source: true, destination: true } }, DEFAULT_PARAMS);
    expect(e.verdict).toMatch(/^not scored: its events fell in 1 bucket spanning 1 \(60 s from the first to the last\)/);
    expect(e.period).toEqual({ detected: false, text: 'no period: the group was not scored' });
  });

  it('says a byte test had no data when no event carried the count', () => {
    const e = explainScore(
      scored({ low_source_bytes_variation: false, mean_source_bytes: 0, source_bytes_percentiles: [0, 0], beaconing_score: 2 }, { bytesSeen: { source: false, destination: true } }),
      DEFAULT_PARAMS,
    );
    const t = testOf(e, 'source_bytes');
    expect(t.outcome).toBe('no data');
    expect(t.value).toBeUndefined();
    expect(t.reading).toBe('no data: no event of the group carried source.bytes (Sysmon records never do), so the test cannot pass');
    expect(e.verdict).toBe('beaconing, score 2 of 3: steady connection counts, periodic and steady destination bytes passed');
  });

  it('says a byte test did not run, exactly how short it fell when the buckets are known', () => {
    const skipped = { low_destination_bytes_variation: false, mean_destination_bytes: 0, std_dev_destination_bytes: 0, destination_bytes_percentiles: [0, 0] as const };
    expect(testOf(explainScore(scored(skipped), DEFAULT_PARAMS), 'destination_bytes').reading).toBe(
      'not run: too few buckets with non-zero destination.bytes; the test needs more than min_number_periods = 6',
    );
    const destinationBytes = new Float64Array(360);
    destinationBytes.set([100, 0, 250, 0, 80]);
    const series = { counts: new Float64Array(360).fill(1), sourceBytes: new Float64Array(360).fill(512), destinationBytes };
    const t = testOf(explainScore(scored(skipped, { detail: { series } }), DEFAULT_PARAMS), 'destination_bytes');
    expect(t.outcome).toBe('not run');
    expect(t.reading).toBe('not run: only 3 buckets with non-zero destination.bytes; the test needs more than min_number_periods = 6');
    expect(t.flip).toBe('It would run with non-zero destination.bytes in at least 7 buckets, and pass if the sizes were steady.');
  });

  it('passes a test whose statistic equals its limit exactly', () => {
    // std 1 = max_beaconing_count_rv 0.1 x mean 10.
    const t = testOf(explainScore(scored({ mean_counts: 10, variance_counts: 1, counts_percentiles: [9, 11] }), DEFAULT_PARAMS), 'count');
    expect(t).toMatchObject({ outcome: 'pass', value: 1, limit: 1 });
    expect(t.flip).toBe('It would fail if the std dev of the counts rose above 1 (now 1).');
  });

  it('says what would flag a group that no test flagged', () => {
    const e = explainScore(
      scored({
        is_beaconing: false,
        beaconing_score: 0,
        low_count_variation: false,
        periodic: false,
        low_source_bytes_variation: false,
        low_destination_bytes_variation: false,
        mean_counts: 2,
        variance_counts: 4,
        std_dev_source_bytes: 300,
        std_dev_destination_bytes: 1e12,
        mean_destination_bytes: 4e12,
        autocovariance: 0.41,
        max_autocovariance_period: 7,
      }),
      DEFAULT_PARAMS,
    );
    expect(e.verdict).toBe('not beaconing: no test passed');
    expect(e.period.text).toBe('none: the most regular candidate, 420 s, has autocovariance 0.41, below 0.7');
    expect(e.flip).toBe(
      'To be flagged, any one test would have to pass: ' +
        'steady connection counts: it would pass if the std dev of the counts fell to 0.2 or below (now 2): connections at a steadier rate; ' +
        'periodic: it would pass if the autocovariance at some period reached 0.7 (now 0.41): connections repeating more regularly, at least 6 times in the span; ' +
        'steady source bytes: it would pass if the std dev of source.bytes per connection fell to 25.6 or below (now 300): payload sizes nearly constant; ' +
        'steady destination bytes: it would pass if the std dev of destination.bytes per connection fell to 200,000,000,000 or below (now 1,000,000,000,000): payload sizes nearly constant.',
    );
    expect(testOf(e, 'destination_bytes').reading).toMatch(/^4,000,000,000,000 bytes per connection on average, std dev 1,000,000,000,000 \(25% of the mean\), above/);
  });

  it('reads the count test as not run when too few buckets are occupied', () => {
    const e = explainScore({ ...scored({ low_count_variation: false, mean_counts: 0, variance_counts: 0, counts_percentiles: [0, 0] }), score: { interval: 300, nonEmptyBuckets: 150, stats: { ...STEADY, low_count_variation: false } } }, DEFAULT_PARAMS);
    const t = testOf(e, 'count');
    expect(t.outcome).toBe('not run');
    expect(t.values).toEqual({ interval: 300, non_empty_buckets: 150 });
    expect(t.flip).toBe('It would run with connections in at least 151 of those buckets, and pass if their counts were steady.');
  });
});

describe('formatExplanation()', () => {
  it('writes the group, the window, the verdict and one paragraph per test', () => {
    const e = explainScore(scored({}), DEFAULT_PARAMS);
    const text = formatExplanation(e, {
      groupFields: ['host.name', 'process.name'],
      group: ['ws-02', 'updater-x.exe'],
      window: { startMs: Date.parse('2026-11-30T06:00:00Z'), endMs: Date.parse('2026-11-30T12:00:00Z') },
      destinationIps: ['185.220.101.47'],
      windowsFlagged: 19,
      windowsSeen: 19,
      suppressedBy: 'rule 1 "updater"',
    });
    expect(text.split('\n').slice(0, 8)).toEqual([
      'ws-02 / updater-x.exe  (host.name / process.name)',
      'window: 2026-11-30T06:00:00.000Z .. 2026-11-30T12:00:00.000Z, buckets of 60 s',
      'flagged in 19 of the 19 windows it had events in',
      'suppressed by allow-list rule 1 "updater"',
      'verdict: beaconing, score 3 of 3: steady connection counts, periodic, steady source bytes and steady destination bytes passed',
      'buckets: connections in 360 of the 360 from the first to the last event (interval 360)',
      'detected period: at most 60 s: connections in nearly every 60 s bucket, evenly (the count test passed)',
      'top destinations: 185.220.101.47',
    ]);
    expect(text).toContain('\n1. Steady connection counts (low_count_variation): PASS\n   1 connection per occupied bucket on average, std dev 0 (0% of the mean)');
    expect(text.endsWith('(now 0).\n')).toBe(true);
  });
});
