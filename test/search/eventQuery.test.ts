/** The filters as query DSL: which clauses for which fields a source carries, and CIDR ranges as the engines take them. */
import { describe, expect, it } from 'vitest';
import { ENDPOINT_FIELDS, SENSOR_FIELDS } from '../../ts/decode/networkEvent.js';
import { parseCidr } from '../../ts/filter/cidr.js';
import { DEFAULT_FILTERS, NO_FILTERS, parseFilterConfig } from '../../ts/filter/filterConfig.js';
import { cidrQueryText, eventQuery } from '../../ts/search/eventQuery.js';

const cidr = (text: string) => cidrQueryText(parseCidr(text) ?? (undefined as never));

describe('CIDR ranges in queries', () => {
  it('writes IPv4 ranges as IPv4, however they were written', () => {
    expect(cidr('10.0.0.0/8')).toBe('10.0.0.0/8');
    expect(cidr('192.0.0.8')).toBe('192.0.0.8/32');
    expect(cidr('::ffff:10.0.0.0/104')).toBe('10.0.0.0/8');
    expect(cidr('::ffff:0:0/96')).toBe('0.0.0.0/0');
  });

  it('writes IPv6 ranges in full, the prefix kept', () => {
    expect(cidr('::1')).toBe('0:0:0:0:0:0:0:1/128');
    expect(cidr('FE80::/10')).toBe('fe80:0:0:0:0:0:0:0/10');
    expect(cidr('2001:db8::/32')).toBe('2001:db8:0:0:0:0:0:0/32');
  });

  it('refuses a range under /96 that starts in the IPv4-mapped space (no terms query can say it)', () => {
    expect(() => cidr('::ffff:0:0/95')).toThrow(/IPv4-mapped/);
  });
});

describe('event query', () => {
  const range = { range: { '@timestamp': { gte: 1000, format: 'epoch_millis' } } };

  it('is only the time range without filters, with an upper bound for a replayed window', () => {
    expect(eventQuery(NO_FILTERS, ENDPOINT_FIELDS, { fromMs: 1000 })).toStrictEqual({ bool: { filter: [range] } });
    expect(eventQuery(NO_FILTERS, ENDPOINT_FIELDS, { fromMs: 1000, toMs: 2000 })).toStrictEqual({
      bool: { filter: [{ range: { '@timestamp': { gte: 1000, lte: 2000, format: 'epoch_millis' } } }] },
    });
  });

  it('holds every default filter for endpoint events', () => {
    const query = eventQuery(DEFAULT_FILTERS, ENDPOINT_FIELDS, { fromMs: 1000 }) as any;
    const filter = query.bool.filter as any[];
    expect(filter.slice(0, 4)).toStrictEqual([range, { term: { 'event.category': 'network' } }, { exists: { field: 'destination.ip' } }, { term: { 'event.action': 'disconnect_received' } }]);
    expect(query.bool.must_not[0].terms['process.name']).toHaveLength(DEFAULT_FILTERS.excludedProcessNames?.size as number);
    const branches = filter[4].bool.should as any[];
    expect(filter[4].bool.minimum_should_match).toBe(1);
    expect(branches[0].bool.filter[0].terms['source.ip']).toStrictEqual(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']);
    expect(branches[0].bool.must_not[0].terms['destination.ip']).toContain('fe80:0:0:0:0:0:0:0/10');
    expect(branches[1].bool.filter[0].terms['process.name']).toContain('OUTLOOK.EXE');
    expect(branches[1].bool.must_not[0].terms['destination.ip'].length).toBe((DEFAULT_FILTERS.reservedDestinationCidrs?.length ?? 0) + (DEFAULT_FILTERS.microsoftDestinationCidrs?.length ?? 0));
  });

  it('leaves out the filters on fields a sensor index does not carry, and the Microsoft branch', () => {
    const query = eventQuery(DEFAULT_FILTERS, SENSOR_FIELDS, undefined) as any;
    expect(query.bool.must_not).toBeUndefined();
    expect(query.bool.filter[0]).toStrictEqual({ exists: { field: 'destination.ip' } });
    expect(query.bool.filter[1].bool.should).toHaveLength(1);
    expect(query.bool.filter).toHaveLength(2);
  });

  it('writes no must_not for an empty exclusion list, and matches nothing for an empty private list', () => {
    const filters = parseFilterConfig({ private_source_cidrs: [], reserved_destination_cidrs: [], excluded_process_names: [] }, 'test');
    const query = eventQuery(filters, ENDPOINT_FIELDS, undefined) as any;
    expect(query).toStrictEqual({ bool: { filter: [{ bool: { should: [{ bool: { filter: [{ terms: { 'source.ip': [] } }] } }], minimum_should_match: 1 } }] } });
  });
});
