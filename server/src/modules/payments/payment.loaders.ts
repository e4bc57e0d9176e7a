import { defineLoader, groupBy, indexBy } from '../../common/loaders/loaders';
import type { Installment, PaymentAllocation, PaymentPlan } from './payment.entity';

export const allocationsByPayment = defineLoader<string, PaymentAllocation[]>('payments.allocationsByPayment', async (s, ids) =>
  groupBy(ids, await s.payments.allocationsFor(ids), (a) => a.paymentId),
);
export const unappliedByAccount = defineLoader<string, number>('payments.unappliedByAccount', (s, ids) => s.payments.unappliedFor(ids));
export const latestPlanByAccount = defineLoader<string, PaymentPlan | null>('payments.latestPlanByAccount', async (s, ids) =>
  indexBy(ids, await s.paymentPlans.latestFor(ids), (p) => p.accountId),
);
export const installmentsByPlan = defineLoader<string, Installment[]>('payments.installmentsByPlan', async (s, ids) =>
  groupBy(ids, await s.paymentPlans.installmentsFor(ids), (i) => i.planId),
);
