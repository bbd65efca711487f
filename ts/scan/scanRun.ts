/**
 * One scan, start to finish: inputs -> decoding -> filters -> groups and
 * windows -> engine -> scores. The stages are the folders beside this one;
 * this module only wires them together and counts what happens.
 */
import { INPUT_FORMATS, formatByName, type InputFormat, type InputFormatName } from '../decode/inputFormats.js';
import type { LineDecoder, NetworkEvent } from '../decode/networkEvent.js';
import type { CsvFieldMap } from '../decode/csvFieldMap.js';
import { CsvFlowDecoder } from '../decode/csvFlows.js';
import type { ZeekBytes } from '../decode/zeekConn.js';
import { createEngine } from '../engine/createEngine.js';
import { NO_DESTINATION_IP, type EngineKind, type GroupScore, type ScoringEngine } from '../engine/scoringEngine.js';
import { ConfigError, InputError } from '../errors.js';
import type { FilterConfig } from '../filter/filterConfig.js';
import { compileFilters, firstFailedFilter, type SourceFilter } from '../filter/sourceFilters.js';
import { GroupCatalog, type GroupValue } from '../group/groupCatalog.js';
import { IpDictionary } from '../group/ipDictionary.js';
import { SlotTable } from '../group/slotTable.js';
import type { BeaconParams } from '../params/beaconParams.js';
import { expandInputs, STDIN, type InputFile } from '../source/inputFiles.js';
import { readLines } from '../source/lineReader.js';
import { WindowPlan, type ScoringWindow } from '../window/windowPlan.js';
import { EventBatch } from './eventBatch.js';
import { PendingEvents } from './pendingEvents.js';
import { RunSummary } from './runSummary.js';

/** Window ends: one fixed, the latest event's (no `nowMs`), or a replay. */
export type WindowRequest = { readonly nowMs?: number } | { readonly fromMs: number; readonly toMs: number; readonly everyMs: number };

export interface ScanOptions {
  readonly inputs: readonly string[];
  readonly format: 'auto' | InputFormatName;
  readonly params: BeaconParams;
  readonly filters: FilterConfig;
  /** Group fields; by default the first input format's (host and process for ECS, source and destination IP for Zeek). */
  readonly groupBy?: readonly string[];
  readonly windows: WindowRequest;
  readonly engine: EngineKind;
  readonly zeekBytes: ZeekBytes;
  /** How to read CSV flow exports (`--field-map`). */
  readonly fieldMap?: CsvFieldMap;
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
}

export interface ScanOutcome {
  readonly windows: readonly ScoringWindow[];
  readonly groupFields: readonly string[];
  /** Sorted by window, then group values. */
  readonly results: readonly GroupResult[];
  readonly summary: RunSummary;
}

/** Groups scored per engine call. */
const SCORE_BATCH = 4096;

/** An input whose format is known, with a decoder ready for its lines. */
interface OpenedInput {
  readonly file: InputFile;
  readonly format: InputFormat;
  readonly decoder: LineDecoder;
  /** Standard input cannot be read twice: its lines continue after the sniffed ones. */
  readonly resume?: { readonly lines: AsyncGenerator<string>; readonly sniffed: readonly string[] };
}

export async function runScan(options: ScanOptions): Promise<ScanOutcome> {
  const summary = new RunSummary();
  const opened = await openInputs(await expandInputs(options.inputs), options, summary);
  const groupFields = options.groupBy ?? defaultGroupBy(opened, options);
  const lookbackMs = (options.filters.windowSeconds ?? options.params.time_bucket_length * options.params.number_buckets_in_range) * 1000;
  const engine = createEngine(options.engine, options.params);
  try {
    const run = new ScanState(options, summary, engine, new GroupCatalog(groupFields), lookbackMs);
    for (const input of opened) await run.read(input);
    const results = run.finish();
    return { windows: run.plan?.windows ?? [], groupFields, results, summary };
  } finally {
    engine.dispose();
  }
}

