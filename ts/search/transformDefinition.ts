/**
 * A transform definition to compare against: Elastic's transform file
 * (YAML or JSON, as a package ships it: `source`, `dest`, `pivot`, ...) or
 * a transform stored on an Elasticsearch cluster, by id. Only the pivot
 * and its source matter here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../errors.js';
import type { Json, SearchClient } from './searchClient.js';

export interface PivotGroup {
  /** The output field (the group_by key). */
  readonly name: string;
  /** The source field, for `terms` groups. */
  readonly field: string;
  /** The group_by entry as written: one composite source. */
  readonly source: Json;
}

export interface TransformDefinition {
  /** File path or transform id, for reports. */
  readonly origin: string;
  readonly sourceIndex: readonly string[];
  readonly query: Json | undefined;
  readonly runtimeMappings: Json | undefined;
  readonly groups: readonly PivotGroup[];
  readonly aggregations: Json;
  /** Composite page size the transform uses (`settings.max_page_search_size`, default 500). */
  readonly pageSize: number;
}

/** A definition from a file when `reference` names one, else a transform id read from the cluster (Elasticsearch only). */
export async function loadTransformDefinition(reference: string, client: SearchClient | undefined): Promise<TransformDefinition> {
  if (existsSync(reference)) return parseTransformDefinition(readDefinitionFile(reference), reference);
  if (client === undefined) throw new ConfigError(`no file named "${reference}", and no cluster to read a transform with that id from`, 'transform');
  let stored;
  try {
    stored = await client.getTransform(reference);
  } catch (err) {
    (err as Error).message = `no file named "${reference}", and as a transform id: ${(err as Error).message}`;
    throw err;
  }
  return parseTransformDefinition(stored, `transform ${reference} on ${client.target}`);
}

function readDefinitionFile(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  try {
    return file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new ConfigError(`not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'} (${(err as Error).message})`, 'transform', file);
  }
}

export function parseTransformDefinition(doc: unknown, origin: string): TransformDefinition {
  const fail = (what: string): never => {
    throw new ConfigError(`${origin}: ${what}`, 'transform');
  };
  if (!isObject(doc)) return fail('a transform definition must be an object');
  const source = doc['source'];
  if (!isObject(source)) return fail('no source');
  const index = source['index'];
  const sourceIndex = typeof index === 'string' ? [index] : Array.isArray(index) && index.every((i) => typeof i === 'string') ? (index as string[]) : fail('source.index must be a name or a list of names');
  const pivot = doc['pivot'];
  if (!isObject(pivot)) return fail('only pivot transforms can be compared (no pivot)');
  const groupBy = pivot['group_by'];
  if (!isObject(groupBy) || Object.keys(groupBy).length === 0) return fail('pivot.group_by is empty');
  const groups = Object.entries(groupBy).map(([name, def]) => {
    const terms = isObject(def) ? def['terms'] : undefined;
    const field = isObject(terms) ? terms['field'] : undefined;
    if (typeof field !== 'string') return fail(`pivot.group_by.${name}: only terms groups on a field can be compared with beaconwatch's groups`);
    return { name, field, source: { [name]: def } };
  });
  const aggregations = pivot['aggregations'] ?? pivot['aggs'];
  if (!isObject(aggregations)) return fail('pivot.aggregations is missing');
  const settings = doc['settings'];
  const pageSize = isObject(settings) && typeof settings['max_page_search_size'] === 'number' ? settings['max_page_search_size'] : 500;
  return {
    origin,
    sourceIndex,
    query: isObject(source['query']) ? source['query'] : undefined,
    runtimeMappings: isObject(source['runtime_mappings']) ? source['runtime_mappings'] : undefined,
    groups,
    aggregations,
    pageSize,
  };
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
