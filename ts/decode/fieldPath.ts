/**
 * Reads a field of a JSON document by its dotted ECS name, whatever mix of
 * nesting and dotted keys the document uses: `{"host":{"name":"a"}}`,
 * `{"host.name":"a"}` and `{"host":{"name":["a"]}}` all hold `host.name`
 * (spec section 1). Returns every value found, arrays flattened, as
 * Elasticsearch indexes them.
 */
export type JsonPrimitive = string | number | boolean;

export function readField(doc: unknown, path: string): JsonPrimitive[] {
  const out: JsonPrimitive[] = [];
  collect(doc, keysOf(path), 0, out);
  return out;
}

/**
 * For each position `from` of a path's segments, the keys that may hold the
 * rest: `keys[from][k]` joins segments `from..from+k`. Paths are few and
 * read per event: their keys are built once.
 */
type PathKeys = readonly (readonly string[])[];

const pathKeys = new Map<string, PathKeys>();

function keysOf(path: string): PathKeys {
  let keys = pathKeys.get(path);
  if (keys === undefined) {
    const segments = path.split('.');
    keys = segments.map((_, from) => segments.slice(from).map((__, k) => segments.slice(from, from + k + 1).join('.')));
    pathKeys.set(path, keys);
  }
  return keys;
}

function collect(node: unknown, keys: PathKeys, from: number, out: JsonPrimitive[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, keys, from, out);
    return;
  }
  if (from === keys.length) {
    if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') out.push(node);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  // Try every way of splitting the rest of the path into one key and a
  // remainder: `a.b.c` may be stored under `a`, `a.b` or `a.b.c`.
  const candidates = keys[from] as readonly string[];
  for (let k = 0; k < candidates.length; k++) {
    const key = candidates[k] as string;
    if (Object.prototype.hasOwnProperty.call(record, key)) collect(record[key], keys, from + k + 1, out);
  }
}
