/**
 * The ranked table of beaconing groups printed after a scan. A group
 * flagged in more windows ranks higher (persistence is the strongest sign
 * in a replay), then by its best window's score and autocovariance.
 */
import type { BeaconStats } from '../engine/scoringEngine.js';
import type { GroupResult } from '../scan/scanRun.js';

/** What ranking needs of a group's score in one window (a scan's `GroupResult`, or one read back from a document). */
export interface RankedResult {
  readonly group: readonly (string | number | boolean)[];
  readonly score: { readonly stats: BeaconStats | null };
}

/** What the table shows of it. */
export interface TabledResult extends RankedResult {
  readonly destinationIps: readonly string[];
  readonly bytesSeen: { readonly source: boolean; readonly destination: boolean };
}

export interface Finding<R extends RankedResult = GroupResult> {
  readonly group: readonly (string | number | boolean)[];
  /** The window with the highest score (ties: the higher autocovariance, then the earlier). */
  readonly best: R;
  readonly windowsFlagged: number;
  readonly windowsSeen: number;
}

export function rankFindings<R extends RankedResult>(results: readonly R[]): Finding<R>[] {
  const byGroup = new Map<string, { group: R['group']; best: R; flagged: number; seen: number }>();
  for (const r of results) {
    const key = JSON.stringify(r.group);
    let entry = byGroup.get(key);
    if (entry === undefined) {
      entry = { group: r.group, best: r, flagged: 0, seen: 0 };
      byGroup.set(key, entry);
    }
    entry.seen++;
    if (r.score.stats?.is_beaconing !== true) continue;
    entry.flagged++;
    if (entry.best.score.stats?.is_beaconing !== true || strength(r) > strength(entry.best)) entry.best = r;
  }
  return [...byGroup.values()]
    .filter((e) => e.flagged > 0)
    .map((e) => ({ group: e.group, best: e.best, windowsFlagged: e.flagged, windowsSeen: e.seen }))
    .sort(
      (a, b) =>
        b.windowsFlagged - a.windowsFlagged ||
        (b.best.score.stats?.beaconing_score ?? 0) - (a.best.score.stats?.beaconing_score ?? 0) ||
        (b.best.score.stats?.autocovariance ?? 0) - (a.best.score.stats?.autocovariance ?? 0) ||
        (JSON.stringify(a.group) < JSON.stringify(b.group) ? -1 : 1),
    );
}

/**
 * Findings split by the allow-list: those it suppressed (`suppressedBy`
 * gives the rule) rank after the rest, each part in rank order, so that
 * the table, the report and `explain --rank` number them alike.
 */
export function splitSuppressed<R extends RankedResult>(
  findings: readonly Finding<R>[],
  suppressedBy: (finding: Finding<R>) => string | undefined,
): { readonly shown: Finding<R>[]; readonly suppressed: Finding<R>[] } {
  const shown: Finding<R>[] = [];
  const suppressed: Finding<R>[] = [];
  for (const f of findings) (suppressedBy(f) === undefined ? shown : suppressed).push(f);
  return { shown, suppressed };
}

function strength(r: RankedResult): number {
  const s = r.score.stats;
  return s === null ? -Infinity : s.beaconing_score * 10 + s.autocovariance;
}

/** Text table of the first `limit` findings; `bucketSeconds` turns periods into seconds. */
export function formatFindingsTable(findings: readonly Finding<TabledResult>[], groupFields: readonly string[], bucketSeconds: number, limit: number): string {
  if (findings.length === 0) return 'No beaconing group found.\n';
  const header = ['#', 'score', 'windows', 'period', 'autocov', 'src bytes', 'dst bytes', 'top destination', groupFields.join(' / ')];
  const rows = findings.slice(0, limit).map((f, i) => {
    const s = f.best.score.stats;
    return [
      String(i + 1),
      String(s?.beaconing_score ?? 0),
      `${f.windowsFlagged}/${f.windowsSeen}`,
      s === null ? '-' : periodText(s, bucketSeconds),
      s === null ? '-' : s.autocovariance.toFixed(2),
      !f.best.bytesSeen.source ? 'no data' : s === null ? '-' : formatBytes(s.mean_source_bytes),
      !f.best.bytesSeen.destination ? 'no data' : s === null ? '-' : formatBytes(s.mean_destination_bytes),
      f.best.destinationIps[0] ?? '-',
      f.group.map(String).join(' / '),
    ];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === cells.length - 1 ? cell : c === 0 || c >= 3 && c <= 6 ? cell.padStart(widths[c] as number) : cell.padEnd(widths[c] as number)))
      .join('  ')
      .trimEnd();
  const more = findings.length > limit ? `... and ${findings.length - limit} more beaconing groups (see the result documents)\n` : '';
  return `${[line(header), ...rows.map(line)].join('\n')}\n${more}`;
}

/**
 * What the table calls the period. Steady counts (the count test passed:
 * at least one connection in every bucket, evenly) mean a period of a
 * bucket or less, whatever the autocovariance's first maximum says;
 * otherwise the autocovariance's period, when it passed its test.
 */
export function periodText(s: BeaconStats, bucketSeconds: number): string {
  if (s.low_count_variation) return `<=${bucketSeconds} s`;
  return s.periodic ? `${s.max_autocovariance_period * bucketSeconds} s` : '-';
}

function formatBytes(mean: number): string {
  return mean === 0 ? '-' : mean >= 10 ? Math.round(mean).toString() : mean.toFixed(1);
}
