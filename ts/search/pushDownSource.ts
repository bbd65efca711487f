/**
 * Push-down mode: the cluster builds each group's buckets and the scan
 * merges them exactly as it merges a worker's partial state. Per window,
 * three composite aggregations, each paged to the end:
 *
 * 1. per group: the latest `@timestamp` and `event.ingested`, the event
 *    count, whether byte counts were seen, and the value counts that tell
 *    a multi-valued field;
 * 2. per group, under it a date histogram aligned on the window end (see
 *    `bucketAlignment.ts`): per bucket, events and the sums of source and
 *    destination bytes;
 * 3. per group and destination IP: events in the buckets.
 *
 * Each pass yields partial groups; merging adds counts and sums and keeps
 * the latest times, so the three halves make the same state the events
 * would have made. Every count is exact: composite and histogram buckets
 * count documents, not estimates (unlike a `terms` sub-aggregation).
 *
 * Limits, all refused with an error rather than answered differently:
 * a document with several values in `@timestamp`, `source.bytes`,
 * `destination.bytes` or `destination.ip` (the reference reads the smallest
 * value; a histogram or a sum reads them all); a byte sum per bucket above
 * 2^53 (the cluster sums in doubles). Not detected: a record indexed twice
 * with the same `event.id` counts twice here, once in streaming mode.
 */
import type { CarriedFields } from '../decode/networkEvent.js';
import { parseIp } from '../decode/ipAddress.js';
import { InputError } from '../errors.js';
import type { FilterConfig } from '../filter/filterConfig.js';
import type { GroupValue } from '../group/groupCatalog.js';
import type { BeaconParams } from '../params/beaconParams.js';
import type { AggregatedGroup, AggregatedSource } from '../scan/scanOptions.js';
import type { ScoringWindow } from '../window/windowPlan.js';
import { bucketAlignment } from './bucketAlignment.js';
import { compositePages, type CompositeBucket } from './compositePages.js';
import { eventQuery, type EventTimeRange } from './eventQuery.js';
import { defaultGroupFields } from './searchRecordSource.js';
import type { SearchClient } from './searchClient.js';

export interface PushDownOptions {
  readonly filters: FilterConfig;
  readonly carries: CarriedFields;
  readonly params: BeaconParams;
  readonly groupFields: readonly string[];
  /** The run's windows, with the time range each one's query covers. */
  readonly windows: readonly (ScoringWindow & { readonly range: EventTimeRange })[];
  /** Composite buckets per page (default 10,000; fewer for the histogram pass, see `groupsPerHistogramPage`). */
  readonly pageSize?: number;
}

interface HistogramBucket {
  readonly key: number;
  readonly doc_count: number;
  readonly [aggregation: string]: unknown;
}

/**
 * The default `search.max_buckets` of OpenSearch 2.x (Elasticsearch allows
 * one more): a response holding more buckets is refused by the cluster.
 */
const MAX_BUCKETS = 65_535;

const EMPTY: readonly never[] = [];

export function pushDownSource(client: SearchClient, index: string, options: PushDownOptions): AggregatedSource {
  return {
    name: `${client.target}/${index}`,
    format: `${client.engine} aggregation`,
    defaultGroupBy: defaultGroupFields(options.carries),
    async *groups(): AsyncIterable<AggregatedGroup> {
      for (let w = 0; w < options.windows.length; w++) yield* windowGroups(client, index, options, w);
    },
  };
}

