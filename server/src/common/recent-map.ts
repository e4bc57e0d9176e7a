/**
 * A map that keeps only what was set recently: at most `maxEntries` entries,
 * and none set more than `maxAgeMs` ago. For memos of things that never
 * change once made (an event, an event's serialized result), where a miss
 * only costs the work again: bounded by count alone, such a memo fills up to
 * its bound at any rate, over an hour at a few a second; bounded by age too,
 * it holds about a window's worth whatever the rate. Entries go oldest first
 * (Map keeps the order they were set in), each time one is set.
 */
export class RecentMap<K, V> {
  private readonly entries = new Map<K, { value: V; at: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly maxAgeMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    return this.entries.get(key)?.value;
  }

  /** Sets the entry as the newest, then lets go of those over the count or the age. */
  set(key: K, value: V): void {
    const at = this.now();
    this.entries.delete(key);
    this.entries.set(key, { value, at });
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && at - entry.at <= this.maxAgeMs) break;
      this.entries.delete(oldest);
    }
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
