/**
 * The transform's query (spec section 6) as the engine's query DSL, so that
 * the cluster selects the documents: the window's time range, the category,
 * `exists destination.ip`, the action, the excluded processes, and the
 * locality clause as `terms` on `ip` fields with CIDR ranges. It selects
 * exactly what `filter/sourceFilters.ts` passes, filter by filter:
 * `terms` matches a multi-valued field when any value matches, a
 * `must_not` only when none does.
 *
 * Filters on fields the indices do not carry do not apply, as for files
 * (`CarriedFields`).
 */
import type { CarriedFields } from '../decode/networkEvent.js';
import { ConfigError } from '../errors.js';
import type { CidrRange } from '../filter/cidr.js';
import type { FilterConfig } from '../filter/filterConfig.js';
import type { Json } from './searchClient.js';

/** The time range of a query: `fromMs <= @timestamp`, and `@timestamp <= toMs` when given (replayed windows). */
export interface EventTimeRange {
  readonly fromMs: number;
  readonly toMs?: number;
}

/** The bool query selecting the events the filters pass, in `range` (none: all times). */
export function eventQuery(filters: FilterConfig, carries: CarriedFields, range: EventTimeRange | undefined): Json {
  const filter: Json[] = [];
  const mustNot: Json[] = [];
  if (range !== undefined) filter.push(timeRange(range));
  if (filters.eventCategory !== undefined && carries.category) filter.push({ term: { 'event.category': filters.eventCategory } });
  if (filters.requireDestinationIp) filter.push({ exists: { field: 'destination.ip' } });
  if (filters.eventAction !== undefined && carries.action) filter.push({ term: { 'event.action': filters.eventAction } });
  if (filters.excludedProcessNames !== undefined && carries.process && filters.excludedProcessNames.size > 0) {
    mustNot.push({ terms: { 'process.name': [...filters.excludedProcessNames] } });
  }
  const locality = localityClause(filters, carries);
  if (locality !== undefined) filter.push(locality);
  return { bool: { filter, ...(mustNot.length > 0 ? { must_not: mustNot } : {}) } };
}

export function timeRange(range: EventTimeRange): Json {
  return { range: { '@timestamp': { gte: range.fromMs, ...(range.toMs === undefined ? {} : { lte: range.toMs }), format: 'epoch_millis' } } };
}

/**
 * A private source to a non-reserved destination, or a Microsoft process
 * to a destination neither reserved nor Microsoft's; without process
 * fields, only the first branch.
 */
function localityClause(filters: FilterConfig, carries: CarriedFields): Json | undefined {
  const reserved = filters.reservedDestinationCidrs ?? [];
  const branches: Json[] = [];
  if (filters.privateSourceCidrs !== undefined) {
    branches.push(branch({ terms: { 'source.ip': filters.privateSourceCidrs.map(cidrQueryText) } }, reserved));
  }
  if (filters.microsoftProcessNames !== undefined && carries.process) {
    branches.push(branch({ terms: { 'process.name': [...filters.microsoftProcessNames] } }, [...reserved, ...(filters.microsoftDestinationCidrs ?? [])]));
  }
  if (branches.length === 0) return undefined;
  return { bool: { should: branches, minimum_should_match: 1 } };
}

function branch(match: Json, excludedDestinations: readonly CidrRange[]): Json {
  return {
    bool: {
      filter: [match],
      ...(excludedDestinations.length > 0 ? { must_not: [{ terms: { 'destination.ip': excludedDestinations.map(cidrQueryText) } }] } : {}),
    },
  };
}

/**
 * A range as an `ip` field's `terms` query takes it. IPv4 ranges are written
 * as IPv4: the engines refuse CIDR notation on an IPv4-mapped IPv6 address
 * (is the prefix a v4 or a v6 length?), and an IPv4 range matches the
 * mapped addresses anyway, as `cidr.ts` does.
 */
export function cidrQueryText(range: CidrRange): string {
  const [w0, w1, w2, w3] = range.words as readonly [number, number, number, number];
  const mapped = w0 === 0 && w1 === 0 && w2 === 0xffff;
  if (mapped && range.bits >= 96) {
    const v4 = [w3 >>> 24, (w3 >>> 16) & 255, (w3 >>> 8) & 255, w3 & 255].join('.');
    return `${v4}/${range.bits - 96}`;
  }
  if (mapped) {
    throw new ConfigError(`CIDR range ${range.text} covers only part of the IPv4-mapped space with a prefix under /96, which the engines' terms query cannot express`, 'filters');
  }
  const groups = [w0, w1, w2, w3].flatMap((w) => [(w >>> 16).toString(16), (w & 0xffff).toString(16)]);
  return `${groups.join(':')}/${range.bits}`;
}
