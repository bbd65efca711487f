/** `looksLikeEve`: whether a first line is a Suricata eve.json record (`--format auto`). */
import { describe, expect, it } from 'vitest';
import { looksLikeEve } from '../../ts/decode/suricataFlow.js';

describe('looksLikeEve()', () => {
  it('takes records with a string event_type and src_ip or timestamp', () => {
    expect(looksLikeEve({ timestamp: '2024-04-19T10:00:00.000000+0000', event_type: 'flow', src_ip: '10.0.0.5' })).toBe(true);
    expect(looksLikeEve({ event_type: 'alert', src_ip: '10.0.0.5' })).toBe(true);
    // stats records have no addresses.
    expect(looksLikeEve({ timestamp: '2024-04-19T10:00:00.000000+0000', event_type: 'stats' })).toBe(true);
    expect(looksLikeEve({ event_type: '', timestamp: 1 })).toBe(true);
  });

  it('refuses records without a string event_type', () => {
    expect(looksLikeEve({ timestamp: '2024-04-19T10:00:00Z', src_ip: '10.0.0.5' })).toBe(false);
    expect(looksLikeEve({ event_type: 3, src_ip: '10.0.0.5' })).toBe(false);
    expect(looksLikeEve({ event_type: ['flow'], src_ip: '10.0.0.5' })).toBe(false);
    expect(looksLikeEve({ event_type: null, timestamp: '2024-04-19T10:00:00Z' })).toBe(false);
  });

  it('refuses an event_type without src_ip or timestamp', () => {
    expect(looksLikeEve({ event_type: 'flow' })).toBe(false);
    expect(looksLikeEve({ event_type: 'flow', dest_ip: '10.0.0.5', '@timestamp': '2024-04-19T10:00:00Z' })).toBe(false);
  });

  it('reads top-level keys only', () => {
    expect(looksLikeEve({ 'suricata.eve.event_type': 'flow', timestamp: 'x' })).toBe(false);
    expect(looksLikeEve({ suricata: { eve: { event_type: 'flow' } }, timestamp: 'x' })).toBe(false);
  });

  it('refuses ECS, Zeek and Windows event records', () => {
    expect(looksLikeEve({ '@timestamp': '2024-04-19T10:00:00Z', event: { type: 'connection' }, source: { ip: '10.0.0.5' } })).toBe(false);
    expect(looksLikeEve({ _path: 'conn', ts: 1713484795.9, 'id.orig_h': '10.0.0.5' })).toBe(false);
    expect(looksLikeEve({ EventID: 3, Channel: 'Microsoft-Windows-Sysmon/Operational' })).toBe(false);
  });
});
