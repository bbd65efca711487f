/** `beaconwatch scan`: run a scan, write the documents, print summary and findings. */
import { formatTimestamp } from '../decode/timestamp.js';
import { runScan, type ScanOptions, type ScanOutcome } from '../scan/scanRun.js';
import { formatFindingsTable, rankFindings } from '../sink/findingsTable.js';
import { writeNdjson } from '../sink/ndjsonSink.js';
import { resultDocument } from '../sink/resultDocument.js';
import { formatRunSummary } from '../sink/summaryReport.js';
import { parseScanArgs } from './scanArgs.js';

export async function scanCommand(args: readonly string[]): Promise<void> {
  const command = parseScanArgs(args);
  const outcome = await runScan(command.scan);
  await writeNdjson(resultDocuments(outcome), command.out);
  process.stderr.write(scanReport(outcome, command.scan, command.top));
}

export function* resultDocuments(outcome: ScanOutcome): Generator<object> {
  for (const r of outcome.results) yield resultDocument(r, outcome.groupFields, outcome.windows[r.window] as (typeof outcome.windows)[number]);
}

/** Summary and ranked findings, as printed on standard error. */
export function scanReport(outcome: ScanOutcome, options: ScanOptions, top: number): string {
  const { windows } = outcome;
  const summary = formatRunSummary(outcome.summary, {
    engine: options.engine,
    filters: options.filters.name,
    groupFields: outcome.groupFields,
    windows: windows.length,
    ...(windows.length > 0
      ? { firstWindowEnd: formatTimestamp((windows[0] as { endMs: number }).endMs), lastWindowEnd: formatTimestamp((windows[windows.length - 1] as { endMs: number }).endMs) }
      : {}),
  });
  const table = formatFindingsTable(rankFindings(outcome.results), outcome.groupFields, options.params.time_bucket_length, top);
  return `${summary}\nTop findings\n${table}`;
}
