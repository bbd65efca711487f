/**
 * A repeated record is one with the same `event.id` (Zeek `uid`, Suricata
 * `flow_id`) and the same content: time, addresses and byte counts. Two
 * different records that happen to share an id both count. Since copies are
 * identical, which copy counts does not matter, and so neither does the
 * order in which workers meet them.
 */
import type { NetworkEvent } from '../decode/networkEvent.js';

/** 64-bit hash of the record's identity, as two 32-bit halves; undefined without an id. */
export function recordIdentity(event: NetworkEvent): [number, number] | undefined {
  if (event.eventId === undefined) return undefined;
  const hash = new IdentityHash();
  hash.text(event.eventId);
  hash.number(event.timestampMs);
  hash.number(event.sourceBytes);
  hash.number(event.destinationBytes);
  for (const list of [event.sourceIps, event.destinationIps]) {
    hash.number(list.length);
    for (const ip of list) for (const word of ip.words) hash.number(word);
  }
  return hash.halves();
}

/** Scratch for a number's bits, shared: a hash per record must not allocate one. */
const NUMBER_BITS = new DataView(new ArrayBuffer(8));

/**
 * Two unrelated 32-bit hashes fed the same values: FNV-1a and a
 * multiply-rotate hash with a final avalanche, so the halves fail
 * independently. Numbers go in by their two 32-bit halves, exactly.
 */
class IdentityHash {
  private a = 0x811c9dc5;
  private b = 0x9747b28c;

  text(value: string): void {
    for (let i = 0; i < value.length; i++) this.unit(value.charCodeAt(i));
    this.unit(0x10000);
  }

  number(value: number): void {
    NUMBER_BITS.setFloat64(0, value);
    this.unit(NUMBER_BITS.getUint32(0));
    this.unit(NUMBER_BITS.getUint32(4));
  }

  private unit(u: number): void {
    this.a = Math.imul(this.a ^ u, 0x01000193) >>> 0;
    const h = Math.imul(this.b ^ u, 0x9e3779b1);
    this.b = (h << 13) | (h >>> 19);
  }

  halves(): [number, number] {
    let h = Math.imul(this.b ^ (this.b >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return [this.a, (h ^ (h >>> 16)) >>> 0];
  }
}
