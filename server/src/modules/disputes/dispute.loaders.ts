import { defineLoader, indexBy } from '../../common/loaders/loaders';
import type { Dispute } from './dispute.entity';

/** The newest dispute of each invoice (OPEN or resolved), or null. */
export const disputeByInvoice = defineLoader<string, Dispute | null>('disputes.byInvoice', async (s, ids) =>
  indexBy(ids, await s.disputes.latestForInvoices(ids), (d) => d.invoiceId),
);
