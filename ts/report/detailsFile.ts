/**
 * The details file of a scan (`beaconwatch scan --details FILE`): what a
 * later report or explanation needs beside the result documents. NDJSON:
 * a header line with the scan record (parameters, filters, windows, run
 * summary, allow-list counts), then one line per flagged group and window
 * with its buckets (non-empty ones only: index, events, byte sums) and its
 * autocorrelation curve, numbers exact.
 *
 *     {"format":"beaconwatch-details","version":1,"params":{...},"windows":[[start,end],...],...}
 *     {"window":0,"group":["ws-02","updater-x.exe"],"buckets":[0,1,...],"counts":[1,1,...],
 *      "source_bytes":[512,...],"destination_bytes":[2048,...],"autocorrelation":[1,0.98,...]}
 */
import { InputError } from '../errors.js';
import { groupKey } from '../filter/allowListSuppression.js';
import type { GroupValue } from '../group/groupCatalog.js';
import type { GroupDetail } from '../scan/scanOptions.js';
import { readLines } from '../source/lineReader.js';
import { scanRecordFromJson, scanRecordJson, type ScanRecord } from './scanRecord.js';

export const DETAILS_FORMAT = 'beaconwatch-details';
export const DETAILS_VERSION = 1;

interface DetailedResult {
  readonly window: number;
  readonly group: readonly GroupValue[];
  readonly detail?: GroupDetail;
}

/** The file's lines, for `writeNdjson`. */
export function* detailsLines(record: ScanRecord, results: readonly DetailedResult[]): Generator<object> {
  yield { format: DETAILS_FORMAT, version: DETAILS_VERSION, ...scanRecordJson(record) };
  for (const r of results) {
    if (r.detail === undefined) continue;
    const { counts, sourceBytes, destinationBytes } = r.detail.series;
    const buckets: number[] = [];
    for (let k = 0; k < counts.length; k++) if (counts[k] !== 0) buckets.push(k);
    yield {
      window: r.window,
      group: r.group,
      buckets,
      counts: buckets.map((k) => counts[k]),
      source_bytes: buckets.map((k) => sourceBytes[k]),
      destination_bytes: buckets.map((k) => destinationBytes[k]),
      autocorrelation: [...r.detail.autocorrelation],
    };
  }
}

export interface DetailsFile {
  readonly record: ScanRecord;
  /** By {@link detailKey}. */
  readonly details: ReadonlyMap<string, GroupDetail>;
}

export function detailKey(window: number, group: readonly GroupValue[]): string {
  return `${window}\u0000${groupKey(group)}`;
}

export async function readDetailsFile(path: string): Promise<DetailsFile> {
  let record: ScanRecord | undefined;
  const details = new Map<string, GroupDetail>();
  let line = 0;
  const fail = (message: string): never => {
    throw new InputError(`${path}:${line}: ${message}`, path, line);
  };
  try {
    for await (const text of readLines(path)) {
      line++;
      if (text.trim() === '') continue;
      let json: Record<string, unknown>;
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch (err) {
        return fail(`not valid JSON (${(err as Error).message})`);
      }
      if (record === undefined) {
        if (json['format'] !== DETAILS_FORMAT) fail(`not a beaconwatch details file (written by beaconwatch scan --details)`);
        if (json['version'] !== DETAILS_VERSION) fail(`details file version ${String(json['version'])}; this beaconwatch reads version ${DETAILS_VERSION}`);
        try {
          record = scanRecordFromJson(json);
        } catch (err) {
          fail((err as Error).message);
        }
        continue;
      }
      const size = record.params.number_buckets_in_range;
      const window = json['window'];
      const group = json['group'];
      const buckets = json['buckets'];
      if (!Number.isInteger(window) || (window as number) < 0 || (window as number) >= record.windows.length) fail('window is not one of the header\'s windows');
      if (!Array.isArray(group) || group.length !== record.groupFields.length) fail(`group must hold ${record.groupFields.length} values`);
      if (!Array.isArray(buckets) || !buckets.every((k) => Number.isInteger(k) && k >= 0 && k < size)) fail(`buckets must be indexes below ${size}`);
      const dense = (key: string) => {
        const values = json[key];
        if (!Array.isArray(values) || values.length !== (buckets as number[]).length || !values.every((v) => typeof v === 'number')) fail(`${key} must hold one number per bucket`);
        const out = new Float64Array(size);
        (buckets as number[]).forEach((k, i) => (out[k] = (values as number[])[i] as number));
        return out;
      };
      const curve = json['autocorrelation'];
      if (!Array.isArray(curve) || !curve.every((v) => typeof v === 'number')) fail('autocorrelation must be an array of numbers');
      details.set(detailKey(window as number, group as GroupValue[]), {
        series: { counts: dense('counts'), sourceBytes: dense('source_bytes'), destinationBytes: dense('destination_bytes') },
        autocorrelation: Float64Array.from(curve as number[]),
      });
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read details file ${path}: ${(err as Error).message}`, path);
  }
  if (record === undefined) throw new InputError(`${path} is empty: not a beaconwatch details file`, path);
  return { record, details };
}
