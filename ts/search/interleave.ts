/** Several async generators read side by side: how the slices of a read run at once. */

/**
 * The items of several generators as they come, at most `parallel` running
 * at once, one request in flight each. Closing the result closes them all.
 */
export async function* interleave<S, T>(sources: readonly S[], parallel: number, open: (source: S) => AsyncGenerator<T>): AsyncGenerator<T> {
  const waiting = [...sources];
  const running = new Map<AsyncGenerator<T>, Promise<{ gen: AsyncGenerator<T>; next: IteratorResult<T> }>>();
  const pull = (gen: AsyncGenerator<T>) => {
    const step = gen.next().then((next) => ({ gen, next }));
    // Seen by the next race; until then a failure must not count as unhandled.
    step.catch(() => undefined);
    running.set(gen, step);
  };
  try {
    while (waiting.length > 0 || running.size > 0) {
      while (running.size < Math.max(1, parallel) && waiting.length > 0) pull(open(waiting.shift() as S));
      const { gen, next } = await Promise.race(running.values());
      if (next.done === true) {
        running.delete(gen);
        continue;
      }
      pull(gen);
      yield next.value;
    }
  } finally {
    // Let requests in flight settle, then close their generators (a point in time, a scroll).
    await Promise.allSettled(running.values());
    await Promise.allSettled([...running.keys()].map((gen) => gen.return(undefined)));
  }
}
