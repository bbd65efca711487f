/** CIDR ranges over the 128-bit `ip` space: `parseCidr`, `cidrContains`, `CidrSet`. */
import { describe, expect, it } from 'vitest';
import { parseIp, type IpAddress } from '../../ts/decode/ipAddress.js';
import { cidrContains, CidrSet, parseCidr, type CidrRange } from '../../ts/filter/cidr.js';

function ip(text: string): IpAddress {
  const parsed = parseIp(text);
  if (parsed === undefined) throw new Error(`bad test address ${text}`);
  return parsed;
}

function cidr(text: string): CidrRange {
  const range = parseCidr(text);
  if (range === undefined) throw new Error(`bad test range ${text}`);
  return range;
}

const contains = (range: string, address: string) => cidrContains(cidr(range), ip(address));

describe('parseCidr()', () => {
  it('reads an IPv4 range as its IPv4-mapped IPv6 range (96 + n bits)', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ text: '10.0.0.0/8', words: [0, 0, 0xffff, 0x0a000000], bits: 104 });
    expect(parseCidr('0.0.0.0/0')).toEqual({ text: '0.0.0.0/0', words: [0, 0, 0xffff, 0], bits: 96 });
    expect(parseCidr('192.0.0.8/32')?.bits).toBe(128);
  });

  it('reads an IPv6 range with its own length', () => {
    expect(parseCidr('FE80::/10')).toEqual({ text: 'FE80::/10', words: [0xfe800000, 0, 0, 0], bits: 10 });
    expect(parseCidr('::/0')).toEqual({ text: '::/0', words: [0, 0, 0, 0], bits: 0 });
    expect(parseCidr('2001:db8::/128')?.bits).toBe(128);
  });

  it('reads an IPv4 range written IPv6-style with the IPv6 length', () => {
    expect(parseCidr('::ffff:10.0.0.0/104')).toEqual({ text: '::ffff:10.0.0.0/104', words: [0, 0, 0xffff, 0x0a000000], bits: 104 });
    expect(parseCidr('::ffff:10.0.0.0/8')?.bits).toBe(8);
  });

  it('reads a bare address as a range of one', () => {
    expect(parseCidr('10.1.2.3')?.bits).toBe(128);
    expect(parseCidr('::1')).toEqual({ text: '::1', words: [0, 0, 0, 1], bits: 128 });
  });

  it('refuses lengths past the family', () => {
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('::/129')).toBeUndefined();
    expect(parseCidr('10.0.0.0/32')?.bits).toBe(128);
    expect(parseCidr('::/128')?.bits).toBe(128);
  });

  it('refuses lengths that are not numbers', () => {
    const lengths = ['', 'abc', '-1', '+8', '8.0', ' 8', '1234', '8/8'];
    for (const bad of lengths.map((l) => `10.0.0.0/${l}`)) {
      expect(parseCidr(bad), bad).toBeUndefined();
    }
  });

  it('refuses malformed addresses', () => {
    for (const bad of ['', '/8', '10.0.0/8', '10.0.0.256/24', 'fe80:::/10', 'localhost', '10.0.0.0\\8']) {
      expect(parseCidr(bad), bad).toBeUndefined();
    }
  });
});

