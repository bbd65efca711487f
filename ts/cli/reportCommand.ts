/**
 * `beaconwatch report`: one self-contained HTML file of the findings, from
 * a scan it runs itself (`report INPUT... [scan options]`) or from a
 * previous scan's output (`report --results FILE --details FILE`).
 */
import { readFileSync } from 'node:fs';
import type { Settings } from '../config/settings.js';
import { UsageError } from '../errors.js';
import { readDetailsFile } from '../report/detailsFile.js';
import { buildReportData, DEFAULT_PLOTS, type ReportedResult } from '../report/reportData.js';
import { renderReportHtml } from '../report/reportHtml.js';
import { readResultsFile } from '../report/resultsFile.js';
import type { ScanRecord } from '../report/scanRecord.js';
import { checkOutputPath, writeTextWhole } from '../sink/outputFile.js';
import { formatSize } from '../sink/progressDisplay.js';
import { quantity } from '../sink/summaryReport.js';
import { CONFIG_SCHEMA } from './commandFlags.js';
import { parseCommandLine, scanOptionsFrom } from './scanArgs.js';
import { runScanCommand, scanReport, summaryText, suppressionOf } from './scanCommand.js';

export const DEFAULT_REPORT_FILE = 'beaconwatch-report.html';

export async function reportCommand(args: readonly string[]): Promise<void> {
  const settings = parseCommandLine('report', args);
  const out = settings.path('out') ?? DEFAULT_REPORT_FILE;
  const plots = settings.wholeNumber('plots', 0, 1_000_000, 'a whole number') ?? DEFAULT_PLOTS;
  const title = settings.text('title') ?? 'beaconwatch report';
  checkOutputPath(out, 'out');
  const { record, results } = await scanOrResults(settings, 'report');
  await writeReport(record, results, { out, title, plots });
}

/** Builds the report, writes it to `out`, and says so on standard error. */
export async function writeReport(record: ScanRecord, results: readonly ReportedResult[], options: { out: string; title: string; plots: number }): Promise<void> {
  const data = buildReportData(record, results, { title: options.title, generatedAtMs: Date.now(), plots: options.plots, version: packageVersion() });
  const html = renderReportHtml(data);
  await writeTextWhole(options.out, html);
  const suppressed = data.findings.filter((f) => f.suppressedBy !== undefined).length;
  process.stderr.write(
    `report written to ${options.out} (${formatSize(Buffer.byteLength(html))}): ${quantity(data.findings.length - suppressed, 'finding')}` +
      `${suppressed > 0 ? `, ${suppressed} suppressed` : ''}${data.plotsOmitted > 0 ? `; plots for the top ${options.plots} only (--plots N)` : ''}\n`,
  );
}

/**
 * The scan record and results a report or an explanation is made of: read
 * from a previous scan's files (`--results`, `--details`), or scanned now,
 * with the run summary (and the top findings) on standard error.
 */
export async function scanOrResults(settings: Settings, command: 'report' | 'explain'): Promise<{ record: ScanRecord; results: readonly ReportedResult[] }> {
  const resultsPath = settings.path('results');
  const detailsPath = settings.path('details');
  if (resultsPath === undefined) {
    if (detailsPath !== undefined) throw new UsageError('--details is read together with --results (the result documents of the same scan)');
    const scan = await runScanCommand({ ...scanOptionsFrom(settings, command), details: 'beaconing' });
    process.stderr.write(command === 'report' ? scanReport(scan, 10) : summaryText(scan));
    return { record: scan.record, results: scan.outcome.results.map((r) => withSuppression(r, suppressionOf(scan, r))) };
  }
  // The configuration file's scan settings give way to --results; on the command line they contradict it.
  for (const key of CONFIG_SCHEMA.shared) {
    const setting = settings.get(key);
    if (setting === undefined || setting.file !== undefined) continue;
    throw new UsageError(key === 'inputs' ? 'give INPUTs to scan, or --results of a previous scan, not both' : `${setting.name} is a scan option: with --results nothing is scanned`);
  }
  if (detailsPath === undefined) throw new UsageError('--results needs --details FILE, the details file the same scan wrote (beaconwatch scan --out FILE --details FILE)');
  const details = await readDetailsFile(detailsPath);
  return { record: details.record, results: await readResultsFile(resultsPath, details) };
}

export function withSuppression<R extends object>(result: R, suppressedBy: string | undefined): R & { suppressedBy?: string } {
  return suppressedBy === undefined ? result : { ...result, suppressedBy };
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

