/**
 * CIDR ranges over the 128-bit address space of `ip` fields: an IPv4 range
 * `a.b.c.d/n` is the IPv6 range `::ffff:a.b.c.d/(96 + n)`, so an
 * IPv4-mapped IPv6 address matches its IPv4 range, as in Elasticsearch.
 */
import { parseIp, type IpAddress } from '../decode/ipAddress.js';

export interface CidrRange {
  /** The range as written. */
  readonly text: string;
  readonly words: readonly number[];
  /** Prefix length in the 128-bit space. */
  readonly bits: number;
}

/** Parses `addr/len` or a bare address (a one-address range); undefined when malformed. */
export function parseCidr(text: string): CidrRange | undefined {
  const slash = text.indexOf('/');
  const address = parseIp(slash === -1 ? text : text.slice(0, slash));
  if (address === undefined) return undefined;
  const isV4 = address.words[0] === 0 && address.words[1] === 0 && address.words[2] === 0xffff && !text.includes(':');
  const maxBits = isV4 ? 32 : 128;
  let bits = maxBits;
  if (slash !== -1) {
    const length = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(length) || Number(length) > maxBits) return undefined;
    bits = Number(length);
  }
  return { text, words: address.words, bits: isV4 ? 96 + bits : bits };
}

export function cidrContains(range: CidrRange, ip: IpAddress): boolean {
  let remaining = range.bits;
  for (let w = 0; w < 4 && remaining > 0; w++) {
    const take = Math.min(32, remaining);
    // Compare the top `take` bits of the word; shifts by 32 are no-ops in JS.
    const shift = 32 - take;
    const a = take === 32 ? (ip.words[w] as number) >>> 0 : (ip.words[w] as number) >>> shift;
    const b = take === 32 ? (range.words[w] as number) >>> 0 : (range.words[w] as number) >>> shift;
    if (a !== b) return false;
    remaining -= take;
  }
  return true;
}

/** A list of ranges, as one `terms` clause on an ip field. */
export class CidrSet {
  readonly ranges: readonly CidrRange[];

  constructor(ranges: readonly CidrRange[]) {
    this.ranges = ranges;
  }

  /** True when any of `ips` lies in any range (a `terms` match on a multi-valued field). */
  containsAny(ips: readonly IpAddress[]): boolean {
    for (const ip of ips) for (const range of this.ranges) if (cidrContains(range, ip)) return true;
    return false;
  }
}
