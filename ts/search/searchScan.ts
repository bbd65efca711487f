/**
 * A scan whose events come from a search cluster, and whose results may go
 * to one: connect, check the indices' fields, prepare the results index
 * (so a conflicting mapping stops the run before any scoring), fix the
 * windows, read (documents, or buckets the cluster aggregated), score,
 * write. Both read modes give the same results, bit for bit.
 */
import { ECS_FIELDS_READ } from '../decode/ecsFields.js';
import type { CarriedFields } from '../decode/networkEvent.js';
import { ConfigError, InputError } from '../errors.js';
import type { FilterConfig } from '../filter/filterConfig.js';
import { runScan } from '../scan/scanRun.js';
import type { ScanOptions, ScanOutcome, WindowRequest } from '../scan/scanOptions.js';
import { WindowPlan, type ScoringWindow } from '../window/windowPlan.js';
import type { ClusterConnection } from './clusterConnection.js';
import { connectCluster, type ConnectedCluster } from './connectCluster.js';
import { DEFAULT_PAGING, type PagingOptions } from './documentPages.js';
import { eventQuery, type EventTimeRange } from './eventQuery.js';
import { inspectIndexFields } from './indexFields.js';
import { pushDownSource } from './pushDownSource.js';
import { prepareResultIndex, resultIndexNames, type ResultIndexNames } from './resultIndex.js';
import { resultEntries, ResultWriter, type ResultEntry, type RetryPolicy, type WriteReport } from './resultWriter.js';
import type { SearchClient } from './searchClient.js';
import { defaultGroupFields, searchRecordSource } from './searchRecordSource.js';

export type ReadMode = 'stream' | 'aggregate';

export interface SearchReadOptions {
  readonly connection: ClusterConnection;
  /** Index name or pattern (`logs-*`), comma-separated for several. */
  readonly index: string;
  /** `stream`: documents are read and bucketed here; `aggregate`: the cluster builds the buckets. */
  readonly mode: ReadMode;
  readonly paging?: PagingOptions;
  /** Composite buckets per page in aggregate mode. */
  readonly compositePageSize?: number;
}

export interface SearchWriteOptions {
  readonly connection: ClusterConnection;
  /** `ml_beaconing` by default: index `<prefix>-<schema>`, aliases `<prefix>.all` and `<prefix>.latest`. */
  readonly prefix?: string;
  readonly refresh?: boolean;
  readonly retry?: RetryPolicy;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** A scan's options, less what the cluster provides (sources; inputs are optional). */
export type SearchScanOptions = Omit<ScanOptions, 'inputs' | 'recordSources' | 'aggregatedSources'> & { readonly inputs?: readonly string[] };

export interface SearchScanResult {
  readonly outcome: ScanOutcome;
  /** Present when results were written. */
  readonly written?: WriteReport;
}

/** Connected clusters of a search scan, closed together. */
export class SearchSession {
  private constructor(
    readonly read: (ConnectedCluster & { readonly index: string; readonly options: SearchReadOptions }) | undefined,
    readonly write: (ConnectedCluster & { readonly names: ResultIndexNames; readonly options: SearchWriteOptions }) | undefined,
  ) {}

  static async open(read: SearchReadOptions | undefined, write: SearchWriteOptions | undefined): Promise<SearchSession> {
    const readCluster = read === undefined ? undefined : await connectCluster(read.connection);
    try {
      const writeCluster = write === undefined ? undefined : await connectCluster(write.connection);
      return new SearchSession(
        readCluster === undefined || read === undefined ? undefined : { ...readCluster, index: read.index, options: read },
        writeCluster === undefined || write === undefined ? undefined : { ...writeCluster, names: resultIndexNames(write.prefix), options: write },
      );
    } catch (err) {
      await readCluster?.client.close();
      throw err;
    }
  }

