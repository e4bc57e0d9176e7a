/** An open invoice as allocation sees it: what it totals and what is paid on it. */
export interface OpenInvoice {
  id: string;
  total: number;
  amountPaid: number;
}

/** One invoice's share of a payment, and what it will have been paid in all. */
export interface AllocationChange<T extends OpenInvoice> {
  invoice: T;
  amount: number;
  paid: number;
  /** The payment pays it off. */
  settles: boolean;
}

/**
 * Spends `available` cents on the invoices in the order given, each up to what
 * it still owes; returns the shares and what is left. A pure rule: the caller
 * writes it (a compare-and-set on each invoice's amount paid as read here).
 */
export function planAllocations<T extends OpenInvoice>(
  available: number,
  invoices: readonly T[],
): { changes: Array<AllocationChange<T>>; left: number } {
  const changes: Array<AllocationChange<T>> = [];
  let left = available;
  for (const invoice of invoices) {
    if (left <= 0) break;
    const amount = Math.min(left, invoice.total - invoice.amountPaid);
    if (amount <= 0) continue;
    const paid = invoice.amountPaid + amount;
    changes.push({ invoice, amount, paid, settles: paid >= invoice.total });
    left -= amount;
  }
  return { changes, left };
}
