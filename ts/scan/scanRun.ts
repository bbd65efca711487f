/**
 * One scan, start to finish: inputs planned into read tasks, the tasks run
 * (on worker threads, or here), their partial states merged exactly, the
 * groups scored in batches, the results sorted. The stages are the folders
 * beside this one; this module wires them together.
 */
import { availableParallelism } from 'node:os';
import { InputError } from '../errors.js';
import { MergedState } from './mergedState.js';
import type { RunSummary } from './runSummary.js';
import { groupFieldsOf, planInputs } from './scanPlan.js';
import type { GroupResult, ScanOptions, ScanOutcome, ScanProgress } from './scanOptions.js';
import { ScanPool } from './scanPool.js';
import { readThroughTask, taskDecoder, TaskState, type ReadTask, type TaskSetup } from './scanTask.js';
import { scoreStates, type ScoreReply, type ScoreRequest } from './scoreStates.js';

export type { GroupResult, ScanOptions, ScanOutcome, WindowRequest } from './scanOptions.js';

/** Groups scored per batch. */
const SCORE_BATCH = 4096;

/** The default `--max-groups`. */
export const DEFAULT_MAX_GROUPS = 1_000_000;

/** The default for `--workers`: the cores this process may use. */
export function defaultWorkers(): number {
  return availableParallelism();
}

export async function runScan(options: ScanOptions): Promise<ScanOutcome> {
  // Made first: standard input is read from the planning on.
  const progress = new ProgressMeter(options.onProgress);
  const inputs = await planInputs(options, (bytes) => progress.addBytes(bytes));
  const recordSources = options.recordSources ?? [];
  const aggregatedSources = options.aggregatedSources ?? [];
  const readable = inputs.tasks.length + (inputs.stdin === undefined ? 0 : 1) + recordSources.length + aggregatedSources.length;
  if (readable === 0) throw new InputError(`no readable log among the inputs (tried: ${inputs.skipped.map((s) => `${s.file}: ${s.reason}`).join('; ') || 'none'})`);
  const groupFields = groupFieldsOf(options, [
    ...inputs.formats.map((f) => ({ name: f.name, groupBy: f.defaultGroupBy(options) })),
    ...recordSources.map((s) => ({ name: s.format, groupBy: s.defaultGroupBy })),
    ...aggregatedSources.map((s) => ({ name: s.format, groupBy: s.defaultGroupBy })),
  ]);
  const setup: TaskSetup = {
    params: options.params,
    filters: options.filters,
    ...(options.allowList === undefined ? {} : { allowList: options.allowList }),
    groupFields,
    zeekBytes: options.zeekBytes,
    ...(options.fieldMap === undefined ? {} : { fieldMap: { json: options.fieldMap.json, file: options.fieldMap.file } }),
    windows: options.windows,
    lookbackMs: (options.filters.windowSeconds ?? options.params.time_bucket_length * options.params.number_buckets_in_range) * 1000,
    engine: options.engine,
    maxGroups: options.maxGroups ?? DEFAULT_MAX_GROUPS,
  };
  const merged = new MergedState(setup);
  const workers = options.workers ?? 0;
  const pool = workers > 0 ? new ScanPool(workers) : undefined;
  if (inputs.stdin === undefined && recordSources.length === 0 && aggregatedSources.length === 0) progress.total = inputs.bytes;
  try {
    const tasks = [...inputs.tasks];
    await (pool === undefined ? readHere(inputs.tasks, merged, setup, progress) : readOnPool(inputs.tasks, merged, setup, pool, progress));
    if (inputs.stdin !== undefined) {
      const task = { ...inputs.stdin.task, index: tasks.length };
      tasks.push(task);
      await readTaskHere(task, inputs.stdin.lines, merged, setup);
    }
    for (const source of recordSources) {
      const task: ReadTask = { index: tasks.length, file: source.name, format: 'ecs', sniffLine: '', preamble: [] };
      tasks.push(task);
      const state = new TaskState(task.index, setup, merged.claim, merged.tables);
      state.noteCarried(source.format, source.carries);
      let line = 0;
      for await (const record of source.records()) {
        state.add(record, ++line, source.name, source.carries);
        progress.addRecords(1);
        if (state.needsClaim) await state.settle();
      }
      state.summary.inputs.push({ file: source.name, format: source.format, records: state.summary.records });
      merged.absorb(await state.finish());
    }
    for (const source of aggregatedSources) {
      for await (const group of source.groups()) {
        merged.absorbAggregated(group);
        progress.addRecords(group.events);
      }
      merged.summary.inputs.push({ file: source.name, format: source.format, records: 0 });
    }
    progress.finish();
    merged.summary.skippedInputs.push(...inputs.skipped);
    merged.finishReading(tasks);
    explainEmptyRun(merged.summary);
    const results = await scoreAll(merged, setup, options.details ?? 'none', pool);
    results.sort((a, b) => a.window - b.window || compareGroups(a.group, b.group));
    tally(results, merged.summary);
    return { windows: merged.plan?.windows ?? [], groupFields, results, summary: merged.summary };
  } finally {
    merged.engine.dispose();
    await pool?.close();
  }
}

