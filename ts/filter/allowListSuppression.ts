/**
 * The allow-list after scoring: `post` rules mark whole groups suppressed
 * (every window of a group carries the same mark, so a finding is either
 * suppressed or not), and every rule gets its count: the events a `pre`
 * rule removed (from the run's per-filter counts), the groups and findings
 * a `post` rule matched. Rules that never matched are what the analyst
 * most needs to see: a typo, or traffic that went away.
 */
import { ruleConditions, ruleLabel, type AllowListConfig, type AllowMode } from './allowListConfig.js';
import { allowFilterName, groupMatcher, type GroupMatcher } from './allowListRules.js';

/** What suppression needs of a scored group in one window (a scan's `GroupResult` is one). */
export interface ScoredGroup {
  readonly group: readonly (string | number | boolean)[];
  readonly destinationIps: readonly string[];
  readonly score: { readonly stats: { readonly is_beaconing: boolean } | null };
}

export interface RuleOutcome {
  readonly index: number;
  readonly label: string;
  readonly mode: AllowMode;
  readonly conditions: string;
  readonly comment?: string;
  /** `pre`: the rule's name among the run summary's filters. */
  readonly filter?: string;
  /** `pre`: events removed. `post`: findings (groups flagged in some window) suppressed. */
  readonly matched: number;
  /** `post`: groups matched, flagged or not. */
  readonly groups?: number;
  /** `post`: why the rule can never match in this scan. */
  readonly never?: string;
}

export interface AllowListOutcome {
  readonly name: string;
  readonly rules: readonly RuleOutcome[];
  /** The label of the rule suppressing each group, by {@link groupKey}. */
  readonly suppressed: ReadonlyMap<string, string>;
}

/** A group's identity across windows: its values' text, as the group catalog keys them. */
export function groupKey(values: readonly (string | number | boolean)[]): string {
  return JSON.stringify(values.map(String));
}

/** Whether a rule matched nothing at all: no event (`pre`), no group (`post`). */
export function neverMatched(rule: RuleOutcome): boolean {
  return rule.mode === 'pre' ? rule.matched === 0 : (rule.groups ?? 0) === 0;
}

/**
 * Applies the `post` rules to a scan's results and counts every rule.
 * `filtered` is the run summary's per-filter counts, where the `pre` rules'
 * removals are. A group is suppressed by the first `post` rule it matches.
 */
export function applyAllowList(
  config: AllowListConfig,
  groupFields: readonly string[],
  results: readonly ScoredGroup[],
  filtered: ReadonlyMap<string, number>,
): AllowListOutcome {
  const groups = new Map<string, { values: ScoredGroup['group']; ips: Set<string>; flagged: boolean }>();
  for (const r of results) {
    const key = groupKey(r.group);
    let entry = groups.get(key);
    if (entry === undefined) {
      entry = { values: r.group, ips: new Set(), flagged: false };
      groups.set(key, entry);
    }
    for (const ip of r.destinationIps) entry.ips.add(ip);
    if (r.score.stats?.is_beaconing === true) entry.flagged = true;
  }
  const post = config.rules.filter((rule) => rule.mode === 'post').map((rule) => ({ rule, matcher: groupMatcher(rule, groupFields) }));
  const counts = new Map<number, { groups: number; findings: number }>(post.map(({ rule }) => [rule.index, { groups: 0, findings: 0 }]));
  const suppressed = new Map<string, string>();
  for (const [key, entry] of groups) {
    const facts = { values: entry.values, destinationIps: [...entry.ips] };
    const hit = post.find(({ matcher }) => typeof matcher === 'function' && (matcher as GroupMatcher)(facts));
    if (hit === undefined) continue;
    suppressed.set(key, ruleLabel(hit.rule));
    const count = counts.get(hit.rule.index) as { groups: number; findings: number };
    count.groups++;
    if (entry.flagged) count.findings++;
  }
  const rules = config.rules.map((rule): RuleOutcome => {
    const base = {
      index: rule.index,
      label: ruleLabel(rule),
      mode: rule.mode,
      conditions: ruleConditions(rule),
      ...(rule.comment === undefined ? {} : { comment: rule.comment }),
    };
    if (rule.mode === 'pre') return { ...base, filter: allowFilterName(rule), matched: filtered.get(allowFilterName(rule)) ?? 0 };
    const matcher = post.find((p) => p.rule === rule)?.matcher;
    const count = counts.get(rule.index) as { groups: number; findings: number };
    return { ...base, matched: count.findings, groups: count.groups, ...(matcher !== undefined && typeof matcher !== 'function' ? { never: matcher.never } : {}) };
  });
  return { name: config.name, rules, suppressed };
}
