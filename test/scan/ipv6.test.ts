/** IPv6 sources and destinations, and ::ffff:-mapped IPv4 addresses, through the default filters. */
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../support/engines.js';
import { ecsEvent, ndjson, scan, timesBefore, writeFixture } from '../support/scanFixture.js';

const NOW = '2026-11-30T12:00:00Z';

describe.each(ENGINES)('IPv6 and mapped IPv4, %s engine', (engine) => {
  it('matches mapped addresses against IPv4 ranges and IPv6 ranges natively', async () => {
    const t = timesBefore(NOW, 30, 60);
    const at = (i: number) => t[i] as string;
    const events = [
      // Mapped private source to a public IPv6 destination: passes (process a.exe).
      ...Array.from({ length: 14 }, (_, i) => i).map((i) => ecsEvent(at(i), { process: { name: 'a.exe' }, source: { ip: '::ffff:10.1.2.3' }, destination: { ip: '2001:4860:4860::8888' } })),
      // To a link-local IPv6 destination (fe80::/10 is reserved): filtered.
      ecsEvent(at(14), { process: { name: 'b.exe' }, destination: { ip: 'FE80::1' } }),
      // To a mapped private IPv4 destination (192.168.0.0/16 is reserved): filtered.
      ecsEvent(at(15), { process: { name: 'c.exe' }, destination: { ip: '::ffff:192.168.1.1' } }),
      // From a public IPv6 source, not in the private IPv4 ranges: filtered.
      ecsEvent(at(16), { process: { name: 'd.exe' }, source: { ip: '2a00:1450::1' } }),
      // Mapped public destination written as IPv6: passes, reported as IPv4.
      ecsEvent(at(17), { process: { name: 'e.exe' }, destination: { ip: '::FFFF:93.184.216.34' } }),
    ];
    const { outcome, docs } = await scan([writeFixture({ 'e.ndjson': ndjson(events) })], engine, { windows: { nowMs: Date.parse(NOW) } });
    const locality = [...outcome.summary.filtered].find(([name]) => name.startsWith('locality'));
    expect(locality?.[1]).toBe(3);
    expect(docs.map((d) => d['process'].name)).toEqual(['a.exe', 'e.exe']);
    expect(docs[0]?.['beacon_stats'].destination_ips).toEqual(['2001:4860:4860::8888']);
    expect(docs[1]?.['beacon_stats']).toEqual({ is_beaconing: false, interval: 1, non_empty_buckets: 1 });
  });

  it('groups by IPv6 addresses in canonical form', async () => {
    const events = timesBefore(NOW, 3, 60).map((t, i) =>
      ecsEvent(t, { source: { ip: i === 0 ? '::ffff:10.0.0.7' : '10.0.0.7' }, destination: { ip: i === 2 ? '2001:DB8:0:0:0:0:0:1' : '2001:db8::1' } }),
    );
    const { docs } = await scan([writeFixture({ 'e.ndjson': ndjson(events) })], engine, {
      windows: { nowMs: Date.parse(NOW) },
      groupBy: ['source.ip', 'destination.ip'],
    });
    expect(docs.map((d) => [d['source'].ip, d['destination'].ip])).toEqual([['10.0.0.7', '2001:db8::1']]);
    expect(docs[0]?.['beacon_stats'].non_empty_buckets).toBe(3);
  });
});
