/**
 * Engine slots: one per (window, group) pair that received an event. Slots
 * are numbered in creation order, as the engines number them; the windows
 * of new slots are handed to the engine before the first event for them.
 * A slot also remembers whether any of its events carried byte counts, so
 * that a byte test without data says so rather than just failing.
 */
export class SlotTable {
  private readonly byWindow: Map<number, number>[] = [];
  private readonly slotWindows: number[] = [];
  private readonly slotGroups: number[] = [];
  /** Per slot: bit 0 source bytes seen, bit 1 destination bytes seen. */
  private readonly slotBytes: number[] = [];
  private registered = 0;

  get size(): number {
    return this.slotGroups.length;
  }

  slotOf(window: number, group: number): number {
    let slots = this.byWindow[window];
    if (slots === undefined) {
      slots = new Map();
      this.byWindow[window] = slots;
    }
    let slot = slots.get(group);
    if (slot === undefined) {
      slot = this.slotGroups.length;
      slots.set(group, slot);
      this.slotWindows.push(window);
      this.slotGroups.push(group);
      this.slotBytes.push(0);
    }
    return slot;
  }

  noteBytes(slot: number, source: boolean, destination: boolean): void {
    this.noteBytesBits(slot, (source ? 1 : 0) | (destination ? 2 : 0));
  }

  /** Adds byte-seen bits as `bytesBits` gives them (merging another table's slot). */
  noteBytesBits(slot: number, bits: number): void {
    this.slotBytes[slot] = (this.slotBytes[slot] as number) | bits;
  }

  /** Bit 0: source bytes seen; bit 1: destination bytes seen. */
  bytesBits(slot: number): number {
    return this.slotBytes[slot] as number;
  }

  /** Whether any event of the slot carried `source.bytes` / `destination.bytes`. */
  bytesSeen(slot: number): { readonly source: boolean; readonly destination: boolean } {
    const bits = this.bytesBits(slot);
    return { source: (bits & 1) !== 0, destination: (bits & 2) !== 0 };
  }

  /** Windows of the slots created since the last call, for `ScoringEngine.addGroups`. */
  takeNewSlots(): Uint32Array {
    const fresh = Uint32Array.from(this.slotWindows.slice(this.registered));
    this.registered = this.slotWindows.length;
    return fresh;
  }

  windowOf(slot: number): number {
    return this.slotWindows[slot] as number;
  }

  groupOf(slot: number): number {
    return this.slotGroups[slot] as number;
  }
}
