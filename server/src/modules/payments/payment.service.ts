import { In, IsNull, MoreThan, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/roles';
import { invalidState, notFound } from '../../common/errors/hub-error';
import { formatMoney } from '../../common/money';
import { paginate, type Connection, type PageArgs } from '../../common/pagination/connection';
import { parseId, requireText } from '../../common/validation';
import { columnsOf, hydrateAll, insertOne, type Database, type Tx } from '../../db/database';
import { runTogether, type StatementResult } from '../../db/round-trips';
import { EventType } from '../../events/event-types';
import { Account } from '../accounts/account.entity';
import { lockAccount } from '../accounts/account.service';
import { Invoice, InvoiceStatus } from '../billing/billing.entity';
import type { DelinquencyWatch } from '../billing/receivable';
import { Payment, PaymentAllocation, PaymentChannel, PaymentStatus } from './payment.entity';
import type { RecordPaymentInput } from './payment.inputs';
import { PaymentPlanService } from './payment-plan.service';
import { PaymentRecorder, paymentSnapshot, queueAllocations } from './payment-recorder';
import { planAllocations, type AllocationChange } from './allocation';
import { applyToInvoices } from './payment.statements';

/**
 * After the compare-and-set of the invoices a payment pays (applyToInvoices), run at once: fails the transaction
 * unless every invoice was changed, then queues the allocations.
 */
function allocated(
  tx: Tx,
  payment: Payment,
  changes: ReadonlyArray<AllocationChange<Invoice>>,
  applied: StatementResult | undefined,
  now: Date,
): PaymentAllocation[] {
  if (applied?.affected !== changes.length) throw new Error(`invoices of payment ${payment.id} changed while it was applied`);
  return queueAllocations(tx, payment, changes, now);
}

/**
 * Payments: recorded once per idempotency key, allocated to the account's
 * ISSUED invoices oldest due date first, the rest kept unapplied for the next
 * invoice. Every change to an account's money happens under its row lock, and
 * each invoice update checks the amount it read, so concurrent payments never
 * over-apply an invoice.
 */
export class PaymentService {
  private delinquencies: DelinquencyWatch | null = null;
  private readonly recorder: PaymentRecorder;

  constructor(
    private readonly db: Database,
    private readonly plans: PaymentPlanService,
    today: () => string,
  ) {
    this.recorder = new PaymentRecorder(db, plans, today);
  }

  /** Lets collections end a delinquency in the transaction of the payment that clears it. */
  watchDelinquencies(watch: DelinquencyWatch): void {
    this.delinquencies = watch;
    this.recorder.watchDelinquencies(watch);
  }

  /** A payment by id; the credit a credit note gave is no payment and is not found here. */
  find(id: string): Promise<Payment | null> {
    return this.db.manager.getRepository(Payment).findOneBy({ id: parseId(id, 'Payment'), creditNoteId: IsNull() });
  }

  listForAccount(accountId: string, page: PageArgs): Promise<Connection<Payment>> {
    const qb = this.db.manager
      .getRepository(Payment)
      .createQueryBuilder('p')
      .where('p.account_id = :accountId', { accountId })
      .andWhere('p.credit_note_id IS NULL');
    return paginate(qb, page, { order: 'DESC' });
  }

  allocationsFor(paymentIds: readonly string[]): Promise<PaymentAllocation[]> {
    return this.db.manager.getRepository(PaymentAllocation).find({ where: { paymentId: In([...paymentIds]) }, order: { id: 'ASC' } });
  }

  /** Unapplied money per account, in one grouped statement. */
  async unappliedFor(accountIds: readonly string[]): Promise<number[]> {
    const rows = (await this.db.manager
      .getRepository(Payment)
      .createQueryBuilder('p')
      .select('p.account_id', 'accountId')
      .addSelect('SUM(p.unapplied)', 'unapplied')
      .where('p.account_id IN (:...ids)', { ids: [...accountIds] })
      .andWhere('p.status = :applied', { applied: PaymentStatus.APPLIED })
      .groupBy('p.account_id')
      .getRawMany()) as Array<{ accountId: string | number; unapplied: string | number | null }>;
    const byId = new Map(rows.map((r) => [String(r.accountId), Number(r.unapplied ?? 0)]));
    return accountIds.map((id) => byId.get(id) ?? 0);
  }

  /** recordPayment (see PaymentRecorder). */
  record(actor: Principal, input: RecordPaymentInput): Promise<Payment> {
    return this.recorder.record(actor, input);
  }

  private openInvoices(em: EntityManager, accountId: string): Promise<Invoice[]> {
    return em
      .getRepository(Invoice)
      .createQueryBuilder('i')
      .where('i.account_id = :accountId', { accountId })
      .andWhere('i.status = :issued', { issued: InvoiceStatus.ISSUED })
      .andWhere('i.total > i.amount_paid')
      .orderBy('i.due_date', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .getMany();
  }

  /**
   * Spends the payment's unapplied money on the invoices in the order given; returns the allocations made.
   * `storedUnapplied`: what the payment's row already says is left, when it was written that way.
   */
  private async allocate(tx: Tx, payment: Payment, invoices: Invoice[], storedUnapplied?: number): Promise<PaymentAllocation[]> {
    const now = new Date();
    const { changes, left } = planAllocations(payment.unapplied, invoices);
    if (changes.length === 0) return [];
    const [applied] = await runTogether(tx.em, [applyToInvoices(tx.em, changes, now)]);
    const allocations = allocated(tx, payment, changes, applied, now);
    payment.unapplied = left;
    if (payment.unapplied !== storedUnapplied)
      await tx.em.getRepository(Payment).update({ id: payment.id }, { unapplied: payment.unapplied });
    return allocations;
  }

  /**
   * Applies the account's unapplied payments to a newly issued invoice, oldest
   * payment first (the bill run and releases call this inside their transaction,
   * which already holds the account's lock).
   */
  async applyUnapplied(tx: Tx, invoice: Invoice, account: Account): Promise<void> {
    await this.applyUnappliedMany(tx, [{ invoice, account }]);
  }

  /**
   * applyUnapplied for a bill run's chunk of new invoices: one statement finds
   * every unapplied payment of their accounts, so the usual case (no credit
   * waiting) costs one query per chunk rather than one per invoice.
   */
  async applyUnappliedMany(tx: Tx, issued: ReadonlyArray<{ invoice: Invoice; account: Account }>): Promise<void> {
    // Nothing to pay (credits took it to zero): settled as issued.
    const settled = issued.filter(({ invoice }) => invoice.total <= invoice.amountPaid).map(({ invoice }) => invoice.id);
    if (settled.length > 0) {
      await tx.em.getRepository(Invoice).update({ id: In(settled), status: InvoiceStatus.ISSUED }, { status: InvoiceStatus.PAID });
    }
    const owed = issued.filter(({ invoice }) => invoice.total > invoice.amountPaid);
    if (owed.length === 0) return;
    // Plain SQL and rows: the query builder's parameter handling grows with the square of a chunk's accounts.
    const accountIds = [...new Set(owed.map(({ account }) => account.id))];
    const payments = hydrateAll(
      tx.em,
      Payment,
      (await tx.em.query(
        `SELECT ${columnsOf(tx.em, Payment, 'p')} FROM payment p
          WHERE p.account_id IN (${accountIds.map(() => '?').join(', ')}) AND p.status = ? AND p.unapplied > 0 ORDER BY p.id`,
        [...accountIds.map(Number), PaymentStatus.APPLIED],
      )) as Array<Record<string, unknown>>,
    );
    if (payments.length === 0) return;
    const byAccount = new Map<string, Payment[]>();
    for (const payment of payments) byAccount.set(payment.accountId, [...(byAccount.get(payment.accountId) ?? []), payment]);
    for (const { invoice, account } of owed) {
      for (const payment of byAccount.get(account.id) ?? []) {
        if (payment.unapplied <= 0) continue;
        const fresh = await tx.em.getRepository(Invoice).findOneByOrFail({ id: invoice.id });
        if (fresh.status !== InvoiceStatus.ISSUED) break;
        await this.allocate(tx, payment, [fresh]);
      }
    }
  }

  /**
   * Applies the account's unapplied credit (oldest first) to its open invoices,
   * oldest due date first, inside the caller's transaction, which holds the
   * account's lock. Whatever reopens an invoice (a reversal; credit notes and
   * voids) calls it, so credit never sits beside an amount due. Returns the
   * allocations made.
   */
  async applyCredit(tx: Tx, accountId: string): Promise<PaymentAllocation[]> {
    const credits = await tx.em.getRepository(Payment).find({
      where: { accountId, status: PaymentStatus.APPLIED, unapplied: MoreThan(0) },
      order: { id: 'ASC' },
    });
    if (credits.length === 0) return [];
    const invoices = await this.openInvoices(tx.em, accountId);
    const made: PaymentAllocation[] = [];
    for (const credit of credits) made.push(...(await this.allocate(tx, credit, invoices)));
    return made;
  }

  /**
   * A credit note's credit, in the caller's transaction (holding the account's lock): a payment from the note,
   * applied to the credited invoice while ISSUED, then as any unapplied credit. Returns what went to that invoice.
   */
  async creditFromNote(tx: Tx, note: { id: string; accountId: string; amount: number; invoiceId: string }): Promise<number> {
    const now = new Date();
    const credit = Object.assign(new Payment(), {
      accountId: note.accountId,
      amount: note.amount,
      channel: PaymentChannel.OTHER,
      receivedAt: now,
      reference: null,
      status: PaymentStatus.APPLIED,
      unapplied: note.amount,
      // Clients' keys are trimmed, so a key that starts with a space is never one of theirs.
      idempotencyKey: ` credit-note:${note.id}`,
      requestDigest: `credit-note:${note.id}`,
      createdAt: now,
      ...{ reversedAt: null, reversalReason: null, creditNoteId: note.id, refunded: 0 },
    });
    credit.id = await insertOne(tx.em, Payment, credit);
    const invoice = await tx.em.getRepository(Invoice).findOneByOrFail({ id: note.invoiceId });
    const own = invoice.status === InvoiceStatus.ISSUED ? await this.allocate(tx, credit, [invoice], note.amount) : [];
    if (credit.unapplied > 0) await this.applyCredit(tx, note.accountId);
    await this.delinquencies?.endIfCleared(tx, note.accountId, `credit note ${note.id}`);
    return own.reduce((sum, a) => sum + a.amount, 0);
  }

  /**
   * A returned check or chargeback: the allocations are removed and the invoices reopened, once;
   * the account's unapplied credit then goes to them at once.
   */
  async reverse(actor: Principal, id: string, reason: string): Promise<Payment> {
    parseId(id, 'Payment');
    const why = requireText(reason, 'reason', 500);
    return this.db.transaction(async (tx) => {
      const before = await tx.em.getRepository(Payment).findOneBy({ id, creditNoteId: IsNull() });
      if (!before) throw notFound(`Payment ${id}`);
      if (before.refunded > 0)
        throw invalidState(`Payment ${id} was partly refunded (${formatMoney(before.refunded)}); a refunded payment cannot be reversed`);
      const account = await lockAccount(tx.em, before.accountId);
      const reversedAt = new Date();
      const result = await tx.em
        .getRepository(Payment)
        .update({ id, status: PaymentStatus.APPLIED }, { status: PaymentStatus.REVERSED, unapplied: 0, reversedAt, reversalReason: why });
      if (!result.affected) throw invalidState(`Payment ${id} is already reversed`);
      const allocations = await tx.em.getRepository(PaymentAllocation).findBy({ paymentId: id });
      for (const allocation of allocations) {
        const invoice = await tx.em.getRepository(Invoice).findOneByOrFail({ id: allocation.invoiceId });
        const updated = await tx.em.getRepository(Invoice).update(
          { id: invoice.id, amountPaid: invoice.amountPaid },
          {
            amountPaid: invoice.amountPaid - allocation.amount,
            status: invoice.status === InvoiceStatus.PAID ? InvoiceStatus.ISSUED : invoice.status,
            updatedAt: reversedAt,
          },
        );
        if (updated.affected !== 1) throw new Error(`invoice ${invoice.id} changed while payment ${id} was reversed`);
      }
      if (allocations.length > 0) await tx.em.getRepository(PaymentAllocation).delete({ paymentId: id });
      const reapplied = await this.applyCredit(tx, account.id);
      await this.plans.recount(tx, account.id);
      await this.delinquencies?.endIfCleared(tx, account.id, `reversal of payment ${id}`);
      const after = await tx.em.getRepository(Payment).findOneByOrFail({ id });
      tx.emit({
        type: EventType.PAYMENT_REVERSED,
        subjectId: id,
        accountNumber: account.number,
        payload: {
          amount: formatMoney(before.amount),
          reason: why,
          reopened: allocations.map((a) => ({ invoiceId: a.invoiceId, amount: formatMoney(a.amount) })),
          reapplied: reapplied.map((a) => ({ paymentId: a.paymentId, invoiceId: a.invoiceId, amount: formatMoney(a.amount) })),
        },
      });
      tx.audit({
        actor: actor.name,
        action: 'reversePayment',
        subjectType: 'Payment',
        subjectId: id,
        before: paymentSnapshot(before, allocations),
        after: { ...after },
      });
      return after;
    });
  }
}
