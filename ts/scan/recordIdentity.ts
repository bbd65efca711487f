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
  const text = [
    event.eventId,
    event.timestampMs,
    event.sourceBytes,
    event.destinationBytes,
    event.sourceIps.map((ip) => ip.text).join(','),
    event.destinationIps.map((ip) => ip.text).join(','),
  ].join('\u0000');
  return [fnv1a(text), multiplyRotate(text)];
}

/** FNV-1a over UTF-16 code units. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A second, unrelated 32-bit hash (multiply, rotate, final avalanche), so the halves fail independently. */
function multiplyRotate(text: string): number {
  let h = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x9e3779b1);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
