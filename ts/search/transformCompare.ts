/**
 * `compare`: a transform's pivot and beaconwatch on the same documents,
 * for one window, field by field. The documents are those the transform's
 * query selects (its date math anchored at the window end); beaconwatch
 * reads them with no filters of its own and groups them by the pivot's
 * group_by fields, with the parameters the pivot's scripted_metric passes
 * (their names are the package's) unless others are given.
 */
import { ECS_FIELDS_READ } from '../decode/ecsFields.js';
import { ENDPOINT_FIELDS } from '../decode/networkEvent.js';
import type { EngineKind } from '../engine/scoringEngine.js';
import type { FilterConfig } from '../filter/filterConfig.js';
import { DEFAULT_PARAMS, resolveParams, type BeaconParams } from '../params/beaconParams.js';
import { runScan } from '../scan/scanRun.js';
import { resultDocument } from '../sink/resultDocument.js';
import { diffDocuments, groupKey, type DocumentDiff } from './documentDiff.js';
import { DEFAULT_PAGING, type PagingOptions } from './documentPages.js';
import { anchoredQuery, PREVIEW_LIMIT, runPivot, type PivotVia } from './pivotRun.js';
import type { Json, SearchClient } from './searchClient.js';
import { searchRecordSource } from './searchRecordSource.js';
import type { TransformDefinition } from './transformDefinition.js';

export interface CompareOptions {
  readonly nowMs: number;
  /** A scripted_metric parameter to set to the window end (epoch ms). */
  readonly nowParam?: string;
  /** Default: the preview API on Elasticsearch, the composite aggregation elsewhere. */
  readonly via?: PivotVia;
  /** Default: the package's parameters the pivot's scripted_metric passes, the defaults for the rest. */
  readonly params?: BeaconParams;
  readonly engine: EngineKind;
  /** Read these indices instead of the transform's source. */
  readonly index?: string;
  readonly paging?: PagingOptions;
}

export interface Comparison {
  readonly diff: DocumentDiff;
  readonly via: PivotVia;
  readonly params: BeaconParams;
  readonly groupFields: readonly string[];
  readonly transformDocuments: number;
  readonly ourDocuments: number;
  /** The preview stopped at its limit: only its groups were compared. */
  readonly previewLimited: boolean;
}

/** Look-back of our side: everything the transform's query selects counts, as it does for the transform. */
const ALL_THE_QUERY_SELECTS_SECONDS = 100 * 366 * 86_400;

export async function compareWithTransform(client: SearchClient, definition: TransformDefinition, options: CompareOptions): Promise<Comparison> {
  const transform = options.index === undefined ? definition : { ...definition, sourceIndex: options.index.split(',') };
  const via = options.via ?? (client.engine === 'elasticsearch' ? 'preview' : 'aggregation');
  const groupFields = transform.groups.map((g) => g.field);
  const params = options.params ?? scriptParams(transform.aggregations);
  const pivotOptions = { nowMs: options.nowMs, via, ...(options.nowParam === undefined ? {} : { nowParam: options.nowParam }) };
  const theirs = await runPivot(client, transform, pivotOptions);

  const index = transform.sourceIndex.join(',');
  const filters: FilterConfig = { name: `the query of ${transform.origin}`, requireDestinationIp: false, windowSeconds: ALL_THE_QUERY_SELECTS_SECONDS };
  const source = searchRecordSource(client, index, {
    request: { query: anchoredQuery(transform, options.nowMs), sourceFields: [...new Set([...ECS_FIELDS_READ, ...groupFields])] },
    paging: options.paging ?? DEFAULT_PAGING,
    carries: ENDPOINT_FIELDS,
  });
  const outcome = await runScan({
    inputs: [],
    format: 'ecs',
    params,
    filters,
    groupBy: groupFields,
    windows: { nowMs: options.nowMs },
    engine: options.engine,
    zeekBytes: 'ip',
    recordSources: [source],
  });
  const window = outcome.windows[0];
  let ours: Json[] = window === undefined ? [] : outcome.results.map((r) => JSON.parse(JSON.stringify(resultDocument(r, outcome.groupFields, window))) as Json);
  const previewLimited = via === 'preview' && theirs.length >= PREVIEW_LIMIT;
  const keys = { transform: transform.groups.map((g) => g.name), ours: groupFields };
  if (previewLimited) {
    // Only the preview's groups can be compared; the rest are not missing from the transform.
    const shown = new Set(theirs.map((doc) => groupKey(doc, keys.transform)));
    ours = ours.filter((doc) => shown.has(groupKey(doc, keys.ours)));
  }
  return { diff: diffDocuments(theirs, ours, keys), via, params, groupFields, transformDocuments: theirs.length, ourDocuments: ours.length, previewLimited };
}

/** The package's parameters among the first scripted_metric's params (other params are the script's own). */
export function scriptParams(aggregations: Json): BeaconParams {
  const known = Object.keys(DEFAULT_PARAMS);
  for (const agg of Object.values(aggregations)) {
    const metric = (agg as Json)['scripted_metric'] as { params?: Json } | undefined;
    if (metric?.params === undefined) continue;
    return resolveParams(Object.fromEntries(Object.entries(metric.params).filter(([k]) => known.includes(k))), 'the scripted_metric params');
  }
  return DEFAULT_PARAMS;
}
