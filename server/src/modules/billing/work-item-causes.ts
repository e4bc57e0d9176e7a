import type { WorkItemCause } from '../work-queues/work-item-actions';
import { BillingException, ExceptionStatus, Invoice, InvoiceStatus } from './billing.entity';
import { invoiceNumber } from './invoice-number';

/** The kinds of the items billing files: a held invoice in INVOICE_REVIEW, a critical exception in INVOICING. */
export const HELD_INVOICE_KINDS = ['HELD_INVOICE'] as const;
export const CRITICAL_EXCEPTION_KINDS = ['MISSING_RATE', 'NO_ENROLLMENT'] as const;

/** A held invoice is settled by releasing or voiding it, which resolves its review item. */
export const heldInvoiceCause: WorkItemCause = async (em, item) => {
  if (!item.invoiceId) return null;
  const invoice = await em.getRepository(Invoice).findOne({ where: { id: item.invoiceId }, select: { id: true, status: true } });
  if (invoice?.status !== InvoiceStatus.HELD) return null;
  return `invoice ${invoiceNumber(invoice.id)} is HELD: release it (releaseInvoice) or void it (voidInvoice), which resolves this item`;
};

/**
 * A critical exception is settled when the account bills: add the missing
 * rate to the product (or the missing enrollment) and run billing; the run
 * resolves the exception and this item.
 */
export const criticalExceptionCause: WorkItemCause = async (em, item) => {
  if (!item.exceptionId) return null;
  const exception = await em.getRepository(BillingException).findOne({
    where: { id: item.exceptionId },
    select: { id: true, code: true, status: true },
  });
  if (exception?.status !== ExceptionStatus.OPEN) return null;
  const fix = exception.code === 'MISSING_RATE' ? 'add the missing rate to the product' : 'enroll the account for the days its reads cover';
  return `exception ${exception.id} (${exception.code}) is open: ${fix} and run billing; billing the account resolves this item`;
};
