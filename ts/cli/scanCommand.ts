/** `beaconwatch scan`: run a scan, write the documents (and details), print summary and findings. */
import { formatTimestamp } from '../decode/timestamp.js';
import { applyAllowList, groupKey, type AllowListOutcome } from '../filter/allowListSuppression.js';
import { detailsLines } from '../report/detailsFile.js';
import type { ScanRecord } from '../report/scanRecord.js';
import { runScan, type GroupResult, type ScanOptions, type ScanOutcome } from '../scan/scanRun.js';
import { formatWriteReport, resultEntries, throwIfNotWritten } from '../search/resultWriter.js';
import { prepareSearchScan, SearchSession } from '../search/searchScan.js';
import { formatFindingsTable, rankFindings, splitSuppressed } from '../sink/findingsTable.js';
import { writeNdjson } from '../sink/ndjsonSink.js';
import { checkOutputPath } from '../sink/outputFile.js';
import { ProgressDisplay } from '../sink/progressDisplay.js';
import { resultDocument } from '../sink/resultDocument.js';
import { formatRunSummary } from '../sink/summaryReport.js';
import { parseScanArgs, type ScanCommand } from './scanArgs.js';

export async function scanCommand(args: readonly string[]): Promise<void> {
  const command = parseScanArgs(args);
  if (command.out !== undefined && command.out !== '-') checkOutputPath(command.out, 'out');
  if (command.details !== undefined) checkOutputPath(command.details, 'details');
  const { read, write } = command.search;
  if (read === undefined && write === undefined) {
    await writeOutputs(command, await runScanCommand(command.scan));
    return;
  }
  const session = await SearchSession.open(read, write);
  try {
    // The cluster's fields and the results index are checked before anything is read.
    const prepared = await prepareSearchScan(command.scan, session);
    const scan = await runScanCommand(await prepared.scanOptions(command.scan.windows));
    await writeOutputs(command, scan);
    if (session.write === undefined) return;
    const entries = resultEntries(scan.outcome, Date.now(), {
      documentOf: (r, window) => resultDocument(r, scan.outcome.groupFields, window, suppressionOf(scan, r)),
    });
    const report = await session.writeResults(entries);
    process.stderr.write(formatWriteReport(report));
    throwIfNotWritten(report);
  } finally {
    await session.close();
  }
}

/** The result documents (to stdout unless --out says otherwise; not at all when they go to a cluster and --out is absent), details, report. */
async function writeOutputs(command: ScanCommand, scan: CompletedScan): Promise<void> {
  if (command.out !== undefined || command.search.write === undefined) await writeNdjson(resultDocuments(scan), command.out);
  if (command.details !== undefined) await writeNdjson(detailsLines(scan.record, scan.outcome.results), command.details);
  process.stderr.write(scanReport(scan, command.top));
}

/** A finished scan with what the commands print and write about it. */
export interface CompletedScan {
  readonly options: ScanOptions;
  readonly outcome: ScanOutcome;
  /** The allow-list's counts and the groups its `post` rules suppressed. */
  readonly allowList?: AllowListOutcome;
  readonly record: ScanRecord;
}

/**
 * Runs a scan for a command: progress on standard error when it is a
 * terminal (erased before anything else is printed), then the allow-list's
 * `post` rules over the results.
 */
export async function runScanCommand(options: ScanOptions): Promise<CompletedScan> {
  const progress = ProgressDisplay.forStream(process.stderr);
  let outcome: ScanOutcome;
  try {
    outcome = await runScan(progress === undefined ? options : { ...options, onProgress: progress.update });
  } finally {
    progress?.finish();
  }
  const allowList = options.allowList === undefined ? undefined : applyAllowList(options.allowList, outcome.groupFields, outcome.results, outcome.summary.filtered);
  const record: ScanRecord = {
    params: options.params,
    filters: options.filters.name,
    engine: options.engine,
    groupFields: outcome.groupFields,
    windows: outcome.windows,
    summary: outcome.summary,
    ...(allowList === undefined ? {} : { allowList }),
  };
  return { options, outcome, ...(allowList === undefined ? {} : { allowList }), record };
}

/** The allow-list rule that suppressed a result's group, if one did. */
export function suppressionOf(scan: Pick<CompletedScan, 'allowList'>, result: Pick<GroupResult, 'group'>): string | undefined {
  return scan.allowList?.suppressed.get(groupKey(result.group));
}

export function* resultDocuments(scan: Pick<CompletedScan, 'outcome' | 'allowList'>): Generator<object> {
  const { outcome } = scan;
  for (const r of outcome.results) {
    yield resultDocument(r, outcome.groupFields, outcome.windows[r.window] as (typeof outcome.windows)[number], suppressionOf(scan, r));
  }
}

/** Summary and ranked findings, as printed on standard error; findings the allow-list suppressed are counted, not listed. */
export function scanReport(scan: CompletedScan, top: number): string {
  const { outcome, options } = scan;
  const { shown, suppressed } = splitSuppressed(rankFindings(outcome.results), (f) => suppressionOf(scan, f.best));
  const table = formatFindingsTable(shown, outcome.groupFields, options.params.time_bucket_length, top);
  const hidden = suppressed.length === 0 ? '' : `${suppressed.length} more beaconing group${suppressed.length === 1 ? '' : 's'} suppressed by the allow-list (marked beaconwatch.suppressed_by in the result documents)\n`;
  return `${summaryText(scan)}\nTop findings\n${table}${hidden}`;
}

/** The run summary of a finished scan. */
export function summaryText(scan: CompletedScan): string {
  const { outcome, options } = scan;
  const { windows } = outcome;
  return formatRunSummary(outcome.summary, {
    engine: options.engine,
    filters: options.filters.name,
    groupFields: outcome.groupFields,
    windows: windows.length,
    ...(windows.length > 0
      ? { firstWindowEnd: formatTimestamp((windows[0] as { endMs: number }).endMs), lastWindowEnd: formatTimestamp((windows[windows.length - 1] as { endMs: number }).endMs) }
      : {}),
    ...(scan.allowList === undefined ? {} : { allowList: scan.allowList }),
  });
}
