/**
 * What a scan did with its input, counted for the run summary. Each read
 * task keeps one; the main thread absorbs them. Examples of bad records keep
 * the task that met them, so that line numbers within a part of a file can
 * be turned into line numbers within the file once all parts are read.
 */
import type { BadRecord } from '../decode/networkEvent.js';

/** A place in the input, for warnings. */
export interface InputLocation {
  readonly file: string;
  readonly line: number;
}

export interface BadRecordExample extends InputLocation {
  readonly detail: string | undefined;
  /** The read task that met it (for line numbers within a split file). */
  readonly task: number;
}

/** Bad records of one reason and field, with the first few places. */
export interface BadRecordTally {
  readonly reason: string;
  readonly field: string | undefined;
  count: number;
  examples: BadRecordExample[];
}

export const EXAMPLES_KEPT = 5;

export class RunSummary {
  /** Inputs read, with their format and the records each held. */
  readonly inputs: { file: string; format: string; records: number }[] = [];
  /** Inputs not read, and why (not a log beaconwatch reads, another Zeek log). */
  readonly skippedInputs: { file: string; reason: string }[] = [];
  /** Inputs that stopped early (truncated gzip, read error), after how many lines. */
  readonly readErrors: (InputLocation & { message: string; task: number })[] = [];
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

  addBad(location: InputLocation, bad: BadRecord, task: number): void {
    const key = `${bad.reason}\u0000${bad.field ?? ''}`;
    let tally = this.badRecords.get(key);
    if (tally === undefined) {
      tally = { reason: bad.reason, field: bad.field, count: 0, examples: [] };
      this.badRecords.set(key, tally);
    }
    tally.count++;
    if (tally.examples.length < EXAMPLES_KEPT) tally.examples.push({ ...location, detail: bad.detail, task });
  }

  addOther(kind: string): void {
    this.otherRecords.set(kind, (this.otherRecords.get(kind) ?? 0) + 1);
  }

  addFiltered(name: string): void {
    this.filtered.set(name, (this.filtered.get(name) ?? 0) + 1);
  }

  addMissingGroupField(field: string): void {
    this.missingGroupField.set(field, (this.missingGroupField.get(field) ?? 0) + 1);
  }

  /**
   * Adds a task's counts (a summary that crossed a thread boundary: its
   * data, not its methods). Inputs read in parts are counted once.
   */
  absorb(task: RunSummary): void {
    for (const input of task.inputs) {
      const known = this.inputs.find((i) => i.file === input.file);
      if (known === undefined) this.inputs.push({ ...input });
      else known.records += input.records;
    }
    this.skippedInputs.push(...task.skippedInputs);
    this.readErrors.push(...task.readErrors);
    this.records += task.records;
    for (const [key, tally] of task.badRecords) {
      const mine = this.badRecords.get(key);
      if (mine === undefined) this.badRecords.set(key, { ...tally, examples: [...tally.examples] });
      else {
        mine.count += tally.count;
        mine.examples.push(...tally.examples);
      }
    }
    for (const [kind, n] of task.otherRecords) this.otherRecords.set(kind, (this.otherRecords.get(kind) ?? 0) + n);
    this.duplicates += task.duplicates;
    for (const [name, n] of task.filtered) this.filtered.set(name, (this.filtered.get(name) ?? 0) + n);
    for (const note of task.filterNotes) if (!this.filterNotes.includes(note)) this.filterNotes.push(note);
    for (const [field, n] of task.missingGroupField) this.missingGroupField.set(field, (this.missingGroupField.get(field) ?? 0) + n);
    this.outsideWindows += task.outsideWindows;
    this.afterWindowEnd += task.afterWindowEnd;
    this.eventsCounted += task.eventsCounted;
  }

  /**
   * Turns line numbers within a task's part of a file into line numbers
   * within the file (`lineOffset[task]` lines came before the part), then
   * keeps the first examples of each tally in input order.
   */
  settleLines(lineOffset: readonly number[], fileOrder: ReadonlyMap<string, number>): void {
    const place = (e: { file: string; line: number }) => [fileOrder.get(e.file) ?? 0, e.line] as const;
    const before = (a: { file: string; line: number }, b: { file: string; line: number }) => {
      const [fa, la] = place(a);
      const [fb, lb] = place(b);
      return fa - fb || la - lb;
    };
    for (const tally of this.badRecords.values()) {
      tally.examples = tally.examples
        .map((e) => ({ ...e, line: e.line + (lineOffset[e.task] ?? 0) }))
        .sort(before)
        .slice(0, EXAMPLES_KEPT);
    }
    const errors = this.readErrors.map((e) => ({ ...e, line: e.line + (lineOffset[e.task] ?? 0) })).sort(before);
    this.readErrors.splice(0, this.readErrors.length, ...errors);
    this.inputs.sort((a, b) => (fileOrder.get(a.file) ?? 0) - (fileOrder.get(b.file) ?? 0));
    this.skippedInputs.sort((a, b) => (fileOrder.get(a.file) ?? 0) - (fileOrder.get(b.file) ?? 0));
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
