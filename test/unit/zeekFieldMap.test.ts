/** `zeekColumnName` and `ZeekFieldMap`: Zeek column names onto ECS field names. */
import { describe, expect, it } from 'vitest';
import { ZeekFieldMap, zeekColumnName } from '../../ts/decode/zeekConn.js';

describe('zeekColumnName()', () => {
  it('writes the four id columns dotted', () => {
    const underscored = ['id_orig_h', 'id_orig_p', 'id_resp_h', 'id_resp_p'];
    expect(underscored.map(zeekColumnName)).toEqual(['id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p']);
  });

  it('leaves every other name alone', () => {
    for (const name of ['id.orig_h', 'orig_ip_bytes', 'id_orig_x', 'id_orig_hh', 'xid_orig_h', '_node_name', 'ts', '']) {
      expect(zeekColumnName(name)).toBe(name);
    }
  });
});

describe('ZeekFieldMap.ecsName()', () => {
  const ip = new ZeekFieldMap('ip');
  const payload = new ZeekFieldMap('payload');

  it('maps the fixed columns', () => {
    const fixed: Record<string, string> = {
      ts: '@timestamp',
      uid: 'event.id',
      'id.orig_h': 'source.ip',
      'id.orig_p': 'source.port',
      'id.resp_h': 'destination.ip',
      'id.resp_p': 'destination.port',
      proto: 'network.transport',
      service: 'network.protocol',
      orig_pkts: 'source.packets',
      resp_pkts: 'destination.packets',
      orig_l2_addr: 'source.mac',
      resp_l2_addr: 'destination.mac',
      community_id: 'network.community_id',
    };
    for (const [column, ecs] of Object.entries(fixed)) {
      expect(ip.ecsName(column)).toBe(ecs);
      expect(payload.ecsName(column)).toBe(ecs);
    }
  });

  it('takes IP-level byte counts by default', () => {
    expect(['orig_ip_bytes', 'resp_ip_bytes', 'orig_bytes', 'resp_bytes'].map((c) => ip.ecsName(c))).toEqual([
      'source.bytes',
      'destination.bytes',
      'zeek.connection.orig_bytes',
      'zeek.connection.resp_bytes',
    ]);
  });

  it('takes payload byte counts with payload', () => {
    expect(['orig_ip_bytes', 'resp_ip_bytes', 'orig_bytes', 'resp_bytes'].map((c) => payload.ecsName(c))).toEqual([
      'zeek.connection.orig_ip_bytes',
      'zeek.connection.resp_ip_bytes',
      'source.bytes',
      'destination.bytes',
    ]);
  });

  it('puts unknown columns under zeek.connection', () => {
    expect(ip.ecsName('conn_state')).toBe('zeek.connection.conn_state');
    expect(ip.ecsName('_node_name')).toBe('zeek.connection._node_name');
    expect(ip.ecsName('toString')).toBe('zeek.connection.toString');
  });
});
