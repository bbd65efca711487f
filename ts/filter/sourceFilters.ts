/**
 * The transform's query as a predicate on decoded events (spec section 6).
 * Each event is charged to the first filter it fails, so the run summary can
 * say how many events each filter removed. The time range is the window's
 * business (`window/windowPlan.ts`), not a filter here.
 */
import type { CarriedFields, NetworkEvent } from '../decode/networkEvent.js';
import { CidrSet } from './cidr.js';
import type { FilterConfig } from './filterConfig.js';

export interface SourceFilter {
  /** Display name, e.g. `event.action is disconnect_received`. */
  readonly name: string;
  /** Whether records carrying these fields carry what the filter reads. */
  appliesTo(carried: CarriedFields): boolean;
  passes(event: NetworkEvent, carried: CarriedFields): boolean;
}

const EVERY_SOURCE = () => true;

/** The filters a configuration switches on, in the order they are charged. */
export function compileFilters(config: FilterConfig): SourceFilter[] {
  const filters: SourceFilter[] = [];
  const { eventCategory, eventAction, excludedProcessNames } = config;
  if (eventCategory !== undefined) {
    filters.push({
      name: `event.category is ${eventCategory}`,
      appliesTo: (c) => c.category,
      passes: (e) => e.categories.includes(eventCategory),
    });
  }
  if (config.requireDestinationIp) {
    filters.push({ name: 'destination.ip exists', appliesTo: EVERY_SOURCE, passes: (e) => e.destinationIps.length > 0 });
  }
  if (eventAction !== undefined) {
    filters.push({
      name: `event.action is ${eventAction}`,
      appliesTo: (c) => c.action,
      passes: (e) => e.actions.includes(eventAction),
    });
  }
  if (excludedProcessNames !== undefined) {
    filters.push({
      name: 'process.name not excluded',
      appliesTo: (c) => c.process,
      passes: (e) => !e.processNames.some((p) => excludedProcessNames.has(p)),
    });
  }
  const locality = localityFilter(config);
  if (locality !== undefined) filters.push(locality);
  return filters;
}

/**
 * The query's `should` clause: a private source talking to a non-reserved
 * destination, or a Microsoft process talking to a destination neither
 * reserved nor Microsoft's. Records without process fields can only take
 * the first branch.
 */
function localityFilter(config: FilterConfig): SourceFilter | undefined {
  const { privateSourceCidrs, microsoftProcessNames } = config;
  if (privateSourceCidrs === undefined && microsoftProcessNames === undefined) return undefined;
  const reserved = new CidrSet(config.reservedDestinationCidrs ?? []);
  const privateSources = privateSourceCidrs === undefined ? undefined : new CidrSet(privateSourceCidrs);
  const notMicrosoft = new CidrSet([...(config.reservedDestinationCidrs ?? []), ...(config.microsoftDestinationCidrs ?? [])]);
  const branches = [
    privateSources === undefined ? undefined : 'private source to non-reserved destination',
    microsoftProcessNames === undefined ? undefined : 'Microsoft process to non-Microsoft destination',
  ].filter((b) => b !== undefined);
  return {
    name: `locality (${branches.join(', or ')})`,
    appliesTo: (c) => privateSources !== undefined || c.process,
    passes: (e, c) =>
      (privateSources !== undefined && privateSources.containsAny(e.sourceIps) && !reserved.containsAny(e.destinationIps)) ||
      (c.process &&
        microsoftProcessNames !== undefined &&
        e.processNames.some((p) => microsoftProcessNames.has(p)) &&
        !notMicrosoft.containsAny(e.destinationIps)),
  };
}

/** The first filter `event` fails, or undefined when it passes them all. */
export function firstFailedFilter(filters: readonly SourceFilter[], event: NetworkEvent, carried: CarriedFields): SourceFilter | undefined {
  for (const filter of filters) if (filter.appliesTo(carried) && !filter.passes(event, carried)) return filter;
  return undefined;
}
