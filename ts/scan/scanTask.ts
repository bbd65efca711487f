/**
 * One read task: the records of one input, or of one part of a large file,
 * through decoding, filters, de-duplication and grouping, into partial
 * group states (or, while the window end is unknown, into held-back
 * events). The same code runs in a worker thread or on the calling thread;
 * either way its result is plain data the main thread merges.
 */
import { parseCsvFieldMap } from '../decode/csvFieldMap.js';
import { formatByName, type InputFormatName } from '../decode/inputFormats.js';
import type { CarriedFields, DecodedLine, LineDecoder, NetworkEvent } from '../decode/networkEvent.js';
import type { ZeekBytes } from '../decode/zeekConn.js';
import { createEngine } from '../engine/createEngine.js';
import { InputError } from '../errors.js';
import { NO_DESTINATION_IP, type EngineKind, type PartialStates, type ScoringEngine } from '../engine/scoringEngine.js';
import type { AllowListConfig } from '../filter/allowListConfig.js';
import { allowListFieldsRead, allowListFilters } from '../filter/allowListRules.js';
import type { FilterConfig } from '../filter/filterConfig.js';
import { compileFilters, firstFailedFilter, type SourceFilter } from '../filter/sourceFilters.js';
import { GroupCatalog, type GroupValue } from '../group/groupCatalog.js';
import { IpDictionary } from '../group/ipDictionary.js';
import { SlotTable } from '../group/slotTable.js';
import type { BeaconParams } from '../params/beaconParams.js';
import { WindowPlan, type ScoringWindow, type WindowRequest } from '../window/windowPlan.js';
import { EventBatch } from './eventBatch.js';
import { EventColumnsBuffer } from './eventColumnsBuffer.js';
import { PendingEvents } from './pendingEvents.js';
import { recordIdentity } from './recordIdentity.js';
import { RunSummary } from './runSummary.js';

/** What every task of a run shares: plain data, so it can cross to a worker. */
export interface TaskSetup {
  readonly params: BeaconParams;
  readonly filters: FilterConfig;
  /** Its `pre` rules are filters too, charged after the package's. */
  readonly allowList?: AllowListConfig;
  readonly groupFields: readonly string[];
  readonly zeekBytes: ZeekBytes;
  /** The CSV field map as written, re-read in the task's thread. */
  readonly fieldMap?: { readonly json: unknown; readonly file: string };
  readonly windows: WindowRequest;
  readonly lookbackMs: number;
  readonly engine: EngineKind;
  /** More groups than this stop the run (memory grows with groups). */
  readonly maxGroups: number;
}

/** The part of an input one task reads. */
export interface ReadTask {
  /** Position in input order, for line numbers and the order of the summary. */
  readonly index: number;
  readonly file: string;
  readonly format: InputFormatName;
  /** A byte range of a plain file; the whole input when absent. */
  readonly range?: { readonly start: number; readonly end: number };
  /** The input's first non-empty line: it chose the format, and chooses the decoder. */
  readonly sniffLine: string;
  /** Header lines the part needs but does not hold (a Zeek or CSV header). */
  readonly preamble: readonly string[];
}

/** Asks the run whether records were counted before: 1 where a record (by its identity hash) is a repeat. */
export type Claim = (hi: Uint32Array, lo: Uint32Array) => Promise<Uint8Array>;

/** Everything a task learned, as plain data (typed arrays transferable). */
export interface TaskResult {
  readonly index: number;
  readonly summary: RunSummary;
  /** Lines read: where the next part of the same file starts counting. */
  readonly lines: number;
  /** Latest `@timestamp` of any record decoded (-Infinity: none). */
  readonly latestMs: number;
  /** Values of the task's groups, by local group id (none from a task that counted into the run's tables). */
  readonly groups: readonly (readonly GroupValue[])[];
  /** Destination IP texts, by local IP id (none, likewise). */
  readonly ips: readonly string[];
  /** A task of its own with a known window: the partial state of each (window, group) slot. */
  readonly states?: {
    readonly windows: Uint32Array;
    readonly groups: Uint32Array;
    /** Per slot: bit 0 source bytes seen, bit 1 destination bytes seen. */
    readonly bytesSeen: Uint8Array;
    readonly partial: PartialStates;
  };
  /** A task of its own with the window end unknown: the events held back, `slots` holding local group ids. */
  readonly pending?: {
    readonly groups: Uint32Array;
    readonly timestampMs: Float64Array;
    readonly ingestedMs: Float64Array;
    readonly sourceBytes: Float64Array;
    readonly destinationBytes: Float64Array;
    readonly destinationIp: Uint32Array;
    /** Held-back events already dropped as too old. */
    readonly dropped: number;
  };
}

