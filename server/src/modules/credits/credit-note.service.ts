import { In, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/roles';
import { todayIn } from '../../common/dates';
import { badInput, invalidState, notFound } from '../../common/errors/hub-error';
import { formatMoney } from '../../common/money';
import { paginate, type Connection, type PageArgs } from '../../common/pagination/connection';
import { parseId, requireText } from '../../common/validation';
import { insertOne, runWrite, type Database, type Tx } from '../../db/database';
import { EventType } from '../../events/event-types';
import { Enrollment } from '../accounts/account.entity';
import { lockAccount } from '../accounts/account.service';
import { Invoice, InvoiceLine, InvoiceLineKind, InvoiceStatus } from '../billing/billing.entity';
import { invoiceNumber } from '../billing/invoice-number';
import type { PendingCreditService } from '../billing/pending-credit.service';
import type { PaymentService } from '../payments/payment.service';
import { loadTaxRates } from '../taxes/tax-rate.service';
import { UsageRead } from '../usage/usage.entity';
import { computeCreditNote, creditsPastLeft, CreditRuleError, type CreditableLine, type CreditItem } from './credit-lines';
import { CreditNote, CreditNoteLine } from './credit-note.entity';
import type { CreditInvoiceInput } from './credit.inputs';
import { creditNoteNumber } from './credit-note-number';
import { invoiceTaxDay, invoiceTaxRates } from './invoice-tax-rates';

/** What to credit of one invoice, for callers inside a transaction. */
export interface CreditRequest {
  invoiceId: string;
  reason: string;
  /** Amounts per invoice line, in cents with the line's sign; null for a full credit. */
  items: CreditItem[] | null;
  /** Full credit only: the invoice's reads become billable again. */
  rebill?: boolean;
  /**
   * A read correction's items: when they come to more than the invoice has left (its one-time credits took part
   * of what they charged), the invoice is credited in full with rebill instead, so those credits apply again.
   */
  rebillWhenPastLeft?: boolean;
  /** Who issues it (an operator's name, or 'system'). */
  actor: string;
}

/**
 * Credit notes: each credits one invoice, in full or by line, never past what
 * the invoice has left to credit. Every note is written under the account's
 * lock and then the invoice's row lock, so two notes on one invoice at once
 * queue up and the second sees what the first took. Its amount goes to the
 * invoice while it is open, the rest is unapplied credit (payments module).
 */
export class CreditNoteService {
  constructor(
    private readonly db: Database,
    private readonly payments: PaymentService,
    private readonly pendingCredits: PendingCreditService,
    private readonly timezone: string,
  ) {}

  find(id: string): Promise<CreditNote | null> {
    return this.db.manager.getRepository(CreditNote).findOneBy({ id: parseId(id, 'CreditNote') });
  }

  byIds(ids: readonly string[]): Promise<CreditNote[]> {
    return this.db.manager.getRepository(CreditNote).findBy({ id: In([...ids]) });
  }

  forInvoices(invoiceIds: readonly string[]): Promise<CreditNote[]> {
    return this.db.manager.getRepository(CreditNote).find({ where: { invoiceId: In([...invoiceIds]) }, order: { id: 'ASC' } });
  }

  linesFor(noteIds: readonly string[]): Promise<CreditNoteLine[]> {
    return this.db.manager
      .getRepository(CreditNoteLine)
      .find({ where: { creditNoteId: In([...noteIds]) }, order: { creditNoteId: 'ASC', position: 'ASC' } });
  }

  listForAccount(accountId: string, page: PageArgs): Promise<Connection<CreditNote>> {
    const qb = this.db.manager.getRepository(CreditNote).createQueryBuilder('c').where('c.account_id = :accountId', { accountId });
    return paginate(qb, page, { order: 'DESC' });
  }

  /**
   * Per invoice, what its own credit notes applied to it (part of its amount_paid column), for the
   * amountPaid the API shows; only invoices with credit notes are asked.
   */
  async ownCreditApplied(invoiceIds: readonly string[]): Promise<number[]> {
    if (invoiceIds.length === 0) return [];
    const rows = (await this.db.manager.query(
      `SELECT pa.invoice_id AS invoiceId, SUM(pa.amount) AS applied
         FROM payment_allocation pa
         JOIN payment p ON p.id = pa.payment_id
         JOIN credit_note c ON c.id = p.credit_note_id AND c.invoice_id = pa.invoice_id
        WHERE pa.invoice_id IN (${invoiceIds.map(() => '?').join(', ')})
        GROUP BY pa.invoice_id`,
      invoiceIds.map(Number),
    )) as Array<{ invoiceId: string | number; applied: string | number }>;
    const byId = new Map(rows.map((r) => [String(r.invoiceId), Number(r.applied)]));
    return invoiceIds.map((id) => byId.get(id) ?? 0);
  }

  /** creditInvoice: validates the input, then issues the note in a transaction of its own. */
  async creditInvoice(actor: Principal, input: CreditInvoiceInput): Promise<CreditNote> {
    const invoiceId = parseId(input.invoiceId, 'Invoice');
    const reason = requireText(input.reason, 'reason', 2000);
    const items = input.items ?? null;
    if (input.rebill && items !== null) throw badInput('rebill needs a full credit: omit items to credit every line and rebill the reads');
    const parsed = items?.map((item, i) => ({
      invoiceLineId: parseId(item.invoiceLineId, `items[${i}] invoice line`),
      amount: item.amount,
    }));
    return this.db.transaction((tx) =>
      this.creditInTx(tx, { invoiceId, reason, items: parsed ?? null, rebill: !!input.rebill, actor: actor.name }),
    );
  }

  /**
   * Issues a credit note inside the caller's transaction: other modules call
   * this to credit given lines of an invoice (a replaced read's charges) with
   * the change that calls for it. Locks the account, then the invoice.
   */
  async creditInTx(tx: Tx, request: CreditRequest): Promise<CreditNote> {
    const found = await tx.em.getRepository(Invoice).findOneBy({ id: request.invoiceId });
    if (!found) throw notFound(`Invoice ${request.invoiceId}`);
    const account = await lockAccount(tx.em, found.accountId);
    const invoice = await lockInvoice(tx.em, found.id);
    const number = invoiceNumber(invoice.id);
    if (invoice.status !== InvoiceStatus.ISSUED && invoice.status !== InvoiceStatus.PAID)
      throw invalidState(
        `Invoice ${number} is ${invoice.status}; only an ISSUED or PAID invoice can be credited${invoice.status === InvoiceStatus.HELD ? ' (void a HELD one instead)' : ''}`,
      );
    if (request.rebill && request.items !== null) throw badInput('rebill needs a full credit: omit items');

    const lines = await this.creditableLines(tx.em, invoice);
    let { items, rebill } = request;
    const taxLines = lines.filter((l) => l.kind === InvoiceLineKind.TAX);
    // Only a partial credit derives tax, and only an invoice with TAX lines has any to derive.
    const taxRates =
      items === null || taxLines.length === 0
        ? []
        : invoiceTaxRates({
            taxLines: taxLines.map((l) => ({ taxCode: l.taxCode ?? null, description: l.description })),
            zone: account.taxZone,
            day: invoiceTaxDay(invoice),
            rates: await loadTaxRates(tx.em),
          });
    if (request.rebillWhenPastLeft && items !== null && creditsPastLeft(lines, items, taxRates)) [items, rebill] = [null, true];
    let computed;
    try {
      computed = computeCreditNote({ lines, items, taxRates });
    } catch (error) {
      if (error instanceof CreditRuleError) throw badInput(`Invoice ${number}: ${error.message}`);
      throw error;
    }

    const now = new Date();
    const note = Object.assign(new CreditNote(), {
      accountId: account.id,
      invoiceId: invoice.id,
      reason: request.reason,
      total: computed.total,
      appliedToInvoice: 0,
      fullCredit: items === null,
      rebill: !!rebill,
      issueDate: todayIn(this.timezone),
      createdBy: request.actor,
      createdAt: now,
    });
    note.id = await insertOne(tx.em, CreditNote, note);
    await tx.em.getRepository(CreditNoteLine).insert(
      computed.lines.map((line, position) =>
        Object.assign(new CreditNoteLine(), {
          creditNoteId: note.id,
          invoiceLineId: line.invoiceLineId,
          position,
          kind: line.kind as InvoiceLineKind,
          description: line.description.slice(0, 255),
          amount: line.amount,
        }),
      ),
    );
    // Compare-and-set on what was read under the lock: the total credited can only grow by this note.
    const { affected } = await runWrite(
      tx.em,
      'UPDATE invoice SET amount_credited = ?, updated_at = ? WHERE id = ? AND amount_credited = ?',
      [invoice.amountCredited + note.total, now, Number(invoice.id), invoice.amountCredited],
    );
    if (affected !== 1) throw new Error(`invoice ${invoice.id} was credited by another note meanwhile`);

    note.appliedToInvoice = await this.payments.creditFromNote(tx, {
      id: note.id,
      accountId: account.id,
      amount: note.total,
      invoiceId: invoice.id,
    });
    await tx.em.getRepository(CreditNote).update({ id: note.id }, { appliedToInvoice: note.appliedToInvoice });
    if (rebill) await this.rebill(tx, invoice.id);

    tx.emit({
      type: EventType.CREDIT_NOTE_ISSUED,
      subjectId: note.id,
      accountNumber: account.number,
      payload: {
        number: creditNoteNumber(note.id),
        invoiceId: invoice.id,
        invoiceNumber: number,
        total: formatMoney(note.total),
        appliedToInvoice: formatMoney(note.appliedToInvoice),
        unappliedCredit: formatMoney(note.total - note.appliedToInvoice),
        full: note.fullCredit,
        rebill: note.rebill,
        reason: note.reason,
      },
    });
    tx.audit({
      actor: request.actor,
      action: 'creditInvoice',
      subjectType: 'CreditNote',
      subjectId: note.id,
      before: { invoice: number, amountCredited: invoice.amountCredited },
      after: { ...note, number: creditNoteNumber(note.id), lines: computed.lines },
    });
    return note;
  }

  /** The invoice's lines with what earlier credit notes took of each. */
  private async creditableLines(em: EntityManager, invoice: Invoice): Promise<CreditableLine[]> {
    const lines = await em.getRepository(InvoiceLine).find({ where: { invoiceId: invoice.id }, order: { position: 'ASC' } });
    const taken = (await em.query(
      `SELECT l.invoice_line_id AS lineId, SUM(l.amount) AS credited
         FROM credit_note_line l JOIN credit_note c ON c.id = l.credit_note_id
        WHERE c.invoice_id = ? AND l.invoice_line_id IS NOT NULL
        GROUP BY l.invoice_line_id`,
      [Number(invoice.id)],
    )) as Array<{ lineId: string | number; credited: string | number }>;
    const byLine = new Map(taken.map((t) => [String(t.lineId), Number(t.credited)]));
    const untaxed = await this.untaxedCharges(em, invoice.id, lines);
    return lines.map((l) => ({
      id: l.id,
      kind: l.kind,
      description: l.description,
      amount: l.amount,
      credited: byLine.get(l.id) ?? 0,
      taxCode: l.taxCode,
      taxable: !untaxed.has(l.id),
    }));
  }

  /**
   * The CHARGE lines billed from charges added as not taxable: the invoice line
   * does not say so, the pending charge it billed does (matched by amount and
   * words, each charge to one line).
   */
  private async untaxedCharges(em: EntityManager, invoiceId: string, lines: InvoiceLine[]): Promise<Set<string>> {
    const charges = lines.filter((l) => l.kind === InvoiceLineKind.CHARGE);
    if (charges.length === 0) return new Set();
    const rows = (await em.query('SELECT amount, description, taxable FROM pending_charge WHERE invoice_id = ?', [
      Number(invoiceId),
    ])) as Array<{
      amount: string | number;
      description: string;
      taxable: string | number | boolean;
    }>;
    const out = new Set<string>();
    const free = [...charges];
    for (const row of rows) {
      const i = free.findIndex((l) => l.amount === Number(row.amount) && l.description === row.description);
      if (i < 0) continue;
      const [line] = free.splice(i, 1);
      if (!(Number(row.taxable) === 1 || row.taxable === true)) out.add(line.id);
    }
    return out;
  }

  /**
   * A full credit with rebill: the invoice's reads are unbilled again and its
   * sign-up and carried credits apply again next time, as for a void; the
   * invoice itself stands, netted to zero by the note.
   */
  private async rebill(tx: Tx, invoiceId: string): Promise<void> {
    await tx.em.getRepository(Invoice).update({ id: invoiceId }, { billingKey: null });
    await tx.em.getRepository(UsageRead).update({ invoiceId }, { invoiceId: null });
    await tx.em.getRepository(Enrollment).update({ firstInvoiceId: invoiceId }, { firstInvoiceId: null });
    await this.pendingCredits.giveBack(tx, invoiceId);
  }
}

/** The invoice's row, locked for the rest of the transaction (a write takes the row lock on both databases). */
async function lockInvoice(em: EntityManager, id: string): Promise<Invoice> {
  await em.createQueryBuilder().update(Invoice).set({ updatedAt: new Date() }).where('id = :id', { id }).execute();
  return em.getRepository(Invoice).findOneByOrFail({ id });
}
