import { invoiceNumber } from '../billing/invoice-number';
import type { WorkItemCause } from '../work-queues/work-item-actions';
import { Dispute, DisputeStatus } from './dispute.entity';

/** The kind of the items a dispute files in queue DISPUTES. */
export const DISPUTE_KINDS = ['INVOICE_DISPUTE'] as const;

/** A dispute's item is resolved by resolving the dispute (resolveDispute): until then it stays. */
export const disputeCause: WorkItemCause = {
  open: async (em, item) => {
    const dispute = await em.getRepository(Dispute).findOneBy({ workItemId: item.id, status: DisputeStatus.OPEN });
    if (!dispute) return null;
    return `invoice ${invoiceNumber(dispute.invoiceId)} is under an OPEN dispute: resolve it (resolveDispute, UPHELD with its credit note or REJECTED), which resolves this item`;
  },
};
