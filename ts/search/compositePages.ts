/**
 * A composite aggregation read to the end, a page of buckets at a time,
 * each page continuing after the last one's key. Used for the push-down
 * buckets and for running a transform's pivot outside Elasticsearch.
 */
import { checkComplete } from './documentPages.js';
import type { Json, SearchClient } from './searchClient.js';

export interface CompositeBucket {
  readonly key: Readonly<Record<string, unknown>>;
  readonly doc_count: number;
  readonly [aggregation: string]: unknown;
}

export interface CompositeRequest {
  readonly query: Json;
  /** The composite's sources, in order: `[{ name: { terms: { field } } }, ...]`. */
  readonly sources: readonly Json[];
  /** Sub-aggregations of every bucket. */
  readonly aggregations?: Json;
  /** Buckets per page. */
  readonly size: number;
  readonly runtimeMappings?: Json;
}

const NAME = 'groups';

export async function* compositePages(client: SearchClient, index: string, request: CompositeRequest): AsyncGenerator<readonly CompositeBucket[]> {
  let after: Json | undefined;
  for (;;) {
    const composite: Json = { size: request.size, sources: request.sources, ...(after === undefined ? {} : { after }) };
    const body: Json = {
      size: 0,
      track_total_hits: false,
      query: request.query,
      ...(request.runtimeMappings === undefined ? {} : { runtime_mappings: request.runtimeMappings }),
      aggs: { [NAME]: { composite, ...(request.aggregations === undefined ? {} : { aggs: request.aggregations }) } },
    };
    const page = await client.search({ index, body });
    checkComplete(client, page);
    const result = page.aggregations?.[NAME] as { buckets: CompositeBucket[]; after_key?: Json } | undefined;
    if (result === undefined) throw new Error('a composite aggregation answered without its result');
    if (result.buckets.length === 0) return;
    yield result.buckets;
    if (result.after_key === undefined) return;
    after = result.after_key;
  }
}
