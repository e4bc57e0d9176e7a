import { createHash } from 'node:crypto';
import type { Principal } from '../../common/auth/roles';
import { ErrorCode, HubError, badInput, notFound } from '../../common/errors/hub-error';
import { formatMoney } from '../../common/money';
import { optionalText, requireText } from '../../common/validation';
import { hydrate, type Database, type Tx } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { GroupCommit } from '../../db/group-commit';
import { runTogether, type StatementResult } from '../../db/round-trips';
import { EventType } from '../../events/event-types';
import { Invoice } from '../billing/billing.entity';
import type { DelinquencyWatch } from '../billing/receivable';
import { planAllocations, type AllocationChange } from './allocation';
import { Payment, PaymentAllocation, PaymentStatus } from './payment.entity';
import type { RecordPaymentInput } from './payment.inputs';
import type { PaymentPlanService } from './payment-plan.service';
import { applyToInvoices, insertPaymentForNumber, leaveUnapplied, lockAccountByNumber, openInvoicesByNumber } from './payment.statements';
import { receivedAtProblem } from './received-at';

/** Payments are refused past this many cents in one go (a typo guard well below the storage limit): 1 billion. */
const MAX_PAYMENT = 100_000_000_000;
/** At most this many payments share a transaction (see GroupCommit). */
const PAYMENTS_PER_BATCH = 16;
/** At most this many payment transactions at the database at once; the payments that arrive meanwhile form the next. */
const BATCHES_IN_FLIGHT = 4;

/** A payment to record, checked: what recordPayment was asked, by whom. */
interface PaymentJob {
  actor: Principal;
  input: RecordPaymentInput;
  accountNumber: string;
  key: string;
  reference: string | null;
  requestDigest: string;
}

