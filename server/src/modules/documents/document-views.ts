import { In, Not } from 'typeorm';
import { notFound } from '../../common/errors/hub-error';
import { laterDay, todayIn } from '../../common/dates';
import type { Database } from '../../db/database';
import { groupInto } from '../../common/grouping';
import { Account } from '../accounts/account.entity';
import { addressLines, postalAddressOf } from '../accounts/postal-address';
import { Invoice, InvoiceLine, InvoiceLineKind, InvoiceStatus } from '../billing/billing.entity';
import { invoiceNumber } from '../billing/invoice-number';
import { CollectionsAction, CollectionsActionType } from '../collections/collections.entity';
import { Payment, PaymentStatus } from '../payments/payment.entity';
import { Refund } from '../payments/refund.entity';
import { readStatus, UsageReadStatus } from '../usage/usage.entity';
import {
  movesSince,
  otherOpen,
  previousBill,
  previousFiguresAt,
  unappliedCredit,
  unitsByInvoice,
  usageHistory,
  type AccountInvoiceRow,
  type AccountPaymentRow,
  type AccountRefundRow,
  type AccountUsageRow,
} from './bill-history';
import { accountSummary, billPeriod, chartStart, groupLines, micros, printedLines, splitTaxes, usageBars } from './bill-view';
import { Document, DocumentKind } from './document.entity';
import type { BrandingService } from './branding.service';
import { BrandingService as Brandings } from './branding.service';
import type { BillLineView, BillView, BrandingView, CreditNoteView, LetterView, RecipientView } from './document-view';
import { CreditNote, CreditNoteLine } from '../credits/credit-note.entity';
import { creditNoteNumber } from '../credits/credit-note-number';

/** A line as stored; `estimated` exists once estimated reads are recorded, and is read when it does. */
type StoredLine = InvoiceLine & { estimated?: boolean | null };

/** A usage line as usageOf reads it, with its read (those columns null when it names none). */
interface UsageLineRow {
  a: unknown;
  i: unknown;
  e: string;
  q: unknown;
  g: string | null;
  r: unknown;
  ri: unknown;
  live: unknown;
  rb: unknown;
  rc: string | Date | null;
}

/**
 * A bill's view, the account it goes to and the moment its account figures were read at (kept as its
 * document's createdAt: the next bill counts what was recorded after it), or why it could not be read.
 */
export type BillRead = { accountId: string; view: BillView; figuresAt: Date } | { error: Error };

/** What is read for one bill of a batch: its account, lines and unit, and its account's history. */
interface BillData {
  account: Account;
  lines: StoredLine[];
  unit: string;
  branding: BrandingView;
  invoices: AccountInvoiceRow[];
  payments: AccountPaymentRow[];
  refunds: AccountRefundRow[];
  usage: AccountUsageRow[];
  /** When each bill was drawn (its figures read), by invoice id. */
  drawnAt: ReadonlyMap<string, Date>;
  /** When the account's figures were read. */
  now: Date;
}

/** The first of some YYYY-MM-DD days. */
const earliest = (days: readonly string[]) => days.reduce((first, day) => (day < first ? day : first));

function recipient(account: Account): RecipientView {
  const address = postalAddressOf(account);
  return { name: account.name, number: account.number, addressLines: address ? addressLines(address) : [] };
}

function lineView(line: StoredLine, unit: string): BillLineView {
  const detail = line.quantity !== null && line.unitPrice !== null ? `${micros(line.quantity)} ${unit} × ${micros(line.unitPrice)}` : null;
  return { kind: String(line.kind), description: line.description, detail, amount: line.amount, estimated: line.estimated === true };
}

/**
 * Reads what a document shows into its view model (document-view.ts). Reads
 * only, outside any transaction: documents are rendered after the invoice or
 * letter has committed, never inside a bill run.
 */
export class DocumentViews {
  constructor(
    private readonly db: Database,
    private readonly branding: BrandingService,
    private readonly timezone: string,
  ) {}

  /** One bill's view (a preview, or a bill rendered alone): the batch's reads for a batch of one. */
  async bill(invoiceId: string): Promise<BillView> {
    const read = (await this.bills([invoiceId])).get(invoiceId);
    if (!read || 'error' in read) throw read?.error ?? notFound(`Invoice ${invoiceId}`);
    return read.view;
  }

