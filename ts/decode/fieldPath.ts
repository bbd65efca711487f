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
  collect(doc, path.split('.'), 0, out);
  return out;
}

function collect(node: unknown, segments: readonly string[], from: number, out: JsonPrimitive[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, segments, from, out);
    return;
  }
  if (from === segments.length) {
    if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') out.push(node);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  // Try every way of splitting the rest of the path into one key and a
  // remainder: `a.b.c` may be stored under `a`, `a.b` or `a.b.c`.
  let key = '';
  for (let to = from; to < segments.length; to++) {
    key = to === from ? (segments[to] as string) : `${key}.${segments[to] as string}`;
    if (Object.prototype.hasOwnProperty.call(record, key)) collect(record[key], segments, to + 1, out);
  }
}
