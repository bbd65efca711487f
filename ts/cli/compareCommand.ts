/**
 * `beaconwatch compare`: run a transform's pivot and beaconwatch on the same
 * documents for one window and print where they differ, field by field.
 * Exits 0 when every group and field agrees, 6 when something differs.
 */
import { fromSetting } from '../config/settings.js';
import { formatTimestamp } from '../decode/timestamp.js';
import { ENGINE_KINDS, type EngineKind } from '../engine/scoringEngine.js';
import { UsageError } from '../errors.js';
import { connectCluster } from '../search/connectCluster.js';
import { formatDocumentDiff } from '../search/documentDiff.js';
import type { PivotVia } from '../search/pivotRun.js';
import { ComparisonDiffersError } from '../search/searchErrors.js';
import { compareWithTransform, type Comparison } from '../search/transformCompare.js';
import { loadTransformDefinition } from '../search/transformDefinition.js';
import { paramsFrom, parseCommandLine, searchValues, time } from './scanArgs.js';
import { parseReadFlags, wholeNumber } from './searchOptions.js';

export const COMPARE_USAGE = `beaconwatch compare --transform FILE|ID --es URL [options]
  --transform FILE|ID        a transform definition (YAML or JSON, as a package ships it),
                               or the id of a transform on the Elasticsearch cluster
  --index PATTERN            read these indices instead of the transform's source.index
  --now TIME                 end of the window (default: now); "now" in the transform's
                               query is anchored at it
  --now-param NAME           also pass the window end (epoch ms) to the scripted_metric as params.NAME
  --pivot-via preview|aggregation
                             run the pivot with Elasticsearch's preview API (at most 100 groups;
                               the default on Elasticsearch) or as a composite aggregation
                               with its scripted_metric (the default elsewhere)
  --params FILE|JSON         beaconwatch's parameters (default: those the scripted_metric passes)
  --engine wasm|ts           scoring engine (default wasm)
  --show N                   differing groups listed in full (default 20)
  and the --es-* connection flags as for scan
`;

export async function compareCommand(args: readonly string[]): Promise<void> {
  const settings = parseCommandLine('compare', args);
  const transformSetting = settings.get('transform');
  if (transformSetting === undefined) throw new UsageError('compare needs --transform FILE|ID');
  // A file named in the configuration file is relative to it; an id is kept as it is.
  const transformText = settings.text('transform') as string;
  const transformRef = transformSetting.file !== undefined && /[./\\]/.test(transformText) ? (settings.path('transform') as string) : transformText;
  const values = searchValues(settings);
  if (values['es'] === undefined) throw new UsageError('compare needs --es URL: the cluster that runs the pivot and holds the documents');
  const index = settings.text('index');
  // The index is optional here (the transform names its source): stand in for it while parsing the connection.
  const read = parseReadFlags({ ...values, index: index ?? '*' }, process.env);
  if (read === undefined) throw new UsageError('compare needs --es URL');
  const now = settings.get('now');
  const nowMs = now === undefined ? Date.now() : time(now);
  const engine = settings.oneOf<EngineKind>('engine', ENGINE_KINDS) ?? 'wasm';
  const via = settings.oneOf<PivotVia>('pivot-via', ['preview', 'aggregation']);
  const showSetting = settings.get('show');
  const show = showSetting === undefined ? 20 : fromSetting(showSetting, () => wholeNumber(String(showSetting.value), 'show', 0, 1_000_000));
  const nowParam = settings.text('now-param');
  // Without --params, the parameters are those the scripted_metric passes.
  const params = settings.has('params') ? paramsFrom(settings.get('params')) : undefined;

  const { client } = await connectCluster(read.connection);
  let comparison: Comparison;
  let origin: string;
  try {
    const transform = await loadTransformDefinition(transformRef, client);
    origin = transform.origin;
    comparison = await compareWithTransform(client, transform, {
      nowMs,
      engine,
      ...(via === undefined ? {} : { via }),
      ...(nowParam === undefined ? {} : { nowParam }),
      ...(params === undefined ? {} : { params }),
      ...(index === undefined ? {} : { index }),
      ...(read.paging === undefined ? {} : { paging: read.paging }),
    });
  } finally {
    await client.close();
  }
  const how = comparison.via === 'preview' ? 'the transform preview API' : 'a composite aggregation with its scripted_metric';
  process.stdout.write(
    `beaconwatch compare: ${origin} (pivot run by ${how} on ${client.engine} ${client.version}) vs beaconwatch (${engine} engine)\n` +
      `window ending ${formatTimestamp(nowMs)}; groups by ${comparison.groupFields.join(', ')}; ` +
      `${comparison.transformDocuments} transform documents, ${comparison.ourDocuments} beaconwatch documents\n` +
      (comparison.previewLimited ? `the preview stops at 100 groups: only those were compared (--pivot-via aggregation compares all)\n` : '') +
      formatDocumentDiff(comparison.diff, { transform: 'transform', ours: 'beaconwatch' }, show),
  );
  const d = comparison.diff;
  const differing = d.differingGroups.length + d.onlyInTransform.length + d.onlyInOurs.length;
  if (differing > 0) throw new ComparisonDiffersError(`${differing} of ${d.groupsInBoth + d.onlyInTransform.length + d.onlyInOurs.length} groups differ (see the report above)`);
}
