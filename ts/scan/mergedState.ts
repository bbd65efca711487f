/**
 * The main thread's side of a scan: every task's result merged into one set
 * of group states, exactly (integer sums and maxima, in any order), with
 * groups, IPs and slots renumbered into the run's own ids.
 */
import { NO_DESTINATION_IP, type PartialStates, type ScoringEngine } from '../engine/scoringEngine.js';
import { createEngine } from '../engine/createEngine.js';
import { GroupCatalog } from '../group/groupCatalog.js';
import { IpDictionary } from '../group/ipDictionary.js';
import { SlotTable } from '../group/slotTable.js';
import { WindowPlan, type ScoringWindow } from '../window/windowPlan.js';
import { DedupSet } from './dedupSet.js';
import { EventBatch } from './eventBatch.js';
import { PendingEvents } from './pendingEvents.js';
import { RunSummary } from './runSummary.js';
import type { AggregatedGroup } from './scanOptions.js';
import { checkGroupCount, type Claim, type ReadTask, type RunTables, type TaskResult, type TaskSetup } from './scanTask.js';

export class MergedState {
  readonly summary = new RunSummary();
  readonly catalog: GroupCatalog;
  readonly ips = new IpDictionary();
  readonly slots = new SlotTable();
  readonly engine: ScoringEngine;
  plan: WindowPlan | undefined;
  private readonly pending: PendingEvents | undefined;
  private readonly batch: EventBatch;
  private readonly dedup = new DedupSet();
  private readonly linesByTask: number[] = [];
  private latestMs = -Infinity;

  constructor(private readonly setup: TaskSetup) {
    this.catalog = new GroupCatalog(setup.groupFields);
    this.engine = createEngine(setup.engine, setup.params);
    this.plan = WindowPlan.fromRequest(setup.windows, setup.lookbackMs);
    if (this.plan === undefined) this.pending = new PendingEvents(setup.lookbackMs);
    else for (const w of this.plan.windows) this.engine.addWindow(w.endMs);
    this.batch = new EventBatch(this.engine, this.slots);
  }

  /** What a task on this thread counts into: the run's own tables. */
  get tables(): RunTables {
    return { catalog: this.catalog, ips: this.ips, slots: this.slots, engine: this.engine, pending: this.pending };
  }

  /** The run-wide repeat check every task asks: 1 where a record identity was counted before. */
  readonly repeats = (hi: Uint32Array, lo: Uint32Array): Uint8Array => this.dedup.claim(hi, lo);

  /** The same check, as tasks on this thread ask it. */
  readonly claim: Claim = (hi, lo) => Promise.resolve(this.repeats(hi, lo));

  absorb(result: TaskResult): void {
    this.summary.absorb(result.summary);
    this.linesByTask[result.index] = result.lines;
    this.latestMs = Math.max(this.latestMs, result.latestMs);
    const groupIds = result.groups.map((values) => this.catalog.idOf(values));
    checkGroupCount(this.catalog.size, this.setup);
    const ipIds = result.ips.map((text) => this.ips.idOf(text));
    if (result.states !== undefined) {
      const s = result.states;
      const slots = Uint32Array.from(s.windows, (window, k) => this.slots.slotOf(window, groupIds[s.groups[k] as number] as number));
      slots.forEach((slot, k) => this.slots.noteBytesBits(slot, s.bytesSeen[k] as number));
      this.importStates(slots, { ...s.partial, ipIds: s.partial.ipIds.map((id) => ipIds[id] as number) });
    }
    if (result.pending !== undefined) {
      const p = result.pending;
      const pending = this.pending as PendingEvents;
      pending.dropped += p.dropped;
      for (let e = 0; e < p.groups.length; e++) {
        const ip = p.destinationIp[e] as number;
        const group = groupIds[p.groups[e] as number] as number;
        pending.push(group, p.timestampMs[e] as number, p.ingestedMs[e] as number, p.sourceBytes[e] as number, p.destinationBytes[e] as number, ip === NO_DESTINATION_IP ? ip : (ipIds[ip] as number), this.latestMs);
      }
    }
  }

  /** Buckets aggregated elsewhere for one group of one window. */
  absorbAggregated(g: AggregatedGroup): void {
    const slot = this.slots.slotOf(g.window, this.catalog.idOf(g.group));
    checkGroupCount(this.catalog.size, this.setup);
    this.slots.noteBytes(slot, g.bytesSeen.source, g.bytesSeen.destination);
    // A group of buckets only (no max aggregation answered) says nothing of the latest event.
    if (!Number.isNaN(g.maxTimestampMs)) this.latestMs = Math.max(this.latestMs, g.maxTimestampMs);
    this.summary.eventsCounted += g.events;
    this.importStates(Uint32Array.of(slot), {
      count: 1,
      cellOffsets: Uint32Array.of(0, g.cells.length),
      cellBuckets: Uint32Array.from(g.cells, (c) => c.bucket),
      cellCounts: Float64Array.from(g.cells, (c) => c.count),
      cellSourceBytes: BigInt64Array.from(g.cells, (c) => c.sourceBytes),
      cellDestinationBytes: BigInt64Array.from(g.cells, (c) => c.destinationBytes),
      ipOffsets: Uint32Array.of(0, g.destinationIps.length),
      ipIds: Uint32Array.from(g.destinationIps, ([text]) => this.ips.idOf(text)),
      ipCounts: Float64Array.from(g.destinationIps, ([, n]) => n),
      latestMs: Float64Array.of(g.maxTimestampMs, g.maxIngestedMs),
    });
  }

  private importStates(slots: Uint32Array, states: PartialStates): void {
    const fresh = this.slots.takeNewSlots();
    if (fresh.length > 0) this.engine.addGroups(fresh);
    this.engine.importStates(slots, states);
  }

  /**
   * After every task: the window end, when it was the latest event, and the
   * events held back for it; line numbers within split files made whole.
   */
  finishReading(tasks: readonly ReadTask[]): void {
    if (this.pending !== undefined && this.latestMs !== -Infinity) this.resolveLatestWindow(this.pending);
    this.batch.flush();
    const lineOffset: number[] = [];
    const linesSoFar = new Map<string, number>();
    const fileOrder = new Map<string, number>();
    for (const task of [...tasks].sort((a, b) => a.index - b.index)) {
      const before = linesSoFar.get(task.file) ?? 0;
      lineOffset[task.index] = before;
      linesSoFar.set(task.file, before + (this.linesByTask[task.index] ?? 0));
      if (!fileOrder.has(task.file)) fileOrder.set(task.file, fileOrder.size);
    }
    this.summary.settleLines(lineOffset, fileOrder);
  }

  private resolveLatestWindow(pending: PendingEvents): void {
    const plan = WindowPlan.single(this.latestMs, this.setup.lookbackMs);
    this.plan = plan;
    this.engine.addWindow(this.latestMs);
    this.summary.outsideWindows += pending.dropped;
    const e = pending.events;
    const end = (plan.windows[0] as ScoringWindow).endMs;
    for (let i = 0; i < e.length; i++) {
      const ts = e.timestampMs[i] as number;
      const [first, last] = plan.windowRange(ts);
      if (first > last) {
        this.summary.outsideWindows++;
        continue;
      }
      this.summary.eventsCounted++;
      if (ts > end) this.summary.afterWindowEnd++;
      this.batch.push(this.slots.slotOf(0, e.slots[i] as number), ts, e.ingestedMs[i] as number, e.sourceBytes[i] as number, e.destinationBytes[i] as number, e.destinationIp[i] as number);
    }
  }
}
