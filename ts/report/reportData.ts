/**
 * The data of an HTML report: the ranked findings with what the page
 * shows of each (tests, period, bytes, destinations, the explanation, the
 * buckets and autocorrelation curve of the best window, the score in each
 * window of a replay) and the run summary. Plain JSON, embedded in the
 * page; bucket series are sparse (non-empty buckets only) and rounded for
 * plotting, so that thousands of findings stay a few megabytes. Exact
 * numbers are in the result documents.
 */
import { formatTimestamp } from '../decode/timestamp.js';
import type { BeaconStats } from '../engine/scoringEngine.js';
import { explainScore, type ExplainedScore, type TestName, type TestOutcome } from '../explain/explainResult.js';
import { groupKey, neverMatched } from '../filter/allowListSuppression.js';
import type { GroupValue } from '../group/groupCatalog.js';
import { DEFAULT_PARAMS, PARAM_NAMES } from '../params/beaconParams.js';
import type { GroupDetail } from '../scan/scanOptions.js';
import { periodText, rankFindings, splitSuppressed, type Finding, type TabledResult } from '../sink/findingsTable.js';
import { formatRunSummary, quantity } from '../sink/summaryReport.js';
import type { ScanRecord } from './scanRecord.js';

/** A group's score in one window, as a report reads it (a scan's `GroupResult`, or one read back from a document). */
export interface ReportedResult extends TabledResult, ExplainedScore {
  readonly window: number;
  readonly group: readonly GroupValue[];
  readonly score: { readonly interval: number; readonly nonEmptyBuckets: number; readonly stats: BeaconStats | null };
  readonly detail?: GroupDetail;
  /** The allow-list rule that suppressed the group. */
  readonly suppressedBy?: string;
}

export interface ReportOptions {
  readonly title: string;
  readonly generatedAtMs: number;
  /** How many findings, from the top, carry their plots (the rest are listed without). */
  readonly plots: number;
  readonly version: string;
}

export const DEFAULT_PLOTS = 1000;

export interface ReportTest {
  readonly test: TestName;
  readonly title: string;
  readonly flag: string;
  readonly outcome: TestOutcome;
  readonly parameter: string;
  readonly threshold: number;
  readonly value: number | null;
  readonly limit: number | null;
  readonly reading: string;
  readonly flip: string;
}

export interface ReportPlot {
  /** Indexes of the non-empty buckets (0: the most recent). */
  readonly buckets: readonly number[];
  readonly counts: readonly number[];
  /** Mean bytes per connection in each of those buckets (what the byte tests measure); absent without byte counts. */
  readonly sourceBytes?: readonly number[];
  readonly destinationBytes?: readonly number[];
  /** `R[p]` for p = 2, 3, ... */
  readonly autocorrelation: readonly number[];
}

export interface ReportFinding {
  readonly rank: number;
  readonly group: readonly string[];
  readonly score: number;
  readonly windowsFlagged: number;
  readonly windowsSeen: number;
  readonly windowStartMs: number;
  readonly windowEndMs: number;
  readonly outcomes: Readonly<Record<TestName, TestOutcome>>;
  /** As the findings table writes it: `<=60 s`, `300 s` or `-`; `periodSeconds` sorts it. */
  readonly period: string;
  readonly periodSeconds: number | null;
  readonly autocovariance: number;
  readonly meanSourceBytes: number | null;
  readonly meanDestinationBytes: number | null;
  readonly destinations: readonly string[];
  readonly suppressedBy?: string;
  readonly verdict: string;
  readonly flip: string;
  readonly periodText: string;
  readonly interval: number;
  readonly nonEmptyBuckets: number;
  readonly tests: readonly ReportTest[];
  readonly plot?: ReportPlot;
  /** Over a replay: the score in each window, oldest first; -1 where the group had no events. */
  readonly history?: readonly number[];
}

export interface ReportSummary {
  readonly engine: string;
  readonly filters: string;
  readonly groupFields: readonly string[];
  readonly windows: number;
  readonly firstWindowEnd: string | null;
  readonly lastWindowEnd: string | null;
  readonly inputs: readonly { readonly file: string; readonly format: string; readonly records: number }[];
  readonly skippedInputs: readonly { readonly file: string; readonly reason: string }[];
  readonly readErrors: readonly string[];
  readonly records: number;
  readonly dropped: readonly { readonly reason: string; readonly count: number; readonly examples: string }[];
  readonly filtered: readonly { readonly name: string; readonly count: number }[];
  readonly filterNotes: readonly string[];
  readonly allowList: {
    readonly name: string;
    readonly rules: readonly {
      readonly label: string;
      readonly mode: string;
      readonly conditions: string;
      readonly matched: string;
      /** Whether the rule matched nothing at all, and why it could not, when known. */
      readonly never: boolean;
      readonly note?: string;
      readonly comment?: string;
    }[];
  } | null;
  readonly outsideWindows: number;
  readonly eventsCounted: number;
  readonly groups: number;
  readonly windowGroups: number;
  readonly beaconingGroups: number;
  readonly beaconingWindowGroups: number;
  readonly params: readonly { readonly name: string; readonly value: string; readonly isDefault: boolean }[];
  /** The summary as `beaconwatch scan` prints it. */
  readonly text: string;
}

