import type { Tx } from '../../db/database';
import type { Account } from '../accounts/account.entity';
import type { Invoice } from './billing.entity';

export interface IssuedInvoice {
  invoice: Invoice;
  account: Account;
}

/** Hooks other modules attach to invoices as they are issued (payments apply unapplied credit), a chunk's worth at a time. */
export type InvoiceIssuedHook = (tx: Tx, issued: IssuedInvoice[]) => Promise<void>;

/**
 * What happens to an invoice the moment it becomes ISSUED, whether a bill run
 * issued it or an operator released it: every hook runs in the issuing
 * transaction, so it commits or rolls back with the invoice.
 */
export class InvoiceIssuing {
  private readonly hooks: InvoiceIssuedHook[] = [];

  onInvoiceIssued(hook: InvoiceIssuedHook): void {
    this.hooks.push(hook);
  }

  /** Runs the hooks for an invoice that has just become ISSUED (by a release). */
  async invoiceIssued(tx: Tx, invoice: Invoice, account: Account): Promise<void> {
    await this.invoicesIssued(tx, [{ invoice, account }]);
  }

  /** Runs the hooks once for a chunk's issued invoices. */
  async invoicesIssued(tx: Tx, issued: IssuedInvoice[]): Promise<void> {
    if (issued.length === 0) return;
    for (const hook of this.hooks) await hook(tx, issued);
  }
}
