/**
 * Which records were already counted: a set of 64-bit record hashes, two
 * 32-bit halves per slot, open addressing. About 16 bytes per record with an
 * id, against the 100 or so a set of strings would take.
 */
export class DedupSet {
  private hi = new Uint32Array(1 << 16);
  private lo = new Uint32Array(1 << 16);
  /** Slot taken: hi/lo of 0/0 is a real hash too. */
  private used = new Uint8Array(1 << 16);
  private size = 0;

  /** Adds a hash; false when it was there already. */
  add(hi: number, lo: number): boolean {
    if (this.size * 2 >= this.used.length) this.grow();
    const mask = this.used.length - 1;
    for (let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      if (this.used[i] === 0) {
        this.used[i] = 1;
        this.hi[i] = hi;
        this.lo[i] = lo;
        this.size++;
        return true;
      }
      if (this.hi[i] === hi && this.lo[i] === lo) return false;
    }
  }

  /** For each hash pair: 1 when already counted (then or earlier in the batch), 0 when new. */
  claim(hi: Uint32Array, lo: Uint32Array): Uint8Array {
    const duplicate = new Uint8Array(hi.length);
    for (let k = 0; k < hi.length; k++) duplicate[k] = this.add(hi[k] as number, lo[k] as number) ? 0 : 1;
    return duplicate;
  }

  private grow(): void {
    const { hi, lo, used } = this;
    this.hi = new Uint32Array(used.length * 2);
    this.lo = new Uint32Array(used.length * 2);
    this.used = new Uint8Array(used.length * 2);
    this.size = 0;
    for (let i = 0; i < used.length; i++) if (used[i] === 1) this.add(hi[i] as number, lo[i] as number);
  }
}
