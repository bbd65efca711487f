/**
 * What a report or an explanation needs to know about a scan besides its
 * results: the parameters (the thresholds), the filters, the windows, the
 * run summary and the allow-list's counts. A scan can write it to its
 * details file as JSON (`scanRecordJson`) and a later report read it back
 * (`scanRecordFromJson`); the run summary then prints exactly as it did.
 */
import type { AllowListOutcome, RuleOutcome } from '../filter/allowListSuppression.js';
import { resolveParams, type BeaconParams } from '../params/beaconParams.js';
import { RunSummary, type BadRecordTally } from '../scan/runSummary.js';
import type { ScoringWindow } from '../window/windowPlan.js';

export interface ScanRecord {
  readonly params: BeaconParams;
  /** The filters' display name: `default`, `none` or a file. */
  readonly filters: string;
  readonly engine: string;
  readonly groupFields: readonly string[];
  readonly windows: readonly ScoringWindow[];
  readonly summary: RunSummary;
  readonly allowList?: Pick<AllowListOutcome, 'name' | 'rules'>;
}

/** The record as plain JSON (the summary's maps as arrays of entries). */
export function scanRecordJson(record: ScanRecord): Record<string, unknown> {
  const s = record.summary;
  return {
    params: record.params,
    filters: record.filters,
    engine: record.engine,
    group_fields: record.groupFields,
    windows: record.windows.map((w) => [w.startMs, w.endMs]),
    summary: {
      inputs: s.inputs,
      skipped_inputs: s.skippedInputs,
      read_errors: s.readErrors,
      records: s.records,
      bad_records: [...s.badRecords.values()],
      other_records: [...s.otherRecords],
      duplicates: s.duplicates,
      filtered: [...s.filtered],
      filter_notes: s.filterNotes,
      missing_group_field: [...s.missingGroupField],
      outside_windows: s.outsideWindows,
      after_window_end: s.afterWindowEnd,
      events_counted: s.eventsCounted,
      groups: s.groups,
      window_groups: s.windowGroups,
      beaconing_window_groups: s.beaconingWindowGroups,
      beaconing_groups: s.beaconingGroups,
    },
    ...(record.allowList === undefined ? {} : { allow_list: { name: record.allowList.name, rules: record.allowList.rules } }),
  };
}

/** Reads back what {@link scanRecordJson} wrote; throws a plain Error naming what is missing (the caller says where). */
export function scanRecordFromJson(json: Record<string, unknown>): ScanRecord {
  const need = <T>(value: unknown, what: string, ok: (v: unknown) => boolean): T => {
    if (!ok(value)) throw new Error(`${what} is missing or malformed`);
    return value as T;
  };
  const isArray = (v: unknown) => Array.isArray(v);
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  const isCount = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
  const j = need<Record<string, unknown>>(json['summary'], 'summary', isObject);
  const summary = new RunSummary();
  summary.inputs.push(...need<RunSummary['inputs']>(j['inputs'], 'summary.inputs', isArray));
  summary.skippedInputs.push(...need<RunSummary['skippedInputs']>(j['skipped_inputs'], 'summary.skipped_inputs', isArray));
  summary.readErrors.push(...need<RunSummary['readErrors']>(j['read_errors'], 'summary.read_errors', isArray));
  for (const tally of need<BadRecordTally[]>(j['bad_records'], 'summary.bad_records', isArray)) summary.badRecords.set(`${tally.reason}\u0000${tally.field ?? ''}`, tally);
  for (const [kind, count] of need<[string, number][]>(j['other_records'], 'summary.other_records', isArray)) summary.otherRecords.set(kind, count);
  for (const [name, count] of need<[string, number][]>(j['filtered'], 'summary.filtered', isArray)) summary.filtered.set(name, count);
  summary.filterNotes.push(...need<string[]>(j['filter_notes'], 'summary.filter_notes', isArray));
  for (const [field, count] of need<[string, number][]>(j['missing_group_field'], 'summary.missing_group_field', isArray)) summary.missingGroupField.set(field, count);
  const counts = [
    ['records', 'records'],
    ['duplicates', 'duplicates'],
    ['outside_windows', 'outsideWindows'],
    ['after_window_end', 'afterWindowEnd'],
    ['events_counted', 'eventsCounted'],
    ['groups', 'groups'],
    ['window_groups', 'windowGroups'],
    ['beaconing_window_groups', 'beaconingWindowGroups'],
    ['beaconing_groups', 'beaconingGroups'],
  ] as const;
  for (const [key, property] of counts) summary[property] = need<number>(j[key], `summary.${key}`, isCount);
  const windows = need<[number, number][]>(json['windows'], 'windows', isArray).map(([startMs, endMs]) => ({ startMs, endMs }));
  const allowList = json['allow_list'] as { name: string; rules: RuleOutcome[] } | undefined;
  return {
    params: resolveParams(need(json['params'], 'params', isObject)),
    filters: need<string>(json['filters'], 'filters', (v) => typeof v === 'string'),
    engine: need<string>(json['engine'], 'engine', (v) => typeof v === 'string'),
    groupFields: need<string[]>(json['group_fields'], 'group_fields', (v) => isArray(v) && (v as unknown[]).every((f) => typeof f === 'string')),
    windows,
    summary,
    ...(allowList === undefined ? {} : { allowList: { name: allowList.name, rules: allowList.rules } }),
  };
}
