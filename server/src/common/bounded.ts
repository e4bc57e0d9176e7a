/**
 * Runs `run` over the items in their order with at most `limit` of them
 * pending at once: each item starts as an earlier one ends. After a failure no
 * further item starts; the items already started are let finish, then the
 * first failure is thrown.
 */
export async function eachAtMost<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  let firstError: unknown;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++];
      try {
        await run(item);
      } catch (error) {
        if (!failed) [failed, firstError] = [true, error];
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed) throw firstError;
}
