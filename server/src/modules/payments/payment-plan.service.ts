import { In, MoreThanOrEqual, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/roles';
import { addDays } from '../../common/dates';
import { badInput, invalidState, notFound } from '../../common/errors/hub-error';
import { parseId, requireInt } from '../../common/validation';
import type { Database, Tx } from '../../db/database';
import { EventType } from '../../events/event-types';
import { formatMoney } from '../../common/money';
import { Account } from '../accounts/account.entity';
import { lockAccount } from '../accounts/account.service';
import type { InvoiceService } from '../billing/invoice.service';
import { Installment, InstallmentStatus, Payment, PaymentPlan, PaymentPlanStatus, PaymentStatus } from './payment.entity';
import type { CreatePaymentPlanInput } from './payment.inputs';

/** A plan's first installment falls due within this many days: a plan asking nothing for longer would hold collections on no promise. */
export const FIRST_DUE_WITHIN_DAYS = 90;

/** SQL for the id of the newest plan of the account whose id is the expression given. */
const NEWEST_PLAN_OF = (accountIdSql: string): string =>
  `(SELECT MAX(newest.id) FROM payment_plan newest WHERE newest.account_id = ${accountIdSql})`;

/** The newest plan of each of these accounts that has one: the plan that counts. */
async function newestPlans(em: EntityManager, accountIds: readonly string[]): Promise<PaymentPlan[]> {
  if (accountIds.length === 0) return [];
  return em
    .getRepository(PaymentPlan)
    .createQueryBuilder('pp')
    .where('pp.account_id IN (:...ids)', { ids: [...accountIds] })
    .andWhere(`pp.id = ${NEWEST_PLAN_OF('pp.account_id')}`)
    .getMany();
}

/** Splits a total into n installments of equal cents; the last takes the rounding remainder. */
export function splitInstallments(total: number, n: number): number[] {
  const base = Math.floor(total / n);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? total - base * (n - 1) : base));
}

function planSnapshot(plan: PaymentPlan, installments: Installment[]): Record<string, unknown> {
  return { ...plan, installments: installments.map((i) => ({ dueDate: i.dueDate, amount: i.amount, paid: i.paid, status: i.status })) };
}

/**
 * Payment plans: the account's past-due amount spread over installments. While
 * a plan is ACTIVE, collections leave the account alone; a collections run past
 * an unpaid installment's due date breaks it.
 *
 * The plan that counts is the account's newest: an older plan is superseded
 * whatever its status, so nothing (a reversal's recount included) makes it
 * ACTIVE again, and every query of "the active plan" looks at the newest only.
 */
export class PaymentPlanService {
  constructor(
    private readonly db: Database,
    private readonly invoices: InvoiceService,
  ) {}

  /** The latest plan of each account (any status). */
  async latestFor(accountIds: readonly string[]): Promise<PaymentPlan[]> {
    const plans = await this.db.manager
      .getRepository(PaymentPlan)
      .find({ where: { accountId: In([...accountIds]) }, order: { id: 'DESC' } });
    const seen = new Set<string>();
    return plans.filter((p) => (seen.has(p.accountId) ? false : (seen.add(p.accountId), true)));
  }

  installmentsFor(planIds: readonly string[]): Promise<Installment[]> {
    return this.db.manager
      .getRepository(Installment)
      .find({ where: { planId: In([...planIds]) }, order: { planId: 'ASC', position: 'ASC' } });
  }

  /** Accounts among these whose newest plan is ACTIVE: collections pass them by. */
  async activePlanAccounts(em: EntityManager, accountIds: readonly string[]): Promise<Set<string>> {
    const plans = await newestPlans(em, accountIds);
    return new Set(plans.filter((p) => p.status === PaymentPlanStatus.ACTIVE).map((p) => p.accountId));
  }

  /**
   * Accounts whose newest plan is ACTIVE with an unpaid installment due before asOf: a collections run
   * checks them whatever their pastDue that day (installments may fall due before the invoices they spread).
   */
  async accountsWithMissedInstallments(asOf: string): Promise<string[]> {
    const rows = (await this.db.manager
      .getRepository(PaymentPlan)
      .createQueryBuilder('pp')
      .select('DISTINCT pp.account_id', 'accountId')
      .innerJoin(Installment, 'i', 'i.plan_id = pp.id')
      .where('pp.status = :active', { active: PaymentPlanStatus.ACTIVE })
      .andWhere('i.status = :due AND i.paid < i.amount AND i.due_date < :asOf', { due: InstallmentStatus.DUE, asOf })
      .andWhere(`pp.id = ${NEWEST_PLAN_OF('pp.account_id')}`)
      .getRawMany()) as Array<{ accountId: string | number }>;
    return rows.map((r) => String(r.accountId));
  }

