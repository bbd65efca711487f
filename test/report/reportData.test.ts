/**
 * `buildReportData` and `renderReportHtml` on the demo's synthetic office
 * day: the findings in rank order with their tests, periods, plots and
 * per-window scores; suppressed findings last; the summary; and a page
 * that holds everything inline and nothing from the network.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllowList } from '../../ts/filter/allowListConfig.js';
import { applyAllowList, groupKey } from '../../ts/filter/allowListSuppression.js';
import { DEFAULT_PARAMS } from '../../ts/params/beaconParams.js';
import { buildReportData, type ReportedResult } from '../../ts/report/reportData.js';
import { embedJson, escapeHtml, renderReportHtml } from '../../ts/report/reportHtml.js';
import type { ScanRecord } from '../../ts/report/scanRecord.js';
import type { ScanOutcome } from '../../ts/scan/scanRun.js';
import { DEMO_SCENARIO } from '../../ts/source/demoScenario.js';
import { generateTraffic } from '../../ts/source/syntheticTraffic.js';
import { formatRunSummary } from '../../ts/sink/summaryReport.js';
import { ndjson, scan, writeFixture } from '../support/scanFixture.js';

const OPTIONS = { title: 'demo <day>', generatedAtMs: Date.parse('2026-12-01T08:00:00Z'), plots: 1000, version: '0.0.0-test' };

let outcome: ScanOutcome;
let record: ScanRecord;

beforeAll(async () => {
  const dir = writeFixture({ 'office-day.ndjson': ndjson(generateTraffic(DEMO_SCENARIO) as never) });
  const windows = { fromMs: DEMO_SCENARIO.startMs + 6 * 3_600_000, toMs: DEMO_SCENARIO.endMs, everyMs: 3_600_000 };
  ({ outcome } = await scan([dir], 'wasm', { format: 'ecs', windows, details: 'beaconing' }));
  record = { params: DEFAULT_PARAMS, filters: 'default', engine: 'wasm', groupFields: outcome.groupFields, windows: outcome.windows, summary: outcome.summary };
});

describe('buildReportData()', () => {
  it('lists the findings in rank order, each with its tests, period and bytes', () => {
    const data = buildReportData(record, outcome.results, OPTIONS);
    expect(data.findings.map((f) => [f.rank, f.group.join('/'), f.score, `${f.windowsFlagged}/${f.windowsSeen}`, f.period, f.periodSeconds])).toEqual([
      [1, 'ws-02/updater-x.exe', 3, '19/19', '<=60 s', 60],
      [2, 'ws-05/powershell.exe', 2, '19/19', '-', null],
      [3, 'ws-04/rundll32.exe', 2, '19/19', '-', null],
    ]);
    const updater = data.findings[0];
    const rundll = data.findings.find((f) => f.group[1] === 'rundll32.exe');
    expect(updater!.outcomes).toEqual({ count: 'pass', periodic: 'pass', source_bytes: 'pass', destination_bytes: 'pass' });
    expect(updater!.meanSourceBytes).toBe(512);
    expect(updater!.meanDestinationBytes).toBe(2048);
    expect(updater!.destinations).toEqual(['185.220.101.47']);
    // Every 5 minutes: too few occupied buckets for the count test.
    expect(rundll!.outcomes.count).toBe('not run');
    expect(rundll!.tests.map((t) => t.flag)).toEqual(['low_count_variation', 'periodic', 'low_source_bytes_variation', 'low_destination_bytes_variation']);
    expect(data.bucketSeconds).toBe(60);
    expect(data.bucketCount).toBe(360);
    expect(data.autocovarianceThreshold).toBe(0.7);
    expect(data.windowEnds).toHaveLength(19);
  });

  it('keeps the best window\'s buckets sparse, bytes per connection, and the autocorrelation curve', () => {
    const data = buildReportData(record, outcome.results, OPTIONS);
    const updater = data.findings[0]!;
    const best = outcome.results.find((r) => r.window === outcome.windows.findIndex((w) => w.endMs === updater.windowEndMs) && groupKey(r.group) === groupKey(['ws-02', 'updater-x.exe']))!;
    const plot = updater.plot!;
    // One connection a minute: every bucket of the window is occupied, once.
    expect(plot.buckets).toEqual(Array.from({ length: 360 }, (_, k) => k));
    expect(new Set(plot.counts)).toEqual(new Set([1]));
    expect(new Set(plot.sourceBytes)).toEqual(new Set([512]));
    expect(new Set(plot.destinationBytes)).toEqual(new Set([2048]));
    expect(plot.autocorrelation).toHaveLength(best.detail!.autocorrelation.length);
    expect(plot.autocorrelation[0]).toBe(1);

    const powershell = data.findings.find((f) => f.group[1] === 'powershell.exe')!.plot!;
    // Every 15 minutes: a quarter of the buckets or fewer.
    expect(powershell.buckets.length).toBeGreaterThan(20);
    expect(powershell.buckets.length).toBeLessThanOrEqual(25);
    expect(powershell.counts.every((c) => c >= 1)).toBe(true);
  });

  it('gives the score in every window of the replay', () => {
    const data = buildReportData(record, outcome.results, OPTIONS);
    expect(data.findings[0]!.history).toEqual(new Array(19).fill(3));
    expect(data.findings[1]!.history).toEqual(new Array(19).fill(2));
  });

  it('plots only the top findings when asked to', () => {
    const data = buildReportData(record, outcome.results, { ...OPTIONS, plots: 1 });
    expect(data.findings.map((f) => f.plot !== undefined)).toEqual([true, false, false]);
    expect(data.plotsOmitted).toBe(2);
  });

  it('ranks the findings an allow-list suppressed after the rest, marked', () => {
    const allowList = parseAllowList({ rules: [{ name: 'updater', process_name: 'updater-*.exe' }] }, 'allow.json');
    const applied = applyAllowList(allowList, outcome.groupFields, outcome.results, outcome.summary.filtered);
    const results: ReportedResult[] = outcome.results.map((r) => {
      const by = applied.suppressed.get(groupKey(r.group));
      return by === undefined ? r : { ...r, suppressedBy: by };
    });
    const data = buildReportData({ ...record, allowList: applied }, results, OPTIONS);
    expect(data.findings.map((f) => [f.rank, f.group[1], f.suppressedBy])).toEqual([
      [1, 'powershell.exe', undefined],
      [2, 'rundll32.exe', undefined],
      [3, 'updater-x.exe', 'rule 1 "updater"'],
    ]);
    expect(data.summary.allowList).toEqual({
      name: 'allow.json',
      rules: [{ label: 'rule 1 "updater"', mode: 'post', conditions: 'process.name updater-*.exe', matched: '1 finding suppressed (1 group matched)', never: false }],
    });
  });

  it('summarises the run: events, filters by filter, parameters against their defaults', () => {
    const data = buildReportData({ ...record, params: { ...DEFAULT_PARAMS, max_jitter: 0.1 } }, outcome.results, OPTIONS);
    const s = data.summary;
    expect(s.records).toBe(7679);
    expect(s.eventsCounted).toBe(3878);
    expect(s.filtered.find((f) => f.name === 'process.name not excluded')).toEqual({ name: 'process.name not excluded', count: 2826 });
    expect(s.windows).toBe(19);
    expect(s.firstWindowEnd).toBe('2026-11-30T06:00:00.000Z');
    expect(s.params.find((p) => p.name === 'max_jitter')).toEqual({ name: 'max_jitter', value: '0.1', isDefault: false });
    expect(s.params.find((p) => p.name === 'truncate_at')).toEqual({ name: 'truncate_at', value: '[0.1,0.8]', isDefault: true });
    expect(s.text).toBe(
      formatRunSummary(outcome.summary, { engine: 'wasm', filters: 'default', groupFields: outcome.groupFields, windows: 19, firstWindowEnd: '2026-11-30T06:00:00.000Z', lastWindowEnd: '2026-12-01T00:00:00.000Z' }),
    );
    expect(data.generated).toBe('2026-12-01T08:00:00.000Z');
  });
});

describe('renderReportHtml()', () => {
  it('holds the chart library, its licence, the script and the data inline, and forbids fetching anything', () => {
    const html = renderReportHtml(buildReportData(record, outcome.results, OPTIONS));
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).toContain('<title>demo &lt;day&gt;</title>');
    expect(html).toContain('Permission is hereby granted, free of charge');
    expect(html).toContain('var uPlot=');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href="(?!data:)/);
    const open = '<script id="report-data" type="application/json">';
    const start = html.indexOf(open) + open.length;
    const data = html.slice(start, html.indexOf('</script>', start));
    expect(JSON.parse(data).findings).toHaveLength(3);
  });
});

describe('embedJson() and escapeHtml()', () => {
  it('keeps whatever a log held from closing the script element', () => {
    const hostile = { process: '</script><script>alert(1)</script>', note: '<!-- \u2028 \u2029' };
    const text = embedJson(hostile);
    expect(text).not.toContain('<');
    expect(text).not.toContain('\u2028');
    expect(JSON.parse(text)).toEqual(hostile);
  });

  it('escapes markup characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
