/** `compareIp` and `smallestIp`: the order of `ip` doc values, by their 128 bits. */
import { describe, expect, it } from 'vitest';
import { compareIp, parseIp, smallestIp, type IpAddress } from '../../ts/decode/ipAddress.js';

function ip(text: string): IpAddress {
  const parsed = parseIp(text);
  if (parsed === undefined) throw new Error(`bad test address ${text}`);
  return parsed;
}

const sign = (a: string, b: string) => Math.sign(compareIp(ip(a), ip(b)));

describe('compareIp()', () => {
  it('is 0 for equal addresses, whatever their spelling', () => {
    expect(compareIp(ip('10.0.0.1'), ip('10.0.0.1'))).toBe(0);
    expect(compareIp(ip('::ffff:10.0.0.1'), ip('10.0.0.1'))).toBe(0);
    expect(compareIp(ip('2001:DB8::1'), ip('2001:0db8:0:0:0:0:0:1'))).toBe(0);
  });

  it('orders IPv4 numerically, not as text', () => {
    expect(sign('10.0.0.1', '10.0.0.2')).toBe(-1);
    expect(sign('9.0.0.1', '10.0.0.1')).toBe(-1);
    expect(sign('10.0.0.10', '10.0.0.9')).toBe(1);
    expect(sign('0.0.0.0', '255.255.255.255')).toBe(-1);
  });

  it('places IPv4 (::ffff:0:0/96) inside the 128-bit order', () => {
    // :: < ::1 < ::fffe:ffff:ffff < 0.0.0.0 .. 255.255.255.255 < ::1:0:0:0 < 2001:db8::1
    const ordered = ['::', '::1', '::fffe:ffff:ffff', '0.0.0.0', '10.0.0.1', '255.255.255.255', '::1:0:0:0', '2001:db8::1', 'fe80::1'];
    for (let i = 0; i + 1 < ordered.length; i++) {
      expect(sign(ordered[i] as string, ordered[i + 1] as string), `${ordered[i]} < ${ordered[i + 1]}`).toBe(-1);
      expect(sign(ordered[i + 1] as string, ordered[i] as string)).toBe(1);
    }
  });

  it('sorts a mixed list by the 128 bits', () => {
    const sorted = ['2001:db8::1', '10.0.0.2', '::1', '9.0.0.1', 'ffff::', '::ffff:8.8.8.8'].map(ip).sort(compareIp);
    expect(sorted.map((a) => a.text)).toEqual(['::1', '8.8.8.8', '9.0.0.1', '10.0.0.2', '2001:db8::1', 'ffff::']);
  });

  it('compares the top word first, even at its largest', () => {
    expect(sign('ffff:ffff::', 'fffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toBe(1);
    expect(sign('::ffff:ffff:ffff:ffff', '0:0:0:1::')).toBe(-1);
  });
});

describe('smallestIp()', () => {
  it('is undefined for no address', () => {
    expect(smallestIp([])).toBeUndefined();
  });

  it('is the one address of a list of one', () => {
    const only = ip('10.0.0.1');
    expect(smallestIp([only])).toBe(only);
  });

  it('is the smallest by the 128 bits, not by text', () => {
    expect(smallestIp(['10.0.0.2', '9.0.0.1', '10.0.0.10'].map(ip))?.text).toBe('9.0.0.1');
    expect(smallestIp(['2001:db8::1', '10.0.0.1', '::1'].map(ip))?.text).toBe('::1');
    expect(smallestIp(['2001:db8::1', '10.0.0.1'].map(ip))?.text).toBe('10.0.0.1');
  });

  it('keeps the first of equal addresses', () => {
    const first = ip('::ffff:10.0.0.1');
    const second = ip('10.0.0.1');
    expect(smallestIp([ip('10.0.0.2'), first, second])).toBe(first);
  });
});
