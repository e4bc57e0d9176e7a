/**
 * A map that keeps only what was set recently: at most `maxEntries` entries,
 * and none set more than `maxAgeMs` ago. For memos of things that never
 * change once made (an event, an event's serialized result), where a miss
 * only costs the work again: bounded by count alone, such a memo fills up to
 * its bound at any rate, over an hour at a few a second; bounded by age too,
 * it holds about a window's worth whatever the rate. Entries go oldest first,
 * each time one is set.
 *
 * The order they were set in is a queue of its own, read from its head: a Map
 * iterated from its start after many deletes walks every deleted slot before
 * the first live one, and at 20,000 entries that made each set cost 10 µs
 * instead of a fraction of one.
 */
export class RecentMap<K, V> {
  private readonly entries = new Map<K, { value: V; at: number; seq: number }>();
  /** Every set, oldest first from `head`; one whose key was set again or deleted since is skipped. */
  private order: Array<{ key: K; seq: number }> = [];
  private head = 0;
  private seq = 0;

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
    const seq = ++this.seq;
    this.entries.set(key, { value, at, seq });
    this.order.push({ key, seq });
    while (this.head < this.order.length) {
      const { key: oldest, seq: setAs } = this.order[this.head];
      const entry = this.entries.get(oldest);
      if (entry && entry.seq === setAs) {
        if (this.entries.size <= this.maxEntries && at - entry.at <= this.maxAgeMs) break;
        this.entries.delete(oldest);
      }
      this.head++;
    }
    if (this.head > 1_024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.order = [];
    this.head = 0;
  }
}
