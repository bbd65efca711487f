/**
 * The index results are written to, as the package's dashboards and
 * detection rule expect it (spec section 5): `ml_beaconing-<schema>` with
 * an explicit mapping, under the aliases `ml_beaconing.all` (every results
 * index) and `ml_beaconing.latest` (the newest). Prepared before any
 * scoring, so that a conflicting mapping is reported before work is done.
 */
import { ResultIndexConflictError } from './searchErrors.js';
import type { Json, SearchClient } from './searchClient.js';

/** Version of our result documents' schema: a new one gets a new index, and `.latest` moves to it. */
export const RESULT_SCHEMA_VERSION = 'beaconwatch-1';

export const DEFAULT_RESULT_PREFIX = 'ml_beaconing';

export interface ResultIndexNames {
  readonly index: string;
  readonly all: string;
  readonly latest: string;
}

export function resultIndexNames(prefix: string = DEFAULT_RESULT_PREFIX): ResultIndexNames {
  return { index: `${prefix}-${RESULT_SCHEMA_VERSION}`, all: `${prefix}.all`, latest: `${prefix}.latest` };
}

const F = { type: 'float' };
const L = { type: 'long' };
const B = { type: 'boolean' };
const D = { type: 'date' };
const K = { type: 'keyword' };
const IP = { type: 'ip' };

/** Leaf types of the schema (spec section 5), by dotted field name. */
const SCHEMA_FIELDS: Readonly<Record<string, { type: string }>> = {
  '@timestamp': D,
  'event.ingested': D,
  'host.name': K,
  'process.name': K,
  'source.ip': IP,
  'destination.ip': IP,
  'beacon_stats.is_beaconing': B,
  'beacon_stats.beaconing_score': L,
  'beacon_stats.low_source_bytes_variation': B,
  'beacon_stats.low_destination_bytes_variation': B,
  'beacon_stats.low_count_variation': B,
  'beacon_stats.periodic': B,
  'beacon_stats.interval': L,
  'beacon_stats.non_empty_buckets': L,
  'beacon_stats.mean_source_bytes': F,
  'beacon_stats.std_dev_source_bytes': F,
  'beacon_stats.source_bytes_percentiles': F,
  'beacon_stats.mean_destination_bytes': F,
  'beacon_stats.std_dev_destination_bytes': F,
  'beacon_stats.destination_bytes_percentiles': F,
  'beacon_stats.mean_counts': F,
  'beacon_stats.variance_counts': F,
  'beacon_stats.counts_percentiles': F,
  'beacon_stats.autocovariance': F,
  'beacon_stats.max_autocovariance_period': L,
  'beacon_stats.destination_ips': K,
  'beaconwatch.window.start': D,
  'beaconwatch.window.end': D,
  'beaconwatch.source_bytes_seen': B,
  'beaconwatch.destination_bytes_seen': B,
  'beaconwatch.suppressed_by': K,
};

/** Types an existing mapping may have instead of ours and still take our values. */
const ACCEPTED: Readonly<Record<string, readonly string[]>> = {
  float: ['float', 'double'],
  long: ['long'],
  boolean: ['boolean'],
  date: ['date', 'date_nanos'],
  keyword: ['keyword', 'wildcard'],
  ip: ['ip', 'keyword'],
};

/** Every field our documents hold, with its type: the schema plus the group fields (keyword, or ip for `*.ip`). */
export function resultFieldTypes(groupFields: readonly string[]): Record<string, string> {
  const types: Record<string, string> = Object.fromEntries(Object.entries(SCHEMA_FIELDS).map(([f, t]) => [f, t.type]));
  for (const field of groupFields) types[field] ??= field === 'ip' || field.endsWith('.ip') ? 'ip' : 'keyword';
  return types;
}

/**
 * The mapping for `types`, nested as `properties`. Strict, so that no stray
 * field slips into the package's schema unmapped; our own `beaconwatch.*`
 * object stays dynamic, so a newer beaconwatch's extra fields are not refused.
 */
export function resultMapping(types: Readonly<Record<string, string>>): Json {
  const root: Json = {};
  for (const [field, type] of Object.entries(types)) {
    const parts = field.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const child = (node[part] ??= { properties: {} }) as { properties: Json };
      node = child.properties;
    }
    node[parts[parts.length - 1] as string] = { type };
  }
  const ours = root['beaconwatch'] as Json | undefined;
  if (ours !== undefined) ours['dynamic'] = true;
  return { dynamic: 'strict', properties: root };
}

export interface PreparedIndex {
  readonly names: ResultIndexNames;
  /** Whether this call created the index. */
  readonly created: boolean;
  /** Fields added to an existing index's mapping (new group fields). */
  readonly added: readonly string[];
}

/**
 * Makes the results index ready: created with its mapping and aliases, or,
 * when it exists, checked field by field (a conflicting type is an error
 * naming every such field) and extended with fields it lacks. The newest
 * index takes `.latest`.
 */
export async function prepareResultIndex(client: SearchClient, names: ResultIndexNames, groupFields: readonly string[]): Promise<PreparedIndex> {
  const wanted = resultFieldTypes(groupFields);
  let existing = (await client.getMappings(names.index))[names.index];
  let created = false;
  if (existing === undefined) {
    try {
      await client.createIndex(names.index, { mappings: resultMapping(wanted) });
      created = true;
    } catch (err) {
      // Another writer created it meanwhile: check what it made.
      if ((err as { type?: string }).type !== 'resource_already_exists_exception') throw err;
      existing = (await client.getMappings(names.index))[names.index];
    }
  }
  let added: string[] = [];
  if (existing !== undefined) {
    const have = leafTypes(existing.mappings);
    const conflicts = Object.entries(wanted)
      .filter(([field, type]) => have[field] !== undefined && !(ACCEPTED[type] ?? [type]).includes(have[field] as string))
      .map(([field, type]) => `${field} is ${have[field]}, results need ${type}`);
    if (conflicts.length > 0) {
      throw new ResultIndexConflictError(
        `${client.target}: index ${names.index} exists with a mapping results cannot be written into: ${conflicts.join('; ')}. ` +
          'Write to another index with --write-prefix, or delete that index.',
      );
    }
    added = Object.keys(wanted).filter((field) => have[field] === undefined);
    if (added.length > 0) {
      const extra = resultMapping(Object.fromEntries(added.map((f) => [f, wanted[f] as string])));
      await client.putMapping(names.index, { properties: extra['properties'] });
    }
  }
  await settleAliases(client, names, created);
  return { names, created, added };
}

/** `.all` on our index; `.latest` moved to it when it is new, or taken when nothing holds it. */
async function settleAliases(client: SearchClient, names: ResultIndexNames, created: boolean): Promise<void> {
  const holders = Object.keys(await client.getAlias(names.latest));
  const actions: Json[] = [{ add: { index: names.index, alias: names.all } }];
  if (created || holders.length === 0) {
    for (const index of holders) if (index !== names.index) actions.push({ remove: { index, alias: names.latest } });
    actions.push({ add: { index: names.index, alias: names.latest } });
  }
  await client.updateAliases(actions);
}

/** Dotted leaf field -> type of a mapping's `properties`. */
function leafTypes(mapping: Json): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (properties: unknown, prefix: string) => {
    if (typeof properties !== 'object' || properties === null) return;
    for (const [name, def] of Object.entries(properties as Record<string, { type?: string; properties?: unknown }>)) {
      const path = prefix === '' ? name : `${prefix}.${name}`;
      if (def.properties !== undefined) walk(def.properties, path);
      else out[path] = def.type ?? 'object';
    }
  };
  walk(mapping['properties'], '');
  return out;
}
