import { In, IsNull } from 'typeorm';
import type { Principal } from '../../common/auth/roles';
import { ErrorCode, HubError, badInput, invalidState, notFound } from '../../common/errors/hub-error';
import type { ImportRejection } from '../../common/import-rejection';
import { formatMoney } from '../../common/money';
import { eachAtMost } from '../../common/bounded';
import { parseId, requireText } from '../../common/validation';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { Account } from '../accounts/account.entity';
import { lockAccount } from '../accounts/account.service';
import { Invoice } from '../billing/billing.entity';
import type { BillingRulesService } from '../billing/billing-rules.service';
import type { InvoiceService } from '../billing/invoice.service';
import { Payment, PaymentChannel, PaymentStatus } from '../payments/payment.entity';
import type { PaymentService } from '../payments/payment.service';
import { BuiltInQueue } from '../work-queues/work-queue.entity';
import type { WorkQueueService } from '../work-queues/work-queue.service';
import {
  MAX_REMITTANCE_LINES,
  checkLine,
  invoiceIdOf,
  matchLine,
  recordedAs,
  referenceConflict,
  remittanceKey,
  type CheckedLine,
  type PaymentLine,
  type Recorded,
} from './remittance-lines';
import { RemittanceImportResult, SuspensePayment, SuspenseStatus, type RemittanceLineInput } from './remittance.entity';

type ReturnLine = Extract<CheckedLine, { kind: 'RETURN' }>;
/** A line held in suspense, and why (see matchLine). */
type Held = { line: PaymentLine; detail: string };
/**
 * A file's matched lines at recordPayment at once: enough to fill its shared transactions with more waiting, few
 * enough that a payment recorded meanwhile (an operator's, a partner's) queues behind a handful of them, not a file.
 */
const LINES_AT_ONCE = 128;
/**
 * A file's unmatched lines held in one transaction at a time: a file of unknown references is a commit per this
 * many lines, not per line, and the write lock is never held for a whole file.
 */
const HOLDS_AT_ONCE = 200;

/**
 * Cash application: the lines of a bank or lockbox file become payments of the
 * accounts they name (by account number, else invoice number), idempotent by
 * the line's reference; the rest wait in UNAPPLIED_CASH; returned lines reverse
 * the payment they name and charge the segment's returned-payment fee.
 * Allocation is PaymentService's: each line is one recordPayment.
 */
export class RemittanceService {
  constructor(
    private readonly db: Database,
    private readonly payments: PaymentService,
    private readonly invoices: InvoiceService,
    private readonly billingRules: BillingRulesService,
    private readonly workQueues: WorkQueueService,
    private readonly today: () => string,
  ) {}

  list(status: SuspenseStatus | null | undefined): Promise<SuspensePayment[]> {
    return this.db.manager.getRepository(SuspensePayment).find({ where: status ? { status } : {}, order: { id: 'DESC' }, take: 1000 });
  }

