/**
 * Suricata's `eve.json` flow records (`event_type: flow`), mapped onto ECS:
 *
 * | Suricata | ECS |
 * |---|---|
 * | `flow.start` (the connection's start, like Zeek's `ts`; else `timestamp`) | `@timestamp` |
 * | `flow.end` | `event.end` |
 * | `flow_id` | `event.id` |
 * | `src_ip`, `src_port` | `source.ip`, `source.port` |
 * | `dest_ip`, `dest_port` | `destination.ip`, `destination.port` |
 * | `flow.bytes_toserver`, `flow.bytes_toclient` | `source.bytes`, `destination.bytes` |
 * | `flow.pkts_toserver`, `flow.pkts_toclient` | `source.packets`, `destination.packets` |
 * | `proto` (lowercased), `app_proto` | `network.transport`, `network.protocol` |
 * | `community_id` | `network.community_id` |
 * | `host` (the sensor's name) | `observer.hostname` |
 *
 * Other event types (alert, dns, http, tls, stats, ...) are skipped and counted.
 */
import { eventFromEcs } from './ecsFields.js';
import { readField } from './fieldPath.js';
import { parseJsonObjectLine } from './jsonLine.js';
import { NO_EVENT, SENSOR_FIELDS, type DecodedLine, type LineDecoder } from './networkEvent.js';

/** Whether a first line looks like an eve.json record. */
export function looksLikeEve(doc: Record<string, unknown>): boolean {
  return typeof doc['event_type'] === 'string' && ('src_ip' in doc || 'timestamp' in doc);
}

/** eve.json field -> ECS field. */
const COPIES: readonly (readonly [string, string])[] = [
  ['src_ip', 'source.ip'],
  ['dest_ip', 'destination.ip'],
  ['flow.end', 'event.end'],
  ['src_port', 'source.port'],
  ['dest_port', 'destination.port'],
  ['flow.bytes_toserver', 'source.bytes'],
  ['flow.bytes_toclient', 'destination.bytes'],
  ['flow.pkts_toserver', 'source.packets'],
  ['flow.pkts_toclient', 'destination.packets'],
  ['app_proto', 'network.protocol'],
  ['community_id', 'network.community_id'],
  ['host', 'observer.hostname'],
];

/** ECS field -> eve.json field, for bad records. */
const EVE_NAMES: Readonly<Record<string, string>> = Object.fromEntries(COPIES.map(([from, to]) => [to, from]));

/**
 * `flow_id` is a 64-bit integer: read its digits from the text, not through a
 * double. A number written with a fraction or an exponent (by a writer that
 * held it as a double) has no exact digits: no `event.id` then, rather than
 * its leading digits, which would make distinct flows duplicates.
 */
const FLOW_ID = /"flow_id"\s*:\s*(\d+)(?![\d.eE])/;

export class SuricataFlowDecoder implements LineDecoder {
  readonly carries = SENSOR_FIELDS;

  decode(line: string): DecodedLine {
    if (line.trim() === '') return NO_EVENT;
    const parsed = parseJsonObjectLine(line);
    if ('bad' in parsed) return parsed.bad;
    const eve = parsed.object;
    if (eve['event_type'] !== 'flow') return { type: 'other', kind: `suricata ${String(eve['event_type'] ?? 'untyped')} event`, wholeInput: false };
    const hasStart = readField(eve, 'flow.start').length > 0;
    const doc: Record<string, unknown> = { '@timestamp': readField(eve, hasStart ? 'flow.start' : 'timestamp') };
    for (const [from, to] of COPIES) {
      const values = readField(eve, from);
      if (values.length > 0) doc[to] = values.length === 1 ? values[0] : values;
    }
    if (typeof eve['proto'] === 'string') doc['network.transport'] = eve['proto'].toLowerCase();
    const flowId = FLOW_ID.exec(line)?.[1];
    if (flowId !== undefined) doc['event.id'] = flowId;
    return eventFromEcs(doc, { ...EVE_NAMES, '@timestamp': hasStart ? 'flow.start' : 'timestamp' });
  }
}
