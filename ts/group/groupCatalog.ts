/**
 * The groups of a run: one per distinct combination of `--group-by` values.
 * As with the transform's `terms` group-by, an event whose group field holds
 * several values belongs to one group per value (per combination, with
 * several fields); an event missing a group field belongs to none.
 */
import { readField, type JsonPrimitive } from '../decode/fieldPath.js';
import { parseIp } from '../decode/ipAddress.js';
import type { NetworkEvent } from '../decode/networkEvent.js';

export type GroupValue = JsonPrimitive;

export class GroupCatalog {
  private readonly ids = new Map<string, number>();
  private readonly valueLists: (readonly GroupValue[])[] = [];
  private readonly isIpField: readonly boolean[];

  constructor(readonly fields: readonly string[]) {
    this.isIpField = fields.map((f) => f === 'ip' || f.endsWith('.ip'));
  }

  get size(): number {
    return this.valueLists.length;
  }

  values(id: number): readonly GroupValue[] {
    return this.valueLists[id] as readonly GroupValue[];
  }

  /** Ids of the event's groups, or the first group field it lacks. */
  groupsOf(event: NetworkEvent): number[] | { readonly missing: string } {
    let combos: GroupValue[][] = [[]];
    for (let f = 0; f < this.fields.length; f++) {
      const field = this.fields[f] as string;
      const values = distinct(readField(event.fields, field).map((v) => (this.isIpField[f] ? canonicalIp(v) : v)));
      if (values.length === 0) return { missing: field };
      combos = values.length === 1 ? combos.map((c) => [...c, values[0] as GroupValue]) : combos.flatMap((c) => values.map((v) => [...c, v]));
    }
    return combos.map((combo) => this.idOf(combo));
  }

  /**
   * The id of a group given its values (one per field). Keys on the values'
   * text, so `1` and `"1"` are one group, as in a keyword field; the
   * first-seen form is the one reported.
   */
  idOf(values: readonly GroupValue[]): number {
    const key = groupKey(values);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.valueLists.length;
      this.ids.set(key, id);
      this.valueLists.push(values);
    }
    return id;
  }
}

/**
 * One string per combination of values' texts: joined with a NUL, or as
 * JSON when a value holds a NUL itself (so that no two combinations meet).
 */
function groupKey(values: readonly GroupValue[]): string {
  const texts = values.map(String);
  return texts.some((t) => t.includes('\u0000')) ? JSON.stringify(texts) : texts.join('\u0000');
}

/** Group values of ip fields in canonical form, as an `ip` field's terms are. */
function canonicalIp(value: GroupValue): GroupValue {
  return typeof value === 'string' ? (parseIp(value)?.text ?? value) : value;
}

function distinct(values: GroupValue[]): GroupValue[] {
  return values.length <= 1 ? values : [...new Set(values)];
}