/** Events whose repeat check is pending: claims go out a batch at a time. */
const CLAIM_BATCH = 4096;

/** A decoder for a task's format, primed with the header lines its part lacks. */
export function taskDecoder(task: ReadTask, setup: TaskSetup): LineDecoder {
  const fieldMap = setup.fieldMap === undefined ? undefined : parseCsvFieldMap(setup.fieldMap.json, setup.fieldMap.file);
  // Readers keep only what the scan reads: the group fields and the allow-list's.
  const fieldsRead = [...setup.groupFields, ...allowListFieldsRead(setup.allowList)];
  const options = { zeekBytes: setup.zeekBytes, fieldsRead, ...(fieldMap === undefined ? {} : { fieldMap }) };
  const decoder = formatByName(task.format).decoderFor(task.sniffLine, options);
  if (decoder === undefined) throw new Error(`${task.file}: its first line no longer fits format ${task.format}`);
  for (const line of task.preamble) decoder.decode(line);
  return decoder;
}

/**
 * The run's own tables. A task on the main thread counts straight into
 * them: no partial states to export, copy and import, so memory holds one
 * set of group states rather than three while it ends.
 */
export interface RunTables {
  readonly catalog: GroupCatalog;
  readonly ips: IpDictionary;
  readonly slots: SlotTable;
  readonly engine: ScoringEngine;
  /** The run's held-back events, while its window end is unknown. */
  readonly pending: PendingEvents | undefined;
}

/**
 * The running state of one task. Feed it decoded records with `add`,
 * awaiting `settle` whenever `needsClaim` says so, then call `finish`.
 */
export class TaskState {
  readonly summary = new RunSummary();
  private readonly filters: SourceFilter[];
  private readonly plan: WindowPlan | undefined;
  private readonly catalog: GroupCatalog;
  private readonly ips: IpDictionary;
  private readonly slots: SlotTable;
  /** Absent while the window end is unknown, in a task of its own. */
  private readonly engine: ScoringEngine | undefined;
  private readonly batch: EventBatch | undefined;
  private readonly pending: PendingEvents | undefined;
  /** Counting into the run's tables: nothing to hand over at the end. */
  private readonly intoRun: boolean;
  /** Records waiting for their repeat check: their groups, flat, with offsets. */
  private readonly waiting = new EventColumnsBuffer(CLAIM_BATCH);
  private waitingGroups: number[] = [];
  private readonly waitingGroupEnds: number[] = [];
  private readonly waitingHi: number[] = [];
  private readonly waitingLo: number[] = [];
  /** For each waiting record: its index in the claim arrays, or -1 without an id. */
  private readonly waitingClaim: number[] = [];
  private latestMs = -Infinity;
  private linesRead = 0;

  /** `run`: the run's tables, for a task on the main thread; a task of its own (a worker's) without. */
  constructor(
    private readonly index: number,
    private readonly setup: TaskSetup,
    private readonly claim: Claim,
    run?: RunTables,
  ) {
    this.filters = [...compileFilters(setup.filters), ...allowListFilters(setup.allowList)];
    for (const f of this.filters) this.summary.filtered.set(f.name, 0);
    this.plan = WindowPlan.fromRequest(setup.windows, setup.lookbackMs);
    this.intoRun = run !== undefined;
    if (run !== undefined) {
      ({ catalog: this.catalog, ips: this.ips, slots: this.slots, engine: this.engine, pending: this.pending } = run);
    } else {
      this.catalog = new GroupCatalog(setup.groupFields);
      this.ips = new IpDictionary();
      this.slots = new SlotTable();
      if (this.plan === undefined) {
        this.pending = new PendingEvents(setup.lookbackMs);
      } else {
        this.engine = createEngine(setup.engine, setup.params);
        for (const w of this.plan.windows) this.engine.addWindow(w.endMs);
      }
    }
    if (this.plan !== undefined) this.batch = new EventBatch(this.engine as ScoringEngine, this.slots);
  }