  /**
   * The views of a batch of bills, read with the same ten statements however
   * many bills: the invoices, their lines and units, the branding, then their
   * accounts with each account's other invoices, payments, refunds, bills drawn
   * and usage lines, grouped here. A bill that cannot be read (its invoice is
   * gone) gets its error; the others their view.
   */
  async bills(invoiceIds: readonly string[]): Promise<Map<string, BillRead>> {
    const em = this.db.manager;
    const ids = [...new Set(invoiceIds)];
    const reads = new Map<string, BillRead>();
    if (ids.length === 0) return reads;
    const [invoices, lines, units, branding] = await Promise.all([
      em.getRepository(Invoice).findBy({ id: In(ids) }),
      em.getRepository(InvoiceLine).find({ where: { invoiceId: In(ids) }, order: { position: 'ASC' } }) as Promise<StoredLine[]>,
      this.unitsOf(ids),
      this.branding.current(),
    ]);
    for (const id of ids) if (!invoices.some((i) => i.id === id)) reads.set(id, { error: notFound(`Invoice ${id}`) });
    if (invoices.length === 0) return reads;
    const accountIds = [...new Set(invoices.map((i) => i.accountId))];
    // Taken before the reads: what is recorded while they run may be in them, and is then counted again by the
    // next bill rather than by none.
    const now = new Date();
    const [accounts, accountInvoices, payments, refunds, drawn, usage] = await Promise.all([
      em.getRepository(Account).findBy({ id: In(accountIds) }),
      em.getRepository(Invoice).find({
        select: { id: true, accountId: true, status: true, issueDate: true, total: true, amountPaid: true },
        where: { accountId: In(accountIds), status: Not(InvoiceStatus.VOID) },
      }),
      em.getRepository(Payment).find({
        select: {
          id: true,
          accountId: true,
          amount: true,
          status: true,
          unapplied: true,
          createdAt: true,
          reversedAt: true,
          creditNoteId: true,
        },
        where: { accountId: In(accountIds), status: In([PaymentStatus.APPLIED, PaymentStatus.REVERSED]) },
      }),
      em
        .getRepository(Refund)
        .find({ select: { id: true, accountId: true, amount: true, createdAt: true }, where: { accountId: In(accountIds) } }),
      em.getRepository(Document).find({
        select: { id: true, accountId: true, invoiceId: true, createdAt: true },
        where: { accountId: In(accountIds), kind: DocumentKind.INVOICE },
      }),
      this.usageOf(accountIds, earliest(invoices.map((i) => chartStart(billPeriod(i.periodStart, i.periodEnd).last)))),
    ]);
    const linesOf = groupInto(lines, (l) => l.invoiceId);
    const accountOf = new Map(accounts.map((a) => [a.id, a]));
    const invoicesOf = groupInto(accountInvoices, (i) => i.accountId);
    const paymentsOf = groupInto(payments, (p) => p.accountId);
    const refundsOf = groupInto(refunds, (r) => r.accountId);
    const drawnAt = new Map(drawn.map((d) => [d.invoiceId as string, d.createdAt]));
    const usageOf = groupInto(usage, (u) => u.accountId);
    const brand = Brandings.view(branding);
    for (const invoice of invoices) {
      const account = accountOf.get(invoice.accountId);
      if (!account) {
        reads.set(invoice.id, { error: notFound(`Account ${invoice.accountId} of invoice ${invoice.id}`) });
        continue;
      }
      const view = this.billView(invoice, {
        account,
        lines: linesOf.get(invoice.id) ?? [],
        unit: units.get(invoice.id) ?? 'units',
        branding: brand,
        invoices: invoicesOf.get(account.id) ?? [],
        payments: paymentsOf.get(account.id) ?? [],
        refunds: refundsOf.get(account.id) ?? [],
        usage: usageOf.get(account.id) ?? [],
        drawnAt,
        now,
      });
      reads.set(invoice.id, { accountId: account.id, view, figuresAt: now });
    }
    return reads;
  }

  /** A bill's view from its invoice and what was read for it. */
  private billView(invoice: Invoice, data: BillData): BillView {
    const views = printedLines(data.lines.map((l) => lineView(l, data.unit)));
    const period = billPeriod(invoice.periodStart, invoice.periodEnd);
    const previous = previousBill(invoice, data.invoices);
    const moves = movesSince(data.payments, data.refunds, previousFiguresAt(previous, data.drawnAt, data.now));
    const { subtotal, taxes } = splitTaxes(views);
    const invoiceDue = invoice.status === InvoiceStatus.VOID ? 0 : invoice.total - invoice.amountPaid;
    const summary = accountSummary({
      otherOpen: otherOpen(invoice, data.invoices),
      invoiceDue,
      unappliedCredit: unappliedCredit(data.payments),
      total: invoice.total,
      ...moves,
    });
    const address = recipient(data.account);
    return {
      branding: data.branding,
      account: address,
      serviceAddressLines: address.addressLines,
      number: invoiceNumber(invoice.id),
      issueDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      period,
      groups: groupLines(views),
      subtotal,
      taxes,
      total: invoice.total,
      previousBalance: summary.previousBalance,
      ...moves,
      amountDue: summary.amountDue,
      estimated: views.some((v) => v.estimated),
      usage: usageBars(period.last, usageHistory(invoice, data.invoices, data.usage)),
      unit: data.unit,
      preview: invoice.status === InvoiceStatus.HELD,
    };
  }