  async import(actor: Principal, channel: PaymentChannel, lines: readonly RemittanceLineInput[]): Promise<RemittanceImportResult> {
    if (lines.length > MAX_REMITTANCE_LINES)
      throw badInput(`At most ${MAX_REMITTANCE_LINES} lines in one call; got ${lines.length}: split the file`);
    if (!Object.values(PaymentChannel).includes(channel)) throw badInput(`Unknown channel ${String(channel)}`);
    const result: RemittanceImportResult = { matched: 0, suspense: 0, returned: 0, duplicates: 0, rejected: [] };
    const reject = (index: number, code: string, message: string) => result.rejected.push({ index, code, message } as ImportRejection);
    /** A line the hub refused is rejected with the reason; anything else is the hub's own failure. */
    const refused = (line: PaymentLine) => (error: unknown) => {
      if (!(error instanceof HubError)) throw error;
      reject(
        line.index,
        error.code === ErrorCode.IDEMPOTENCY_CONFLICT ? 'REFERENCE_CONFLICT' : 'INVALID_LINE',
        `Line ${line.index}: ${error.message}`,
      );
    };
    const now = new Date();
    const checked = lines.map((line, index) => checkLine(line, index, now));
    const payLines = checked.filter((l): l is PaymentLine => l.kind === 'PAYMENT');
    const returnLines = checked.filter((l): l is ReturnLine => l.kind === 'RETURN');
    for (const l of checked) if (l.kind === 'INVALID') reject(l.index, 'INVALID_LINE', l.message);

    // Set-based look-ups: what was imported before, the accounts and the invoices the lines name.
    const recorded = new Map<string, Recorded>();
    for (let i = 0; i < payLines.length; i += 1000) {
      const slice = payLines.slice(i, i + 1000);
      const paid = (await this.db.manager
        .getRepository(Payment)
        .createQueryBuilder('p')
        .innerJoin(Account, 'a', 'a.id = p.account_id')
        .select('p.idempotency_key', 'key')
        .addSelect('p.amount', 'amount')
        .addSelect('a.number', 'number')
        .where('p.idempotency_key IN (:...keys)', { keys: slice.map((l) => remittanceKey(l.reference)) })
        .getRawMany()) as Array<{ key: string; amount: string | number; number: string }>;
      for (const p of paid) recorded.set(p.key, { amount: Number(p.amount), accountNumber: p.number, detail: null });
      const held = await this.db.manager
        .getRepository(SuspensePayment)
        .find({ select: { reference: true, amount: true, detail: true }, where: { reference: In(slice.map((l) => l.reference)) } });
      for (const s of held) recorded.set(remittanceKey(s.reference), { amount: s.amount, accountNumber: null, detail: s.detail });
    }
    const accountNumbers = [...new Set(payLines.map((l) => l.accountNumber).filter((n): n is string => n !== null))];
    const known = new Set<string>();
    for (let i = 0; i < accountNumbers.length; i += 1000) {
      const rows = await this.db.manager
        .getRepository(Account)
        .find({ select: { number: true }, where: { number: In(accountNumbers.slice(i, i + 1000)) } });
      for (const a of rows) known.add(a.number);
    }
    const invoiceIds = [
      ...new Set(payLines.map((l) => (l.invoiceNumber ? invoiceIdOf(l.invoiceNumber) : null)).filter((n): n is string => n !== null)),
    ];
    const accountOfInvoice = new Map<string, string>();
    for (let i = 0; i < invoiceIds.length; i += 1000) {
      const rows = (await this.db.manager
        .getRepository(Invoice)
        .createQueryBuilder('i')
        .innerJoin(Account, 'a', 'a.id = i.account_id')
        .select('i.id', 'id')
        .addSelect('a.number', 'number')
        .where('i.id IN (:...ids)', { ids: invoiceIds.slice(i, i + 1000) })
        .getRawMany()) as Array<{ id: string | number; number: string }>;
      for (const r of rows) accountOfInvoice.set(String(r.id), r.number);
    }

    // The matched lines go to recordPayment LINES_AT_ONCE at a time, so they share transactions as concurrent
    // payments do (a line's own error is its own); one account's lines are still recorded one after another, in the
    // file's order.
    const matched: Array<{ line: PaymentLine; accountNumber: string }> = [];
    const unmatched: Held[] = [];
    for (const line of payLines) {
      const invoiceId = line.invoiceNumber ? invoiceIdOf(line.invoiceNumber) : null;
      const match = matchLine(line, known, invoiceId ? (accountOfInvoice.get(invoiceId) ?? null) : null);
      const key = remittanceKey(line.reference);
      const before = recorded.get(key);
      if (before) {
        const conflict = referenceConflict(before, line, match);
        if (conflict) reject(line.index, 'REFERENCE_CONFLICT', conflict);
        else result.duplicates++;
        continue;
      }
      recorded.set(key, recordedAs(line, match));
      if (match.accountNumber !== null) matched.push({ line, accountNumber: match.accountNumber });
      else unmatched.push({ line, detail: match.detail });
    }
    await eachAtMost(matched, LINES_AT_ONCE, ({ line, accountNumber }) =>
      this.record(actor, channel, line, accountNumber).then(() => void result.matched++, refused(line)),
    );
    for (let i = 0; i < unmatched.length; i += HOLDS_AT_ONCE) {
      const held = unmatched.slice(i, i + HOLDS_AT_ONCE);
      if (held.length > 1) {
        try {
          await this.hold(actor, channel, held);
          result.suspense += held.length;
          continue;
        } catch (error) {
          // Undone as a whole by a line's own failure (a reference held meanwhile by another import, a bad line): each
          // line alone, below. Anything else is the hub's own failure, and is not taken for a line's.
          if (!(error instanceof HubError) && !isUniqueViolation(error)) throw error;
        }
      }
      for (const one of held) {
        try {
          await this.hold(actor, channel, [one]);
          result.suspense++;
        } catch (error) {
          if (isUniqueViolation(error)) result.duplicates++;
          else refused(one.line)(error);
        }
      }
    }
    for (const line of returnLines) {
      const outcome = await this.returnPayment(actor, line);
      if (outcome === 'RETURNED') result.returned++;
      else if (outcome === 'DUPLICATE') result.duplicates++;
      else reject(line.index, 'UNKNOWN_RETURNED_PAYMENT', `Line ${line.index}: ${outcome}`);
    }
    result.rejected.sort((a, b) => a.index - b.index);
    // One entry for the file as a whole; each payment, hold and reversal has its own.
    await this.db.transaction(async (tx) => {
      tx.audit({
        actor: actor.name,
        action: 'importRemittances',
        subjectType: 'RemittanceImport',
        subjectId: channel,
        after: { channel, lines: lines.length, ...result, rejected: result.rejected.length },
      });
    });
    return result;
  }

  private async record(
    actor: Principal,
    channel: PaymentChannel,
    line: Pick<PaymentLine, 'reference' | 'amount' | 'receivedAt'>,
    accountNumber: string,
  ) {
    return this.payments.record(actor, {
      accountNumber,
      amount: line.amount,
      channel,
      receivedAt: line.receivedAt,
      reference: line.reference,
      idempotencyKey: remittanceKey(line.reference),
    });
  }

