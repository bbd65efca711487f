/**
 * Two sets of result documents compared field by field: the transform's
 * and ours, matched by their group values. For each field both sides
 * produce: equal, differing (by how much), or missing on one side. Fields
 * only one side ever produces are listed, not counted as differences (a
 * test script computes a few fields; our `beaconwatch.*` extension is ours
 * alone). Dates compare as instants, `destination_ips` as a set (the
 * package's list is approximate, spec section 3), numbers exactly.
 */
import { parseTimestamp } from '../decode/timestamp.js';
import type { Json } from './searchClient.js';

export interface FieldTally {
  equal: number;
  differing: number;
  missingInTransform: number;
  missingInOurs: number;
  /** Largest absolute and relative difference of numeric (or date, in ms) values. */
  maxAbsolute: number;
  maxRelative: number;
}

export interface FieldDifference {
  readonly field: string;
  readonly transform: unknown;
  readonly ours: unknown;
  /** `|ours - transform|` for numbers and dates (ms); undefined otherwise. */
  readonly absolute?: number;
  readonly relative?: number;
}

export interface GroupDifference {
  /** `host.name=ws-1 process.name=a.exe`. */
  readonly group: string;
  readonly fields: readonly FieldDifference[];
}

export interface DocumentDiff {
  readonly groupsInBoth: number;
  readonly equalGroups: number;
  readonly differingGroups: readonly GroupDifference[];
  readonly onlyInTransform: readonly string[];
  readonly onlyInOurs: readonly string[];
  readonly fields: ReadonlyMap<string, FieldTally>;
  /** Fields one side never produces in any group: not compared. */
  readonly transformOnlyFields: readonly string[];
  readonly oursOnlyFields: readonly string[];
}

export interface GroupKeys {
  /** Where each side keeps each group value: the transform's group_by names, our group fields. */
  readonly transform: readonly string[];
  readonly ours: readonly string[];
}

/** Paths never compared: ours alone by design, or the group itself. */
const OURS_ONLY = /^beaconwatch\./;

export function diffDocuments(transformDocs: readonly Json[], ourDocs: readonly Json[], keys: GroupKeys): DocumentDiff {
  const label = (values: readonly unknown[]) => keys.ours.map((field, i) => `${field}=${String(values[i])}`).join(' ');
  const index = (docs: readonly Json[], paths: readonly string[]) => {
    const byGroup = new Map<string, { label: string; fields: Map<string, unknown> }>();
    for (const doc of docs) {
      const flat = flatten(doc);
      const values = paths.map((p) => flat.get(p));
      for (const p of paths) flat.delete(p);
      byGroup.set(keyOf(values), { label: label(values), fields: flat });
    }
    return byGroup;
  };
  const theirs = index(transformDocs, keys.transform);
  const ours = index(ourDocs, keys.ours);
  for (const o of ours.values()) for (const f of [...o.fields.keys()]) if (OURS_ONLY.test(f)) o.fields.delete(f);
  const produced = (side: typeof ours) => new Set([...side.values()].flatMap((g) => [...g.fields.keys()]));
  const theirFields = produced(theirs);
  const ourFields = produced(ours);
  const compared = [...theirFields].filter((f) => ourFields.has(f)).sort();

  const fields = new Map<string, FieldTally>(compared.map((f) => [f, { equal: 0, differing: 0, missingInTransform: 0, missingInOurs: 0, maxAbsolute: 0, maxRelative: 0 }]));
  const differingGroups: GroupDifference[] = [];
  let equalGroups = 0;
  let groupsInBoth = 0;
  for (const [key, mine] of ours) {
    const other = theirs.get(key);
    if (other === undefined) continue;
    groupsInBoth++;
    const differences: FieldDifference[] = [];
    for (const field of compared) {
      const tally = fields.get(field) as FieldTally;
      const t = other.fields.get(field);
      const o = mine.fields.get(field);
      if (t === undefined && o === undefined) continue;
      if (t === undefined || o === undefined) {
        if (t === undefined) tally.missingInTransform++;
        else tally.missingInOurs++;
        differences.push({ field, transform: t, ours: o });
        continue;
      }
      const d = compareValues(field, t, o);
      if (d === undefined) {
        tally.equal++;
        continue;
      }
      tally.differing++;
      if (d.absolute !== undefined) tally.maxAbsolute = Math.max(tally.maxAbsolute, d.absolute);
      if (d.relative !== undefined) tally.maxRelative = Math.max(tally.maxRelative, d.relative);
      differences.push({ field, transform: t, ours: o, ...d });
    }
    if (differences.length === 0) equalGroups++;
    else differingGroups.push({ group: mine.label, fields: differences });
  }
  return {
    groupsInBoth,
    equalGroups,
    differingGroups,
    onlyInTransform: [...theirs].filter(([k]) => !ours.has(k)).map(([, g]) => g.label),
    onlyInOurs: [...ours].filter(([k]) => !theirs.has(k)).map(([, g]) => g.label),
    fields,
    transformOnlyFields: [...theirFields].filter((f) => !ourFields.has(f)).sort(),
    oursOnlyFields: [...ourFields].filter((f) => !theirFields.has(f)).sort(),
  };
}

/** The key that matches a group across both sides: its values, as text, in order. */
export function groupKey(doc: Json, paths: readonly string[]): string {
  const flat = flatten(doc);
  return keyOf(paths.map((p) => flat.get(p)));
}

