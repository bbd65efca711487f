/** What a scan is asked to do, and what it gives back. */
import type { CsvFieldMap } from '../decode/csvFieldMap.js';
import type { InputFormatName } from '../decode/inputFormats.js';
import type { CarriedFields, DecodedLine } from '../decode/networkEvent.js';
import type { ZeekBytes } from '../decode/zeekConn.js';
import type { BucketSeriesView, EngineKind, GroupScore } from '../engine/scoringEngine.js';
import type { AllowListConfig } from '../filter/allowListConfig.js';
import type { FilterConfig } from '../filter/filterConfig.js';
import type { GroupValue } from '../group/groupCatalog.js';
import type { BeaconParams } from '../params/beaconParams.js';
import type { ScoringWindow, WindowRequest } from '../window/windowPlan.js';
import type { RunSummary } from './runSummary.js';

export type { WindowRequest } from '../window/windowPlan.js';

/**
 * Records from somewhere other than a file (a search engine's documents):
 * already decoded, read on the main thread.
 */
export interface RecordSource {
  /** Shown in the summary where a file name would be. */
  readonly name: string;
  /** The format name shown in the summary. */
  readonly format: string;
  readonly carries: CarriedFields;
  /** The group fields when `ScanOptions.groupBy` is not given. */
  readonly defaultGroupBy: readonly string[];
  records(): AsyncIterable<DecodedLine>;
}

/**
 * Buckets built elsewhere (a search engine's aggregation), one group of one
 * window at a time; merged into the run's states exactly as a worker's are.
 */
export interface AggregatedGroup {
  /** Index into the run's windows. */
  readonly window: number;
  /** Values of the group fields, in their order. */
  readonly group: readonly GroupValue[];
  readonly cells: readonly { readonly bucket: number; readonly count: number; readonly sourceBytes: bigint; readonly destinationBytes: bigint }[];
  readonly destinationIps: readonly (readonly [string, number])[];
  /** NaN when this part of the group's state does not say (a source may send a group's buckets and its latest event apart). */
  readonly maxTimestampMs: number;
  /** NaN when no event had one, or this part does not say. */
  readonly maxIngestedMs: number;
  readonly bytesSeen: { readonly source: boolean; readonly destination: boolean };
  /** Events the aggregation counted for this group and window. */
  readonly events: number;
}

export interface AggregatedSource {
  readonly name: string;
  readonly format: string;
  readonly defaultGroupBy: readonly string[];
  groups(): AsyncIterable<AggregatedGroup>;
}

export interface ScanProgress {
  /** Input bytes read so far (files and standard input). */
  readonly bytesRead: number;
  /** Total input bytes, when every input is a file of known size. */
  readonly bytesTotal: number | undefined;
  /** Records read from a cluster so far: documents, or the events of groups it aggregated. */
  readonly recordsRead: number;
}

export interface ScanOptions {
  /** Files, directories, or `-` for standard input. */
  readonly inputs: readonly string[];
  readonly format: 'auto' | InputFormatName;
  readonly params: BeaconParams;
  readonly filters: FilterConfig;
  /** Allow-list rules; its `pre` rules run as filters after `filters` (its `post` rules are applied to the results, not here). */
  readonly allowList?: AllowListConfig;
  /** Group fields; by default the inputs' format's (host and process for ECS, source and destination IP for Zeek). */
  readonly groupBy?: readonly string[];
  readonly windows: WindowRequest;
  readonly engine: EngineKind;
  readonly zeekBytes: ZeekBytes;
  /** How to read CSV flow exports (`--field-map`). */
  readonly fieldMap?: CsvFieldMap;
  /**
   * Worker threads reading and scoring (0, the default: everything on the
   * calling thread). Results are the same, bit for bit, for any number.
   */
  readonly workers?: number;
  /** More distinct groups than this stop the run with a message (default 1,000,000). */
  readonly maxGroups?: number;
  /** Plain files larger than this are read in parts of this size by several workers (default 64 MiB). */
  readonly chunkBytes?: number;
  /** Which groups' bucket series and autocorrelation curves come back (default: none). */
  readonly details?: 'none' | 'beaconing' | 'all';
  /** Records from elsewhere (search engines), read beside the inputs. */
  readonly recordSources?: readonly RecordSource[];
  /** Buckets aggregated elsewhere, merged beside the inputs. */
  readonly aggregatedSources?: readonly AggregatedSource[];
  /** Called every so often while inputs are read. */
  readonly onProgress?: (progress: ScanProgress) => void;
}

/** The score of one group in one window. */
export interface GroupResult {
  readonly window: number;
  readonly group: readonly GroupValue[];
  readonly score: GroupScore;
  /** Texts of the top destination IPs, most frequent first. */
  readonly destinationIps: readonly string[];
  /** Whether any event carried byte counts: without them the byte tests have no data. */
  readonly bytesSeen: { readonly source: boolean; readonly destination: boolean };
  /** The buckets and the autocorrelation curve, when `details` asked for them. */
  readonly detail?: GroupDetail;
}

export interface GroupDetail {
  readonly series: BucketSeriesView;
  /** `R[p]` for p = 2, 3, ... (empty after the early exit). */
  readonly autocorrelation: Float64Array;
}

export interface ScanOutcome {
  readonly windows: readonly ScoringWindow[];
  readonly groupFields: readonly string[];
  /** Sorted by window, then group values. */
  readonly results: readonly GroupResult[];
  readonly summary: RunSummary;
}
