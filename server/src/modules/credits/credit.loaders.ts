import { defineLoader, groupBy, indexBy } from '../../common/loaders/loaders';
import type { InvoiceLine } from '../billing/billing.entity';
import type { PendingCharge } from '../billing/pending-charge.entity';
import type { CreditNote, CreditNoteLine } from './credit-note.entity';

export const creditNotesByInvoice = defineLoader<string, CreditNote[]>('credits.notesByInvoice', async (s, ids) =>
  groupBy(ids, await s.creditNotes.forInvoices(ids), (n) => n.invoiceId),
);
export const linesByCreditNote = defineLoader<string, CreditNoteLine[]>('credits.linesByNote', async (s, ids) =>
  groupBy(ids, await s.creditNotes.linesFor(ids), (l) => l.creditNoteId),
);
export const ownCreditAppliedByInvoice = defineLoader<string, number>('credits.ownAppliedByInvoice', (s, ids) =>
  s.creditNotes.ownCreditApplied(ids),
);
export const invoiceLineById = defineLoader<string, InvoiceLine | null>('credits.invoiceLineById', async (s, ids) =>
  indexBy(ids, await s.invoices.linesByIds(ids), (l) => l.id),
);
export const pendingChargesByAccount = defineLoader<string, PendingCharge[]>('credits.pendingByAccount', async (s, ids) =>
  groupBy(ids, await s.charges.pendingFor(ids), (c) => c.accountId),
);