async function openInputs(files: InputFile[], options: ScanOptions, summary: RunSummary): Promise<OpenedInput[]> {
  const candidates = options.format === 'auto' ? INPUT_FORMATS : [formatByName(options.format)];
  const opened: OpenedInput[] = [];
  for (const file of files) {
    const lines = readLines(file.path);
    const sniffed: string[] = [];
    let firstLine: string | undefined;
    try {
      // next() by hand: a for-await loop would close the stream on break.
      for (let next = await lines.next(); next.done !== true; next = await lines.next()) {
        sniffed.push(next.value);
        if (next.value.trim() !== '') {
          firstLine = next.value;
          break;
        }
      }
    } catch (err) {
      throw new InputError(`cannot read ${file.path}: ${(err as Error).message}`, file.path);
    }
    if (file.path !== STDIN) await lines.return(undefined);
    let match: OpenedInput | undefined;
    for (const format of candidates) {
      const decoder = firstLine === undefined ? undefined : format.decoderFor(firstLine, options);
      if (decoder !== undefined && firstLine !== undefined) {
        match = { file, format, decoder, ...(file.path === STDIN ? { resume: { lines, sniffed } } : {}) };
        break;
      }
    }
    if (match !== undefined) {
      opened.push(match);
      continue;
    }
    const reason = firstLine === undefined ? 'empty' : `not a recognised log (tried ${candidates.map((f) => f.name).join(', ')})`;
    if (file.named && firstLine !== undefined) {
      const tried = candidates.map((f) => `  - ${f.name}: ${f.looksLike}`).join('\n');
      const map = options.fieldMap;
      const csvHint = !candidates.some((f) => f.name === 'csv')
        ? ''
        : map === undefined
          ? '\n(CSV is read only with --field-map)'
          : `\n(its header lacks the field map's columns ${CsvFlowDecoder.missingColumns(map, firstLine).join(', ')})`;
      throw new InputError(`${file.path}: not a recognised log; formats tried:\n${tried}${csvHint}`, file.path, 1);
    }
    if (file.named) throw new InputError(`${file.path}: ${reason}`, file.path, 1);
    summary.skippedInputs.push({ file: file.path, reason });
  }
  if (opened.length === 0) throw new InputError(`no readable log among the inputs (tried: ${candidates.map((f) => f.looksLike).join('; ')})`);
  return opened;
}

function defaultGroupBy(opened: readonly OpenedInput[], options: ScanOptions): readonly string[] {
  const formats = [...new Set(opened.map((o) => o.format))];
  const groupings = formats.map((f) => f.defaultGroupBy(options));
  const first = groupings[0] as readonly string[];
  if (groupings.some((g) => g.join() !== first.join())) {
    throw new ConfigError(
      `the inputs mix formats (${formats.map((f) => f.name).join(', ')}) with different default groupings: choose one with --group-by`,
      'group-by',
    );
  }
  return first;
}

class ScanState {
  plan: WindowPlan | undefined;
  private readonly filters: SourceFilter[];
  private readonly slots = new SlotTable();
  private readonly ips = new IpDictionary();
  private readonly seenIds = new Set<string>();
  private readonly batch: EventBatch;
  private readonly pending: PendingEvents | undefined;
  private latestMs = -Infinity;

  constructor(
    private readonly options: ScanOptions,
    private readonly summary: RunSummary,
    private readonly engine: ScoringEngine,
    private readonly catalog: GroupCatalog,
    private readonly lookbackMs: number,
  ) {
    this.filters = compileFilters(options.filters);
    for (const f of this.filters) summary.filtered.set(f.name, 0);
    this.batch = new EventBatch(engine, this.slots);
    const w = options.windows;
    if ('fromMs' in w) this.plan = WindowPlan.replay(w.fromMs, w.toMs, w.everyMs, lookbackMs);
    else if (w.nowMs !== undefined) this.plan = WindowPlan.single(w.nowMs, lookbackMs);
    else this.pending = new PendingEvents(lookbackMs);
    if (this.plan !== undefined) for (const window of this.plan.windows) engine.addWindow(window.endMs);
  }