async function readHere(tasks: readonly ReadTask[], merged: MergedState, setup: TaskSetup, progress: ProgressMeter): Promise<void> {
  const { readLineRange, readLines } = await import('../source/lineReader.js');
  for (const task of tasks) {
    const onBytes = (bytes: number) => progress.addBytes(bytes);
    const lines = task.range === undefined ? readLines(task.file, { onBytes }) : readLineRange(task.file, task.range.start, task.range.end, { onBytes });
    await readTaskHere(task, lines, merged, setup);
  }
}

async function readTaskHere(task: ReadTask, lines: AsyncIterable<string>, merged: MergedState, setup: TaskSetup): Promise<void> {
  const state = new TaskState(task.index, setup, merged.claim, merged.tables);
  await readThroughTask(state, lines, taskDecoder(task, setup), task, task.format);
  merged.absorb(await state.finish());
}

/** Read tasks on the pool, merged as they finish (in any order: merging is exact). */
async function readOnPool(tasks: readonly ReadTask[], merged: MergedState, setup: TaskSetup, pool: ScanPool, progress: ProgressMeter): Promise<void> {
  const running = new Set<Promise<void>>();
  for (const task of tasks) {
    const run: Promise<void> = pool
      .read(task, setup, merged.repeats, (bytes) => progress.addBytes(bytes))
      .then((result) => merged.absorb(result))
      .finally(() => running.delete(run));
    running.add(run);
    if (running.size >= pool.capacity) await Promise.race(running);
  }
  await Promise.all(running);
}

/** Scores every slot in batches, on the pool or here, with the details asked for. */
async function scoreAll(merged: MergedState, setup: TaskSetup, details: NonNullable<ScanOptions['details']>, pool: ScanPool | undefined): Promise<GroupResult[]> {
  const ranks = merged.ips.stringRanks();
  const results: GroupResult[] = [];
  const running = new Set<Promise<void>>();
  for (let start = 0; start < merged.slots.size; start += SCORE_BATCH) {
    const slots = Uint32Array.from({ length: Math.min(SCORE_BATCH, merged.slots.size - start) }, (_, k) => start + k);
    const states = merged.engine.exportStates(slots);
    // Renumber the batch's IPs so that id order is string order.
    const distinct = [...new Set(states.ipIds)].sort((a, b) => (ranks[a] as number) - (ranks[b] as number));
    const local = new Map(distinct.map((id, k) => [id, k]));
    const request: ScoreRequest = { engine: setup.engine, params: setup.params, states: { ...states, ipIds: states.ipIds.map((id) => local.get(id) as number) }, ipCount: distinct.length, details };
    const collect = (reply: ScoreReply) => {
      reply.scores.forEach((score, k) => {
        const slot = slots[k] as number;
        const detail = reply.details[k];
        results.push({
          window: merged.slots.windowOf(slot),
          group: merged.catalog.values(merged.slots.groupOf(slot)),
          score,
          destinationIps: score.topDestinationIps.map((id) => merged.ips.text(distinct[id] as number)),
          bytesSeen: merged.slots.bytesSeen(slot),
          ...(detail === undefined ? {} : { detail }),
        });
      });
    };
    if (pool === undefined) {
      collect(scoreStates(request));
      continue;
    }
    const run: Promise<void> = pool
      .score(request)
      .then(collect)
      .finally(() => running.delete(run));
    running.add(run);
    if (running.size >= pool.capacity) await Promise.race(running);
  }
  await Promise.all(running);
  return results;
}

