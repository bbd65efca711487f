/**
 * `beaconwatch explain`: why one group was or was not flagged in one
 * window, in plain words (or `--json`), from a scan it runs itself or from
 * a previous scan's output. The group is named by its values (`--group`)
 * or by its row in the findings table (`--rank`); the window defaults to
 * the one the table reports for it.
 */
import type { Settings } from '../config/settings.js';
import { formatTimestamp } from '../decode/timestamp.js';
import { UsageError } from '../errors.js';
import { explainScore } from '../explain/explainResult.js';
import { formatExplanation } from '../explain/explanationText.js';
import { groupKey } from '../filter/allowListSuppression.js';
import type { ReportedResult } from '../report/reportData.js';
import type { ScanRecord } from '../report/scanRecord.js';
import { rankFindings, splitSuppressed } from '../sink/findingsTable.js';
import { scanOrResults } from './reportCommand.js';
import { parseCommandLine, time } from './scanArgs.js';

export async function explainCommand(args: readonly string[]): Promise<void> {
  const settings = parseCommandLine('explain', args);
  const wanted = groupRequest(settings);
  const { record, results } = await scanOrResults(settings, 'explain');
  const chosen = chooseResult(record, results, wanted, windowRequest(settings, record));
  const explanation = explainScore(chosen.result, record.params);
  const window = record.windows[chosen.result.window] as { startMs: number; endMs: number };
  const group = {
    groupFields: record.groupFields,
    group: chosen.result.group,
    window,
    destinationIps: chosen.result.destinationIps,
    windowsFlagged: chosen.windowsFlagged,
    windowsSeen: chosen.windowsSeen,
    ...(chosen.result.suppressedBy === undefined ? {} : { suppressedBy: chosen.result.suppressedBy }),
  };
  if (settings.flag('json')) {
    const json = {
      group: Object.fromEntries(record.groupFields.map((f, i) => [f, chosen.result.group[i]])),
      window: { start: formatTimestamp(window.startMs), end: formatTimestamp(window.endMs) },
      windows_flagged: chosen.windowsFlagged,
      windows_seen: chosen.windowsSeen,
      destination_ips: chosen.result.destinationIps,
      ...(chosen.result.suppressedBy === undefined ? {} : { suppressed_by: chosen.result.suppressedBy }),
      ...explanation,
    };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    process.stdout.write(formatExplanation(explanation, group));
  }
}

type GroupRequest = { readonly values: readonly string[] } | { readonly rank: number };

function groupRequest(settings: Settings): GroupRequest {
  const group = settings.get('group');
  const rank = settings.wholeNumber('rank', 1, Number.MAX_SAFE_INTEGER, 'a row of the findings table, from 1');
  if ((group === undefined) === (rank === undefined)) throw new UsageError('explain needs --group VALUES (the group field values, in order, separated by commas, or a JSON array) or --rank N (a row of the findings table)');
  if (rank !== undefined) return { rank };
  const v = (group as { value: unknown }).value;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')) return { values: v.map(String) };
  if (typeof v !== 'string' || v === '') throw new UsageError('--group takes the group field values, in order, separated by commas, or a JSON array');
  if (v.trimStart().startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch (err) {
      throw new UsageError(`--group: not a valid JSON array (${(err as Error).message})`);
    }
    if (!Array.isArray(parsed)) throw new UsageError('--group: not a JSON array');
    return { values: parsed.map(String) };
  }
  return { values: v.split(',').map((s) => s.trim()) };
}

function windowRequest(settings: Settings, record: ScanRecord): number | undefined {
  const setting = settings.get('window');
  if (setting === undefined) return undefined;
  const endMs = time(setting);
  const index = record.windows.findIndex((w) => w.endMs === endMs);
  if (index === -1) {
    const ends = record.windows.map((w) => formatTimestamp(w.endMs));
    const shown = ends.length <= 4 ? ends.join(', ') : `${ends.slice(0, 2).join(', ')}, ..., ${ends[ends.length - 1] as string}`;
    throw new UsageError(`no window ends at ${formatTimestamp(endMs)} (the scan's windows end at ${shown})`);
  }
  return index;
}

interface Chosen {
  readonly result: ReportedResult;
  readonly windowsFlagged: number;
  readonly windowsSeen: number;
}

/**
 * The group's result in the asked window; without one, in the window the
 * findings table reports (its best), or, for a group never flagged, its
 * latest window.
 */
function chooseResult(record: ScanRecord, results: readonly ReportedResult[], wanted: GroupRequest, window: number | undefined): Chosen {
  let key: string;
  if ('rank' in wanted) {
    const ranked = splitSuppressed(rankFindings(results), (f) => f.best.suppressedBy);
    const ordered = [...ranked.shown, ...ranked.suppressed];
    const finding = ordered[wanted.rank - 1];
    if (finding === undefined) throw new UsageError(`--rank ${wanted.rank}: the scan has ${ordered.length} finding${ordered.length === 1 ? '' : 's'}`);
    key = groupKey(finding.group);
  } else {
    if (wanted.values.length !== record.groupFields.length) {
      throw new UsageError(`--group needs ${record.groupFields.length} value${record.groupFields.length === 1 ? '' : 's'}, one per group field (${record.groupFields.join(', ')}), got ${wanted.values.length}`);
    }
    key = groupKey(wanted.values);
  }
  const mine = results.filter((r) => groupKey(r.group) === key);
  if (mine.length === 0) {
    throw new UsageError(`no group ${record.groupFields.map((f, i) => `${f}=${'values' in wanted ? wanted.values[i] : ''}`).join(', ')} in the scan's results`);
  }
  const flagged = mine.filter((r) => r.score.stats?.is_beaconing === true);
  let result: ReportedResult | undefined;
  if (window !== undefined) {
    result = mine.find((r) => r.window === window);
    if (result === undefined) throw new UsageError(`the group had no events in the window ending ${formatTimestamp((record.windows[window] as { endMs: number }).endMs)}`);
  } else {
    result = flagged.length > 0 ? (rankFindings(mine)[0]?.best as ReportedResult) : mine.reduce((a, b) => (b.window > a.window ? b : a));
  }
  return { result, windowsFlagged: flagged.length, windowsSeen: mine.length };
}
