/**
 * What the indices behind a pattern hold, from `_field_caps`, checked
 * before any document is read: which filtered fields they carry (a filter
 * on a field no index maps does not apply, as for files without it), and
 * whether the fields have types the queries and aggregations need. A CIDR
 * `terms` on a keyword field would match nothing rather than fail, so a
 * wrong type is an error here, not a silent empty result.
 */
import { ECS_FIELDS_READ } from '../decode/ecsFields.js';
import type { CarriedFields } from '../decode/networkEvent.js';
import { InputError } from '../errors.js';
import type { FilterConfig } from '../filter/filterConfig.js';
import type { FieldCaps, SearchClient } from './searchClient.js';

export interface IndexFields {
  /** Concrete indices the pattern matched. */
  readonly indices: readonly string[];
  readonly carries: CarriedFields;
}

const DATE_TYPES = ['date', 'date_nanos'];
const NUMERIC_TYPES = ['long', 'integer', 'short', 'byte', 'unsigned_long', 'double', 'float', 'half_float', 'scaled_float'];

export async function inspectIndexFields(
  client: SearchClient,
  index: string,
  options: { readonly filters: FilterConfig; readonly groupFields: readonly string[]; readonly aggregate: boolean },
): Promise<IndexFields> {
  const caps = await client.fieldCaps(index, [...new Set([...ECS_FIELDS_READ, ...options.groupFields])]);
  const where = `${client.target} ${index}`;
  if (caps.indices.length === 0) throw new InputError(`${where}: no index matches the pattern`);
  const types = (field: string) => Object.keys(caps.fields[field] ?? {}).filter((t) => t !== 'unmapped');
  const expect = (field: string, allowed: readonly string[], why: string) => {
    const wrong = types(field).filter((t) => !allowed.includes(t));
    if (wrong.length > 0) {
      throw new InputError(`${where}: ${field} is mapped as ${describe(caps, field, wrong)}; ${why} needs ${allowed.join(' or ')}`, undefined, undefined, field);
    }
  };
  if (types('@timestamp').length === 0) throw new InputError(`${where}: no index maps @timestamp`, undefined, undefined, '@timestamp');
  expect('@timestamp', DATE_TYPES, 'the window');
  expect('event.ingested', DATE_TYPES, 'the latest event.ingested');
  const f = options.filters;
  if (f.privateSourceCidrs !== undefined) expect('source.ip', ['ip'], 'the CIDR filter on source.ip');
  if (f.reservedDestinationCidrs !== undefined || f.microsoftDestinationCidrs !== undefined) expect('destination.ip', ['ip'], 'the CIDR filters on destination.ip');
  if (options.aggregate) {
    expect('source.bytes', NUMERIC_TYPES, 'summing source.bytes in the cluster');
    expect('destination.bytes', NUMERIC_TYPES, 'summing destination.bytes in the cluster');
    expect('destination.ip', ['ip'], 'counting destination IPs as the engines order them');
    for (const field of options.groupFields) {
      if (types(field).length === 0) throw new InputError(`${where}: group field ${field} is not mapped in any index`, undefined, undefined, field);
      const notAggregatable = Object.entries(caps.fields[field] ?? {}).filter(([t, c]) => t !== 'unmapped' && !c.aggregatable);
      if (notAggregatable.length > 0) {
        throw new InputError(
          `${where}: group field ${field} is mapped as ${notAggregatable.map(([t]) => t).join(', ')}, which the cluster cannot group by (use its keyword sub-field, or --mode stream)`,
          undefined,
          undefined,
          field,
        );
      }
    }
  }
  return {
    indices: caps.indices,
    carries: { category: types('event.category').length > 0, action: types('event.action').length > 0, process: types('process.name').length > 0 },
  };
}

function describe(caps: FieldCaps, field: string, wrong: readonly string[]): string {
  return wrong.map((t) => `${t}${caps.fields[field]?.[t]?.indices === undefined ? '' : ` (in ${caps.fields[field]?.[t]?.indices?.slice(0, 3).join(', ')})`}`).join(', ');
}