function tally(results: readonly GroupResult[], summary: RunSummary): void {
  const groups = new Set<string>();
  const beaconing = new Set<string>();
  for (const r of results) {
    const key = JSON.stringify(r.group);
    groups.add(key);
    if (r.score.stats?.is_beaconing === true) {
      summary.beaconingWindowGroups++;
      beaconing.add(key);
    }
  }
  summary.groups = groups.size;
  summary.windowGroups = results.length;
  summary.beaconingGroups = beaconing.size;
}

/** A run with nothing to score is an error that says where the events went. */
function explainEmptyRun(s: RunSummary): void {
  if (s.eventsCounted > 0) return;
  const n = (x: number) => x.toLocaleString('en-US');
  const reasons: string[] = [];
  if (s.records === 0) reasons.push('the inputs hold no records');
  const badByField = [...s.badRecords.values()].map((t) => `${n(t.count)} ${t.reason}${t.field === undefined ? '' : ` (${t.field})`}`);
  if (badByField.length > 0) reasons.push(`bad records: ${badByField.join(', ')}`);
  for (const [kind, count] of s.otherRecords) reasons.push(`${n(count)} ${kind} records`);
  if (s.duplicates > 0) reasons.push(`${n(s.duplicates)} duplicates`);
  for (const [name, count] of s.filtered) if (count > 0) reasons.push(`${n(count)} removed by filter "${name}"`);
  for (const [field, count] of s.missingGroupField) reasons.push(`${n(count)} without group field ${field}`);
  if (s.outsideWindows > 0) reasons.push(`${n(s.outsideWindows)} outside every window`);
  const missing = [...s.missingGroupField.keys(), ...[...s.badRecords.values()].filter((t) => t.reason === 'missing timestamp').map((t) => t.field)];
  const fields = missing.length > 0 ? `; fields not found: ${[...new Set(missing)].join(', ')}` : '';
  throw new InputError(`no usable event in the input (${reasons.join('; ')})${fields}`);
}

function compareGroups(a: readonly (string | number | boolean)[], b: readonly (string | number | boolean)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = String(a[i]);
    const y = String(b[i]);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Input bytes read, reported at most every 200 ms. */
class ProgressMeter {
  /** Total input bytes, once known to be every input's. */
  total: number | undefined;
  private bytes = 0;
  private records = 0;
  private reportedAt = 0;

  constructor(private readonly report: ((p: ScanProgress) => void) | undefined) {}

  addBytes(bytes: number): void {
    this.bytes += bytes;
    this.tick();
  }

  addRecords(records: number): void {
    this.records += records;
    this.tick();
  }

  /** The last report, whenever the one before was: the display ends on what was read. */
  finish(): void {
    this.reportedAt = 0;
    this.tick();
  }

  private tick(): void {
    if (this.report === undefined) return;
    const now = Date.now();
    if (now - this.reportedAt < 200) return;
    this.reportedAt = now;
    this.report({ bytesRead: this.bytes, bytesTotal: this.total, recordsRead: this.records });
  }
}