export interface ReportData {
  readonly title: string;
  readonly generated: string;
  readonly version: string;
  readonly groupFields: readonly string[];
  readonly bucketSeconds: number;
  readonly bucketCount: number;
  readonly autocovarianceThreshold: number;
  readonly windowEnds: readonly number[];
  readonly findings: readonly ReportFinding[];
  /** Findings left without plots to keep the file small. */
  readonly plotsOmitted: number;
  readonly summary: ReportSummary;
}

export function buildReportData(record: ScanRecord, results: readonly ReportedResult[], options: ReportOptions): ReportData {
  const { params } = record;
  const ranked = rankFindings(results);
  const { shown, suppressed } = splitSuppressed(ranked, (f) => f.best.suppressedBy);
  const ordered = [...shown, ...suppressed];
  const history = record.windows.length > 1 ? scoreHistory(results, record.windows.length) : undefined;
  const findings = ordered.map((f, i) => reportFinding(f, i + 1, record, i < options.plots, history?.get(groupKey(f.group))));
  return {
    title: options.title,
    generated: formatTimestamp(options.generatedAtMs),
    version: options.version,
    groupFields: record.groupFields,
    bucketSeconds: params.time_bucket_length,
    bucketCount: params.number_buckets_in_range,
    autocovarianceThreshold: params.min_beaconing_count_autocovariance,
    windowEnds: record.windows.map((w) => w.endMs),
    findings,
    plotsOmitted: ordered.filter((f, i) => i >= options.plots && f.best.detail !== undefined).length,
    summary: reportSummary(record),
  };
}

function reportFinding(f: Finding<ReportedResult>, rank: number, record: ScanRecord, withPlot: boolean, history: number[] | undefined): ReportFinding {
  const { best } = f;
  const { params } = record;
  const s = best.score.stats;
  const explanation = explainScore(best, params);
  const outcome = (test: TestName): TestOutcome => explanation.tests.find((t) => t.test === test)?.outcome ?? 'fail';
  const window = record.windows[best.window] as { startMs: number; endMs: number };
  const periodic = s !== null && (s.low_count_variation || s.periodic);
  return {
    rank,
    group: f.group.map(String),
    score: s?.beaconing_score ?? 0,
    windowsFlagged: f.windowsFlagged,
    windowsSeen: f.windowsSeen,
    windowStartMs: window.startMs,
    windowEndMs: window.endMs,
    outcomes: { count: outcome('count'), periodic: outcome('periodic'), source_bytes: outcome('source_bytes'), destination_bytes: outcome('destination_bytes') },
    period: s === null ? '-' : periodText(s, params.time_bucket_length),
    periodSeconds: !periodic || s === null ? null : s.low_count_variation ? params.time_bucket_length : s.max_autocovariance_period * params.time_bucket_length,
    autocovariance: s?.autocovariance ?? 0,
    meanSourceBytes: s === null || !best.bytesSeen.source ? null : s.mean_source_bytes,
    meanDestinationBytes: s === null || !best.bytesSeen.destination ? null : s.mean_destination_bytes,
    destinations: best.destinationIps,
    ...(best.suppressedBy === undefined ? {} : { suppressedBy: best.suppressedBy }),
    verdict: explanation.verdict,
    flip: explanation.flip,
    periodText: explanation.period.text,
    interval: best.score.interval,
    nonEmptyBuckets: best.score.nonEmptyBuckets,
    tests: explanation.tests.map((t) => ({
      test: t.test,
      title: t.title,
      flag: t.flag,
      outcome: t.outcome,
      parameter: t.parameter,
      threshold: t.threshold,
      value: t.value ?? null,
      limit: t.limit ?? null,
      reading: t.reading,
      flip: t.flip,
    })),
    ...(withPlot && best.detail !== undefined ? { plot: plotData(best.detail, best.bytesSeen) } : {}),
    ...(history === undefined ? {} : { history }),
  };
}

