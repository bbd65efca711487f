/** `SlotTable`: one engine slot per (window, group) pair, numbered in creation order. */
import { describe, expect, it } from 'vitest';
import { SlotTable } from '../../ts/group/slotTable.js';

describe('SlotTable', () => {
  it('starts empty', () => {
    const table = new SlotTable();
    expect(table.size).toBe(0);
    expect(table.takeNewSlots()).toEqual(new Uint32Array(0));
  });

  it('gives each (window, group) pair one slot, in creation order', () => {
    const table = new SlotTable();
    expect(table.slotOf(0, 5)).toBe(0);
    expect(table.slotOf(0, 5)).toBe(0);
    expect(table.slotOf(1, 5)).toBe(1);
    expect(table.slotOf(0, 7)).toBe(2);
    expect(table.slotOf(1, 5)).toBe(1);
    expect(table.size).toBe(3);
    expect([0, 1, 2].map((s) => [table.windowOf(s), table.groupOf(s)])).toEqual([
      [0, 5],
      [1, 5],
      [0, 7],
    ]);
  });

  it('hands out the windows of new slots once', () => {
    const table = new SlotTable();
    table.slotOf(0, 5);
    table.slotOf(1, 5);
    table.slotOf(0, 7);
    expect(table.takeNewSlots()).toEqual(Uint32Array.from([0, 1, 0]));
    expect(table.takeNewSlots()).toEqual(new Uint32Array(0));
    table.slotOf(0, 5);
    expect(table.takeNewSlots()).toEqual(new Uint32Array(0));
    expect(table.slotOf(2, 0)).toBe(3);
    expect(table.takeNewSlots()).toEqual(Uint32Array.from([2]));
  });

  it('takes window and group numbers in any order, with gaps', () => {
    const table = new SlotTable();
    expect(table.slotOf(9, 1000)).toBe(0);
    expect(table.slotOf(3, 0)).toBe(1);
    expect(table.slotOf(9, 0)).toBe(2);
    expect(table.takeNewSlots()).toEqual(Uint32Array.from([9, 3, 9]));
  });
});
