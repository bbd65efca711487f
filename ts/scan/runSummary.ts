/** What a scan did with its input, counted for the run summary. */
import type { BadRecord } from '../decode/networkEvent.js';

/** A place in the input, for warnings. */
export interface InputLocation {
  readonly file: string;
  readonly line: number;
}

/** Bad records of one reason and field, with the first few places. */
export interface BadRecordTally {
  readonly reason: string;
  readonly field: string | undefined;
  count: number;
  readonly examples: (InputLocation & { readonly detail: string | undefined })[];
}

export const EXAMPLES_KEPT = 5;

export class RunSummary {
  /** Inputs read, with their format and the records each held. */
  readonly inputs: { file: string; format: string; records: number }[] = [];
  /** Inputs not read, and why (not a log beaconwatch reads, another Zeek log). */
  readonly skippedInputs: { file: string; reason: string }[] = [];
  /** Inputs that stopped early (truncated gzip, read error), after how many lines. */
  readonly readErrors: (InputLocation & { message: string })[] = [];
  records = 0;
  readonly badRecords = new Map<string, BadRecordTally>();
  /** Records of another kind skipped on purpose, by kind. */
  readonly otherRecords = new Map<string, number>();
  duplicates = 0;
  /** Events removed by each filter, in filter order. */
  readonly filtered = new Map<string, number>();
  /** Filters that did not apply to some inputs, and why. */
  readonly filterNotes: string[] = [];
  readonly missingGroupField = new Map<string, number>();
  outsideWindows = 0;
  /**
   * Counted events later than a single window's end: they move the latest
   * `@timestamp`, and land in bucket 0 when less than a bucket late, as in
   * the transform's query (spec section 6).
   */
  afterWindowEnd = 0;
  /** Events that counted in at least one window. */
  eventsCounted = 0;
  groups = 0;
  windowGroups = 0;
  beaconingWindowGroups = 0;
  beaconingGroups = 0;

  addBad(location: InputLocation, bad: BadRecord): void {
    const key = `${bad.reason}\u0000${bad.field ?? ''}`;
    let tally = this.badRecords.get(key);
    if (tally === undefined) {
      tally = { reason: bad.reason, field: bad.field, count: 0, examples: [] };
      this.badRecords.set(key, tally);
    }
    tally.count++;
    if (tally.examples.length < EXAMPLES_KEPT) tally.examples.push({ ...location, detail: bad.detail });
  }

  get badRecordCount(): number {
    let n = 0;
    for (const t of this.badRecords.values()) n += t.count;
    return n;
  }

  get filteredCount(): number {
    let n = 0;
    for (const c of this.filtered.values()) n += c;
    return n;
  }

  get missingGroupCount(): number {
    let n = 0;
    for (const c of this.missingGroupField.values()) n += c;
    return n;
  }
}
