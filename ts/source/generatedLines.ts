/**
 * Generated connections written as input lines: ECS NDJSON (as Elastic
 * Defend writes `disconnect_received` events) or a Zeek conn.log (TSV with
 * its header). Lines are built directly, not through JSON.stringify: the
 * generator must outrun the scan it feeds.
 */
import { formatTimestamp } from '../decode/timestamp.js';
import type { GeneratedConnection } from './trafficGenerator.js';

export type GeneratedFormat = 'ecs' | 'zeek';

export function ecsLine(c: GeneratedConnection, withIds: boolean): string {
  const id = withIds ? `,"id":"g-${c.talker}-${c.beat}"` : '';
  return (
    `{"@timestamp":"${formatTimestamp(c.timeMs)}","event":{"category":["network"],"action":"disconnect_received",` +
    `"ingested":"${formatTimestamp(c.timeMs + 2000)}"${id}},"host":{"name":"${c.host}"},"process":{"name":"${c.process}"},` +
    `"source":{"ip":"${c.sourceIp}","port":${c.sourcePort},"bytes":${c.sourceBytes}},` +
    `"destination":{"ip":"${c.destinationIp}","port":443,"bytes":${c.destinationBytes}}}`
  );
}

export const ZEEK_FIELDS = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'service', 'duration', 'orig_bytes', 'resp_bytes', 'conn_state', 'orig_ip_bytes', 'resp_ip_bytes'];

export function zeekHeader(): string {
  const types = ['time', 'string', 'addr', 'port', 'addr', 'port', 'enum', 'string', 'interval', 'count', 'count', 'string', 'count', 'count'];
  return ['#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-', '#path\tconn', `#fields\t${ZEEK_FIELDS.join('\t')}`, `#types\t${types.join('\t')}`].join('\n');
}

export function zeekLine(c: GeneratedConnection): string {
  const seconds = `${Math.floor(c.timeMs / 1000)}.${String(c.timeMs % 1000).padStart(3, '0')}000`;
  // Payload bytes: the IP-level counts less 40 bytes of headers each way.
  const payload = (bytes: number) => Math.max(0, bytes - 40);
  const uid = `C${c.talker.toString(36)}x${c.beat.toString(36)}`;
  return `${seconds}\t${uid}\t${c.sourceIp}\t${c.sourcePort}\t${c.destinationIp}\t443\ttcp\t-\t0.100000\t${payload(c.sourceBytes)}\t${payload(c.destinationBytes)}\tSF\t${c.sourceBytes}\t${c.destinationBytes}`;
}
