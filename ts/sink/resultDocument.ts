/**
 * The result document of one group in one window: the schema of the
 * package's `ml_beaconing-*` index (spec section 5), so that its dashboards
 * and detection rule read ours, plus `beaconwatch.*`: the window,
 * whether the events carried byte counts at all, and the allow-list rule
 * that suppressed the group, if one did.
 */
import { formatTimestamp } from '../decode/timestamp.js';
import type { GroupValue } from '../group/groupCatalog.js';
import type { GroupResult } from '../scan/scanRun.js';
import type { ScoringWindow } from '../window/windowPlan.js';

export type ResultDocument = Record<string, unknown>;

/** `suppressedBy`: the label of the allow-list rule that suppressed the group (its score stands; the analyst decides). */
export function resultDocument(result: GroupResult, groupFields: readonly string[], window: ScoringWindow, suppressedBy?: string): ResultDocument {
  const { score } = result;
  const doc: ResultDocument = { '@timestamp': formatTimestamp(score.maxTimestampMs) };
  if (!Number.isNaN(score.maxIngestedMs)) doc['event'] = { ingested: formatTimestamp(score.maxIngestedMs) };
  groupFields.forEach((field, i) => setPath(doc, field, result.group[i] as GroupValue));
  const s = score.stats;
  doc['beacon_stats'] =
    s === null
      ? { is_beaconing: false, interval: score.interval, non_empty_buckets: score.nonEmptyBuckets }
      : {
          is_beaconing: s.is_beaconing,
          beaconing_score: s.beaconing_score,
          low_source_bytes_variation: s.low_source_bytes_variation,
          low_destination_bytes_variation: s.low_destination_bytes_variation,
          low_count_variation: s.low_count_variation,
          periodic: s.periodic,
          interval: score.interval,
          non_empty_buckets: score.nonEmptyBuckets,
          mean_source_bytes: s.mean_source_bytes,
          std_dev_source_bytes: s.std_dev_source_bytes,
          source_bytes_percentiles: s.source_bytes_percentiles,
          mean_destination_bytes: s.mean_destination_bytes,
          std_dev_destination_bytes: s.std_dev_destination_bytes,
          destination_bytes_percentiles: s.destination_bytes_percentiles,
          mean_counts: s.mean_counts,
          variance_counts: s.variance_counts,
          counts_percentiles: s.counts_percentiles,
          autocovariance: s.autocovariance,
          max_autocovariance_period: s.max_autocovariance_period,
          destination_ips: result.destinationIps,
        };
  doc['beaconwatch'] = {
    window: { start: formatTimestamp(window.startMs), end: formatTimestamp(window.endMs) },
    // False: no event carried the count, so its byte test had no data (Sysmon never has any).
    source_bytes_seen: result.bytesSeen.source,
    destination_bytes_seen: result.bytesSeen.destination,
    ...(suppressedBy === undefined ? {} : { suppressed_by: suppressedBy }),
  };
  return doc;
}

/** `host.name` = v as `{host: {name: v}}`, merged with what is there. */
function setPath(doc: ResultDocument, path: string, value: GroupValue): void {
  const parts = path.split('.');
  let node = doc;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next === 'object' && next !== null) node = next as ResultDocument;
    else node = node[part] = {};
  }
  node[parts[parts.length - 1] as string] = value;
}
