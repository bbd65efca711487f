/**
 * The generator shared with the Rust cross-check: glibc's LCG constants, 15
 * bits per draw, so the same seed gives the same series in both languages.
 */
export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12345) >>> 0;
    return (state >>> 16) & 0x7fff;
  };
}

/** 60 counts 0..3 (seed 42), the series the core crate was run on. */
export const RND60: readonly number[] = (() => {
  const next = lcg(42);
  return Array.from({ length: 60 }, () => next() % 4);
})();
