import { Account } from '../accounts/account.entity';
import type { WorkItemCause } from '../work-queues/work-item-actions';
import { BillingException, ExceptionStatus, Invoice, InvoiceStatus } from './billing.entity';
import type { BillingExceptionService } from './billing-exception.service';
import { invoiceNumber } from './invoice-number';

/** The kinds of the items billing files: a held invoice in INVOICE_REVIEW, a critical exception in INVOICING. */
export const HELD_INVOICE_KINDS = ['HELD_INVOICE'] as const;
export const CRITICAL_EXCEPTION_KINDS = ['MISSING_RATE', 'NO_ENROLLMENT', 'HIGH_AMOUNT'] as const;

/** A held invoice is settled by releasing or voiding it, which resolves its review item: until then the item stays. */
export const heldInvoiceCause: WorkItemCause = {
  open: async (em, item) => {
    if (!item.invoiceId) return null;
    const invoice = await em.getRepository(Invoice).findOne({ where: { id: item.invoiceId }, select: { id: true, status: true } });
    if (invoice?.status !== InvoiceStatus.HELD) return null;
    return `invoice ${invoiceNumber(invoice.id)} is HELD: release it (releaseInvoice) or void it (voidInvoice), which resolves this item`;
  },
};

/**
 * A critical exception's item resolved by hand (the operator fixed the rate or
 * the enrollment) resolves the exception with it, and frees its key: the next
 * bill run bills the account, or, if the rate or enrollment is still missing,
 * raises the exception and files an item anew. Nothing is left open with no
 * item pointing at it.
 */
export function criticalExceptionCause(exceptions: BillingExceptionService): WorkItemCause {
  return {
    settle: async (tx, item, resolution, actorName) => {
      if (!item.exceptionId) return;
      const repo = tx.em.getRepository(BillingException);
      const exception = await repo.findOneBy({ id: item.exceptionId, status: ExceptionStatus.OPEN });
      if (!exception) return;
      const freed = `${exception.dedupeKey.slice(0, 100)}#resolved:${exception.id}`;
      await repo.update({ id: exception.id, status: ExceptionStatus.OPEN }, { dedupeKey: freed });
      const account = await tx.em.getRepository(Account).findOneByOrFail({ id: exception.accountId });
      await exceptions.resolve(tx, [exception], account, resolution, actorName);
    },
  };
}
