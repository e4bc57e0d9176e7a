import { In, type EntityManager } from 'typeorm';
import type { HubConfig } from '../../config/env';
import { signatureOf, type Principal } from '../../common/auth/roles';
import { addDays, daysBetween, todayIn } from '../../common/dates';
import { invalidState, notFound } from '../../common/errors/hub-error';
import { paginate, type Connection, type PageArgs } from '../../common/pagination/connection';
import { parseId, requireText } from '../../common/validation';
import type { Database, Tx } from '../../db/database';
import { EventType } from '../../events/event-types';
import { formatMoney } from '../../common/money';
import { Account, Enrollment } from '../accounts/account.entity';
import { lockAccounts } from '../accounts/account.service';
import { UsageRead } from '../usage/usage.entity';
import type { WorkQueueService } from '../work-queues/work-queue.service';
import { BillingException, ExceptionStatus, Invoice, InvoiceKind, InvoiceLine, InvoiceLineKind, InvoiceStatus } from './billing.entity';
import type { BillingExceptionService } from './billing-exception.service';
import type { BillingRulesService } from './billing-rules.service';
import type { InvoiceIssuing } from './invoice-issuing';
import type { PendingCreditService } from './pending-credit.service';
import { invoiceNumber } from './invoice-number';
import { invoiceIssuedEvent } from './invoice-events';
import { invoiceTaxes } from '../taxes/tax-math';
import { loadTaxRates } from '../taxes/tax-rate.service';
import { NOT_DISPUTED, netOfCredit, type AccountReceivable, type DelinquencyWatch, type OpenAmount } from './receivable';

export interface InvoiceFilter extends PageArgs {
  status?: InvoiceStatus | null;
  accountId?: string | null;
}

export type { AccountReceivable } from './receivable';

/** Cancels reads in a transaction (the usage module's). */
export interface ReadCanceller {
  cancelInTx(tx: Tx, actor: Principal, reads: UsageRead[], why: string, opts: { quiet?: boolean }): Promise<void>;
}

function snapshot(invoice: Invoice): Record<string, unknown> {
  return { ...invoice, number: invoiceNumber(invoice.id) };
}

/** Invoices: reading them, and the operator's decisions on held ones (release or void). */
export class InvoiceService {
  private delinquencies: DelinquencyWatch | null = null;
  private readCanceller: ReadCanceller | null = null;

  constructor(
    private readonly db: Database,
    private readonly config: HubConfig,
    private readonly rules: BillingRulesService,
    private readonly exceptions: BillingExceptionService,
    private readonly workQueues: WorkQueueService,
    private readonly issuing: InvoiceIssuing,
    private readonly pendingCredits: PendingCreditService,
  ) {}

  /** Lets a void cancel the invoice's reads (voidInvoice with cancelReads). */
  cancelReadsWith(canceller: ReadCanceller): void {
    this.readCanceller = canceller;
  }

  /** Lets collections end a delinquency in the transaction of the void that clears it. */
  watchDelinquencies(watch: DelinquencyWatch): void {
    this.delinquencies = watch;
  }

  today(): string {
    return todayIn(this.config.timezone);
  }

  /** The retailer's calendar day at a moment. */
  dayOf(at: Date): string {
    return todayIn(this.config.timezone, at);
  }

  list(filter: InvoiceFilter): Promise<Connection<Invoice>> {
    const qb = this.db.manager.getRepository(Invoice).createQueryBuilder('i');
    if (filter.status) qb.andWhere('i.status = :status', { status: filter.status });
    if (filter.accountId) qb.andWhere('i.account_id = :accountId', { accountId: parseId(filter.accountId, 'Account') });
    return paginate(qb, filter, { order: 'DESC' });
  }

  find(id: string): Promise<Invoice | null> {
    return this.db.manager.getRepository(Invoice).findOneBy({ id: parseId(id, 'Invoice') });
  }

  byIds(ids: readonly string[]): Promise<Invoice[]> {
    return this.db.manager.getRepository(Invoice).findBy({ id: In([...ids]) });
  }

  linesByIds(ids: readonly string[]): Promise<InvoiceLine[]> {
    return this.db.manager.getRepository(InvoiceLine).findBy({ id: In([...ids]) });
  }

  linesFor(invoiceIds: readonly string[]): Promise<InvoiceLine[]> {
    return this.db.manager
      .getRepository(InvoiceLine)
      .find({ where: { invoiceId: In([...invoiceIds]) }, order: { invoiceId: 'ASC', position: 'ASC' } });
  }

