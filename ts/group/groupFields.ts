/** Checks `--group-by` before a run: the fields must nest into one result document. */
import { ConfigError } from '../errors.js';

/** Fields the result document sets itself. */
const RESERVED = ['@timestamp', 'event.ingested', 'beacon_stats', 'beaconwatch'];

export function parseGroupFields(text: string): string[] {
  const fields = text.split(',').map((f) => f.trim());
  if (fields.some((f) => f === '' || f.startsWith('.') || f.endsWith('.') || f.includes('..'))) {
    throw new ConfigError(`--group-by takes field names separated by commas (got "${text}")`, 'group-by');
  }
  for (const a of fields) {
    for (const b of [...fields.filter((f) => f !== a), ...RESERVED]) {
      if (b.startsWith(`${a}.`) || a.startsWith(`${b}.`) || (a === b && RESERVED.includes(b))) {
        throw new ConfigError(`--group-by field ${a} collides with ${b} in the result document`, 'group-by');
      }
    }
  }
  if (new Set(fields).size !== fields.length) throw new ConfigError(`--group-by names a field twice ("${text}")`, 'group-by');
  return fields;
}
