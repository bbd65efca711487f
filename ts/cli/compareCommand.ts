/**
 * `beaconwatch compare`: run a transform's pivot and beaconwatch on the same
 * documents for one window and print where they differ, field by field.
 * Exits 0 when every group and field agrees, 6 when something differs.
 */
import { parseArgs } from 'node:util';
import { formatTimestamp } from '../decode/timestamp.js';
import { ENGINE_KINDS, type EngineKind } from '../engine/scoringEngine.js';
import { UsageError } from '../errors.js';
import { loadParams } from '../params/beaconParams.js';
import { connectCluster } from '../search/connectCluster.js';
import { formatDocumentDiff } from '../search/documentDiff.js';
import type { PivotVia } from '../search/pivotRun.js';
import { ComparisonDiffersError } from '../search/searchErrors.js';
import { compareWithTransform, type Comparison } from '../search/transformCompare.js';
import { loadTransformDefinition } from '../search/transformDefinition.js';
import { oneOf, parseReadFlags, SEARCH_READ_FLAGS, timeFlag, wholeNumber } from './searchOptions.js';

const COMPARE_FLAGS = {
  ...SEARCH_READ_FLAGS,
  transform: { type: 'string' },
  now: { type: 'string' },
  'now-param': { type: 'string' },
  'pivot-via': { type: 'string' },
  params: { type: 'string' },
  engine: { type: 'string' },
  show: { type: 'string' },
} as const;

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
  let values;
  try {
    ({ values } = parseArgs({ args: [...args], options: COMPARE_FLAGS, allowPositionals: false, strict: true }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message} (see beaconwatch compare --help)`);
  }
  if (values.transform === undefined) throw new UsageError('compare needs --transform FILE|ID');
  if (values.es === undefined) throw new UsageError('compare needs --es URL: the cluster that runs the pivot and holds the documents');
  // The index is optional here (the transform names its source): stand in for it while parsing the connection.
  const read = parseReadFlags({ ...values, index: values.index ?? '*' }, process.env);
  if (read === undefined) throw new UsageError('compare needs --es URL');
  const nowMs = values.now === undefined ? Date.now() : timeFlag(values.now, 'now');
  const engine = oneOf(values.engine ?? 'wasm', ENGINE_KINDS, 'engine') as EngineKind;
  const via = values['pivot-via'] === undefined ? undefined : (oneOf(values['pivot-via'], ['preview', 'aggregation'], 'pivot-via') as PivotVia);
  const show = values.show === undefined ? 20 : wholeNumber(values.show, 'show', 0, 1_000_000);

  const { client } = await connectCluster(read.connection);
  let comparison: Comparison;
  let origin: string;
  try {
    const transform = await loadTransformDefinition(values.transform, client);
    origin = transform.origin;
    comparison = await compareWithTransform(client, transform, {
      nowMs,
      engine,
      ...(via === undefined ? {} : { via }),
      ...(values['now-param'] === undefined ? {} : { nowParam: values['now-param'] }),
      ...(values.params === undefined ? {} : { params: loadParams(values.params) }),
      ...(values.index === undefined ? {} : { index: values.index }),
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
