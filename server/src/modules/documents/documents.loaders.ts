import { defineLoader, indexBy } from '../../common/loaders/loaders';
import type { Document } from './document.entity';

export const documentByInvoice = defineLoader<string, Document | null>('documents.byInvoice', async (s, ids) =>
  indexBy(ids, await s.documents.forInvoices(ids), (d) => d.invoiceId ?? ''),
);
export const documentByAction = defineLoader<string, Document | null>('documents.byAction', async (s, ids) =>
  indexBy(ids, await s.documents.forActions(ids), (d) => d.collectionsActionId ?? ''),
);
export const documentByCreditNote = defineLoader<string, Document | null>('documents.byCreditNote', async (s, ids) =>
  indexBy(ids, await s.documents.forCreditNotes(ids), (d) => d.creditNoteId ?? ''),
);