  /** A session over clusters already connected (clients built elsewhere, e.g. with a test connection). */
  static of(read: (ConnectedCluster & { readonly options: SearchReadOptions }) | undefined, write: (ConnectedCluster & { readonly options: SearchWriteOptions }) | undefined): SearchSession {
    return new SearchSession(
      read === undefined ? undefined : { ...read, index: read.options.index },
      write === undefined ? undefined : { ...write, names: resultIndexNames(write.options.prefix) },
    );
  }

  /** Writes result documents to the results index (prepared by `prepareSearchScan`); the report lists every failure. */
  async writeResults(entries: readonly ResultEntry[]): Promise<WriteReport> {
    if (this.write === undefined) throw new Error('no cluster to write results to');
    return new ResultWriter(this.write.client, this.write.names, writerOptions(this.write.options)).write(entries);
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.read?.client.close(), this.write?.client.close()]);
  }
}

/** Score once: the scan's windows over the read cluster's index (and any file inputs), results written when a write cluster is given. */
export async function runSearchScan(options: SearchScanOptions, session: SearchSession): Promise<SearchScanResult> {
  const prepared = await prepareSearchScan(options, session);
  const outcome = await runScan(await prepared.scanOptions(options.windows));
  if (session.write === undefined) return { outcome };
  return { outcome, written: await session.writeResults(resultEntries(outcome, Date.now())) };
}

export interface PreparedSearchScan {
  /** The grouping, when known before reading: given, or the read index's default (files alone: their format's, found later). */
  readonly groupFields: readonly string[] | undefined;
  /** The scan's options for some windows, with the cluster's sources for them. */
  scanOptions(windows: WindowRequest): Promise<ScanOptions>;
  /** Whether any document of the read index is in these windows and passes the filters (a quiet hour has none). */
  hasEvents(windows: WindowRequest): Promise<boolean>;
}

/**
 * The checks that come before any scoring: the indices' fields, the group
 * fields, the results index. What remains per run is the windows.
 */
export async function prepareSearchScan(options: SearchScanOptions, session: SearchSession): Promise<PreparedSearchScan> {
  const read = session.read;
  if (read?.options.mode === 'aggregate') refuseEventRulesInPushDown(options);
  const fields =
    read === undefined
      ? undefined
      : await inspectIndexFields(read.client, read.index, {
          filters: options.filters,
          groupFields: options.groupBy ?? [],
          aggregate: read.options.mode === 'aggregate',
        });
  // The grouping, before the results index is prepared: given, or the index's default. Files alone
  // group by their format's default, found when they are read; every format's default is in the schema.
  const groupFields = options.groupBy ?? (fields === undefined ? undefined : defaultGroupFields(fields.carries));
  if (read !== undefined && groupFields !== undefined && options.groupBy === undefined && read.options.mode === 'aggregate') {
    await inspectIndexFields(read.client, read.index, { filters: options.filters, groupFields, aggregate: true });
  }
  if (session.write !== undefined) await prepareResultIndex(session.write.client, session.write.names, groupFields ?? []);
  // The scan's own look-back (scanRun.ts): the filters' window, else the buckets end to end.
  const lookbackMs = (options.filters.windowSeconds ?? options.params.time_bucket_length * options.params.number_buckets_in_range) * 1000;
  return {
    groupFields,
    async scanOptions(request: WindowRequest): Promise<ScanOptions> {
      const base: ScanOptions = { ...options, inputs: options.inputs ?? [], ...(groupFields === undefined ? {} : { groupBy: groupFields }) };
      if (read === undefined || fields === undefined || groupFields === undefined) return base;
      const windows = await resolveWindows(request, lookbackMs, () => latestEventMs(read.client, read.index, options.filters, fields.carries));
      const scan: ScanOptions = { ...base, windows: windows.request };
      if (read.options.mode === 'stream') {
        const source = searchRecordSource(read.client, read.index, {
          request: { query: eventQuery(options.filters, fields.carries, windows.readRange), sourceFields: [...new Set([...ECS_FIELDS_READ, ...groupFields])] },
          paging: read.options.paging ?? DEFAULT_PAGING,
          carries: fields.carries,
        });
        return { ...scan, recordSources: [source] };
      }
      const source = pushDownSource(read.client, read.index, {
        filters: options.filters,
        carries: fields.carries,
        params: options.params,
        groupFields,
        windows: windows.windows,
        ...(read.options.compositePageSize === undefined ? {} : { pageSize: read.options.compositePageSize }),
      });
      return { ...scan, aggregatedSources: [source] };
    },
    async hasEvents(request: WindowRequest): Promise<boolean> {
      if (read === undefined || fields === undefined) return true;
      const { readRange } = await resolveWindows(request, lookbackMs, () => latestEventMs(read.client, read.index, options.filters, fields.carries));
      const answer = await read.client.search({ index: read.index, body: { size: 0, track_total_hits: 1, query: eventQuery(options.filters, fields.carries, readRange) } });
      return (answer.hits.total?.value ?? 0) > 0;
    },
  };
}