  async create(actor: Principal, input: CreatePaymentPlanInput): Promise<PaymentPlan> {
    parseId(input.accountId, 'Account');
    const count = requireInt(input.installments, 'installments', 1, 120);
    const interval = requireInt(input.intervalDays ?? 30, 'intervalDays', 1, 365);
    const today = this.invoices.today();
    if (input.firstDueDate < today)
      throw badInput(`firstDueDate ${input.firstDueDate} is in the past; the first installment must fall due today (${today}) or later`);
    if (input.firstDueDate > addDays(today, FIRST_DUE_WITHIN_DAYS)) {
      throw badInput(
        `firstDueDate ${input.firstDueDate} is more than ${FIRST_DUE_WITHIN_DAYS} days away; the first installment must fall due by ${addDays(today, FIRST_DUE_WITHIN_DAYS)} (an ACTIVE plan holds collections until an installment is missed)`,
      );
    }
    return this.db.transaction(async (tx) => {
      const account = await lockAccount(tx.em, input.accountId);
      const repo = tx.em.getRepository(PaymentPlan);
      const [newest] = await newestPlans(tx.em, [account.id]);
      if (newest?.status === PaymentPlanStatus.ACTIVE) {
        throw invalidState(`Account ${account.number} already has an ACTIVE payment plan (${newest.id}); cancel it first`);
      }
      const [receivable] = await this.invoices.receivables([account.id], today, tx.em);
      if (receivable.pastDue <= 0) throw invalidState(`Account ${account.number} has nothing past due to spread over a plan`);
      if (receivable.pastDue < count) {
        throw badInput(
          `installments: ${count} installments of ${formatMoney(receivable.pastDue)} past due would include installments of 0.00; ` +
            `choose at most ${receivable.pastDue}`,
        );
      }
      const now = new Date();
      const plan = await repo.save(
        Object.assign(new PaymentPlan(), {
          accountId: account.id,
          status: PaymentPlanStatus.ACTIVE,
          total: receivable.pastDue,
          createdAt: now,
          updatedAt: now,
        }),
      );
      const installments = splitInstallments(receivable.pastDue, count).map((amount, position) =>
        Object.assign(new Installment(), {
          planId: plan.id,
          position,
          dueDate: addDays(input.firstDueDate, position * interval),
          amount,
          paid: 0,
          status: InstallmentStatus.DUE,
        }),
      );
      await tx.em.getRepository(Installment).insert(installments);
      tx.emit({
        type: EventType.PAYMENT_PLAN_CREATED,
        subjectId: plan.id,
        accountNumber: account.number,
        payload: { total: formatMoney(plan.total), installments: count, firstDueDate: input.firstDueDate, intervalDays: interval },
      });
      tx.audit({
        actor: actor.name,
        action: 'createPaymentPlan',
        subjectType: 'PaymentPlan',
        subjectId: plan.id,
        after: planSnapshot(plan, installments),
      });
      return plan;
    });
  }

  async cancel(actor: Principal, id: string): Promise<PaymentPlan> {
    parseId(id, 'Payment plan');
    return this.db.transaction(async (tx) => {
      const repo = tx.em.getRepository(PaymentPlan);
      const before = await repo.findOneBy({ id });
      if (!before) throw notFound(`Payment plan ${id}`);
      const result = await repo.update(
        { id, status: PaymentPlanStatus.ACTIVE },
        { status: PaymentPlanStatus.CANCELLED, updatedAt: new Date() },
      );
      if (!result.affected) throw invalidState(`Payment plan ${id} is ${before.status}; only an ACTIVE plan can be cancelled`);
      const after = await repo.findOneByOrFail({ id });
      tx.audit({
        actor: actor.name,
        action: 'cancelPaymentPlan',
        subjectType: 'PaymentPlan',
        subjectId: id,
        before: { ...before },
        after: { ...after },
      });
      return after;
    });
  }

  /**
   * A column for a query of accounts aliased `a`: the id of the plan recount
   * counts payments toward (the account's newest plan, if ACTIVE or COMPLETED),
   * or NULL, so a payment learns it in the statement that locks the account.
   */
  static readonly COUNTED_PLAN_SQL = `(SELECT pp.id FROM payment_plan pp WHERE pp.id = ${NEWEST_PLAN_OF('a.id')} AND pp.status IN ('${PaymentPlanStatus.ACTIVE}', '${PaymentPlanStatus.COMPLETED}'))`;