  async read(input: OpenedInput): Promise<void> {
    const { file, format, decoder } = input;
    this.noteFilters(format, decoder);
    const counts = { file: file.path, format: format.name, records: 0 };
    let line = 0;
    const lines = input.resume === undefined ? readLines(file.path) : resume(input.resume.sniffed, input.resume.lines);
    try {
      for await (const text of lines) {
        line++;
        const decoded = decoder.decode(text);
        if (decoded.type === 'none') continue;
        if (decoded.type === 'other' && decoded.wholeInput) {
          this.summary.skippedInputs.push({ file: file.path, reason: decoded.kind });
          return;
        }
        counts.records++;
        this.summary.records++;
        if (decoded.type === 'bad') this.summary.addBad({ file: file.path, line }, decoded.bad);
        else if (decoded.type === 'other') this.summary.otherRecords.set(decoded.kind, (this.summary.otherRecords.get(decoded.kind) ?? 0) + 1);
        else this.accept(decoded.event, decoder);
      }
    } catch (err) {
      this.summary.readErrors.push({ file: file.path, line, message: (err as Error).message });
    }
    this.summary.inputs.push(counts);
  }

  private accept(event: NetworkEvent, decoder: LineDecoder): void {
    if (event.eventId !== undefined) {
      if (this.seenIds.has(event.eventId)) {
        this.summary.duplicates++;
        return;
      }
      this.seenIds.add(event.eventId);
    }
    this.latestMs = Math.max(this.latestMs, event.timestampMs);
    const failed = firstFailedFilter(this.filters, event, decoder.carries);
    if (failed !== undefined) {
      this.summary.filtered.set(failed.name, (this.summary.filtered.get(failed.name) as number) + 1);
      return;
    }
    const groups = this.catalog.groupsOf(event);
    if (!Array.isArray(groups)) {
      const { missing } = groups as { missing: string };
      this.summary.missingGroupField.set(missing, (this.summary.missingGroupField.get(missing) ?? 0) + 1);
      return;
    }
    const firstIp = event.destinationIps[0];
    const ip = firstIp === undefined ? NO_DESTINATION_IP : this.ips.idOf(firstIp.text);
    const { timestampMs: ts, ingestedMs, sourceBytes, destinationBytes } = event;
    if (this.pending !== undefined) {
      for (const g of groups) this.pending.push(g, ts, ingestedMs, sourceBytes, destinationBytes, ip, this.latestMs);
      return;
    }
    const [first, last] = this.windowsOf(ts);
    for (let w = first; w <= last; w++) {
      for (const g of groups) this.batch.push(this.slots.slotOf(w, g), ts, ingestedMs, sourceBytes, destinationBytes, ip);
    }
  }

  /** Flushes what is pending, scores every (window, group) slot, and sorts the results. */
  finish(): GroupResult[] {
    if (this.pending !== undefined) this.resolveLatestWindow(this.pending);
    this.batch.flush();
    this.explainEmptyRun();
    const ranks = this.ips.stringRanks();
    const results: GroupResult[] = [];
    for (let start = 0; start < this.slots.size; start += SCORE_BATCH) {
      const slots = Uint32Array.from({ length: Math.min(SCORE_BATCH, this.slots.size - start) }, (_, k) => start + k);
      this.engine.score(slots, ranks).forEach((score, k) => {
        const slot = slots[k] as number;
        results.push({
          window: this.slots.windowOf(slot),
          group: this.catalog.values(this.slots.groupOf(slot)),
          score,
          destinationIps: score.topDestinationIps.map((id) => this.ips.text(id)),
          bytesSeen: this.slots.bytesSeen(slot),
        });
      });
    }
    results.sort((a, b) => a.window - b.window || compareGroups(a.group, b.group));
    this.tally(results);
    return results;
  }

