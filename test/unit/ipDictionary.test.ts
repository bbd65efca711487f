/** `IpDictionary`: destination IPs as small ids, and their string ranks (the top-IP tie rule). */
import { describe, expect, it } from 'vitest';
import { IpDictionary } from '../../ts/group/ipDictionary.js';

function dictionaryOf(texts: readonly string[]): IpDictionary {
  const dictionary = new IpDictionary();
  for (const text of texts) dictionary.idOf(text);
  return dictionary;
}

describe('IpDictionary', () => {
  it('numbers texts in order of first sight, one id per text', () => {
    const dictionary = new IpDictionary();
    expect(['10.0.0.2', '9.0.0.1', '10.0.0.2', '::1', '9.0.0.1'].map((t) => dictionary.idOf(t))).toEqual([0, 1, 0, 2, 1]);
    expect([0, 1, 2].map((id) => dictionary.text(id))).toEqual(['10.0.0.2', '9.0.0.1', '::1']);
  });

  describe('stringRanks()', () => {
    it('is empty for no IP', () => {
      expect(new IpDictionary().stringRanks()).toEqual(new Uint32Array(0));
    });

    it('ranks one IP first', () => {
      expect(dictionaryOf(['8.8.8.8']).stringRanks()).toEqual(Uint32Array.from([0]));
    });

    it('ranks by plain string order, not by address', () => {
      // '10.0.0.10' < '10.0.0.2' < '9.0.0.1' < '::1' as strings ('1' < '9' < ':').
      expect(dictionaryOf(['10.0.0.2', '9.0.0.1', '10.0.0.10', '::1']).stringRanks()).toEqual(Uint32Array.from([1, 2, 0, 3]));
    });

    it('compares UTF-16 code units, upper case before lower', () => {
      expect(dictionaryOf(['b', 'B', 'a', 'A']).stringRanks()).toEqual(Uint32Array.from([3, 1, 2, 0]));
    });

    it('ranks IPv6 text among IPv4 text by its characters', () => {
      expect(dictionaryOf(['2001:db8::1', '192.168.0.1', 'fe80::1', '::ffff:1:2']).stringRanks()).toEqual(Uint32Array.from([1, 0, 3, 2]));
    });
  });
});
