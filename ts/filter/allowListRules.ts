/**
 * Allow-list rules compiled into matchers: on events before scoring (each
 * `pre` rule a source filter, so the run summary counts the events each
 * rule removed) and on scored groups after it (`post` rules, see
 * `allowListSuppression.ts`).
 */
import { readField } from '../decode/fieldPath.js';
import { parseIp, type IpAddress } from '../decode/ipAddress.js';
import type { NetworkEvent } from '../decode/networkEvent.js';
import { CidrSet, parseCidr, type CidrRange } from './cidr.js';
import { isIpField, ruleLabel, type AllowListConfig, type AllowRule } from './allowListConfig.js';
import type { SourceFilter } from './sourceFilters.js';

/** `*` matches any run of characters (none too); everything else matches itself. */
export function wildcardMatcher(patterns: readonly string[], caseInsensitive: boolean): (value: string) => boolean {
  if (!caseInsensitive && patterns.every((p) => !p.includes('*'))) {
    const exact = new Set(patterns);
    return (value) => exact.has(value);
  }
  const body = patterns.map((p) => p.split('*').map(escapeRegExp).join('.*')).join('|');
  const regexp = new RegExp(`^(?:${body})$`, caseInsensitive ? 'isu' : 'su');
  return (value) => regexp.test(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function cidrSet(texts: readonly string[]): CidrSet {
  return new CidrSet(texts.map((t) => parseCidr(t) as CidrRange));
}

/** The name of a `pre` rule's filter in the run summary's per-filter counts. */
export function allowFilterName(rule: AllowRule): string {
  return `allow-list ${ruleLabel(rule)}`;
}

/**
 * The `pre` rules as source filters, in file order, after the package's
 * filters: an event is charged to the first filter it fails, so each rule
 * counts the events that reached it and it removed. Multi-valued fields
 * match when any value does, as the package's `must_not terms` exclusions do.
 */
export function allowListFilters(config: AllowListConfig | undefined): SourceFilter[] {
  if (config === undefined) return [];
  return config.rules
    .filter((rule) => rule.mode === 'pre')
    .map((rule) => {
      const matches = eventMatcher(rule);
      return {
        name: allowFilterName(rule),
        // A rule on process names can only match records that carry one.
        appliesTo: (carried) => rule.processNames === undefined || carried.process,
        passes: (event) => !matches(event),
      };
    });
}

/** Fields the `pre` rules read from events' fields (readers must keep them). */
export function allowListFieldsRead(config: AllowListConfig | undefined): string[] {
  const pre = (config?.rules ?? []).filter((rule) => rule.mode === 'pre');
  return [...new Set(pre.flatMap((rule) => [...(rule.hostNames === undefined ? [] : ['host.name']), ...(rule.group ?? []).map((c) => c.field)]))];
}

function eventMatcher(rule: AllowRule): (event: NetworkEvent) => boolean {
  const checks: ((event: NetworkEvent) => boolean)[] = [];
  if (rule.processNames !== undefined) {
    const matches = wildcardMatcher(rule.processNames, rule.caseInsensitive);
    checks.push((e) => e.processNames.some(matches));
  }
  if (rule.hostNames !== undefined) {
    const matches = wildcardMatcher(rule.hostNames, rule.caseInsensitive);
    checks.push((e) => readField(e.fields, 'host.name').some((v) => matches(String(v))));
  }
  if (rule.destinationCidrs !== undefined) {
    const ranges = cidrSet(rule.destinationCidrs);
    checks.push((e) => ranges.containsAny(e.destinationIps));
  }
  for (const condition of rule.group ?? []) {
    const matches = valueMatcher(condition.field, condition.pattern, rule.caseInsensitive);
    checks.push((e) => readField(e.fields, condition.field).some(matches));
  }
  return (event) => checks.every((check) => check(event));
}

/** A matcher for one field's values: CIDR containment for ip fields, a wildcard pattern otherwise. */
function valueMatcher(field: string, pattern: string, caseInsensitive: boolean): (value: string | number | boolean) => boolean {
  if (isIpField(field)) {
    const ranges = cidrSet([pattern]);
    return (value) => {
      const ip = typeof value === 'string' ? parseIp(value) : undefined;
      return ip !== undefined && ranges.containsAny([ip]);
    };
  }
  const matches = wildcardMatcher([pattern], caseInsensitive);
  return (value) => matches(String(value));
}

/** What a `post` rule sees of a scored group. */
export interface GroupFacts {
  /** Values of the scan's group fields, in their order. */
  readonly values: readonly (string | number | boolean)[];
  /** The group's top destination IPs over all its windows. */
  readonly destinationIps: readonly string[];
}

export type GroupMatcher = (group: GroupFacts) => boolean;

/**
 * A `post` rule as a matcher on groups of a scan grouped by `groupFields`,
 * or the reason it can never match one: after scoring only the group's
 * values and its top destinations are known, so a rule on a field that is
 * not a group field has nothing to look at. Destination ranges match the
 * `destination.ip` group value when grouping by it, and otherwise hold
 * when every top destination of every window of the group lies in them.
 */
export function groupMatcher(rule: AllowRule, groupFields: readonly string[]): GroupMatcher | { readonly never: string } {
  const needed = [
    ...(rule.processNames === undefined ? [] : ['process.name']),
    ...(rule.hostNames === undefined ? [] : ['host.name']),
    ...(rule.group ?? []).map((c) => c.field),
  ];
  const missing = [...new Set(needed.filter((f) => !groupFields.includes(f)))];
  if (missing.length > 0) {
    return { never: `${missing.join(', ')} ${missing.length === 1 ? 'is not a group field' : 'are not group fields'} of this scan (grouped by ${groupFields.join(', ')})` };
  }
  const checks: GroupMatcher[] = [];
  const valueOf = (field: string) => {
    const at = groupFields.indexOf(field);
    return (g: GroupFacts) => g.values[at] as string | number | boolean;
  };
  if (rule.processNames !== undefined) {
    const matches = wildcardMatcher(rule.processNames, rule.caseInsensitive);
    const value = valueOf('process.name');
    checks.push((g) => matches(String(value(g))));
  }
  if (rule.hostNames !== undefined) {
    const matches = wildcardMatcher(rule.hostNames, rule.caseInsensitive);
    const value = valueOf('host.name');
    checks.push((g) => matches(String(value(g))));
  }
  for (const condition of rule.group ?? []) {
    const matches = valueMatcher(condition.field, condition.pattern, rule.caseInsensitive);
    const value = valueOf(condition.field);
    checks.push((g) => matches(value(g)));
  }
  if (rule.destinationCidrs !== undefined) {
    const ranges = cidrSet(rule.destinationCidrs);
    const inRange = (text: string) => {
      const ip: IpAddress | undefined = parseIp(text);
      return ip !== undefined && ranges.containsAny([ip]);
    };
    if (groupFields.includes('destination.ip')) {
      const value = valueOf('destination.ip');
      checks.push((g) => inRange(String(value(g))));
    } else {
      checks.push((g) => g.destinationIps.length > 0 && g.destinationIps.every(inRange));
    }
  }
  return (group) => checks.every((check) => check(group));
}
