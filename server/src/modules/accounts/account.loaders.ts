import { defineLoader, groupBy, indexBy } from '../../common/loaders/loaders';
import type { Account, Enrollment } from './account.entity';

export const accountById = defineLoader<string, Account | null>('accounts.accountById', async (s, ids) =>
  indexBy(ids, await s.accounts.accountsByIds(ids), (a) => a.id),
);
export const enrollmentsByAccount = defineLoader<string, Enrollment[]>('accounts.enrollmentsByAccount', async (s, ids) =>
  groupBy(ids, await s.accounts.enrollmentsFor(ids), (e) => e.accountId),
);
