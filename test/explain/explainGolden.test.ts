/**
 * `explain` against the golden vectors: every number an explanation shows
 * is the result document's, to the bit, and every test's outcome is the
 * document's flag; through the library on every engine, and through the
 * command line (`--json`, and the words).
 */
import { describe, expect, it } from 'vitest';
import { explainScore, type Explanation } from '../../ts/explain/explainResult.js';
import { resolveParams, type BeaconParams } from '../../ts/params/beaconParams.js';
import { ENGINES } from '../support/engines.js';
import { goldenVectors, type GoldenVector } from '../support/goldenVectors.js';
import { runCli } from '../support/runCli.js';
import { scan } from '../support/scanFixture.js';

type Doc = Record<string, any>;

function sameNumber(actual: unknown, expected: unknown, where: string): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), where).toBe(true);
    expect((actual as unknown[]).length, where).toBe(expected.length);
    expected.forEach((v, k) => sameNumber((actual as unknown[])[k], v, `${where}[${k}]`));
    return;
  }
  expect(Object.is(actual, expected), `${where}: ${String(actual)} is not ${String(expected)}`).toBe(true);
}

/** The explanation agrees with the document: its numbers, its outcomes, its period. */
function expectAgreement(e: Explanation, doc: Doc, params: BeaconParams, where: string): void {
  const b = doc['beacon_stats'] as Doc;
  expect(e.interval, where).toBe(b['interval']);
  expect(e.nonEmptyBuckets, where).toBe(b['non_empty_buckets']);
  expect(e.isBeaconing, where).toBe(b['is_beaconing']);
  if (b['beaconing_score'] === undefined) {
    expect(e.scored, where).toBe(false);
    expect(e.tests, where).toEqual([]);
    expect(e.verdict, where).toMatch(/^not scored: /);
    return;
  }
  expect(e.scored, where).toBe(true);
  expect(e.score, where).toBe(b['beaconing_score']);
  expect(e.tests.map((t) => t.flag), where).toEqual(['low_count_variation', 'periodic', 'low_source_bytes_variation', 'low_destination_bytes_variation']);
  for (const t of e.tests) {
    expect(t.outcome === 'pass', `${where} ${t.flag}`).toBe(b[t.flag]);
    expect(Object.keys(t.values).length, `${where} ${t.flag}`).toBeGreaterThan(0);
    for (const [field, value] of Object.entries(t.values)) sameNumber(value, b[field], `${where} ${t.flag} ${field}`);
    expect(t.threshold, where).toBe(params[t.parameter]);
    if (t.value !== undefined && t.limit !== undefined) {
      const holds = t.test === 'periodic' ? t.value >= t.limit : t.value <= t.limit;
      expect(holds, `${where} ${t.flag}: ${t.value} vs ${t.limit}`).toBe(t.outcome === 'pass');
    }
  }
  expect(e.period.buckets, where).toBe(b['max_autocovariance_period']);
  expect(e.period.seconds, where).toBe(b['max_autocovariance_period'] * params.time_bucket_length);
  expect(e.period.detected, where).toBe(b['low_count_variation'] || b['periodic']);
}

const VECTORS = goldenVectors();

describe.each(ENGINES)('explanations of every golden vector (%s engine)', (engine) => {
  it.each(VECTORS.map((v) => [v.name, v] as const))('%s', async (_, vector) => {
    // As the golden test scans them: default filters, the vector's window end and parameters.
    const { outcome, docs } = await scan([vector.eventsPath], engine, { format: 'ecs', params: resolveParams(vector.params), windows: { nowMs: Date.parse(vector.now) }, details: 'all' });
    expect(outcome.results.length).toBe(vector.results.length);
    outcome.results.forEach((result, i) => {
      const where = `${vector.name} #${i}`;
      const e = explainScore(result, vector.params);
      // Against the golden vector (the package's own answer) and against our document.
      expectAgreement(e, vector.results[i] as Doc, vector.params, `${where} (golden)`);
      expectAgreement(e, docs[i] as Doc, vector.params, `${where} (document)`);
    });
  });
});

/** Vectors and groups explained through the command line. */
const CLI_CASES: readonly (readonly [string, string])[] = [
  ['periodic_5m', 'ws-02,rundll32.exe'],
  ['long_period_45m', 'ws-11,slow.exe'],
  ['const_bytes_random_time', 'ws-07,agent.exe'],
  ['missing_bytes_fields', 'ws-09,nobytes.exe'],
  ['sparse_early_return', 'ws-06,rare.exe'],
  ['multi_group_mix', 'srv-0,proc-2.exe'],
  ['multi_group_mix', 'srv-5,proc-1.exe'],
];

