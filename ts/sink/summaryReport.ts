/** The run summary printed on standard error after every scan. */
import { neverMatched, type AllowListOutcome } from '../filter/allowListSuppression.js';
import type { RunSummary } from '../scan/runSummary.js';

export interface SummaryContext {
  readonly engine: string;
  readonly filters: string;
  readonly groupFields: readonly string[];
  readonly windows: number;
  readonly firstWindowEnd?: string;
  readonly lastWindowEnd?: string;
  /** The allow-list's rules and what each matched. */
  readonly allowList?: Pick<AllowListOutcome, 'name' | 'rules'>;
}

const n = (x: number) => x.toLocaleString('en-US');

/** Kinds of skipped record listed one by one; the rest are summed up. */
const OTHER_KINDS_SHOWN = 5;

export function formatRunSummary(s: RunSummary, ctx: SummaryContext): string {
  const out: string[] = ['beaconwatch scan summary'];
  const formats = new Map<string, number>();
  for (const input of s.inputs) formats.set(input.format, (formats.get(input.format) ?? 0) + 1);
  out.push(`  inputs read: ${s.inputs.length} (${[...formats].map(([f, c]) => `${f}: ${c}`).join(', ')})`);
  const skippedByReason = new Map<string, string[]>();
  for (const { file, reason } of s.skippedInputs) skippedByReason.set(reason, [...(skippedByReason.get(reason) ?? []), file]);
  if (s.skippedInputs.length > 0) out.push(`  inputs skipped: ${s.skippedInputs.length}`);
  for (const [reason, files] of skippedByReason) {
    const shown = files.slice(0, 3).join(', ');
    out.push(`    ${reason}: ${files.length} (${shown}${files.length > 3 ? ', ...' : ''})`);
  }
  for (const e of s.readErrors) out.push(`    stopped early ${e.file} after line ${e.line}: ${e.message}`);
  out.push(`  records read: ${n(s.records)}`);
  const skipped = s.badRecordCount + s.duplicates + [...s.otherRecords.values()].reduce((a, b) => a + b, 0);
  out.push(`  skipped: ${n(skipped)}`);
  for (const t of s.badRecords.values()) {
    const where = t.examples.map((e) => `${e.file}:${e.line}`).join(', ');
    out.push(`    ${t.reason}${t.field === undefined ? '' : ` in ${t.field}`}: ${n(t.count)} (${where}${t.count > t.examples.length ? ', ...' : ''})`);
  }
  if (s.duplicates > 0) out.push(`    duplicate connection (same event.id / Zeek uid), counted once: ${n(s.duplicates)}`);
  const kinds = [...s.otherRecords].sort((a, b) => b[1] - a[1]);
  for (const [kind, count] of kinds.slice(0, OTHER_KINDS_SHOWN)) out.push(`    ${kind} records (not connections): ${n(count)}`);
  if (kinds.length > OTHER_KINDS_SHOWN) {
    const rest = kinds.slice(OTHER_KINDS_SHOWN);
    out.push(`    ${rest.length} more kinds of record: ${n(rest.reduce((sum, [, c]) => sum + c, 0))}`);
  }
  // The allow-list's `pre` rules count among the filters; they are listed with the allow-list.
  const ruleFilters = new Set(ctx.allowList?.rules.flatMap((r) => (r.filter === undefined ? [] : [r.filter])));
  const packageFilters = [...s.filtered].filter(([name]) => !ruleFilters.has(name));
  out.push(`  filtered (filters: ${ctx.filters}): ${n(packageFilters.reduce((sum, [, c]) => sum + c, 0))}`);
  for (const [name, count] of packageFilters) out.push(`    ${name}: ${n(count)}`);
  for (const note of s.filterNotes) out.push(`    note: ${note}`);
  if (ctx.allowList !== undefined) out.push(...allowListLines(ctx.allowList));
  if (s.missingGroupCount > 0) {
    out.push(`  without a group (--group-by ${ctx.groupFields.join(',')}): ${n(s.missingGroupCount)}`);
    for (const [field, count] of s.missingGroupField) out.push(`    missing ${field}: ${n(count)}`);
  }
  out.push(`  outside the window${ctx.windows > 1 ? 's' : ''}: ${n(s.outsideWindows)}`);
  out.push(`  events counted: ${n(s.eventsCounted)}`);
  if (s.afterWindowEnd > 0) {
    out.push(`    after the window end: ${n(s.afterWindowEnd)} (as in the transform: they move the latest @timestamp; within one bucket of the end they count in bucket 0)`);
  }
  const span = ctx.windows === 1 ? `window ending ${ctx.lastWindowEnd}` : `${n(ctx.windows)} windows ending ${ctx.firstWindowEnd} .. ${ctx.lastWindowEnd}`;
  out.push(`  groups: ${n(s.groups)} (${ctx.groupFields.join(', ')}) over ${span}; ${n(s.windowGroups)} scored`);
  out.push(`  beaconing: ${quantity(s.beaconingGroups, 'group')}, ${quantity(s.beaconingWindowGroups, 'group-window')} (engine: ${ctx.engine})`);
  return `${out.join('\n')}\n`;
}

function allowListLines(a: Pick<AllowListOutcome, 'name' | 'rules'>): string[] {
  const removed = a.rules.reduce((sum, r) => (r.mode === 'pre' ? sum + r.matched : sum), 0);
  const suppressed = a.rules.reduce((sum, r) => (r.mode === 'post' ? sum + r.matched : sum), 0);
  const unmatched = a.rules.filter(neverMatched);
  const out = [
    `  allow-list (${a.name}): ${quantity(removed, 'event')} removed before scoring, ${quantity(suppressed, 'finding')} suppressed after it` +
      (unmatched.length > 0 ? `; ${unmatched.length} of ${a.rules.length} rules never matched` : ''),
  ];
  for (const r of a.rules) {
    const matched = r.mode === 'pre' ? quantity(r.matched, 'event') : `${quantity(r.matched, 'finding')} suppressed (${quantity(r.groups ?? 0, 'group')} matched)`;
    const never = neverMatched(r) ? `NEVER MATCHED${r.never === undefined ? '' : `: ${r.never}`}` : matched;
    out.push(`    ${r.label} [${r.mode}: ${r.conditions}]: ${never}`);
  }
  return out;
}

/** `1 event`, `2,870 events`. */
export function quantity(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
