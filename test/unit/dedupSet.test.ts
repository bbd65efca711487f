/**
 * DedupSet: each 64-bit hash is new once, whatever its halves (zeros, the
 * top bit set, halves equal), across the table's growth and within a batch.
 */
import { describe, expect, it } from 'vitest';
import { DedupSet } from '../../ts/scan/dedupSet.js';

describe('DedupSet', () => {
  it('knows a hash the second time, and only that hash', () => {
    const set = new DedupSet();
    expect(set.add(7, 9)).toBe(true);
    expect(set.add(7, 9)).toBe(false);
    expect(set.add(9, 7)).toBe(true);
    expect(set.add(7, 10)).toBe(true);
  });

  it('stores hashes of zero halves and of the full 32-bit range', () => {
    const set = new DedupSet();
    for (const [hi, lo] of [[0, 0], [0, 2], [2, 0], [0xffffffff, 0xffffffff], [0x80000000, 0]] as const) {
      expect(set.add(hi, lo)).toBe(true);
      expect(set.add(hi, lo)).toBe(false);
    }
  });

  it('takes the hash 0/0 as 0/1: the empty slot\'s mark costs one 64-bit collision', () => {
    const set = new DedupSet();
    expect(set.add(0, 0)).toBe(true);
    expect(set.add(0, 1)).toBe(false);
  });

  it('keeps every hash while it grows far past its first size', () => {
    const set = new DedupSet();
    const n = 300_000;
    // Distinct high halves (an odd multiplier is a bijection mod 2^32), one low half.
    const hi = (i: number) => Math.imul(i, 0x9e3779b1) >>> 0;
    let added = 0;
    for (let i = 0; i < n; i++) if (set.add(hi(i), 12345)) added++;
    let repeats = 0;
    for (let i = 0; i < n; i++) if (!set.add(hi(i), 12345)) repeats++;
    expect([added, repeats]).toEqual([n, n]);
    expect(set.add(hi(n), 12345)).toBe(true);
  });

  it('claims a batch: repeats of earlier batches and within the batch are marked', () => {
    const set = new DedupSet();
    expect([...set.claim(Uint32Array.of(1, 2, 1), Uint32Array.of(5, 5, 5))]).toEqual([0, 0, 1]);
    expect([...set.claim(Uint32Array.of(2, 3), Uint32Array.of(5, 5))]).toEqual([1, 0]);
  });
});
