/** `looksLikeWindowsEvent`: whether a first line is a Windows event log record (`--format auto`). */
import { describe, expect, it } from 'vitest';
import { looksLikeWindowsEvent } from '../../ts/decode/sysmonNetwork.js';

describe('looksLikeWindowsEvent()', () => {
  it('takes flat records with EventID and Channel or SourceName', () => {
    expect(looksLikeWindowsEvent({ EventID: 3, Channel: 'Microsoft-Windows-Sysmon/Operational' })).toBe(true);
    expect(looksLikeWindowsEvent({ EventID: 3, SourceName: 'Microsoft-Windows-Sysmon' })).toBe(true);
    // Any channel: other events are skipped and counted by the decoder.
    expect(looksLikeWindowsEvent({ EventID: 4624, Channel: 'Security' })).toBe(true);
  });

  it('refuses flat records lacking EventID or both Channel and SourceName', () => {
    expect(looksLikeWindowsEvent({ Channel: 'Security' })).toBe(false);
    expect(looksLikeWindowsEvent({ SourceName: 'Microsoft-Windows-Sysmon' })).toBe(false);
    expect(looksLikeWindowsEvent({ EventID: 3 })).toBe(false);
    expect(looksLikeWindowsEvent({ EventID: 3, Hostname: 'ws5', UtcTime: '2020-07-22 04:00:48.097' })).toBe(false);
    // Names are case-sensitive.
    expect(looksLikeWindowsEvent({ eventid: 3, channel: 'Security' })).toBe(false);
  });

  it('takes winlogbeat records by winlog.channel, nested or dotted', () => {
    expect(looksLikeWindowsEvent({ winlog: { channel: 'Microsoft-Windows-Sysmon/Operational', event_id: '3' } })).toBe(true);
    expect(looksLikeWindowsEvent({ 'winlog.channel': 'Security' })).toBe(true);
    expect(looksLikeWindowsEvent({ winlog: { channel: ['Security'] } })).toBe(true);
  });

  it('refuses winlogbeat records without a channel value', () => {
    expect(looksLikeWindowsEvent({ winlog: { event_id: '3' } })).toBe(false);
    expect(looksLikeWindowsEvent({ winlog: { channel: null } })).toBe(false);
    expect(looksLikeWindowsEvent({ winlog: {} })).toBe(false);
  });

  it('refuses other JSON records', () => {
    expect(looksLikeWindowsEvent({})).toBe(false);
    expect(looksLikeWindowsEvent({ '@timestamp': '2024-04-19T00:00:00Z', event: { code: 3 } })).toBe(false);
    expect(looksLikeWindowsEvent({ event_type: 'flow', src_ip: '10.0.0.1' })).toBe(false);
    expect(looksLikeWindowsEvent({ _path: 'conn', 'id.orig_h': '10.0.0.1' })).toBe(false);
  });
});
