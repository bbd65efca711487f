/**
 * Allow-lists: traffic the analyst knows to be good, named once in a file
 * rather than in code. Each rule names process names, host names,
 * destination ranges or group values (every condition it names must hold)
 * and a mode: `pre` removes matching events before scoring, like the
 * package's excluded process names; `post` keeps the scores but marks the
 * matching groups suppressed, so they can still be reviewed.
 *
 * This module checks a rules document and turns it into plain data (it
 * crosses to worker threads); `allowListRules.ts` compiles the matchers.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { parseCidr } from './cidr.js';

export type AllowMode = 'pre' | 'post';

export const ALLOW_MODES: readonly AllowMode[] = ['pre', 'post'];

/** One group field and the value it must have (a wildcard pattern, or a CIDR range for an ip field). */
export interface GroupCondition {
  readonly field: string;
  readonly pattern: string;
}

/** One rule, checked; plain data. */
export interface AllowRule {
  /** Position in the file, from 1. */
  readonly index: number;
  readonly name?: string;
  /** Why the traffic is allowed, as the file says. */
  readonly comment?: string;
  readonly mode: AllowMode;
  /** Text patterns (names, group values) ignore case; otherwise they match exactly, as keyword fields do. */
  readonly caseInsensitive: boolean;
  /** Wildcard patterns; the rule's condition holds when any matches. */
  readonly processNames?: readonly string[];
  readonly hostNames?: readonly string[];
  /** CIDR ranges or single addresses, as written. */
  readonly destinationCidrs?: readonly string[];
  readonly group?: readonly GroupCondition[];
}

export interface AllowListConfig {
  /** Display name: the file's path, or `inline` for a configuration's inline rules. */
  readonly name: string;
  readonly rules: readonly AllowRule[];
}

const FILE_KEYS = ['mode', 'rules'] as const;
const RULE_KEYS = ['name', 'comment', 'mode', 'case_insensitive', 'process_name', 'host_name', 'destination_cidrs', 'group'] as const;
const CONDITION_KEYS = ['process_name', 'host_name', 'destination_cidrs', 'group'] as const;

/** Group fields holding IP addresses: their values are matched as CIDR ranges. */
export function isIpField(field: string): boolean {
  return field === 'ip' || field.endsWith('.ip');
}