  /**
   * Open amounts per account as of a day (default today), in the caller's transaction when given its em.
   * pastDue leaves out what the account's unapplied credit covers (credit goes to the oldest due first),
   * so no collections decision ever counts money the customer has already paid. An invoice under an OPEN
   * dispute counts in open but not in pastDue or oldestPastDue; asIfUndisputed counts it as if no dispute
   * were open (what a preview needs to say what disputes keep from a collections run).
   */
  async receivables(
    accountIds: readonly string[],
    asOf: string = this.today(),
    em: EntityManager = this.db.manager,
    asIfUndisputed = false,
  ): Promise<AccountReceivable[]> {
    if (accountIds.length === 0) return [];
    const counted = asIfUndisputed ? '1 = 1' : NOT_DISPUTED;
    const rows = (await em
      .getRepository(Invoice)
      .createQueryBuilder('i')
      .select('i.account_id', 'accountId')
      .addSelect('SUM(i.total - i.amount_paid)', 'open')
      .addSelect(`SUM(CASE WHEN i.due_date < :asOf AND ${counted} THEN i.total - i.amount_paid ELSE 0 END)`, 'pastDue')
      .addSelect(`MIN(CASE WHEN i.due_date < :asOf AND i.total > i.amount_paid AND ${counted} THEN i.due_date END)`, 'oldest')
      .addSelect(`SUM(CASE WHEN i.due_date < :asOf AND ${counted} AND i.kind = :fee THEN i.total - i.amount_paid ELSE 0 END)`, 'fees')
      .where('i.account_id IN (:...ids)', { ids: [...accountIds] })
      .andWhere('i.status = :issued', { issued: InvoiceStatus.ISSUED })
      .setParameter('asOf', asOf)
      .setParameter('fee', InvoiceKind.FEE)
      .groupBy('i.account_id')
      .getRawMany()) as Array<{
      accountId: string | number;
      open: string | number | null;
      pastDue: string | number | null;
      oldest: string | null;
      fees: string | number | null;
    }>;
    const byId = new Map(rows.map((r) => [String(r.accountId), r]));
    const owing = rows.filter((r) => Number(r.pastDue ?? 0) > 0).map((r) => String(r.accountId));
    const credit = await this.unappliedCredit(em, owing);
    // Credit beside a past-due amount is a state the hub repairs as soon as it arises; if one is ever met, the
    // invoices it covers are left out one by one (the rare case pays for the per-invoice read).
    const covered = await this.pastDueInvoices(
      em,
      owing.filter((id) => credit.has(id)),
      asOf,
      counted,
    );
    return accountIds.map((accountId) => {
      const r = byId.get(accountId);
      const raw = {
        accountId,
        open: Number(r?.open ?? 0),
        pastDue: Number(r?.pastDue ?? 0),
        oldestPastDue: r?.oldest ?? null,
        feesPastDue: Number(r?.fees ?? 0),
      };
      const c = credit.get(accountId);
      return c ? netOfCredit(raw, c, covered.get(accountId) ?? []) : raw;
    });
  }

  /** Unapplied credit per account (unapplied payments), for those that have some. */
  private async unappliedCredit(em: EntityManager, accountIds: readonly string[]): Promise<Map<string, number>> {
    if (accountIds.length === 0) return new Map();
    // The payment table by name: billing reads it here without depending on the payments module.
    const rows = (await em.query(
      `SELECT account_id, SUM(unapplied) AS credit FROM payment WHERE status = 'APPLIED' AND unapplied > 0 AND account_id IN (${accountIds
        .map(() => '?')
        .join(', ')}) GROUP BY account_id`,
      accountIds.map(Number),
    )) as Array<{ account_id: string | number; credit: string | number }>;
    return new Map(rows.filter((r) => Number(r.credit) > 0).map((r) => [String(r.account_id), Number(r.credit)]));
  }

