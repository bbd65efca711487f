/**
 * Result documents into the results index with bulk requests. A request
 * that fails as a whole with 429 or 5xx (or no answer) is sent again, and
 * so is every document the cluster answered 429 or 5xx for, with doubling
 * pauses; any other refusal, or a document still refused after the last
 * try, is a failure in the report. Nothing is dropped silently.
 *
 * Ids come from the group and `@timestamp` (spec section 5), so writing the
 * same window again rewrites its documents instead of adding copies.
 */
import { createHash } from 'node:crypto';
import { formatTimestamp } from '../decode/timestamp.js';
import type { GroupValue } from '../group/groupCatalog.js';
import type { GroupResult, ScanOutcome } from '../scan/scanOptions.js';
import { resultDocument, type ResultDocument } from '../sink/resultDocument.js';
import type { ScoringWindow } from '../window/windowPlan.js';
import type { ResultIndexNames } from './resultIndex.js';
import { ClusterError, ResultsNotWrittenError } from './searchErrors.js';
import type { Json, SearchClient } from './searchClient.js';

export interface RetryPolicy {
  /** Tries per document, the first included (default 5). */
  readonly attempts: number;
  /** Pause before the first retry; each next one doubles, up to `maxDelayMs` (defaults 500 ms, 30 s). */
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = Object.freeze({ attempts: 5, firstDelayMs: 500, maxDelayMs: 30_000 });

/** One document to write. */
export interface ResultEntry {
  readonly id: string;
  readonly doc: ResultDocument;
  /** The group and window, for reports: `host.name=ws-1 process.name=a.exe @ 2026-...`. */
  readonly label: string;
}

export interface WriteFailure {
  readonly id: string;
  readonly label: string;
  /** HTTP status of the last answer for this document; undefined when there was none. */
  readonly status: number | undefined;
  readonly reason: string;
}

export interface WriteReport {
  readonly index: string;
  readonly written: number;
  readonly failed: readonly WriteFailure[];
  /** Requests or documents sent again after a 429, 5xx or lost connection. */
  readonly retries: number;
}

export interface ResultWriterOptions {
  /** Make the documents searchable before returning (`refresh=wait_for`). */
  readonly refresh?: boolean;
  readonly retry?: RetryPolicy;
  /** Documents per bulk request (default 1000). */
  readonly batchSize?: number;
  /** Waits between tries; tests pass one that does not. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** `_id` of a result: a hash of the group fields, their values and `@timestamp`. */
export function resultDocumentId(groupFields: readonly string[], group: readonly GroupValue[], timestamp: string): string {
  return createHash('sha256').update(JSON.stringify([groupFields, group.map(String), timestamp])).digest('base64url');
}

export interface ResultEntryOptions {
  /** Only the results of these windows (by index). */
  readonly windows?: ReadonlySet<number>;
  /** How a result becomes a document (default `resultDocument`; a command adds what it knows, e.g. an allow-list's suppression). */
  readonly documentOf?: (result: GroupResult, window: ScoringWindow) => ResultDocument;
}

/**
 * The documents of a scan, ready to write. Every document carries
 * `event.ingested`, which the package's detection rule keys on: the
 * events' latest, or `writeTimeMs` when none of them had one.
 */
export function resultEntries(outcome: ScanOutcome, writeTimeMs: number, options: ResultEntryOptions = {}): ResultEntry[] {
  const entries: ResultEntry[] = [];
  const documentOf = options.documentOf ?? ((r: GroupResult, window: ScoringWindow) => resultDocument(r, outcome.groupFields, window));
  for (const r of outcome.results) {
    if (options.windows !== undefined && !options.windows.has(r.window)) continue;
    const window = outcome.windows[r.window];
    if (window === undefined) throw new Error(`result for unknown window ${r.window}`);
    const doc = documentOf(r, window);
    // A group field under `event.` (say event.dataset) makes the object
    // without making `event.ingested`.
    const event = (doc['event'] ??= {}) as Record<string, unknown>;
    event['ingested'] ??= formatTimestamp(writeTimeMs);
    const timestamp = doc['@timestamp'] as string;
    const label = `${outcome.groupFields.map((f, i) => `${f}=${String(r.group[i])}`).join(' ')} @ ${timestamp} (window ending ${formatTimestamp(window.endMs)})`;
    entries.push({ id: resultDocumentId(outcome.groupFields, r.group, timestamp), doc, label });
  }
  return entries;
}

export class ResultWriter {
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly client: SearchClient,
    private readonly names: ResultIndexNames,
    private readonly options: ResultWriterOptions = {},
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async write(entries: readonly ResultEntry[]): Promise<WriteReport> {
    const size = this.options.batchSize ?? 1000;
    let written = 0;
    let retries = 0;
    const failed: WriteFailure[] = [];
    for (let start = 0; start < entries.length; start += size) {
      const batch = await this.writeBatch(entries.slice(start, start + size));
      written += batch.written;
      retries += batch.retries;
      failed.push(...batch.failed);
    }
    return { index: this.names.index, written, failed, retries };
  }

