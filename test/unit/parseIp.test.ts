/** `parseIp`: Elasticsearch's `ip` field, every address 128 bits, canonical text per RFC 5952. */
import { describe, expect, it } from 'vitest';
import { parseIp } from '../../ts/decode/ipAddress.js';

const text = (input: string) => parseIp(input)?.text;

describe('parseIp()', () => {
  describe('IPv4', () => {
    it('reads dotted quads as IPv4-mapped IPv6 words', () => {
      expect(parseIp('10.0.0.1')).toEqual({ text: '10.0.0.1', words: [0, 0, 0xffff, 0x0a000001] });
      expect(parseIp('0.0.0.0')).toEqual({ text: '0.0.0.0', words: [0, 0, 0xffff, 0] });
      expect(parseIp('255.255.255.255')).toEqual({ text: '255.255.255.255', words: [0, 0, 0xffff, 0xffffffff] });
      expect(parseIp('192.168.1.254')?.words).toEqual([0, 0, 0xffff, 0xc0a801fe]);
    });

    it('trims surrounding blanks', () => {
      expect(text(' 10.0.0.1\t')).toBe('10.0.0.1');
    });

    it('refuses leading zeros, as Elasticsearch does', () => {
      expect(parseIp('010.0.0.1')).toBeUndefined();
      expect(parseIp('10.0.0.01')).toBeUndefined();
      expect(parseIp('00.0.0.0')).toBeUndefined();
    });

    it('refuses octets above 255', () => {
      expect(parseIp('256.0.0.1')).toBeUndefined();
      expect(parseIp('10.0.0.256')).toBeUndefined();
      expect(parseIp('1000.0.0.1')).toBeUndefined();
    });

    it('refuses too few or too many parts and empty parts', () => {
      expect(parseIp('10.0.0')).toBeUndefined();
      expect(parseIp('10.0.0.1.2')).toBeUndefined();
      expect(parseIp('10.0.0.')).toBeUndefined();
      expect(parseIp('.10.0.0')).toBeUndefined();
      expect(parseIp('10..0.1')).toBeUndefined();
      expect(parseIp('10')).toBeUndefined();
    });

    it('refuses signs, letters, exponents and prefixes', () => {
      for (const bad of ['-1.0.0.1', '+1.0.0.1', 'a.b.c.d', '1e1.0.0.1', '0x10.0.0.1', '10.0.0.1/8', '10.0.0.1:80']) {
        expect(parseIp(bad), bad).toBeUndefined();
      }
    });
  });

  describe('IPv6', () => {
    it('reads the unspecified and the loopback address', () => {
      expect(parseIp('::')).toEqual({ text: '::', words: [0, 0, 0, 0] });
      expect(parseIp('::1')).toEqual({ text: '::1', words: [0, 0, 0, 1] });
    });

    it('reads compressed and full forms to the same words', () => {
      const words = [0x20010db8, 0, 0, 1];
      expect(parseIp('2001:db8::1')).toEqual({ text: '2001:db8::1', words });
      expect(parseIp('2001:0db8:0000:0000:0000:0000:0000:0001')).toEqual({ text: '2001:db8::1', words });
      expect(parseIp('2001:db8:0:0:0:0:0:1')).toEqual({ text: '2001:db8::1', words });
      expect(parseIp('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')?.words).toEqual([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff]);
    });

    it('writes lowercase without leading zeros', () => {
      expect(text('2001:DB8::ABCD')).toBe('2001:db8::abcd');
      expect(text('FE80::0001')).toBe('fe80::1');
      expect(text('0001:0002::')).toBe('1:2::');
    });

    it('compresses the longest run of zero groups', () => {
      expect(text('1:0:0:2:0:0:0:3')).toBe('1:0:0:2::3');
      expect(text('1:0:0:0:2:0:0:3')).toBe('1::2:0:0:3');
    });

    it('compresses the first of equally long runs', () => {
      expect(text('1:0:0:1:0:0:1:1')).toBe('1::1:0:0:1:1');
      expect(text('1:1:0:0:1:1:0:0')).toBe('1:1::1:1:0:0');
    });

    it('compresses runs at either end', () => {
      expect(text('0:0:1:2:3:4:5:6')).toBe('::1:2:3:4:5:6');
      expect(text('1:2:3:4:5:6:0:0')).toBe('1:2:3:4:5:6::');
      expect(text('1:0:0:0:0:0:0:0')).toBe('1::');
    });

    it('does not compress a single zero group', () => {
      expect(text('1:0:2:3:4:5:6:7')).toBe('1:0:2:3:4:5:6:7');
      // `::` standing for one group is read, and written back uncompressed.
      expect(text('1::2:3:4:5:6:7')).toBe('1:0:2:3:4:5:6:7');
      expect(text('1:2:3:4:5:6:7::')).toBe('1:2:3:4:5:6:7:0');
    });

    it('reads an embedded IPv4 tail as the last two groups', () => {
      expect(parseIp('64:ff9b::192.0.2.33')).toEqual({ text: '64:ff9b::c000:221', words: [0x0064ff9b, 0, 0, 0xc0000221] });
      expect(text('1:2:3:4:5:6:1.2.3.4')).toBe('1:2:3:4:5:6:102:304');
      expect(text('::1.2.3.4')).toBe('::102:304');
    });

    it('shows IPv4-mapped addresses as IPv4', () => {
      const mapped = { text: '1.2.3.4', words: [0, 0, 0xffff, 0x01020304] };
      expect(parseIp('::ffff:1.2.3.4')).toEqual(mapped);
      expect(parseIp('::FFFF:1.2.3.4')).toEqual(mapped);
      expect(parseIp('0:0:0:0:0:ffff:102:304')).toEqual(mapped);
      expect(parseIp('::ffff:0:0')).toEqual({ text: '0.0.0.0', words: [0, 0, 0xffff, 0] });
      // One bit away from the mapped range stays IPv6.
      expect(text('::fffe:102:304')).toBe('::fffe:102:304');
      expect(text('0:0:0:0:1:ffff:102:304')).toBe('::1:ffff:102:304');
    });

    it('drops a zone id', () => {
      expect(parseIp('fe80::1%eth0')).toEqual({ text: 'fe80::1', words: [0xfe800000, 0, 0, 1] });
      expect(text('fe80::1%25')).toBe('fe80::1');
      expect(parseIp('%eth0')).toBeUndefined();
    });

    it('refuses a malformed IPv4 tail', () => {
      for (const bad of ['::ffff:1.2.3', '::ffff:256.1.1.1', '::ffff:01.2.3.4', '1.2.3.4::', '::1.2.3.4:5', '1.2.3.4:1:2:3:4:5:6']) {
        expect(parseIp(bad), bad).toBeUndefined();
      }
    });

    it('refuses garbage', () => {
      for (const bad of [
        '',
        '   ',
        ':',
        ':::',
        '1::2::3',
        '1:2:3:4:5:6:7',
        '1:2:3:4:5:6:7:8:9',
        '1:2:3:4:5:6:7:8::',
        '::1:2:3:4:5:6:7:8',
        ':1:2:3:4:5:6:7',
        '1:2:3:4:5:6:7:',
        '12345::',
        'g::1',
        '::-1',
        'hello',
        `${'0:'.repeat(40)}1`,
      ]) {
        expect(parseIp(bad), bad).toBeUndefined();
      }
    });
  });
});