  /** Holds lines that matched no account (or two that disagree), each with its work item and why, in one transaction. */
  private async hold(actor: Principal, channel: PaymentChannel, toHold: readonly Held[]): Promise<void> {
    const lines = toHold.map((h) => h.line);
    await this.db.transaction(async (tx) => {
      const details = toHold.map((h) => h.detail.slice(0, 255));
      const items = await this.workQueues.createItems(
        tx,
        lines.map((line, i) => ({
          queueKey: BuiltInQueue.UNAPPLIED_CASH,
          kind: 'SUSPENSE_PAYMENT',
          title: `${formatMoney(line.amount)} ${channel} ${line.reference}: ${details[i]}`.slice(0, 255),
          actorName: actor.name,
        })),
      );
      const now = new Date();
      const held = await tx.em.getRepository(SuspensePayment).save(
        lines.map((line, i) =>
          Object.assign(new SuspensePayment(), {
            reference: line.reference,
            amount: line.amount,
            receivedAt: line.receivedAt ?? now,
            channel,
            detail: details[i],
            status: SuspenseStatus.OPEN,
            paymentId: null,
            workItemId: items[i].id,
            createdAt: now,
          }),
        ),
      );
      for (const h of held)
        tx.audit({ actor: actor.name, action: 'holdSuspensePayment', subjectType: 'SuspensePayment', subjectId: h.id, after: h });
    });
  }

  /** Reverses the payment a returned line names and charges the fee; or says why not. */
  private async returnPayment(actor: Principal, line: ReturnLine): Promise<'RETURNED' | 'DUPLICATE' | string> {
    const repo = this.db.manager.getRepository(Payment);
    const payment =
      (await repo.findOneBy({ idempotencyKey: remittanceKey(line.returnedReference), creditNoteId: IsNull() })) ??
      (await repo.findOne({ where: { reference: line.returnedReference, creditNoteId: IsNull() }, order: { id: 'DESC' } }));
    if (!payment) return `no payment was recorded with reference ${line.returnedReference}`;
    let outcome: 'RETURNED' | 'DUPLICATE' = 'DUPLICATE';
    if (payment.status === PaymentStatus.APPLIED) {
      try {
        await this.payments.reverse(actor, payment.id, `Returned (${line.reference})`);
        outcome = 'RETURNED';
      } catch (error) {
        if (!(error instanceof HubError)) throw error;
        if (error.code !== ErrorCode.INVALID_STATE || !/already reversed/.test(error.message)) return error.message;
      }
    }
    // Also after a crash between the reversal and the fee: the fee's billing key charges it once.
    await this.chargeFee(payment, line.reference);
    return outcome;
  }

  private async chargeFee(payment: Payment, reference: string): Promise<void> {
    const billingKey = `returned-fee:${payment.id}`;
    if (await this.db.manager.getRepository(Invoice).existsBy({ billingKey })) return;
    try {
      await this.db.transaction(async (tx) => {
        const account = await lockAccount(tx.em, payment.accountId);
        const rules = (await this.billingRules.resolver())(account.segment);
        if (rules.returnedPaymentFee === null || rules.returnedPaymentFee <= 0) return;
        await this.invoices.createFeeInvoice(tx, account, {
          amount: rules.returnedPaymentFee,
          description: `Returned payment fee: payment ${payment.id} (${reference})`,
          asOf: this.today(),
          billingKey,
        });
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }

  /** Records a suspense payment as a payment of the account the operator chose, and resolves its work item. */
  async apply(actor: Principal, id: string, accountNumberInput: string): Promise<Payment> {
    parseId(id, 'SuspensePayment');
    const accountNumber = requireText(accountNumberInput, 'accountNumber', 32);
    const held = await this.db.manager.getRepository(SuspensePayment).findOneBy({ id });
    if (!held) throw notFound(`Suspense payment ${id}`);
    if (held.status !== SuspenseStatus.OPEN)
      throw invalidState(`Suspense payment ${id} is already applied (payment ${held.paymentId ?? '?'})`);
    const payment = await this.record(actor, held.channel, held, accountNumber);
    await this.db.transaction(async (tx) => {
      const moved = await tx.em
        .getRepository(SuspensePayment)
        .update({ id, status: SuspenseStatus.OPEN }, { status: SuspenseStatus.APPLIED, paymentId: payment.id });
      if (!moved.affected) return;
      if (held.workItemId)
        await this.workQueues.resolveItemsFor(
          tx,
          { id: held.workItemId },
          `Applied to account ${accountNumber} as payment ${payment.id}`,
          actor.name,
        );
      tx.audit({
        actor: actor.name,
        action: 'applySuspensePayment',
        subjectType: 'SuspensePayment',
        subjectId: id,
        before: { ...held },
        after: { ...held, status: SuspenseStatus.APPLIED, paymentId: payment.id },
      });
    });
    return payment;
  }
}
