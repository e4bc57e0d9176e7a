import { Account, AccountStatus } from '../accounts/account.entity';
import type { WorkItemCause } from '../work-queues/work-item-actions';

export const MARKET_DROP_KINDS = ['MARKET_DROP'] as const;

/** A requested market drop is settled by confirming or cancelling it, which resolves its work item: until then the item stays. */
export const marketDropCause: WorkItemCause = {
  open: async (em, item) => {
    if (!item.accountId) return null;
    const account = await em
      .getRepository(Account)
      .findOne({ where: { id: item.accountId }, select: { id: true, number: true, status: true } });
    if (account?.status !== AccountStatus.DROP_PENDING) return null;
    return `account ${account.number} is DROP_PENDING: confirm the drop (confirmMarketDrop) or cancel it (cancelMarketDrop), which resolves this item`;
  },
};