/**
 * Rules that remove events (an allow-list's `pre` rules) run in the scan,
 * on events; push-down hands the scan buckets, so they would not run, and
 * the results would differ from streaming mode. Refused instead.
 */
function refuseEventRulesInPushDown(options: SearchScanOptions): void {
  const rules = (options as { readonly allowList?: { readonly rules: readonly { readonly mode: string }[] } }).allowList?.rules ?? [];
  const pre = rules.filter((r) => r.mode === 'pre').length;
  if (pre > 0) throw new ConfigError(`the allow-list has ${pre} rule(s) that remove events before scoring, which the cluster cannot run in push-down mode: use --mode stream`, 'mode');
}

export function writerOptions(options: SearchWriteOptions): ConstructorParameters<typeof ResultWriter>[2] {
  return {
    ...(options.refresh === undefined ? {} : { refresh: options.refresh }),
    ...(options.retry === undefined ? {} : { retry: options.retry }),
    ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
  };
}

interface ResolvedWindows {
  /** Always with a known end: the latest event's time is looked up, not left to the scan. */
  readonly request: WindowRequest;
  readonly windows: readonly (ScoringWindow & { readonly range: EventTimeRange })[];
  /** What a streaming read must fetch to cover every window. */
  readonly readRange: EventTimeRange;
}

/**
 * The windows of a request, each with the time range its query covers: a
 * single window has no upper bound (as the transform's query), replayed
 * windows end at their end (spec section 6, README "Windows").
 */
export async function resolveWindows(request: WindowRequest, lookbackMs: number, latest: () => Promise<number>): Promise<ResolvedWindows> {
  const known: WindowRequest = 'fromMs' in request || request.nowMs !== undefined ? request : { nowMs: await latest() };
  const plan = WindowPlan.fromRequest(known, lookbackMs) as WindowPlan;
  const windows = plan.windows.map((w) => ({ ...w, range: plan.replay ? { fromMs: w.startMs, toMs: w.endMs } : { fromMs: w.startMs } }));
  const first = windows[0] as (typeof windows)[number];
  const last = windows[windows.length - 1] as (typeof windows)[number];
  return { request: known, windows, readRange: plan.replay ? { fromMs: first.startMs, toMs: last.endMs } : { fromMs: first.startMs } };
}

/** The latest `@timestamp` among the documents the filters select: the window's end when none is given. */
export async function latestEventMs(client: SearchClient, index: string, filters: FilterConfig, carries: CarriedFields): Promise<number> {
  const answer = await client.search({ index, body: { size: 0, track_total_hits: false, query: eventQuery(filters, carries, undefined), aggs: { latest: { max: { field: '@timestamp' } } } } });
  const latest = (answer.aggregations?.['latest'] as { value: number | null } | undefined)?.value;
  if (latest === null || latest === undefined) throw new InputError(`${client.target} ${index}: no document matches the filters (${filters.name}), so there is no latest event to end the window at`);
  return Math.floor(latest);
}

