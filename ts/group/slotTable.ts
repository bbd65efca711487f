/**
 * Engine slots: one per (window, group) pair that received an event. Slots
 * are numbered in creation order, as the engines number them; the windows
 * of new slots are handed to the engine before the first event for them.
 */
export class SlotTable {
  private readonly byWindow: Map<number, number>[] = [];
  private readonly slotWindows: number[] = [];
  private readonly slotGroups: number[] = [];
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
    }
    return slot;
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