  /** The open invoices due before asOf of these accounts that meet `counted` (a condition on `i`), oldest due first. */
  private async pastDueInvoices(
    em: EntityManager,
    accountIds: readonly string[],
    asOf: string,
    counted: string,
  ): Promise<Map<string, OpenAmount[]>> {
    const out = new Map<string, OpenAmount[]>();
    if (accountIds.length === 0) return out;
    const invoices = await em
      .getRepository(Invoice)
      .createQueryBuilder('i')
      .where('i.account_id IN (:...ids)', { ids: [...accountIds] })
      .andWhere(`i.status = :issued AND i.total > i.amount_paid AND i.due_date < :asOf AND ${counted}`, {
        issued: InvoiceStatus.ISSUED,
        asOf,
      })
      .orderBy('i.due_date', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .getMany();
    for (const i of invoices)
      out.set(i.accountId, [...(out.get(i.accountId) ?? []), { dueDate: i.dueDate ?? asOf, open: i.total - i.amountPaid }]);
    return out;
  }

  daysPastDue(r: AccountReceivable, asOf: string = this.today()): number {
    return r.oldestPastDue ? daysBetween(r.oldestPastDue, asOf) : 0;
  }

  /**
   * A collections fee on an invoice of its own, inside the caller's transaction:
   * one FEE line and the taxes of the account's zone in effect on asOf that
   * apply to fees, ISSUED and due on asOf. billingKey is unique while the
   * invoice stands, so a retried run cannot charge the same fee twice.
   */
  async createFeeInvoice(
    tx: Tx,
    account: Account,
    fee: { amount: number; description: string; asOf: string; billingKey: string },
  ): Promise<Invoice> {
    const now = new Date();
    const feeLine = { kind: InvoiceLineKind.FEE, description: fee.description.slice(0, 255), amount: fee.amount, taxCode: null };
    // A fee invoice's day of service is its issue date.
    const taxes = invoiceTaxes({ payer: account, day: fee.asOf, lines: [feeLine], rates: await loadTaxRates(tx.em) });
    const lines = [
      feeLine,
      ...taxes.map((t) => ({ kind: InvoiceLineKind.TAX, description: t.description.slice(0, 255), amount: t.amount, taxCode: t.code })),
    ];
    const invoice = await tx.em.getRepository(Invoice).save(
      Object.assign(new Invoice(), {
        accountId: account.id,
        billRunId: null,
        kind: InvoiceKind.FEE,
        billingKey: fee.billingKey,
        periodStart: fee.asOf,
        periodEnd: fee.asOf,
        issueDate: fee.asOf,
        dueDate: fee.asOf,
        status: InvoiceStatus.ISSUED,
        total: lines.reduce((sum, l) => sum + l.amount, 0),
        amountPaid: 0,
        amountCredited: 0,
        voidReason: null,
        quantity: 0,
        days: 0,
        createdAt: now,
        updatedAt: now,
      }),
    );
    await tx.em.getRepository(InvoiceLine).insert(
      lines.map((line, position) =>
        Object.assign(new InvoiceLine(), {
          invoiceId: invoice.id,
          position,
          ...line,
          quantity: null,
          unitPrice: null,
          periodStart: null,
          periodEnd: null,
        }),
      ),
    );
    tx.emit(invoiceIssuedEvent(invoice, account.number));
    await this.issuing.invoiceIssued(tx, invoice, account);
    return tx.em.getRepository(Invoice).findOneByOrFail({ id: invoice.id });
  }

  /** Locks an invoice's row for the transaction and reads it. */
  async lockInvoice(em: EntityManager, id: string): Promise<Invoice> {
    await em.createQueryBuilder().update(Invoice).set({ updatedAt: new Date() }).where('id = :id', { id }).execute();
    const invoice = await em.getRepository(Invoice).findOneBy({ id });
    if (!invoice) throw notFound(`Invoice ${id}`);
    return invoice;
  }

  /** HELD to ISSUED: issued today, due after the segment's terms; its exceptions and review item are resolved. */
  async release(actor: Principal, id: string, note: string | null | undefined): Promise<Invoice> {
    parseId(id, 'Invoice');
    const resolution = note?.trim() ? requireText(note, 'note', 2000) : `Released by ${signatureOf(actor)}`;
    return this.db.transaction(async (tx) => {
      const found = await tx.em.getRepository(Invoice).findOneBy({ id });
      if (!found) throw notFound(`Invoice ${id}`);
      // The account first, as payments, credit notes and reversals take it: the release spends the account's
      // unapplied credit, which one of them may be spending on another invoice at the same moment.
      await lockAccounts(tx.em, [found.accountId]);
      const before = await this.lockInvoice(tx.em, id);
      if (before.status !== InvoiceStatus.HELD)
        throw invalidState(`Invoice ${invoiceNumber(id)} is ${before.status}; only a HELD invoice can be released`);
      const account = await tx.em.getRepository(Account).findOneByOrFail({ id: before.accountId });
      const rules = (await this.rules.resolver())(account.segment);
      const issueDate = this.today();
      await tx.em
        .getRepository(Invoice)
        .update({ id }, { status: InvoiceStatus.ISSUED, issueDate, dueDate: addDays(issueDate, rules.paymentTermsDays) });
      const after = await tx.em.getRepository(Invoice).findOneByOrFail({ id });
      const open = await tx.em.getRepository(BillingException).findBy({ invoiceId: id, status: ExceptionStatus.OPEN });
      await this.exceptions.resolve(tx, open, account, resolution, actor.name);
      await this.workQueues.resolveItemsFor(tx, { invoiceId: id }, resolution, actor.name);
      const issued = invoiceIssuedEvent(after, account.number, note ?? null);
      tx.emit({ ...issued, type: EventType.INVOICE_RELEASED });
      // Released means issued: integrators that send bills out on INVOICE_ISSUED send this one too.
      tx.emit(issued);
      tx.audit({
        actor: actor.name,
        action: 'releaseInvoice',
        subjectType: 'Invoice',
        subjectId: id,
        before: snapshot(before),
        after: { ...snapshot(after), note },
      });
      await this.issuing.invoiceIssued(tx, after, account);
      return tx.em.getRepository(Invoice).findOneByOrFail({ id });
    });
  }

  /**
   * HELD or unpaid ISSUED to VOID: its reads become billable again, its one-time credits apply again next time
   * (less what it carried forward, which stays pending), and the carried credits it took are pending again.
   * With cancelReads its reads are cancelled instead, so a bad read is not billed again.
   */
  async void(actor: Principal, id: string, reason: string, cancelReads = false): Promise<Invoice> {
    parseId(id, 'Invoice');
    const why = requireText(reason, 'reason', 2000);
    return this.db.transaction(async (tx) => {
      const found = await tx.em.getRepository(Invoice).findOneBy({ id });
      if (!found) throw notFound(`Invoice ${id}`);
      // The account first, as imports and bill runs take it: a read replaced meanwhile waits for this void.
      await lockAccounts(tx.em, [found.accountId]);
      const before = await this.lockInvoice(tx.em, id);
      // An invoice of 0.00 (credits took all of it) is PAID by nothing: it voids as an unpaid one does.
      const unpaid =
        before.amountPaid === 0 && (before.status === InvoiceStatus.ISSUED || (before.status === InvoiceStatus.PAID && before.total === 0));
      const voidable = before.status === InvoiceStatus.HELD || unpaid;
      if (!voidable) {
        throw invalidState(
          before.status === InvoiceStatus.ISSUED && before.amountCredited > 0
            ? `Invoice ${invoiceNumber(id)} has credit notes (${formatMoney(before.amountCredited)}); credit what is left instead of voiding`
            : before.status === InvoiceStatus.ISSUED
              ? `Invoice ${invoiceNumber(id)} has payments applied (${formatMoney(before.amountPaid)}); reverse them before voiding`
              : `Invoice ${invoiceNumber(id)} is ${before.status}; only a HELD invoice, an unpaid ISSUED one or one of 0.00 can be voided`,
        );
      }
      return this.voidInTx(tx, actor, before, why, { cancelReads });
    });
  }

  /**
   * Voids a HELD or unpaid ISSUED invoice in the caller's transaction (its account and row locked): frees its
   * reads (or cancels them), gives back its credits, resolves its exceptions and work items, emits INVOICE_VOIDED.
   */
  async voidInTx(tx: Tx, actor: Principal, before: Invoice, why: string, opts: { cancelReads?: boolean } = {}): Promise<Invoice> {
    const id = before.id;
    const account = await tx.em.getRepository(Account).findOneByOrFail({ id: before.accountId });
    await tx.em.getRepository(Invoice).update({ id }, { status: InvoiceStatus.VOID, billingKey: null, voidReason: why });
    const reads = await tx.em.getRepository(UsageRead).findBy({ invoiceId: id });
    await tx.em.getRepository(UsageRead).update({ invoiceId: id }, { invoiceId: null });
    if (opts.cancelReads) {
      const counting = reads.filter((r) => r.live === 1).map((r) => ({ ...r, invoiceId: null }) as UsageRead);
      await this.readCanceller?.cancelInTx(tx, actor, counting, `invoice ${invoiceNumber(id)} voided: ${why}`, { quiet: true });
    }
    await tx.em.getRepository(Enrollment).update({ firstInvoiceId: id }, { firstInvoiceId: null });
    await this.pendingCredits.giveBack(tx, id);
    const open = await tx.em.getRepository(BillingException).findBy({ invoiceId: id, status: ExceptionStatus.OPEN });
    const resolution = `Voided by ${signatureOf(actor)}: ${why}`;
    await this.exceptions.resolve(tx, open, account, resolution, actor.name);
    await this.workQueues.resolveItemsFor(tx, { invoiceId: id }, resolution, actor.name);
    if (before.status === InvoiceStatus.ISSUED) await this.delinquencies?.endIfCleared(tx, account.id, `void of ${invoiceNumber(id)}`);
    const after = await tx.em.getRepository(Invoice).findOneByOrFail({ id });
    tx.emit({
      type: EventType.INVOICE_VOIDED,
      subjectId: id,
      accountNumber: account.number,
      payload: { number: invoiceNumber(id), total: formatMoney(after.total), reason: why, readsCancelled: opts.cancelReads === true },
    });
    tx.audit({
      actor: actor.name,
      action: 'voidInvoice',
      subjectType: 'Invoice',
      subjectId: id,
      before: snapshot(before),
      after: { ...snapshot(after), reason: why, cancelReads: opts.cancelReads === true },
    });
    return after;
  }
}