  private async writeBatch(batch: readonly ResultEntry[]): Promise<WriteReport> {
    let pending = batch;
    let written = 0;
    let retries = 0;
    const failed: WriteFailure[] = [];
    for (let attempt = 1; pending.length > 0; attempt++) {
      const last = attempt >= this.retry.attempts;
      const operations: Json[] = pending.flatMap((e) => [{ index: { _index: this.names.index, _id: e.id } }, e.doc]);
      let items;
      try {
        items = await this.client.bulk(operations, this.options.refresh === true);
      } catch (err) {
        if (!(err instanceof ClusterError)) throw err;
        if (err.transient && !last) {
          retries += pending.length;
          await this.pause(attempt);
          continue;
        }
        failed.push(...pending.map((e) => ({ id: e.id, label: e.label, status: err.status, reason: err.message })));
        break;
      }
      const again: ResultEntry[] = [];
      pending.forEach((entry, k) => {
        const item = items[k];
        if (item === undefined) {
          failed.push({ id: entry.id, label: entry.label, status: undefined, reason: 'the bulk answer has no item for this document' });
        } else if (item.status >= 200 && item.status < 300) written++;
        else if ((item.status === 429 || item.status >= 500) && !last) again.push(entry);
        else failed.push({ id: entry.id, label: entry.label, status: item.status, reason: itemReason(item.error) });
      });
      if (again.length > 0) {
        retries += again.length;
        await this.pause(attempt);
      }
      pending = again;
    }
    return { index: this.names.index, written, failed, retries };
  }

  private pause(attempt: number): Promise<void> {
    return this.sleep(Math.min(this.retry.maxDelayMs, this.retry.firstDelayMs * 2 ** (attempt - 1)));
  }
}

function itemReason(error: { type?: string; reason?: string; caused_by?: { type?: string; reason?: string } } | undefined): string {
  if (error === undefined) return 'refused without a reason';
  const cause = error.caused_by === undefined ? '' : ` (${error.caused_by.type ?? 'cause'}: ${error.caused_by.reason ?? ''})`;
  return `${error.type ?? 'error'}: ${error.reason ?? ''}${cause}`;
}

/** The report as text: counts, then every failure (documents are never dropped silently). */
export function formatWriteReport(report: WriteReport): string {
  const lines = [`results written to ${report.index}: ${report.written.toLocaleString('en-US')} documents${report.retries > 0 ? ` (${report.retries} sent again after 429/5xx)` : ''}`];
  if (report.failed.length > 0) {
    lines.push(`NOT written: ${report.failed.length.toLocaleString('en-US')} documents:`);
    for (const f of report.failed) lines.push(`  ${f.label}: ${f.status === undefined ? '' : `HTTP ${f.status} `}${f.reason} (_id ${f.id})`);
  }
  return `${lines.join('\n')}\n`;
}

/** A report with failures as the error that makes the exit code non-zero (after the report is printed). */
export function throwIfNotWritten(report: WriteReport): void {
  if (report.failed.length === 0) return;
  const first = report.failed[0] as WriteFailure;
  throw new ResultsNotWrittenError(
    `${report.failed.length.toLocaleString('en-US')} of ${(report.written + report.failed.length).toLocaleString('en-US')} result documents were not written to ${report.index} (first: ${first.label}: ${first.reason})`,
    report.failed.length,
  );
}
