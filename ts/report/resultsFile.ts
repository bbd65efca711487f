/**
 * Result documents read back (the NDJSON of `beaconwatch scan --out`), so
 * that a report or an explanation can be made from a scan's output without
 * scanning again. The inverse of `sink/resultDocument.ts`: each document
 * becomes the scored group it was written from, its window found among the
 * scan record's windows. A previous scan's output is this command's source,
 * so it is read with the source stage's line reader (plain or gzip).
 */
import { readField } from '../decode/fieldPath.js';
import { formatTimestamp } from '../decode/timestamp.js';
import type { BeaconStats } from '../engine/scoringEngine.js';
import { InputError } from '../errors.js';
import type { GroupValue } from '../group/groupCatalog.js';
import { readLines } from '../source/lineReader.js';
import { detailKey, type DetailsFile } from './detailsFile.js';
import type { ReportedResult } from './reportData.js';

const STAT_FIELDS = [
  'is_beaconing',
  'beaconing_score',
  'low_source_bytes_variation',
  'low_destination_bytes_variation',
  'low_count_variation',
  'periodic',
  'mean_source_bytes',
  'std_dev_source_bytes',
  'source_bytes_percentiles',
  'mean_destination_bytes',
  'std_dev_destination_bytes',
  'destination_bytes_percentiles',
  'mean_counts',
  'variance_counts',
  'counts_percentiles',
  'autocovariance',
  'max_autocovariance_period',
] as const;

/** The documents of `path` as scored groups, each with its details from `details` when the file has them. */
export async function readResultsFile(path: string, { record, details }: DetailsFile): Promise<ReportedResult[]> {
  const windowByEnd = new Map(record.windows.map((w, i) => [formatTimestamp(w.endMs), i]));
  const results: ReportedResult[] = [];
  let line = 0;
  const fail = (message: string): never => {
    throw new InputError(`${path}:${line}: ${message}`, path, line);
  };
  try {
    for await (const text of readLines(path)) {
      line++;
      if (text.trim() === '') continue;
      let doc: Record<string, unknown>;
      try {
        doc = JSON.parse(text) as Record<string, unknown>;
      } catch (err) {
        return fail(`not valid JSON (${(err as Error).message})`);
      }
      const end = readField(doc, 'beaconwatch.window.end')[0];
      const window = typeof end === 'string' ? windowByEnd.get(end) : undefined;
      if (window === undefined) fail(`window ending ${String(end)} is not one of the scan's windows: are the results and the details file from the same scan?`);
      const group = record.groupFields.map((field) => readField(doc, field)[0] ?? fail(`no ${field}: the results are not grouped by ${record.groupFields.join(', ')}`));
      const stats = doc['beacon_stats'] as Record<string, unknown> | undefined;
      if (typeof stats !== 'object' || stats === null) fail('no beacon_stats: not a beaconwatch result document');
      const s = stats as Record<string, unknown>;
      const interval = s['interval'];
      const nonEmpty = s['non_empty_buckets'];
      if (typeof interval !== 'number' || typeof nonEmpty !== 'number') fail('beacon_stats lacks interval or non_empty_buckets');
      const scored = s['beaconing_score'] !== undefined;
      if (scored) for (const f of STAT_FIELDS) if (s[f] === undefined) fail(`beacon_stats lacks ${f}`);
      const suppressedBy = readField(doc, 'beaconwatch.suppressed_by')[0];
      const detail = details.get(detailKey(window as number, group as GroupValue[]));
      results.push({
        window: window as number,
        group: group as GroupValue[],
        score: {
          interval: interval as number,
          nonEmptyBuckets: nonEmpty as number,
          stats: scored ? (Object.fromEntries(STAT_FIELDS.map((f) => [f, s[f]])) as unknown as BeaconStats) : null,
        },
        destinationIps: Array.isArray(s['destination_ips']) ? (s['destination_ips'] as string[]) : [],
        bytesSeen: { source: readField(doc, 'beaconwatch.source_bytes_seen')[0] !== false, destination: readField(doc, 'beaconwatch.destination_bytes_seen')[0] !== false },
        ...(detail === undefined ? {} : { detail }),
        ...(typeof suppressedBy === 'string' ? { suppressedBy } : {}),
      });
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read results file ${path}: ${(err as Error).message}`, path);
  }
  if (results.length === 0) throw new InputError(`${path} holds no result documents`, path);
  results.sort((a, b) => a.window - b.window);
  return results;
}