const vectorNamed = (name: string) => VECTORS.find((v) => v.name === name) as GoldenVector;

function explainArgs(vector: GoldenVector, group: string, ...extra: string[]): string[] {
  return ['explain', vector.eventsPath, '--format', 'ecs', '--now', vector.now, '--params', JSON.stringify(vector.params), '--group', group, ...extra];
}

describe('beaconwatch explain --json', () => {
  it.each(CLI_CASES)('%s: %s', async (name, group) => {
    const vector = vectorNamed(name);
    const run = await runCli(explainArgs(vector, group, '--json'));
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as Explanation & { group: Record<string, string>; window: { end: string } };
    const [host, process] = group.split(',');
    expect(json.group).toEqual({ 'host.name': host, 'process.name': process });
    expect(json.window.end).toBe(vector.now);
    const expected = vector.results.find((r) => (r['host'] as Doc)['name'] === host && (r['process'] as Doc)['name'] === process) as Doc;
    expectAgreement(json, expected, vector.params, `${name} ${group}`);
    // The run summary goes to standard error, as for a scan.
    expect(run.stderr).toMatch(/^beaconwatch scan summary\n/);
  });
});

describe('beaconwatch explain, in words', () => {
  it('says why a 5-minute beacon is flagged, with each number and threshold, and what would clear it', async () => {
    const vector = vectorNamed('periodic_5m');
    const run = await runCli(explainArgs(vector, 'ws-02,rundll32.exe'));
    expect(run.code, run.stderr).toBe(0);
    const b = vector.results[0]!['beacon_stats'] as Doc;
    const text = run.stdout;
    expect(text).toContain('ws-02 / rundll32.exe  (host.name / process.name)\n');
    expect(text).toContain('window: 2026-11-30T06:00:00.000Z .. 2026-11-30T12:00:00.000Z, buckets of 60 s\n');
    expect(text).toContain('verdict: beaconing, score 3 of 3: periodic, steady source bytes and steady destination bytes passed\n');
    expect(text).toContain(`buckets: connections in ${b['non_empty_buckets']} of the ${b['interval']} from the first to the last event`);
    expect(text).toContain('detected period: 300 s (5 buckets of 60 s), autocovariance 1\n');
    expect(text).toContain('2. Periodic (periodic): PASS\n');
    expect(text).toContain('   threshold: min_beaconing_count_autocovariance = 0.7\n');
    expect(text).toContain('1. Steady connection counts (low_count_variation): NOT RUN (fails)\n');
    expect(text).toContain(`not run: connections in ${b['non_empty_buckets']} of the ${b['interval']} buckets from the first to the last event; the test needs more than min_not_empty x ${b['interval']} = ${Math.trunc(0.5 * b['interval'])}`);
    expect(text).toContain('3. Steady source bytes (low_source_bytes_variation): PASS\n');
    expect(text).toContain('To be cleared, every passing test would have to fail: periodic: it would fail if the autocovariance fell below 0.7 (now 1)');
  });

  it('says why a group was not scored, and what it would take', async () => {
    const vector = vectorNamed('sparse_early_return');
    const run = await runCli(explainArgs(vector, 'ws-06,rare.exe'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      'verdict: not scored: its events fell in 6 buckets spanning 151 (9,060 s from the first to the last); scoring needs a span of at least 2 x min_number_periods = 12 buckets and at least min_number_periods + 1 = 7 non-empty buckets\n',
    );
    expect(run.stdout).toContain('To be scored, the group would need connections in at least 7 buckets spanning at least 12 buckets (720 s)');
  });

  it('exits 2 for a group the scan does not have, or a bad --group', async () => {
    const vector = vectorNamed('periodic_5m');
    const missing = await runCli(explainArgs(vector, 'ws-99,x.exe'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("beaconwatch: no group host.name=ws-99, process.name=x.exe in the scan's results\n");
    const short = await runCli(explainArgs(vector, 'ws-02'));
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('--group needs 2 values, one per group field (host.name, process.name), got 1');
    const neither = await runCli(['explain', vector.eventsPath]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('explain needs --group VALUES');
  });
});