/** Reads `--allow-list FILE`. */
export function loadAllowList(path: string): AllowListConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read allow-list file (${(err as Error).message})`, 'allow-list', path);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`not valid JSON (${(err as Error).message})`, 'allow-list', path);
  }
  return parseAllowList(json, path, path);
}

/**
 * Checks an allow-list document. Errors name the rule (by position) and
 * the key at fault, and `file` when the document came from one.
 */
export function parseAllowList(json: unknown, name: string, file?: string): AllowListConfig {
  const fail = (message: string, setting: string): never => {
    throw new ConfigError(message, setting, file);
  };
  if (!isObject(json)) return fail('an allow-list must be a JSON object with a "rules" array', 'allow-list');
  for (const key of Object.keys(json)) {
    if (!(FILE_KEYS as readonly string[]).includes(key)) fail(`unknown allow-list key "${key}" (known: ${FILE_KEYS.join(', ')})`, key);
  }
  const defaultMode = json['mode'] === undefined ? 'post' : mode(json['mode'], 'mode', fail);
  const rules = json['rules'];
  if (!Array.isArray(rules) || rules.length === 0) return fail('allow-list "rules" must be a non-empty array of rules', 'rules');
  return { name, rules: rules.map((rule, i) => parseRule(rule, i + 1, defaultMode, fail)) };
}

function parseRule(json: unknown, index: number, defaultMode: AllowMode, fail: (message: string, setting: string) => never): AllowRule {
  const where = `allow-list rule ${index}`;
  const bad = (key: string, what: string): never => fail(`${where}: ${key} must be ${what}`, key);
  if (!isObject(json)) return fail(`${where} must be a JSON object`, 'rules');
  for (const key of Object.keys(json)) {
    if (!(RULE_KEYS as readonly string[]).includes(key)) fail(`${where}: unknown key "${key}" (known: ${RULE_KEYS.join(', ')})`, key);
  }
  if (!CONDITION_KEYS.some((k) => json[k] !== undefined)) {
    fail(`${where} names no condition: give at least one of ${CONDITION_KEYS.join(', ')}`, 'rules');
  }
  const text = (key: string): string | undefined => {
    const v = json[key];
    if (v === undefined) return undefined;
    return typeof v === 'string' && v !== '' ? v : bad(key, 'a non-empty string');
  };
  const patterns = (key: string): readonly string[] | undefined => {
    const v = json[key];
    if (v === undefined) return undefined;
    const list = typeof v === 'string' ? [v] : v;
    if (!Array.isArray(list) || list.length === 0 || !list.every((p) => typeof p === 'string' && p !== '')) {
      return bad(key, 'a pattern or a non-empty array of patterns (text, * for any characters)');
    }
    return list as string[];
  };
  const caseInsensitive = json['case_insensitive'];
  if (caseInsensitive !== undefined && typeof caseInsensitive !== 'boolean') bad('case_insensitive', 'true or false');

  let destinationCidrs: readonly string[] | undefined;
  const cidrs = json['destination_cidrs'];
  if (cidrs !== undefined) {
    const list = typeof cidrs === 'string' ? [cidrs] : cidrs;
    if (!Array.isArray(list) || list.length === 0) return bad('destination_cidrs', 'a CIDR range or a non-empty array of them');
    destinationCidrs = list.map((c) => (typeof c === 'string' && parseCidr(c) !== undefined ? c : bad('destination_cidrs', `IP addresses or CIDR ranges (got ${JSON.stringify(c)})`)));
  }

  let group: GroupCondition[] | undefined;
  const groupJson = json['group'];
  if (groupJson !== undefined) {
    if (!isObject(groupJson) || Object.keys(groupJson).length === 0) return bad('group', 'an object of group fields and values, e.g. {"host.name": "ws-01"}');
    group = Object.entries(groupJson).map(([field, value]) => {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return bad(`group.${field}`, 'a string, number or boolean');
      const pattern = String(value);
      if (isIpField(field) && parseCidr(pattern) === undefined) return bad(`group.${field}`, `an IP address or CIDR range, as ${field} is an ip field (got ${JSON.stringify(value)})`);
      return { field, pattern };
    });
  }

  const processNames = patterns('process_name');
  const hostNames = patterns('host_name');
  const name = text('name');
  const comment = text('comment');
  return {
    index,
    ...(name === undefined ? {} : { name }),
    ...(comment === undefined ? {} : { comment }),
    mode: json['mode'] === undefined ? defaultMode : mode(json['mode'], 'mode', (m, s) => fail(`${where}: ${m}`, s)),
    caseInsensitive: caseInsensitive === true,
    ...(processNames === undefined ? {} : { processNames }),
    ...(hostNames === undefined ? {} : { hostNames }),
    ...(destinationCidrs === undefined ? {} : { destinationCidrs }),
    ...(group === undefined ? {} : { group }),
  };
}

function mode(value: unknown, key: string, fail: (message: string, setting: string) => never): AllowMode {
  return ALLOW_MODES.includes(value as AllowMode) ? (value as AllowMode) : fail(`${key} must be "pre" (remove events before scoring) or "post" (mark findings suppressed), got ${JSON.stringify(value)}`, key);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a rule reads in the summary and the report: `rule 2 "CDN" (process.name chrome*.exe)`. */
export function ruleLabel(rule: AllowRule): string {
  return rule.name === undefined ? `rule ${rule.index} (${ruleConditions(rule)})` : `rule ${rule.index} "${rule.name}"`;
}

/** The rule's conditions in words: `process.name chrome*.exe (any case) and destination.ip in 13.107.0.0/16`. */
export function ruleConditions(rule: AllowRule): string {
  const anyOf = (values: readonly string[]) => (values.length === 1 ? (values[0] as string) : `one of ${values.join(', ')}`);
  const parts: string[] = [];
  if (rule.processNames !== undefined) parts.push(`process.name ${anyOf(rule.processNames)}`);
  if (rule.hostNames !== undefined) parts.push(`host.name ${anyOf(rule.hostNames)}`);
  if (rule.destinationCidrs !== undefined) parts.push(`destination.ip in ${anyOf(rule.destinationCidrs)}`);
  for (const c of rule.group ?? []) parts.push(`${c.field} ${isIpField(c.field) && c.pattern.includes('/') ? `in ${c.pattern}` : c.pattern}`);
  const hasText = rule.processNames !== undefined || rule.hostNames !== undefined || (rule.group ?? []).some((c) => !isIpField(c.field));
  return `${parts.join(' and ')}${rule.caseInsensitive && hasText ? ' (any case)' : ''}`;
}
