/**
 * Maps (and filters, when fn returns null) a subscription stream. Ending the
 * mapped stream ends the source at once, releasing its listeners.
 */
export function mapStream<T, U>(source: AsyncIterableIterator<T>, fn: (value: T) => Promise<U | null>): AsyncIterableIterator<U> {
  const mapped: AsyncIterableIterator<U> = {
    async next(): Promise<IteratorResult<U>> {
      for (;;) {
        const r = await source.next();
        if (r.done) return { value: undefined, done: true };
        const value = await fn(r.value);
        if (value !== null) return { value, done: false };
      }
    },
    async return(): Promise<IteratorResult<U>> {
      await source.return?.();
      return { value: undefined, done: true };
    },
    async throw(error?: unknown): Promise<IteratorResult<U>> {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return mapped;
    },
  };
  return mapped;
}