  get needsClaim(): boolean {
    return this.waiting.length >= CLAIM_BATCH;
  }

  /** Notes which filters do not apply to records carrying `carries`, once per format. */
  noteCarried(format: string, carries: CarriedFields): void {
    const skipped = this.filters.filter((f) => !f.appliesTo(carries)).map((f) => f.name);
    if (skipped.length === 0) return;
    const missing = (['category', 'action', 'process'] as const).filter((k) => !carries[k]).map((k) => (k === 'process' ? 'process.name' : `event.${k}`));
    this.summary.filterNotes.push(`${format} records carry no ${missing.join(', ')}, so these filters do not apply to them (spec section 6): ${skipped.join('; ')}`);
  }

  /** One line's worth of decoding; `line` counts within the task's part. */
  add(decoded: DecodedLine, line: number, file: string, carries: CarriedFields): void {
    this.linesRead = line;
    if (decoded.type === 'none') return;
    this.summary.records++;
    if (decoded.type === 'bad') this.summary.addBad({ file, line }, decoded.bad, this.index);
    else if (decoded.type === 'other') this.summary.addOther(decoded.kind);
    else this.accept(decoded.event, carries);
  }

  private accept(event: NetworkEvent, carries: CarriedFields): void {
    this.latestMs = Math.max(this.latestMs, event.timestampMs);
    const failed = firstFailedFilter(this.filters, event, carries);
    if (failed !== undefined) {
      this.summary.addFiltered(failed.name);
      return;
    }
    const groups = this.catalog.groupsOf(event);
    if (!Array.isArray(groups)) {
      this.summary.addMissingGroupField((groups as { missing: string }).missing);
      return;
    }
    checkGroupCount(this.catalog.size, this.setup);
    const firstIp = event.destinationIps[0];
    const ip = firstIp === undefined ? NO_DESTINATION_IP : this.ips.idOf(firstIp.text);
    this.waiting.push(0, event.timestampMs, event.ingestedMs, event.sourceBytes, event.destinationBytes, ip);
    this.waitingGroups.push(...groups);
    this.waitingGroupEnds.push(this.waitingGroups.length);
    const identity = recordIdentity(event);
    if (identity === undefined) this.waitingClaim.push(-1);
    else {
      this.waitingClaim.push(this.waitingHi.length);
      this.waitingHi.push(identity[0]);
      this.waitingLo.push(identity[1]);
    }
  }

  /** Checks the waiting records for repeats, then counts the new ones. */
  async settle(): Promise<void> {
    const repeats = this.waitingHi.length === 0 ? new Uint8Array(0) : await this.claim(Uint32Array.from(this.waitingHi), Uint32Array.from(this.waitingLo));
    const w = this.waiting;
    let groupStart = 0;
    for (let e = 0; e < w.length; e++) {
      const groupEnd = this.waitingGroupEnds[e] as number;
      const claimAt = this.waitingClaim[e] as number;
      if (claimAt >= 0 && repeats[claimAt] === 1) this.summary.duplicates++;
      else this.count(e, this.waitingGroups.slice(groupStart, groupEnd));
      groupStart = groupEnd;
    }
    w.clear();
    this.waitingGroups = [];
    this.waitingGroupEnds.length = 0;
    this.waitingClaim.length = 0;
    this.waitingHi.length = 0;
    this.waitingLo.length = 0;
  }

