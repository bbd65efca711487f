/** Slices read side by side: every item once, at most `parallel` running, all closed when the reader stops or one fails. */
import { describe, expect, it } from 'vitest';
import { interleave } from '../../ts/search/interleave.js';

function tracked() {
  let running = 0;
  let most = 0;
  const closed: number[] = [];
  const open = async function* (slice: number): AsyncGenerator<string> {
    running++;
    most = Math.max(most, running);
    try {
      for (let i = 0; i < 3; i++) {
        await new Promise((r) => setTimeout(r, (slice * 7 + i * 3) % 5));
        if (slice === 99) throw new Error('slice 99 failed');
        yield `${slice}.${i}`;
      }
    } finally {
      running--;
      closed.push(slice);
    }
  };
  return { open, closed, most: () => most };
}

describe('interleave', () => {
  it('yields every item of every source once, running at most `parallel` at a time', async () => {
    const t = tracked();
    const items: string[] = [];
    for await (const item of interleave([0, 1, 2, 3, 4], 2, t.open)) items.push(item);
    expect(items.sort()).toStrictEqual([0, 1, 2, 3, 4].flatMap((s) => [0, 1, 2].map((i) => `${s}.${i}`)));
    expect(t.most()).toBe(2);
    expect(t.closed.sort()).toStrictEqual([0, 1, 2, 3, 4]);
  });

  it('closes the running sources when the reader stops early', async () => {
    const t = tracked();
    for await (const _ of interleave([0, 1, 2], 3, t.open)) break;
    expect(t.closed.sort()).toStrictEqual([0, 1, 2]);
  });

  it('passes a failure on and closes the others', async () => {
    const t = tracked();
    const read = async () => {
      for await (const _ of interleave([0, 99, 1], 3, t.open)) void _;
    };
    await expect(read()).rejects.toThrow('slice 99 failed');
    expect(t.closed.sort((a, b) => a - b)).toStrictEqual([0, 1, 99]);
  });
});