  async letter(actionId: string): Promise<LetterView> {
    const em = this.db.manager;
    const action = await em.getRepository(CollectionsAction).findOneBy({ id: actionId });
    if (!action) throw notFound(`Collections action ${actionId}`);
    const [account, branding] = await Promise.all([
      em.getRepository(Account).findOneByOrFail({ id: action.accountId }),
      this.branding.current(),
    ]);
    // The letter states the account as the action found it: its text was filled in then, and its figures were kept
    // with it (not the account as it stands when the letter is drawn, which a payment since would contradict).
    const figures =
      action.pastDue !== null && action.daysPastDue !== null ? { pastDue: action.pastDue, daysPastDue: action.daysPastDue } : null;
    // Dated the day it was sent: a run dated earlier sends its letters today.
    const sent = todayIn(this.timezone, action.createdAt);
    return {
      branding: Brandings.view(branding),
      account: recipient(account),
      date: laterDay(action.asOf, sent),
      title: action.action === CollectionsActionType.REMINDER ? 'Payment reminder' : 'Overdue account',
      body: action.detail,
      figures,
    };
  }

  async creditNote(creditNoteId: string): Promise<CreditNoteView> {
    const em = this.db.manager;
    const note = await em.getRepository(CreditNote).findOneBy({ id: creditNoteId });
    if (!note) throw notFound(`Credit note ${creditNoteId}`);
    const [account, lines, branding] = await Promise.all([
      em.getRepository(Account).findOneByOrFail({ id: note.accountId }),
      em.getRepository(CreditNoteLine).find({ where: { creditNoteId }, order: { position: 'ASC' } }),
      this.branding.current(),
    ]);
    return {
      branding: Brandings.view(branding),
      account: recipient(account),
      number: creditNoteNumber(note.id),
      invoiceNumber: invoiceNumber(note.invoiceId),
      issueDate: note.issueDate,
      reason: note.reason,
      lines: lines.map((l) => ({ description: l.description, amount: l.amount })),
      total: note.total,
    };
  }

  /** The unit of the product that priced each invoice's usage (invoices whose lines name no rate are left out). */
  private async unitsOf(invoiceIds: readonly string[]): Promise<Map<string, string>> {
    const rows = (await this.db.manager.query(
      `SELECT l.invoice_id AS i, p.unit AS unit FROM invoice_line l JOIN rate r ON r.id = l.rate_id JOIN product p ON p.id = r.product_id
       WHERE l.invoice_id IN (${invoiceIds.map(() => '?').join(', ')}) ORDER BY l.invoice_id, l.id`,
      invoiceIds.map(Number),
    )) as Array<{ i: unknown; unit: string }>;
    return unitsByInvoice(rows.map((r) => ({ invoiceId: String(r.i), unit: r.unit })));
  }

  /**
   * The usage lines of the accounts' invoices (but VOID ones) ending after `from`, each with its read as it stands
   * now, for the usage charts (bill-history.ts `usageHistory` decides what still counts).
   */
  private async usageOf(accountIds: readonly string[], from: string): Promise<Array<AccountUsageRow & { accountId: string }>> {
    const rows = (await this.db.manager.query(
      `SELECT i.account_id AS a, l.invoice_id AS i, l.period_end AS e, l.quantity AS q, l.register AS g, l.usage_read_id AS r,
              r.invoice_id AS ri, r.live AS live, r.replaced_by_id AS rb, r.cancelled_at AS rc
         FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id LEFT JOIN usage_read r ON r.id = l.usage_read_id
        WHERE i.account_id IN (${accountIds.map(() => '?').join(', ')}) AND i.status <> ? AND l.kind = ? AND l.period_end > ?`,
      [...accountIds.map(Number), InvoiceStatus.VOID, InvoiceLineKind.USAGE, from],
    )) as UsageLineRow[];
    const id = (value: unknown) => (value === null ? null : String(value));
    return rows.map((row) => {
      const read = {
        invoiceId: id(row.ri),
        replacedById: id(row.rb),
        live: row.live === null ? null : Number(row.live),
        cancelledAt: row.rc === null ? null : new Date(row.rc),
      };
      return {
        accountId: String(row.a),
        invoiceId: String(row.i),
        periodEnd: row.e,
        quantity: Number(row.q),
        register: row.g,
        read: row.r === null ? null : { invoiceId: read.invoiceId, counts: readStatus(read) === UsageReadStatus.BILLED },
      };
    });
  }
}
