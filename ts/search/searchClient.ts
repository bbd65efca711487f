/**
 * The one small interface beaconwatch needs from a search cluster. Two
 * implementations sit behind it: the official Elasticsearch client and the
 * official OpenSearch client. Requests and answers are plain JSON in the
 * REST API's own shapes, which both engines share for everything used here;
 * where they differ (point-in-time endpoints, transforms) the
 * implementation says so.
 */
import type { SearchEngineKind } from './clusterConnection.js';

export type Json = Record<string, unknown>;

export interface SearchHit {
  readonly _index: string;
  readonly _id: string;
  readonly _source?: Json;
  readonly sort?: readonly unknown[];
}

export interface SearchResponse {
  readonly hits: { readonly hits: readonly SearchHit[]; readonly total?: { readonly value: number } };
  readonly aggregations?: Json;
  readonly _scroll_id?: string;
  readonly pit_id?: string;
  readonly timed_out?: boolean;
  readonly _shards?: { readonly total: number; readonly failed: number; readonly failures?: readonly Json[] };
}

export interface BulkItemResult {
  readonly status: number;
  readonly _id?: string;
  readonly error?: { readonly type?: string; readonly reason?: string; readonly caused_by?: { readonly type?: string; readonly reason?: string } };
}

/** Field types per field name, as `_field_caps` reports them: type -> indices (undefined: all of them). */
export interface FieldCaps {
  readonly indices: readonly string[];
  readonly fields: Readonly<Record<string, Readonly<Record<string, { readonly aggregatable: boolean; readonly indices?: readonly string[] }>>>>;
}

export interface PointInTime {
  readonly id: string;
  /** Shards the point in time spans, for slicing one shard per slice. */
  readonly shards: number;
}

export interface SearchClient {
  readonly engine: SearchEngineKind;
  /** The cluster's version number, e.g. `2.19.6`. */
  readonly version: string;
  /** The cluster's URL, without credentials. */
  readonly target: string;
  /** Whether the cluster offers point-in-time searches (Elasticsearch 7.10+, OpenSearch 2.4+). */
  readonly hasPointInTime: boolean;

  search(request: { readonly index?: string; readonly body: Json; readonly scroll?: string }): Promise<SearchResponse>;
  scroll(scrollId: string, keepAlive: string): Promise<SearchResponse>;
  clearScroll(scrollId: string): Promise<void>;
  openPointInTime(index: string, keepAlive: string): Promise<PointInTime>;
  closePointInTime(id: string): Promise<void>;
  fieldCaps(index: string, fields: readonly string[]): Promise<FieldCaps>;
  /** Mappings by concrete index; empty when no index matches. */
  getMappings(index: string): Promise<Readonly<Record<string, { readonly mappings: Json }>>>;
  createIndex(index: string, body: Json): Promise<void>;
  putMapping(index: string, mapping: Json): Promise<void>;
  /** Indices holding `alias`, each with its aliases; empty when none does. */
  getAlias(alias: string): Promise<Readonly<Record<string, { readonly aliases: Json }>>>;
  updateAliases(actions: readonly Json[]): Promise<void>;
  /**
   * One bulk request (action and source lines). The client does not retry
   * it: the writer does, item by item. Throws {@link ClusterError} when the
   * request as a whole fails.
   */
  bulk(operations: readonly Json[], refresh: boolean): Promise<readonly BulkItemResult[]>;
  refresh(index: string): Promise<void>;
  /** Elasticsearch only: the transform preview API's documents. */
  previewTransform(definition: Json): Promise<readonly Json[]>;
  /** Elasticsearch only: a stored transform's definition. */
  getTransform(id: string): Promise<Json>;
  close(): Promise<void>;
}
