/** One account's outcome (billing) or one action (collections) that a run would have. */
export interface PreviewItem {
  accountId: string;
  /** Billing: ISSUED, HELD, BLOCKED, NOTHING_TO_BILL; collections: the action type. */
  key: string;
  /** Cents, or null when the outcome has no amount. */
  amount: number | null;
  detail: string | null;
}

export interface PreviewCountData {
  key: string;
  count: number;
  /** Cents: the sum of the items' amounts; null for a key whose items carry none. */
  amount: number | null;
}

/** Sample accounts shown per key. */
export const SAMPLES_PER_KEY = 5;

/**
 * Adds up a preview as its items come, chunk after chunk: a count and an
 * amount per key (every key listed, in the order given, even at 0) and the
 * first few items of each key as samples. Amounts are integer cents, exact
 * below 2^53.
 */
export class PreviewTally {
  private readonly counts = new Map<string, { count: number; amount: number | null }>();
  private readonly samples = new Map<string, PreviewItem[]>();

  constructor(
    keys: readonly string[],
    /** Keys whose items carry no amount: their count's amount is null. */
    private readonly withoutAmount: ReadonlySet<string> = new Set(),
  ) {
    for (const key of keys) this.slot(key);
  }

  add(item: PreviewItem): void {
    const slot = this.slot(item.key);
    slot.count++;
    if (slot.amount !== null && item.amount !== null) slot.amount += item.amount;
    const list = this.samples.get(item.key) ?? [];
    if (list.length < SAMPLES_PER_KEY) list.push(item);
    this.samples.set(item.key, list);
  }

  /** Adds items that carry nothing but their number (NOTHING_TO_BILL). */
  addCount(key: string, count: number): void {
    this.slot(key).count += count;
  }

  result(): { counts: PreviewCountData[]; samples: PreviewItem[] } {
    return {
      counts: [...this.counts].map(([key, c]) => ({ key, count: c.count, amount: c.amount })),
      samples: [...this.counts.keys()].flatMap((key) => this.samples.get(key) ?? []),
    };
  }

  private slot(key: string): { count: number; amount: number | null } {
    let slot = this.counts.get(key);
    if (!slot) {
      slot = { count: 0, amount: this.withoutAmount.has(key) ? null : 0 };
      this.counts.set(key, slot);
    }
    return slot;
  }
}
