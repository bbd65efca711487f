/**
 * Every document a query matches, a page at a time, read by several slices
 * at once. Paging is a point in time with `search_after` where the cluster
 * has one (Elasticsearch 7.10+, OpenSearch 2.4+), a scroll otherwise.
 *
 * Sort keys: Elasticsearch pages on `_shard_doc`, unique across shards.
 * OpenSearch 2.x has no `_shard_doc`, and `_doc` repeats across shards, so
 * there each slice covers at most one shard (at least as many slices as
 * the point in time has shards), inside which `_doc` is unique.
 *
 * A page with failed shards is an error: a partial answer would drop
 * events without anyone knowing.
 */
import { InputError } from '../errors.js';
import { interleave } from './interleave.js';
import type { Json, SearchClient, SearchHit, SearchResponse } from './searchClient.js';

export type PagingMethod = 'auto' | 'point-in-time' | 'scroll';

export interface PagingOptions {
  /** Documents per page (default 5000). */
  readonly pageSize: number;
  /** Slices read at the same time (default 1). */
  readonly slices: number;
  /** How long the cluster keeps the point in time or scroll between pages (default `2m`). */
  readonly keepAlive: string;
  readonly method: PagingMethod;
}

export const DEFAULT_PAGING: PagingOptions = Object.freeze({ pageSize: 5000, slices: 1, keepAlive: '2m', method: 'auto' });

/** The query and `_source` filtering of a read. */
export interface DocumentRequest {
  readonly query: Json;
  readonly sourceFields: readonly string[];
}

export async function* documentPages(client: SearchClient, index: string, request: DocumentRequest, paging: PagingOptions): AsyncGenerator<readonly SearchHit[]> {
  const method = paging.method === 'auto' ? (client.hasPointInTime ? 'point-in-time' : 'scroll') : paging.method;
  if (method === 'scroll') {
    yield* interleave(sliceIds(paging.slices), paging.slices, (slice) => scrollSlice(client, index, request, paging, slice));
    return;
  }
  const pit = await client.openPointInTime(index, paging.keepAlive);
  try {
    const count = client.engine === 'opensearch' ? Math.max(paging.slices, pit.shards) : paging.slices;
    yield* interleave(sliceIds(count), paging.slices, (slice) => pointInTimeSlice(client, pit.id, request, paging, slice));
  } finally {
    await client.closePointInTime(pit.id).catch(() => undefined);
  }
}

interface Slice {
  readonly id: number;
  readonly max: number;
}

function sliceIds(max: number): Slice[] {
  return Array.from({ length: max }, (_, id) => ({ id, max }));
}

function sliceClause(slice: Slice): Json {
  return slice.max > 1 ? { slice: { id: slice.id, max: slice.max } } : {};
}

async function* pointInTimeSlice(client: SearchClient, pitId: string, request: DocumentRequest, paging: PagingOptions, slice: Slice): AsyncGenerator<readonly SearchHit[]> {
  const sort = client.engine === 'elasticsearch' ? [{ _shard_doc: 'asc' }] : ['_doc'];
  let id = pitId;
  let after: readonly unknown[] | undefined;
  for (;;) {
    const body: Json = {
      size: paging.pageSize,
      query: request.query,
      _source: [...request.sourceFields],
      track_total_hits: false,
      pit: { id, keep_alive: paging.keepAlive },
      sort,
      ...sliceClause(slice),
      ...(after === undefined ? {} : { search_after: after }),
    };
    const page = await client.search({ body });
    checkComplete(client, page);
    const hits = page.hits.hits;
    if (hits.length === 0) return;
    yield hits;
    if (hits.length < paging.pageSize) return;
    after = hits[hits.length - 1]?.sort;
    if (after === undefined) throw new Error('a point-in-time page without sort values');
    id = page.pit_id ?? id;
  }
}

async function* scrollSlice(client: SearchClient, index: string, request: DocumentRequest, paging: PagingOptions, slice: Slice): AsyncGenerator<readonly SearchHit[]> {
  const body: Json = { size: paging.pageSize, query: request.query, _source: [...request.sourceFields], sort: ['_doc'], ...sliceClause(slice) };
  let page = await client.search({ index, body, scroll: paging.keepAlive });
  let scrollId = page._scroll_id;
  try {
    for (;;) {
      checkComplete(client, page);
      if (page.hits.hits.length === 0) return;
      yield page.hits.hits;
      if (scrollId === undefined) throw new Error('a scroll page without a scroll id');
      page = await client.scroll(scrollId, paging.keepAlive);
      scrollId = page._scroll_id ?? scrollId;
    }
  } finally {
    if (scrollId !== undefined) await client.clearScroll(scrollId).catch(() => undefined);
  }
}

export function checkComplete(client: SearchClient, page: SearchResponse): void {
  const failed = page._shards?.failed ?? 0;
  if (failed > 0 || page.timed_out === true) {
    const reason = JSON.stringify(page._shards?.failures?.[0] ?? 'timed out').slice(0, 300);
    throw new InputError(`${client.target}: ${failed} of ${page._shards?.total ?? '?'} shards failed or timed out, so the answer is incomplete: ${reason}`);
  }
}