  /**
   * Counts the account's payments since the plan began toward its installments,
   * in order. Called (under the account's lock) after every payment and reversal;
   * countedPlanId, when the caller read it with COUNTED_PLAN_SQL (null: no plan), saves the lookup.
   */
  async recount(tx: Tx, accountId: string, countedPlanId?: string | null): Promise<void> {
    if (countedPlanId === null) return;
    // The newest plan only: an older one, superseded by a plan since cancelled or broken, stays as it was.
    const plan = countedPlanId
      ? await tx.em.getRepository(PaymentPlan).findOneBy({ id: countedPlanId })
      : (await newestPlans(tx.em, [accountId]))[0];
    if (!plan || (plan.status !== PaymentPlanStatus.ACTIVE && plan.status !== PaymentPlanStatus.COMPLETED)) return;
    const payments = await tx.em
      .getRepository(Payment)
      .findBy({ accountId, status: PaymentStatus.APPLIED, createdAt: MoreThanOrEqual(plan.createdAt) });
    let pool = payments.reduce((sum, p) => sum + p.amount, 0);
    const installments = await tx.em.getRepository(Installment).find({ where: { planId: plan.id }, order: { position: 'ASC' } });
    for (const installment of installments) {
      const paid = Math.min(pool, installment.amount);
      pool -= paid;
      const status =
        paid >= installment.amount
          ? InstallmentStatus.PAID
          : installment.status === InstallmentStatus.MISSED
            ? InstallmentStatus.MISSED
            : InstallmentStatus.DUE;
      if (paid !== installment.paid || status !== installment.status)
        await tx.em.getRepository(Installment).update({ id: installment.id }, { paid, status });
      installment.paid = paid;
      installment.status = status;
    }
    const allPaid = installments.every((i) => i.status === InstallmentStatus.PAID);
    const next = allPaid ? PaymentPlanStatus.COMPLETED : PaymentPlanStatus.ACTIVE;
    if (next !== plan.status) await tx.em.getRepository(PaymentPlan).update({ id: plan.id }, { status: next, updatedAt: new Date() });
  }

  /**
   * For a collections run: unpaid installments due before asOf become MISSED
   * and their ACTIVE plans BROKEN (PAYMENT_PLAN_BROKEN), so collections resume.
   */
  async breakMissedPlans(tx: Tx, accountIds: readonly string[], asOf: string): Promise<void> {
    const plans = (await newestPlans(tx.em, accountIds)).filter((p) => p.status === PaymentPlanStatus.ACTIVE);
    if (plans.length === 0) return;
    const installments = await this.installmentsForIn(
      tx.em,
      plans.map((p) => p.id),
    );
    const accounts = await tx.em.getRepository(Account).findBy({ id: In(plans.map((p) => p.accountId)) });
    const numberOf = new Map(accounts.map((a) => [a.id, a.number]));
    for (const plan of plans) {
      const missed = installments.filter(
        (i) => i.planId === plan.id && i.dueDate < asOf && i.paid < i.amount && i.status === InstallmentStatus.DUE,
      );
      if (missed.length === 0) continue;
      // Conditional: a plan completed or cancelled meanwhile is not broken.
      const broke = await tx.em
        .getRepository(PaymentPlan)
        .update({ id: plan.id, status: PaymentPlanStatus.ACTIVE }, { status: PaymentPlanStatus.BROKEN, updatedAt: new Date() });
      if (!broke.affected) continue;
      await tx.em.getRepository(Installment).update({ id: In(missed.map((i) => i.id)) }, { status: InstallmentStatus.MISSED });
      tx.emit({
        type: EventType.PAYMENT_PLAN_BROKEN,
        subjectId: plan.id,
        accountNumber: numberOf.get(plan.accountId) ?? null,
        payload: { asOf, missed: missed.map((i) => ({ dueDate: i.dueDate, amount: formatMoney(i.amount), paid: formatMoney(i.paid) })) },
      });
      tx.audit({
        actor: 'system',
        action: 'breakPaymentPlan',
        subjectType: 'PaymentPlan',
        subjectId: plan.id,
        before: { status: PaymentPlanStatus.ACTIVE },
        after: { status: PaymentPlanStatus.BROKEN, asOf },
      });
    }
  }

  private installmentsForIn(em: EntityManager, planIds: string[]): Promise<Installment[]> {
    return em.getRepository(Installment).find({ where: { planId: In(planIds) }, order: { position: 'ASC' } });
  }
}