describe('cidrContains()', () => {
  it('/0 holds the whole of its family', () => {
    expect(contains('0.0.0.0/0', '0.0.0.0')).toBe(true);
    expect(contains('0.0.0.0/0', '255.255.255.255')).toBe(true);
    expect(contains('0.0.0.0/0', '::1')).toBe(false);
    expect(contains('0.0.0.0/0', '2001:db8::1')).toBe(false);
    expect(contains('::/0', '2001:db8::1')).toBe(true);
    expect(contains('::/0', '10.0.0.1')).toBe(true);
  });

  it('/8 holds exactly its first octet', () => {
    expect(contains('10.0.0.0/8', '10.0.0.0')).toBe(true);
    expect(contains('10.0.0.0/8', '10.255.255.255')).toBe(true);
    expect(contains('10.0.0.0/8', '9.255.255.255')).toBe(false);
    expect(contains('10.0.0.0/8', '11.0.0.0')).toBe(false);
  });

  it('compares only the prefix bits, host bits of the range ignored', () => {
    expect(contains('10.1.2.3/8', '10.200.0.1')).toBe(true);
    expect(contains('172.16.0.0/12', '172.31.255.255')).toBe(true);
    expect(contains('172.16.0.0/12', '172.32.0.0')).toBe(false);
    expect(contains('100.64.0.0/10', '100.127.255.255')).toBe(true);
    expect(contains('100.64.0.0/10', '100.128.0.0')).toBe(false);
  });

  it('/32 and a bare IPv4 address hold one address', () => {
    expect(contains('192.0.0.8/32', '192.0.0.8')).toBe(true);
    expect(contains('192.0.0.8/32', '192.0.0.9')).toBe(false);
    expect(contains('192.0.0.8', '192.0.0.8')).toBe(true);
    expect(contains('192.0.0.8', '192.0.0.7')).toBe(false);
  });

  it('/10 on FE80:: holds fe80:: to febf:ffff:..', () => {
    expect(contains('FE80::/10', 'fe80::1')).toBe(true);
    expect(contains('FE80::/10', 'febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toBe(true);
    expect(contains('FE80::/10', 'fec0::')).toBe(false);
    expect(contains('FE80::/10', 'fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toBe(false);
    expect(contains('FE80::/10', '10.0.0.1')).toBe(false);
  });

  it('/128 and a bare IPv6 address hold one address', () => {
    expect(contains('::1/128', '::1')).toBe(true);
    expect(contains('::1/128', '::2')).toBe(false);
    expect(contains('::1', '::1')).toBe(true);
    expect(contains('::1', '::')).toBe(false);
    expect(contains('::/128', '::')).toBe(true);
  });

  it('splits prefixes inside a word and across words', () => {
    expect(contains('2001:db8::/32', '2001:db8:ffff::')).toBe(true);
    expect(contains('2001:db8::/32', '2001:db9::')).toBe(false);
    expect(contains('2001:db8:8000::/33', '2001:db8:ffff::')).toBe(true);
    expect(contains('2001:db8:8000::/33', '2001:db8:7fff::')).toBe(false);
    expect(contains('2001:db8::/127', '2001:db8::1')).toBe(true);
    expect(contains('2001:db8::/127', '2001:db8::2')).toBe(false);
  });

  it('matches an IPv4-mapped IPv6 address against its IPv4 range', () => {
    expect(contains('10.0.0.0/8', '::ffff:10.1.2.3')).toBe(true);
    expect(contains('10.0.0.0/8', '::ffff:11.1.2.3')).toBe(false);
  });

  it('matches 10.x against ::ffff:10.0.0.0/104 written IPv6-style', () => {
    expect(contains('::ffff:10.0.0.0/104', '10.0.0.1')).toBe(true);
    expect(contains('::ffff:10.0.0.0/104', '10.255.255.255')).toBe(true);
    expect(contains('::ffff:10.0.0.0/104', '11.0.0.0')).toBe(false);
    expect(contains('::ffff:0:0/96', '8.8.8.8')).toBe(true);
    expect(contains('::ffff:0:0/96', '::1')).toBe(false);
  });
});

describe('CidrSet.containsAny()', () => {
  const set = new CidrSet(['10.0.0.0/8', '192.168.0.0/16', 'FE80::/10'].map(cidr));

  it('is false for no address', () => {
    expect(set.containsAny([])).toBe(false);
  });

  it('is false for an empty set', () => {
    expect(new CidrSet([]).containsAny([ip('10.0.0.1')])).toBe(false);
  });

  it('is true when any address is in any range', () => {
    expect(set.containsAny([ip('8.8.8.8'), ip('192.168.1.1')])).toBe(true);
    expect(set.containsAny([ip('fe80::1'), ip('8.8.8.8')])).toBe(true);
    expect(set.containsAny([ip('10.0.0.1')])).toBe(true);
  });

  it('is false when no address is in any range', () => {
    expect(set.containsAny([ip('8.8.8.8'), ip('172.16.0.1'), ip('2001:db8::1')])).toBe(false);
  });

  it('keeps its ranges as given', () => {
    expect(set.ranges.map((r) => r.text)).toEqual(['10.0.0.0/8', '192.168.0.0/16', 'FE80::/10']);
  });
});