function digest(input: RecordPaymentInput, accountNumber: string, reference: string | null): string {
  const canonical = JSON.stringify([
    accountNumber,
    input.amount,
    input.channel,
    input.receivedAt ? input.receivedAt.toISOString() : null,
    reference,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** What is owed on invoices due before the day, from invoices as the caller holds them. */
function pastDueOn(invoices: readonly Invoice[], day: string): number {
  return invoices.reduce((sum, i) => sum + (i.dueDate !== null && i.dueDate < day ? Math.max(0, i.total - i.amountPaid) : 0), 0);
}

export function paymentSnapshot(payment: Payment, allocations: PaymentAllocation[]): Record<string, unknown> {
  return { ...payment, allocations: allocations.map((a) => ({ invoiceId: a.invoiceId, amount: a.amount })) };
}

/** The allocations of a payment's changes, queued to be written with the commit (nothing reads them back before it). */
export function queueAllocations(
  tx: Tx,
  payment: Payment,
  changes: ReadonlyArray<AllocationChange<Invoice>>,
  now: Date,
): PaymentAllocation[] {
  for (const { invoice, paid } of changes) invoice.amountPaid = paid;
  const allocations = changes.map(({ invoice, amount }) =>
    Object.assign(new PaymentAllocation(), { paymentId: payment.id, invoiceId: invoice.id, amount, createdAt: now }),
  );
  tx.insertLater(PaymentAllocation, allocations);
  return allocations;
}

function newPayment(job: PaymentJob, now: Date): Payment {
  return Object.assign(new Payment(), {
    amount: job.input.amount,
    channel: job.input.channel,
    receivedAt: job.input.receivedAt ?? now,
    reference: job.reference,
    status: PaymentStatus.APPLIED,
    unapplied: job.input.amount,
    idempotencyKey: job.key,
    requestDigest: job.requestDigest,
    createdAt: now,
    ...{ reversedAt: null, reversalReason: null, creditNoteId: null, refunded: 0 },
  });
}

/**
 * recordPayment: a payment recorded once per idempotency key and applied to
 * its account's ISSUED invoices, oldest due date first, under the account's
 * row lock. Payments that arrive while others are being written share a
 * transaction (GroupCommit), at most one per account in each: a batch costs
 * two round trips to MySQL whatever its size, where each payment alone cost
 * two. A batch that fails is undone and its payments recorded one by one, so
 * each answer is the one the payment alone would have had.
 */
export class PaymentRecorder {
  private delinquencies: DelinquencyWatch | null = null;
  private readonly group = new GroupCommit<PaymentJob, Payment>({
    maxBatch: PAYMENTS_PER_BATCH,
    maxInFlight: BATCHES_IN_FLIGHT,
    keyOf: (job) => job.accountNumber.toLowerCase(),
    runBatch: (jobs) => this.recordBatch(jobs),
    runOne: (job) => this.recordOne(job),
  });

  constructor(
    private readonly db: Database,
    private readonly plans: PaymentPlanService,
    private readonly today: () => string,
  ) {}

  watchDelinquencies(watch: DelinquencyWatch): void {
    this.delinquencies = watch;
  }

  record(actor: Principal, input: RecordPaymentInput): Promise<Payment> {
    const accountNumber = requireText(input.accountNumber, 'accountNumber', 32);
    const key = requireText(input.idempotencyKey, 'idempotencyKey', 128);
    const reference = optionalText(input.reference, 'reference', 128);
    if (input.amount <= 0) throw badInput(`amount must be more than 0; got ${formatMoney(input.amount)}`);
    if (input.amount > MAX_PAYMENT)
      throw badInput(`amount ${formatMoney(input.amount)} is over the ${formatMoney(MAX_PAYMENT)} a single payment may carry`);
    const early = receivedAtProblem(input.receivedAt, new Date());
    if (early) throw badInput(early);
    return this.group.submit({ actor, input, accountNumber, key, reference, requestDigest: digest(input, accountNumber, reference) });
  }

  /** Payments of distinct accounts in one transaction, their accounts locked in order of number; answers in jobs' order. */
  private async recordBatch(jobs: PaymentJob[]): Promise<Payment[]> {
    const ordered = [...jobs].sort((a, b) => (a.accountNumber < b.accountNumber ? -1 : a.accountNumber > b.accountNumber ? 1 : 0));
    const recorded = await this.db.transaction((tx) => this.recordIn(tx, ordered));
    return jobs.map((job) => recorded[ordered.indexOf(job)]);
  }

  private async recordOne(job: PaymentJob): Promise<Payment> {
    try {
      return (await this.db.transaction((tx) => this.recordIn(tx, [job])))[0];
    } catch (error) {
      // A retry, or the same key reused: the unique index refused the second insert (or, for another
      // account number, the account was unknown). The key's first payment decides the answer.
      if (isUniqueViolation(error) || (error instanceof HubError && error.code === ErrorCode.NOT_FOUND)) {
        const winner = await this.replay(job.key, job.requestDigest);
        if (winner) return winner;
      }
      throw error;
    }
  }

  /** The payment an earlier call with this key made, if the input matches; IDEMPOTENCY_CONFLICT if it doesn't. */
  private async replay(key: string, requestDigest: string): Promise<Payment | null> {
    const existing = await this.db.manager.getRepository(Payment).findOneBy({ idempotencyKey: key });
    if (!existing) return null;
    if (existing.requestDigest !== requestDigest) {
      throw new HubError(
        ErrorCode.IDEMPOTENCY_CONFLICT,
        `Idempotency key "${key.slice(0, 40)}" was used for a different payment (${existing.id}); use a new key`,
      );
    }
    return existing;
  }

  /**
   * The payments in tx. One round trip for all of them: each account's lock, its open invoices (locked too) and
   * the payment. A retry racing its original waits on the lock; its INSERT then meets the original's key.
   */
  private async recordIn(tx: Tx, jobs: PaymentJob[]): Promise<Payment[]> {
    const now = new Date();
    const payments = jobs.map((job) => newPayment(job, now));
    const openSql = this.delinquencies?.openSql ?? null;
    const results = await runTogether(
      tx.em,
      jobs.flatMap((job, i) => [
        lockAccountByNumber(tx.em, job.accountNumber, openSql),
        openInvoicesByNumber(tx.em, job.accountNumber),
        insertPaymentForNumber(tx.em, payments[i], job.accountNumber),
      ]),
    );
    for (const [i, job] of jobs.entries()) {
      const [locked, open, inserted] = results.slice(3 * i, 3 * i + 3);
      await this.apply(tx, job, payments[i], locked, open, inserted, now);
    }
    return payments;
  }

  /** Pays the invoices from the payment just inserted, and queues its allocations, event and audit entry. */
  private async apply(
    tx: Tx,
    job: PaymentJob,
    payment: Payment,
    locked: StatementResult,
    open: StatementResult,
    inserted: StatementResult,
    now: Date,
  ): Promise<void> {
    const account = locked.rows[0];
    if (!account) throw notFound(`Account ${job.accountNumber}`);
    if (inserted.affected !== 1 || inserted.insertId === null) throw new Error('INSERT INTO payment returned no id');
    payment.id = inserted.insertId;
    payment.accountId = String(account.id);
    const invoices = open.rows.map((row) => hydrate(tx.em, Invoice, row));
    const { changes, left } = planAllocations(job.input.amount, invoices);
    payment.unapplied = left;
    // Built from the amounts as read, before queueAllocations records what the invoices hold after it.
    const writes = changes.length > 0 ? [applyToInvoices(tx.em, changes, now), leaveUnapplied(tx.em, payment)] : [];
    const allocations = queueAllocations(tx, payment, changes, now);
    // Only an account in delinquency that this payment may have cleared costs the check's statements, which read
    // the invoices as paid: its writes go at once. Every other payment's go with the COMMIT.
    const mayClear = account.open_delinquency != null && changes.length > 0 && pastDueOn(invoices, this.today()) === 0;
    if (mayClear) await runTogether(tx.em, writes);
    else tx.writeLater(writes);
    await this.plans.recount(tx, payment.accountId, account.counted_plan == null ? null : String(account.counted_plan));
    if (mayClear) await this.delinquencies?.endIfCleared(tx, payment.accountId, `payment ${payment.id}`);
    tx.emit({
      type: EventType.PAYMENT_RECEIVED,
      subjectId: payment.id,
      accountNumber: String(account.number),
      payload: {
        amount: formatMoney(payment.amount),
        channel: payment.channel,
        unapplied: formatMoney(payment.unapplied),
        allocations: allocations.map((a) => ({ invoiceId: a.invoiceId, amount: formatMoney(a.amount) })),
      },
    });
    tx.audit({
      actor: job.actor.name,
      action: 'recordPayment',
      subjectType: 'Payment',
      subjectId: payment.id,
      after: paymentSnapshot(payment, allocations),
    });
  }
}
