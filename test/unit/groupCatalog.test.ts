/** `GroupCatalog`: one group per distinct combination of `--group-by` values. */
import { describe, expect, it } from 'vitest';
import type { NetworkEvent } from '../../ts/decode/networkEvent.js';
import { GroupCatalog } from '../../ts/group/groupCatalog.js';

/** An event whose ECS fields are `fields`; the catalog reads nothing else. */
function event(fields: object): NetworkEvent {
  return {
    timestampMs: 0,
    ingestedMs: NaN,
    sourceBytes: NaN,
    destinationBytes: NaN,
    sourceIps: [],
    destinationIps: [],
    categories: [],
    actions: [],
    processNames: [],
    eventId: undefined,
    fields,
  };
}

const hostProcess = () => new GroupCatalog(['host.name', 'process.name']);

describe('GroupCatalog', () => {
  it('groups a number with its text, as a keyword field does, reporting the first form seen', () => {
    const catalog = new GroupCatalog(['destination.port']);
    expect(catalog.groupsOf(event({ destination: { port: 443 } }))).toEqual([0]);
    expect(catalog.groupsOf(event({ destination: { port: '443' } }))).toEqual([0]);
    expect(catalog.values(0)).toEqual([443]);
  });

  it('numbers groups in order of first sight', () => {
    const catalog = hostProcess();
    expect(catalog.size).toBe(0);
    expect(catalog.groupsOf(event({ host: { name: 'a' }, process: { name: 'p' } }))).toEqual([0]);
    expect(catalog.groupsOf(event({ 'host.name': 'b', 'process.name': 'p' }))).toEqual([1]);
    expect(catalog.groupsOf(event({ 'host.name': 'a', process: { name: 'p' } }))).toEqual([0]);
    expect(catalog.size).toBe(2);
    expect(catalog.values(0)).toEqual(['a', 'p']);
    expect(catalog.values(1)).toEqual(['b', 'p']);
  });

  it('puts an event with a multi-valued field in one group per value', () => {
    const catalog = hostProcess();
    expect(catalog.groupsOf(event({ host: { name: ['a', 'b'] }, process: { name: 'p' } }))).toEqual([0, 1]);
    expect([catalog.values(0), catalog.values(1)]).toEqual([
      ['a', 'p'],
      ['b', 'p'],
    ]);
  });

  it('takes the cross product of two multi-valued fields', () => {
    const catalog = hostProcess();
    expect(catalog.groupsOf(event({ host: { name: ['a', 'b'] }, process: { name: ['p', 'q'] } }))).toEqual([0, 1, 2, 3]);
    expect([0, 1, 2, 3].map((id) => catalog.values(id))).toEqual([
      ['a', 'p'],
      ['a', 'q'],
      ['b', 'p'],
      ['b', 'q'],
    ]);
  });

  it('collapses duplicate values within a field', () => {
    const catalog = hostProcess();
    expect(catalog.groupsOf(event({ host: { name: ['a', 'a'] }, process: { name: ['p', 'p', 'q'] } }))).toEqual([0, 1]);
    expect(catalog.size).toBe(2);
  });

  it('reports the first group field an event lacks', () => {
    const catalog = hostProcess();
    expect(catalog.groupsOf(event({ process: { name: 'p' } }))).toEqual({ missing: 'host.name' });
    expect(catalog.groupsOf(event({ host: { name: 'a' } }))).toEqual({ missing: 'process.name' });
    expect(catalog.groupsOf(event({}))).toEqual({ missing: 'host.name' });
    expect(catalog.groupsOf(event({ host: { name: [] }, process: { name: 'p' } }))).toEqual({ missing: 'host.name' });
    expect(catalog.groupsOf(event({ host: { name: null }, process: { name: 'p' } }))).toEqual({ missing: 'host.name' });
    expect(catalog.size).toBe(0);
  });

  it('canonicalises ip fields, so every spelling of an address is one group', () => {
    const catalog = new GroupCatalog(['source.ip', 'destination.ip']);
    const a = catalog.groupsOf(event({ source: { ip: '::ffff:10.0.0.1' }, destination: { ip: 'FE80::0001' } }));
    const b = catalog.groupsOf(event({ 'source.ip': '10.0.0.1', 'destination.ip': 'fe80::1' }));
    expect(a).toEqual([0]);
    expect(b).toEqual([0]);
    expect(catalog.values(0)).toEqual(['10.0.0.1', 'fe80::1']);
    // Two spellings of one address in one field are one value.
    expect(catalog.groupsOf(event({ 'source.ip': ['10.0.0.1', '::ffff:10.0.0.1'], 'destination.ip': 'fe80::1' }))).toEqual([0]);
  });

  it('treats a field named ip, or ending in .ip, as an ip field', () => {
    const catalog = new GroupCatalog(['ip', 'host.ip']);
    catalog.groupsOf(event({ ip: '::FFFF:1.2.3.4', host: { ip: '2001:DB8::1' } }));
    expect(catalog.values(0)).toEqual(['1.2.3.4', '2001:db8::1']);
  });

  it('keeps values of other fields, and unparseable ip values, as they are', () => {
    const catalog = new GroupCatalog(['host.name', 'source.ip', 'zip']);
    catalog.groupsOf(event({ host: { name: '::ffff:10.0.0.1' }, source: { ip: 'not-an-ip' }, zip: '010.0.0.1' }));
    expect(catalog.values(0)).toEqual(['::ffff:10.0.0.1', 'not-an-ip', '010.0.0.1']);
    expect(catalog.groupsOf(event({ host: { name: '10.0.0.1' }, source: { ip: 'not-an-ip' }, zip: '010.0.0.1' }))).toEqual([1]);
  });

  it('keeps numbers and booleans with their type', () => {
    const catalog = new GroupCatalog(['destination.port']);
    expect(catalog.groupsOf(event({ destination: { port: [443, 443, 80] } }))).toEqual([0, 1]);
    expect([catalog.values(0), catalog.values(1)]).toEqual([[443], [80]]);
    expect(catalog.groupsOf(event({ destination: { port: true } }))).toEqual([2]);
  });

  it('puts every event in one group when there is no group field', () => {
    const catalog = new GroupCatalog([]);
    expect(catalog.groupsOf(event({}))).toEqual([0]);
    expect(catalog.groupsOf(event({ host: { name: 'a' } }))).toEqual([0]);
    expect(catalog.values(0)).toEqual([]);
  });
});
