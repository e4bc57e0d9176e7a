import { invoiceNumber } from '../billing/invoice-number';
import { creditNoteNumber } from '../credits/credit-note-number';
import { DocumentKind, type Document } from './document.entity';

/**
 * The name a document's PDF goes by, the same for a download and a mail's
 * attachment: a bill by its invoice number (INV-00000610.pdf), a credit note
 * by its number (CN-00000012.pdf), a letter by its document id (letter-42.pdf).
 */
export function documentFileName(doc: Pick<Document, 'id' | 'kind' | 'invoiceId' | 'creditNoteId'>): string {
  if (doc.kind === DocumentKind.INVOICE && doc.invoiceId) return `${invoiceNumber(doc.invoiceId)}.pdf`;
  if (doc.kind === DocumentKind.CREDIT_NOTE && doc.creditNoteId) return `${creditNoteNumber(doc.creditNoteId)}.pdf`;
  return `${doc.kind.toLowerCase().replace(/_/g, '-')}-${doc.id}.pdf`;
}