  /** Without `--now` the window ends at the latest event: now known, bucket what was held back. */
  private resolveLatestWindow(pending: PendingEvents): void {
    if (this.latestMs === -Infinity) return;
    this.plan = WindowPlan.single(this.latestMs, this.lookbackMs);
    this.engine.addWindow(this.latestMs);
    this.summary.outsideWindows += pending.dropped;
    const e = pending.events;
    for (let i = 0; i < e.length; i++) {
      const ts = e.timestampMs[i] as number;
      const [first, last] = this.windowsOf(ts);
      if (first > last) continue;
      const slot = this.slots.slotOf(0, e.slots[i] as number);
      this.batch.push(slot, ts, e.ingestedMs[i] as number, e.sourceBytes[i] as number, e.destinationBytes[i] as number, e.destinationIp[i] as number);
    }
  }

  /** The windows an event counts in, as [first, last], counted in the summary. */
  private windowsOf(ts: number): [number, number] {
    const plan = this.plan as WindowPlan;
    const range = plan.windowRange(ts);
    if (range[0] > range[1]) {
      this.summary.outsideWindows++;
      return range;
    }
    this.summary.eventsCounted++;
    if (!plan.replay && ts > (plan.windows[0] as ScoringWindow).endMs) this.summary.afterWindowEnd++;
    return range;
  }

  private tally(results: readonly GroupResult[]): void {
    const groups = new Set<string>();
    const beaconing = new Set<string>();
    for (const r of results) {
      const key = JSON.stringify(r.group);
      groups.add(key);
      if (r.score.stats?.is_beaconing === true) {
        this.summary.beaconingWindowGroups++;
        beaconing.add(key);
      }
    }
    this.summary.groups = groups.size;
    this.summary.windowGroups = results.length;
    this.summary.beaconingGroups = beaconing.size;
  }

  private noteFilters(format: InputFormat, decoder: LineDecoder): void {
    const skipped = this.filters.filter((f) => !f.appliesTo(decoder.carries)).map((f) => f.name);
    const missing = (['category', 'action', 'process'] as const).filter((k) => !decoder.carries[k]).map((k) => `event.${k === 'process' ? 'process.name' : k}`);
    const note = `${format.name} records carry no ${missing.join(', ')}, so these filters do not apply to them (spec section 6): ${skipped.join('; ')}`;
    if (skipped.length > 0 && !this.summary.filterNotes.includes(note)) this.summary.filterNotes.push(note);
  }

  /** A run with nothing to score is an error that says where the events went. */
  private explainEmptyRun(): void {
    if (this.summary.eventsCounted > 0) return;
    const s = this.summary;
    const reasons: string[] = [];
    if (s.records === 0) reasons.push('the inputs hold no records');
    const badByField = [...s.badRecords.values()].map((t) => `${t.count.toLocaleString('en-US')} ${t.reason}${t.field === undefined ? '' : ` (${t.field})`}`);
    if (badByField.length > 0) reasons.push(`bad records: ${badByField.join(', ')}`);
    for (const [kind, count] of s.otherRecords) reasons.push(`${count.toLocaleString('en-US')} ${kind} records`);
    const n = (x: number) => x.toLocaleString('en-US');
    if (s.duplicates > 0) reasons.push(`${n(s.duplicates)} duplicates`);
    for (const [name, count] of s.filtered) if (count > 0) reasons.push(`${n(count)} removed by filter "${name}"`);
    for (const [field, count] of s.missingGroupField) reasons.push(`${n(count)} without group field ${field}`);
    if (s.outsideWindows > 0) reasons.push(`${n(s.outsideWindows)} outside every window`);
    const missing = [...s.missingGroupField.keys(), ...[...s.badRecords.values()].filter((t) => t.reason === 'missing timestamp').map((t) => t.field)];
    const fields = missing.length > 0 ? `; fields not found: ${[...new Set(missing)].join(', ')}` : '';
    throw new InputError(`no usable event in the input (${reasons.join('; ')})${fields}`);
  }
}

async function* resume(sniffed: readonly string[], rest: AsyncGenerator<string>): AsyncGenerator<string> {
  yield* sniffed;
  yield* rest;
}

function compareGroups(a: readonly GroupValue[], b: readonly GroupValue[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = String(a[i]);
    const y = String(b[i]);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