async function* windowGroups(client: SearchClient, index: string, options: PushDownOptions, window: number): AsyncGenerator<AggregatedGroup> {
  const w = options.windows[window] as PushDownOptions['windows'][number];
  const { groupFields, params } = options;
  const size = options.pageSize ?? 10_000;
  const query = eventQuery(options.filters, options.carries, w.range);
  const groupSources = groupFields.map((field, i) => ({ [`g${i}`]: { terms: { field } } }));
  const groupOf = (b: CompositeBucket): GroupValue[] => groupFields.map((field, i) => groupValue(field, b.key[`g${i}`]));
  const where = `${client.target} ${index}`;

  // 1. Latest times, counts, and the checks for multi-valued fields.
  const exists = (field: string) => ({ filter: { exists: { field } } });
  const metrics = {
    latest: { max: { field: '@timestamp' } },
    ingested: { max: { field: 'event.ingested' } },
    timestamps: { value_count: { field: '@timestamp' } },
    source_values: { value_count: { field: 'source.bytes' } },
    source_docs: exists('source.bytes'),
    destination_values: { value_count: { field: 'destination.bytes' } },
    destination_docs: exists('destination.bytes'),
    ip_values: { value_count: { field: 'destination.ip' } },
    ip_docs: exists('destination.ip'),
  };
  for await (const page of compositePages(client, index, { query, sources: groupSources, aggregations: metrics, size })) {
    for (const b of page) {
      const group = groupOf(b);
      const value = (name: string) => (b[name] as { value: number | null }).value;
      const docs = (name: string) => (b[name] as { doc_count: number }).doc_count;
      const multiValued = [
        ['@timestamp', value('timestamps'), b.doc_count],
        ['source.bytes', value('source_values'), docs('source_docs')],
        ['destination.bytes', value('destination_values'), docs('destination_docs')],
        ['destination.ip', value('ip_values'), docs('ip_docs')],
      ].find(([, values, documents]) => (values as number) > (documents as number));
      if (multiValued !== undefined) {
        throw new InputError(
          `${where}: group ${JSON.stringify(group)} has events with several values in ${multiValued[0]}, where the statistics read the smallest one; ` +
            'the cluster cannot aggregate that exactly: score this index with --mode stream',
          undefined,
          undefined,
          multiValued[0] as string,
        );
      }
      const latest = value('latest');
      const ingested = value('ingested');
      if (latest === null) throw new Error(`group ${JSON.stringify(group)} has events but no latest @timestamp`);
      yield {
        window,
        group,
        cells: EMPTY,
        destinationIps: EMPTY,
        maxTimestampMs: Math.floor(latest),
        maxIngestedMs: ingested === null ? NaN : Math.floor(ingested),
        bytesSeen: { source: (value('source_values') ?? 0) > 0, destination: (value('destination_values') ?? 0) > 0 },
        events: b.doc_count,
      };
    }
  }

  // 2. and 3. only see the events that fall in a bucket.
  const align = bucketAlignment(w.endMs, params.time_bucket_length, params.number_buckets_in_range);
  const bucketed = { bool: { filter: [query, { range: { '@timestamp': { gte: align.fromMs, lt: align.toMs, format: 'epoch_millis' } } }] } };
  // Empty intervals are left out (min_doc_count 1), so a group's intervals are its non-empty buckets plus, at most, the quirk's.
  const histogram = {
    date_histogram: { field: '@timestamp', fixed_interval: `${align.intervalSeconds}s`, offset: `+${align.offsetMs}ms`, min_doc_count: 1 },
    aggs: { source_bytes: { sum: { field: 'source.bytes' } }, destination_bytes: { sum: { field: 'destination.bytes' } } },
  };
  for await (const page of compositePages(client, index, { query: bucketed, sources: groupSources, aggregations: { bucket: histogram }, size: groupsPerHistogramPage(size, params) })) {
    for (const b of page) {
      const group = groupOf(b);
      const intervals = (b['bucket'] as { buckets: HistogramBucket[] }).buckets;
      yield {
        window,
        group,
        // One histogram interval per bucket, except bucket 0 which may also take the quirk's interval.
        cells: intervals.map((interval) => ({
          bucket: align.bucketOfKey(interval.key),
          count: interval.doc_count,
          sourceBytes: exactSum(interval, 'source_bytes', group, where),
          destinationBytes: exactSum(interval, 'destination_bytes', group, where),
        })),
        destinationIps: EMPTY,
        maxTimestampMs: NaN,
        maxIngestedMs: NaN,
        bytesSeen: { source: false, destination: false },
        events: 0,
      };
    }
  }

  for await (const page of compositePages(client, index, { query: bucketed, sources: [...groupSources, { ip: { terms: { field: 'destination.ip' } } }], size })) {
    for (const run of runsOfGroup(page, groupFields.length)) {
      yield {
        window,
        group: groupOf(run[0] as CompositeBucket),
        cells: EMPTY,
        destinationIps: run.map((b) => [canonicalIp(b.key['ip']), b.doc_count] as const),
        maxTimestampMs: NaN,
        maxIngestedMs: NaN,
        bytesSeen: { source: false, destination: false },
        events: 0,
      };
    }
  }
}

/** Consecutive buckets of one group (the group sources come first, so a group's buckets are adjacent). */
function* runsOfGroup(page: readonly CompositeBucket[], groupSources: number): Generator<CompositeBucket[]> {
  let run: CompositeBucket[] = [];
  let runKey = '';
  for (const b of page) {
    const key = JSON.stringify(Array.from({ length: groupSources }, (_, i) => b.key[`g${i}`]));
    if (run.length > 0 && key !== runKey) {
      yield run;
      run = [];
    }
    runKey = key;
    run.push(b);
  }
  if (run.length > 0) yield run;
}

/**
 * Groups per page of the histogram pass: each group is one composite bucket
 * with, under it, at most one interval per spec bucket and the quirk's, all
 * counted against `search.max_buckets`. A page per few hundred groups costs
 * a pass over the events each, still far less than a composite source per
 * interval did (a page per few thousand cells).
 */
function groupsPerHistogramPage(size: number, params: BeaconParams): number {
  const perGroup = params.number_buckets_in_range + 2;
  if (perGroup > MAX_BUCKETS) {
    throw new InputError(`number_buckets_in_range ${params.number_buckets_in_range} gives a group more histogram buckets than a cluster answers (${MAX_BUCKETS}): use --mode stream`);
  }
  return Math.min(size, Math.floor(MAX_BUCKETS / perGroup));
}

function exactSum(b: HistogramBucket, name: string, group: readonly GroupValue[], where: string): bigint {
  const value = (b[name] as { value: number }).value;
  if (!Number.isSafeInteger(value)) {
    throw new InputError(`${where}: group ${JSON.stringify(group)} sums ${value} bytes in one bucket, beyond what the cluster sums exactly (2^53): use --mode stream`);
  }
  return BigInt(value);
}

/** A composite key as a group value: ip keys in the canonical text the streaming path groups by. */
function groupValue(field: string, key: unknown): GroupValue {
  if (typeof key === 'string' && (field === 'ip' || field.endsWith('.ip'))) return canonicalIp(key);
  if (typeof key === 'string' || typeof key === 'number' || typeof key === 'boolean') return key;
  throw new Error(`composite key of ${field} is ${JSON.stringify(key)}`);
}

function canonicalIp(key: unknown): string {
  return parseIp(String(key))?.text ?? String(key);
}

