/**
 * A transform's pivot, run once for one window: through Elasticsearch's
 * transform preview API, or anywhere as the composite aggregation a pivot
 * is (its group_by as the composite's sources, its aggregations, the
 * scripted_metric included, under every bucket), each bucket made into the
 * document the transform would write.
 *
 * The window: `now` in the query's date math is anchored at the window end
 * (`now-6h` becomes `<end>||-6h`), and a scripted_metric parameter can be
 * set to the end (`nowParam`) for scripts that take the time from there.
 * A script that reads the clock itself sees the real clock.
 */
import { formatTimestamp } from '../decode/timestamp.js';
import { ConfigError } from '../errors.js';
import { compositePages } from './compositePages.js';
import type { Json, SearchClient } from './searchClient.js';
import type { TransformDefinition } from './transformDefinition.js';

export type PivotVia = 'preview' | 'aggregation';

/** Aggregations whose single value the transform writes as is. */
const SINGLE_VALUE = ['max', 'min', 'avg', 'sum', 'value_count', 'cardinality'];
/** Elasticsearch's preview answers with at most this many documents. */
export const PREVIEW_LIMIT = 100;

export interface PivotOptions {
  readonly nowMs: number;
  /** A scripted_metric parameter set to the window end, in epoch ms. */
  readonly nowParam?: string;
  readonly via: PivotVia;
}

/** The transform's query for the window, with its date math anchored at the end. */
export function anchoredQuery(transform: TransformDefinition, nowMs: number): Json {
  return transform.query === undefined ? { match_all: {} } : (anchorNow(transform.query, formatTimestamp(nowMs)) as Json);
}

export async function runPivot(client: SearchClient, transform: TransformDefinition, options: PivotOptions): Promise<Json[]> {
  const query = anchoredQuery(transform, options.nowMs);
  const aggregations = options.nowParam === undefined ? transform.aggregations : (withScriptParam(transform.aggregations, options.nowParam, options.nowMs) as Json);
  if (options.via === 'preview') {
    const definition = {
      source: { index: [...transform.sourceIndex], query, ...(transform.runtimeMappings === undefined ? {} : { runtime_mappings: transform.runtimeMappings }) },
      pivot: { group_by: Object.fromEntries(transform.groups.map((g) => [g.name, g.source[g.name]])), aggregations },
    };
    return [...(await client.previewTransform(definition))];
  }
  for (const [name, agg] of Object.entries(aggregations)) {
    const type = Object.keys(agg as Json).find((k) => k !== 'meta');
    if (type !== 'scripted_metric' && !SINGLE_VALUE.includes(type ?? '')) {
      throw new ConfigError(`pivot aggregation ${name} is a ${type}: outside Elasticsearch's preview only scripted_metric, ${SINGLE_VALUE.join(', ')} are run`, 'transform');
    }
  }
  const docs: Json[] = [];
  const request = {
    query,
    sources: transform.groups.map((g) => g.source),
    aggregations,
    size: transform.pageSize,
    ...(transform.runtimeMappings === undefined ? {} : { runtimeMappings: transform.runtimeMappings }),
  };
  for await (const page of compositePages(client, transform.sourceIndex.join(','), request)) {
    for (const bucket of page) {
      const doc: Json = {};
      for (const g of transform.groups) setPath(doc, g.name, bucket.key[g.name]);
      for (const name of Object.keys(aggregations)) {
        const result = bucket[name] as { value?: unknown; value_as_string?: string } | undefined;
        setPath(doc, name, result?.value_as_string ?? result?.value ?? null);
      }
      docs.push(doc);
    }
  }
  return docs;
}

/** `now` at the start of a range bound becomes the window end as a date-math anchor. */
function anchorNow(node: unknown, endIso: string, inRange = false): unknown {
  if (Array.isArray(node)) return node.map((n) => anchorNow(n, endIso, inRange));
  if (typeof node === 'string') return inRange && /^now\b/.test(node) ? `${endIso}||${node.slice(3)}` : node;
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, anchorNow(v, endIso, inRange || k === 'range')]));
}

function withScriptParam(aggregations: Json, param: string, value: number): unknown {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [k, k === 'scripted_metric' && typeof v === 'object' && v !== null ? { ...(v as Json), params: { ...((v as Json)['params'] as Json | undefined), [param]: value } } : walk(v)]),
    );
  };
  return walk(aggregations);
}

/** `a.b` = v as `{a: {b: v}}`, merged with what is there. */
function setPath(doc: Json, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = doc;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node = typeof next === 'object' && next !== null ? (next as Json) : (node[part] = {});
  }
  node[parts[parts.length - 1] as string] = value;
}