  private count(e: number, groups: readonly number[]): void {
    const w = this.waiting;
    const ts = w.timestampMs[e] as number;
    const [ingested, src, dst, ip] = [w.ingestedMs[e] as number, w.sourceBytes[e] as number, w.destinationBytes[e] as number, w.destinationIp[e] as number];
    if (this.pending !== undefined) {
      for (const g of groups) this.pending.push(g, ts, ingested, src, dst, ip, this.latestMs);
      return;
    }
    const plan = this.plan as WindowPlan;
    const [first, last] = plan.windowRange(ts);
    if (first > last) {
      this.summary.outsideWindows++;
      return;
    }
    this.summary.eventsCounted++;
    if (!plan.replay && ts > (plan.windows[0] as ScoringWindow).endMs) this.summary.afterWindowEnd++;
    const batch = this.batch as EventBatch;
    for (let window = first; window <= last; window++) {
      for (const g of groups) batch.push(this.slots.slotOf(window, g), ts, ingested, src, dst, ip);
    }
  }

  /** The task's result; the state is spent afterwards. */
  async finish(): Promise<TaskResult> {
    await this.settle();
    if (this.intoRun) {
      this.batch?.flush();
      return { index: this.index, summary: this.summary, lines: this.linesRead, latestMs: this.latestMs, groups: [], ips: [] };
    }
    const base = {
      index: this.index,
      summary: this.summary,
      lines: this.linesRead,
      latestMs: this.latestMs,
      groups: Array.from({ length: this.catalog.size }, (_, g) => this.catalog.values(g)),
      ips: [...this.ips.allTexts()],
    };
    if (this.pending !== undefined) {
      const e = this.pending.events;
      return {
        ...base,
        pending: {
          groups: e.slots.slice(0, e.length),
          timestampMs: e.timestampMs.slice(0, e.length),
          ingestedMs: e.ingestedMs.slice(0, e.length),
          sourceBytes: e.sourceBytes.slice(0, e.length),
          destinationBytes: e.destinationBytes.slice(0, e.length),
          destinationIp: e.destinationIp.slice(0, e.length),
          dropped: this.pending.dropped,
        },
      };
    }
    const engine = this.engine;
    if (engine === undefined) throw new Error('a task with a window has an engine');
    try {
      (this.batch as EventBatch).flush();
      const all = Uint32Array.from({ length: this.slots.size }, (_, k) => k);
      return {
        ...base,
        states: {
          windows: Uint32Array.from(all, (s) => this.slots.windowOf(s)),
          groups: Uint32Array.from(all, (s) => this.slots.groupOf(s)),
          bytesSeen: Uint8Array.from(all, (s) => this.slots.bytesBits(s)),
          partial: engine.exportStates(all),
        },
      };
    } finally {
      engine.dispose();
    }
  }
}

/** Stops a run whose groups outgrow `--max-groups`, before memory does. */
export function checkGroupCount(groups: number, setup: TaskSetup): void {
  if (groups <= setup.maxGroups) return;
  throw new InputError(
    `more than ${setup.maxGroups.toLocaleString('en-US')} groups of ${setup.groupFields.join(', ')}: ` +
      'raise --max-groups if the memory allows (about 1 kB a group per window, up to 9 kB for a busy one), or group by fewer fields',
  );
}

/** Reads `lines` of one input through a task. `onLines` gets the line count every so often (progress). */
export async function readThroughTask(state: TaskState, lines: AsyncIterable<string>, decoder: LineDecoder, task: ReadTask, format: string): Promise<void> {
  state.noteCarried(format, decoder.carries);
  const counts = { file: task.file, format, records: 0 };
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      const decoded = decoder.decode(text);
      if (decoded.type === 'other' && decoded.wholeInput) {
        state.summary.skippedInputs.push({ file: task.file, reason: decoded.kind });
        return;
      }
      if (decoded.type !== 'none') counts.records++;
      state.add(decoded, line, task.file, decoder.carries);
      if (state.needsClaim) await state.settle();
    }
  } catch (err) {
    // A run-wide limit is the run's end, not this input's.
    if (err instanceof InputError) throw err;
    state.summary.readErrors.push({ file: task.file, line, message: (err as Error).message, task: task.index });
  }
  state.summary.inputs.push(counts);
}