function keyOf(values: readonly unknown[]): string {
  return JSON.stringify(values.map(String));
}

/** Undefined when equal; else by how much, where that means something. */
function compareValues(field: string, t: unknown, o: unknown): { absolute?: number; relative?: number } | undefined {
  if (field.endsWith('destination_ips') && Array.isArray(t) && Array.isArray(o)) {
    const a = new Set(t.map(String));
    const b = new Set(o.map(String));
    return a.size === b.size && [...a].every((x) => b.has(x)) ? undefined : {};
  }
  if (Array.isArray(t) && Array.isArray(o)) {
    if (t.length !== o.length) return {};
    let worst: { absolute?: number; relative?: number } | undefined;
    t.forEach((x, i) => {
      const d = compareValues(field, x, o[i]);
      if (d !== undefined && (worst === undefined || (d.absolute ?? 0) > (worst.absolute ?? 0))) worst = d;
    });
    return worst;
  }
  const asTime = (v: unknown) => (typeof v === 'string' || (typeof v === 'number' && isDateField(field)) ? parseTimestamp(v) : undefined);
  if (isDateField(field) || (typeof t === 'string' && typeof o === 'string' && /^\d{4}-\d\d-\d\dT/.test(t) && /^\d{4}-\d\d-\d\dT/.test(o))) {
    const [a, b] = [asTime(t), asTime(o)];
    if (a !== undefined && b !== undefined) return a === b ? undefined : numeric(a, b);
  }
  if (typeof t === 'number' && typeof o === 'number') return Object.is(t, o) || t === o ? undefined : numeric(t, o);
  return t === o ? undefined : {};
}

function numeric(t: number, o: number): { absolute: number; relative: number } {
  const absolute = Math.abs(o - t);
  return { absolute, relative: t === 0 ? absolute : absolute / Math.abs(t) };
}

function isDateField(field: string): boolean {
  return field === '@timestamp' || field === 'event.ingested' || field.endsWith('.start') || field.endsWith('.end');
}

/** Dotted path -> value; arrays are values (not walked). */
function flatten(doc: Json): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (node: unknown, prefix: string) => {
    if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
      for (const [k, v] of Object.entries(node)) walk(v, prefix === '' ? k : `${prefix}.${k}`);
    } else out.set(prefix, node);
  };
  walk(doc, '');
  return out;
}

/** The diff as the report `compare` prints. */
export function formatDocumentDiff(diff: DocumentDiff, titles: { readonly transform: string; readonly ours: string }, maxGroups = 20): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines: string[] = [];
  lines.push(`groups: ${n(diff.groupsInBoth)} on both sides, ${n(diff.onlyInTransform.length)} only in ${titles.transform}, ${n(diff.onlyInOurs.length)} only in ${titles.ours}`);
  lines.push(`  equal: ${n(diff.equalGroups)}`);
  lines.push(`  differing: ${n(diff.differingGroups.length)}`);
  lines.push('fields compared:');
  const width = Math.max(10, ...[...diff.fields.keys()].map((f) => f.length));
  for (const [field, t] of diff.fields) {
    const parts = [`equal ${n(t.equal)}`];
    if (t.differing > 0) parts.push(`differing ${n(t.differing)}${t.maxAbsolute > 0 ? ` (max |diff| ${fmt(t.maxAbsolute)}, max relative ${t.maxRelative.toExponential(2)})` : ''}`);
    if (t.missingInTransform > 0) parts.push(`missing in ${titles.transform} ${n(t.missingInTransform)}`);
    if (t.missingInOurs > 0) parts.push(`missing in ${titles.ours} ${n(t.missingInOurs)}`);
    lines.push(`  ${field.padEnd(width)}  ${parts.join(', ')}`);
  }
  if (diff.transformOnlyFields.length > 0) lines.push(`not compared, only ${titles.transform} writes them: ${diff.transformOnlyFields.join(', ')}`);
  if (diff.oursOnlyFields.length > 0) lines.push(`not compared, only ${titles.ours} writes them: ${diff.oursOnlyFields.join(', ')}`);
  const list = (title: string, groups: readonly string[]) => {
    if (groups.length === 0) return;
    lines.push(`${title}:`);
    for (const g of groups.slice(0, maxGroups)) lines.push(`  ${g}`);
    if (groups.length > maxGroups) lines.push(`  ... and ${n(groups.length - maxGroups)} more`);
  };
  list(`groups only in ${titles.transform}`, diff.onlyInTransform);
  list(`groups only in ${titles.ours}`, diff.onlyInOurs);
  if (diff.differingGroups.length > 0) {
    lines.push('differing groups:');
    for (const g of diff.differingGroups.slice(0, maxGroups)) {
      lines.push(`  ${g.group}`);
      for (const f of g.fields) {
        const by = f.absolute === undefined ? '' : `, by ${fmt(f.absolute)}`;
        lines.push(`    ${f.field}: ${show(f.transform)} (${titles.transform}) vs ${show(f.ours)} (${titles.ours})${by}`);
      }
    }
    if (diff.differingGroups.length > maxGroups) lines.push(`  ... and ${n(diff.differingGroups.length - maxGroups)} more`);
  }
  return `${lines.join('\n')}\n`;
}

function show(v: unknown): string {
  return v === undefined ? 'missing' : JSON.stringify(v);
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(6);
}
