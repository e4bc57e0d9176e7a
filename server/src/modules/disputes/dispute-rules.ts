import { InvoiceStatus } from '../billing/billing.entity';
import { DisputeStatus } from './dispute.entity';

/** Why a dispute may not be opened on an invoice in this state, or null when it may. */
export function openRefusal(invoiceStatus: InvoiceStatus, invoiceNumber: string, hasOpenDispute: boolean): string | null {
  if (invoiceStatus !== InvoiceStatus.ISSUED) {
    return `Invoice ${invoiceNumber} is ${invoiceStatus}; only an ISSUED invoice can be disputed`;
  }
  if (hasOpenDispute) return `Invoice ${invoiceNumber} already has an OPEN dispute; resolve it first`;
  return null;
}

/** What a resolution asks for, checked before anything is read: the outcome and whether a credit note comes with it. */
export function resolveInputRefusal(outcome: DisputeStatus, creditNoteId: string | null | undefined): string | null {
  if (outcome === DisputeStatus.OPEN) return 'outcome must be UPHELD or REJECTED';
  if (outcome === DisputeStatus.UPHELD && !creditNoteId) {
    return 'An UPHELD dispute needs creditNoteId: issue the credit note on the invoice first, then pass its id';
  }
  if (outcome === DisputeStatus.REJECTED && creditNoteId) return 'A REJECTED dispute takes no creditNoteId; leave it out';
  return null;
}

/** Whether the credit note may settle the dispute: it must credit the disputed invoice. */
export function creditNoteRefusal(
  note: { id: string; invoiceId: string },
  disputedInvoiceId: string,
  invoiceNumber: string,
): string | null {
  return note.invoiceId === disputedInvoiceId
    ? null
    : `Credit note ${note.id} is not on invoice ${invoiceNumber}; pass a credit note of the disputed invoice`;
}
