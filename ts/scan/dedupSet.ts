/**
 * Which records were already counted: a set of 64-bit record hashes, open
 * addressing with linear probing, the two 32-bit halves of a hash side by
 * side in one array. Kept between 3/8 and 3/4 full, it costs 11 to 21 bytes
 * per record with an id (a set of strings would take a hundred or so), and
 * half as much again for the moment it grows.
 */

/** The table grows past this share of its slots taken. */
const MAX_LOAD = 0.75;

export class DedupSet {
  /** Slot i holds hash (hi, lo) at [2i, 2i+1]; 0/0 marks an empty slot. */
  private slots = new Uint32Array(2 << 16);
  private size = 0;

  /** Adds a hash; false when it was there already. */
  add(hi: number, lo: number): boolean {
    // 0/0 marks empty slots, so the one real hash 0/0 is stored as 0/1: the
    // two then count as one record, a collision as likely as any other
    // pair of 64-bit hashes colliding.
    if (hi === 0 && lo === 0) lo = 1;
    const capacity = this.slots.length >>> 1;
    if (this.size + 1 > capacity * MAX_LOAD) this.grow();
    const slots = this.slots;
    const mask = (slots.length >>> 1) - 1;
    for (let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      const h = slots[2 * i] as number;
      const l = slots[2 * i + 1] as number;
      if (h === 0 && l === 0) {
        slots[2 * i] = hi;
        slots[2 * i + 1] = lo;
        this.size++;
        return true;
      }
      if (h === hi >>> 0 && l === lo >>> 0) return false;
    }
  }

  /** For each hash pair: 1 when already counted (then or earlier in the batch), 0 when new. */
  claim(hi: Uint32Array, lo: Uint32Array): Uint8Array {
    const duplicate = new Uint8Array(hi.length);
    for (let k = 0; k < hi.length; k++) duplicate[k] = this.add(hi[k] as number, lo[k] as number) ? 0 : 1;
    return duplicate;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.size = 0;
    for (let i = 0; i < old.length; i += 2) {
      const hi = old[i] as number;
      const lo = old[i + 1] as number;
      if (hi !== 0 || lo !== 0) this.add(hi, lo);
    }
  }
}