/** Sparse, rounded series: enough for a plot, a fraction of the size. */
function plotData(detail: GroupDetail, bytesSeen: { source: boolean; destination: boolean }): ReportPlot {
  const { counts, sourceBytes, destinationBytes } = detail.series;
  const buckets: number[] = [];
  for (let k = 0; k < counts.length; k++) if (counts[k] !== 0) buckets.push(k);
  const perConnection = (sums: Float64Array) => buckets.map((k) => Math.round(((sums[k] as number) / (counts[k] as number)) * 10) / 10);
  return {
    buckets,
    counts: buckets.map((k) => counts[k] as number),
    ...(bytesSeen.source ? { sourceBytes: perConnection(sourceBytes) } : {}),
    ...(bytesSeen.destination ? { destinationBytes: perConnection(destinationBytes) } : {}),
    autocorrelation: Array.from(detail.autocorrelation, (r) => Math.round(r * 1e4) / 1e4),
  };
}

function scoreHistory(results: readonly ReportedResult[], windows: number): Map<string, number[]> {
  const byGroup = new Map<string, number[]>();
  for (const r of results) {
    const key = groupKey(r.group);
    let scores = byGroup.get(key);
    if (scores === undefined) {
      scores = new Array<number>(windows).fill(-1);
      byGroup.set(key, scores);
    }
    const s = r.score.stats;
    scores[r.window] = s !== null && s.is_beaconing ? s.beaconing_score : 0;
  }
  return byGroup;
}

function reportSummary(record: ScanRecord): ReportSummary {
  const s = record.summary;
  const { windows } = record;
  const first = windows[0];
  const last = windows[windows.length - 1];
  const ruleFilters = new Set(record.allowList?.rules.flatMap((r) => (r.filter === undefined ? [] : [r.filter])));
  const dropped = [
    ...[...s.badRecords.values()].map((t) => ({
      reason: `${t.reason}${t.field === undefined ? '' : ` in ${t.field}`}`,
      count: t.count,
      examples: t.examples.map((e) => `${e.file}:${e.line}`).join(', ') + (t.count > t.examples.length ? ', ...' : ''),
    })),
    ...(s.duplicates > 0 ? [{ reason: 'duplicate connection (same event.id / Zeek uid), counted once', count: s.duplicates, examples: '' }] : []),
    ...[...s.otherRecords].sort((a, b) => b[1] - a[1]).map(([kind, count]) => ({ reason: `${kind} records (not connections)`, count, examples: '' })),
    ...[...s.missingGroupField].map(([field, count]) => ({ reason: `without a group: missing ${field}`, count, examples: '' })),
  ];
  return {
    engine: record.engine,
    filters: record.filters,
    groupFields: record.groupFields,
    windows: windows.length,
    firstWindowEnd: first === undefined ? null : formatTimestamp(first.endMs),
    lastWindowEnd: last === undefined ? null : formatTimestamp(last.endMs),
    inputs: s.inputs,
    skippedInputs: s.skippedInputs,
    readErrors: s.readErrors.map((e) => `${e.file} stopped after line ${e.line}: ${e.message}`),
    records: s.records,
    dropped,
    filtered: [...s.filtered].filter(([name]) => !ruleFilters.has(name)).map(([name, count]) => ({ name, count })),
    filterNotes: s.filterNotes,
    allowList:
      record.allowList === undefined
        ? null
        : {
            name: record.allowList.name,
            rules: record.allowList.rules.map((r) => ({
              label: r.label,
              mode: r.mode,
              conditions: r.conditions,
              matched: r.mode === 'pre' ? `${quantity(r.matched, 'event')} removed` : `${quantity(r.matched, 'finding')} suppressed (${quantity(r.groups ?? 0, 'group')} matched)`,
              never: neverMatched(r),
              ...(r.never === undefined ? {} : { note: r.never }),
              ...(r.comment === undefined ? {} : { comment: r.comment }),
            })),
          },
    outsideWindows: s.outsideWindows,
    eventsCounted: s.eventsCounted,
    groups: s.groups,
    windowGroups: s.windowGroups,
    beaconingGroups: s.beaconingGroups,
    beaconingWindowGroups: s.beaconingWindowGroups,
    params: PARAM_NAMES.map((name) => ({
      name,
      value: JSON.stringify(record.params[name]),
      isDefault: JSON.stringify(record.params[name]) === JSON.stringify(DEFAULT_PARAMS[name]),
    })),
    text: formatRunSummary(s, {
      engine: record.engine,
      filters: record.filters,
      groupFields: record.groupFields,
      windows: windows.length,
      ...(first === undefined || last === undefined ? {} : { firstWindowEnd: formatTimestamp(first.endMs), lastWindowEnd: formatTimestamp(last.endMs) }),
      ...(record.allowList === undefined ? {} : { allowList: record.allowList }),
    }),
  };
}
