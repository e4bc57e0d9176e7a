import { In, MoreThanOrEqual, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/roles';
import { addDays } from '../../common/dates';
import { invalidState, notFound } from '../../common/errors/hub-error';
import { parseId, requireInt } from '../../common/validation';
import type { Database, Tx } from '../../db/database';
import { EventType } from '../../events/event-types';
import { formatMoney } from '../../common/money';
import { Account } from '../accounts/account.entity';
import { lockAccount } from '../accounts/account.service';
import type { InvoiceService } from '../billing/invoice.service';
import { Installment, InstallmentStatus, Payment, PaymentPlan, PaymentPlanStatus, PaymentStatus } from './payment.entity';
import type { CreatePaymentPlanInput } from './payment.inputs';

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

  /** Accounts among these with an ACTIVE plan: collections pass them by. */
  async activePlanAccounts(em: EntityManager, accountIds: readonly string[]): Promise<Set<string>> {
    if (accountIds.length === 0) return new Set();
    const plans = await em.getRepository(PaymentPlan).findBy({ accountId: In([...accountIds]), status: PaymentPlanStatus.ACTIVE });
    return new Set(plans.map((p) => p.accountId));
  }

  async create(actor: Principal, input: CreatePaymentPlanInput): Promise<PaymentPlan> {
    parseId(input.accountId, 'Account');
    const count = requireInt(input.installments, 'installments', 1, 120);
    const interval = requireInt(input.intervalDays ?? 30, 'intervalDays', 1, 365);
    return this.db.transaction(async (tx) => {
      const account = await lockAccount(tx.em, input.accountId);
      const repo = tx.em.getRepository(PaymentPlan);
      if (await repo.existsBy({ accountId: account.id, status: PaymentPlanStatus.ACTIVE })) {
        throw invalidState(`Account ${account.number} already has an ACTIVE payment plan; cancel it first`);
      }
      const [receivable] = await this.invoices.receivables([account.id]);
      if (receivable.pastDue <= 0) throw invalidState(`Account ${account.number} has nothing past due to spread over a plan`);
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
   * counts payments toward (the latest ACTIVE or COMPLETED one), or NULL, so a
   * payment learns it in the statement that locks the account.
   */
  static readonly COUNTED_PLAN_SQL = `(SELECT MAX(pp.id) FROM payment_plan pp WHERE pp.account_id = a.id AND pp.status IN ('${PaymentPlanStatus.ACTIVE}', '${PaymentPlanStatus.COMPLETED}'))`;

  /**
   * Counts the account's payments since the plan began toward its installments,
   * in order. Called (under the account's lock) after every payment and reversal;
   * countedPlanId, when the caller read it with COUNTED_PLAN_SQL (null: no plan), saves the lookup.
   */
  async recount(tx: Tx, accountId: string, countedPlanId?: string | null): Promise<void> {
    if (countedPlanId === null) return;
    const plan = await tx.em.getRepository(PaymentPlan).findOne({
      where: countedPlanId ? { id: countedPlanId } : { accountId, status: In([PaymentPlanStatus.ACTIVE, PaymentPlanStatus.COMPLETED]) },
      order: { id: 'DESC' },
    });
    if (!plan) return;
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
    if (accountIds.length === 0) return;
    const plans = await tx.em.getRepository(PaymentPlan).findBy({ accountId: In([...accountIds]), status: PaymentPlanStatus.ACTIVE });
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
