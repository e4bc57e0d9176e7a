import { In, Not } from 'typeorm';
import { notFound } from '../../common/errors/hub-error';
import type { Database } from '../../db/database';
import { addDays, todayIn } from '../../common/dates';
import { Account } from '../accounts/account.entity';
import { addressLines, postalAddressOf } from '../accounts/postal-address';
import { Invoice, InvoiceKind, InvoiceLine, InvoiceStatus } from '../billing/billing.entity';
import { invoiceNumber } from '../billing/invoice-number';
import type { InvoiceService } from '../billing/invoice.service';
import { CollectionsAction, CollectionsActionType } from '../collections/collections.entity';
import { Payment, PaymentStatus } from '../payments/payment.entity';
import { accountSummary, groupLines, micros, splitTaxes, usageBars } from './bill-view';
import type { BrandingService } from './branding.service';
import { BrandingService as Brandings } from './branding.service';
import type { BillLineView, BillView, CreditNoteView, LetterView, RecipientView } from './document-view';
import { CreditNote, CreditNoteLine } from '../credits/credit-note.entity';
import { creditNoteNumber } from '../credits/credit-note-number';

/** A line as stored; `estimated` exists once estimated reads are recorded, and is read when it does. */
type StoredLine = InvoiceLine & { estimated?: boolean | null };

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
    private readonly invoices: InvoiceService,
    private readonly timezone: string,
  ) {}

  async bill(invoiceId: string): Promise<BillView> {
    const em = this.db.manager;
    const invoice = await em.getRepository(Invoice).findOneBy({ id: invoiceId });
    if (!invoice) throw notFound(`Invoice ${invoiceId}`);
    const [account, lines, branding, unit] = await Promise.all([
      em.getRepository(Account).findOneByOrFail({ id: invoice.accountId }),
      em.getRepository(InvoiceLine).find({ where: { invoiceId }, order: { position: 'ASC' } }) as Promise<StoredLine[]>,
      this.branding.current(),
      this.unitOf(invoiceId),
    ]);
    const views = lines.map((l) => lineView(l, unit));
    const lastDay = addDays(invoice.periodEnd, -1);
    const [history, previous, otherOpen] = await Promise.all([
      em.getRepository(Invoice).find({
        select: { id: true, periodEnd: true, quantity: true },
        where: { accountId: account.id, kind: InvoiceKind.USAGE, status: Not(InvoiceStatus.VOID) },
      }),
      this.previousBill(invoice),
      this.otherOpen(invoice),
    ]);
    const { paymentsSince, creditsSince } = await this.paymentsAfter(account.id, previous?.issueDate ?? null);
    const { subtotal, taxes } = splitTaxes(views);
    const invoiceDue = invoice.status === InvoiceStatus.VOID ? 0 : invoice.total - invoice.amountPaid;
    const summary = accountSummary({ otherOpen, invoiceDue, total: invoice.total, paymentsSince, creditsSince });
    const address = recipient(account);
    return {
      branding: Brandings.view(branding),
      account: address,
      serviceAddressLines: address.addressLines,
      number: invoiceNumber(invoice.id),
      issueDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      periodStart: invoice.periodStart,
      periodLastDay: lastDay,
      groups: groupLines(views),
      subtotal,
      taxes,
      total: invoice.total,
      previousBalance: summary.previousBalance,
      paymentsSince,
      creditsSince,
      amountDue: summary.amountDue,
      estimated: views.some((v) => v.estimated),
      usage: usageBars(
        lastDay,
        history.filter((h) => h.periodEnd <= invoice.periodEnd).map((h) => ({ lastDay: addDays(h.periodEnd, -1), quantity: h.quantity })),
      ),
      unit,
      preview: invoice.status === InvoiceStatus.HELD,
    };
  }

  async letter(actionId: string): Promise<LetterView> {
    const em = this.db.manager;
    const action = await em.getRepository(CollectionsAction).findOneBy({ id: actionId });
    if (!action) throw notFound(`Collections action ${actionId}`);
    const [account, branding, receivable] = await Promise.all([
      em.getRepository(Account).findOneByOrFail({ id: action.accountId }),
      this.branding.current(),
      this.invoices.receivables([action.accountId], action.asOf).then((r) => r[0]),
    ]);
    return {
      branding: Brandings.view(branding),
      account: recipient(account),
      date: action.asOf,
      title: action.action === CollectionsActionType.REMINDER ? 'Payment reminder' : 'Overdue account',
      body: action.detail,
      pastDue: receivable?.pastDue ?? 0,
      daysPastDue: receivable ? this.invoices.daysPastDue(receivable, action.asOf) : 0,
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

  /** The unit of the product that priced the invoice's usage; "units" when no line names a rate. */
  private async unitOf(invoiceId: string): Promise<string> {
    const rows = (await this.db.manager.query(
      'SELECT p.unit AS unit FROM invoice_line l JOIN rate r ON r.id = l.rate_id JOIN product p ON p.id = r.product_id WHERE l.invoice_id = ? LIMIT 1',
      [Number(invoiceId)],
    )) as Array<{ unit: string }>;
    return rows[0]?.unit ?? 'units';
  }

  /** The account's regular bill issued before this one, if any. */
  private previousBill(invoice: Invoice): Promise<Invoice | null> {
    const qb = this.db.manager
      .getRepository(Invoice)
      .createQueryBuilder('i')
      .where('i.account_id = :account', { account: invoice.accountId })
      .andWhere('i.kind = :kind', { kind: InvoiceKind.USAGE })
      .andWhere('i.issue_date IS NOT NULL')
      .andWhere('i.status <> :void', { void: InvoiceStatus.VOID })
      .andWhere('i.id <> :id', { id: invoice.id });
    if (invoice.issueDate) {
      qb.andWhere('(i.issue_date < :issued OR (i.issue_date = :issued AND i.id < :id))', { issued: invoice.issueDate });
    }
    return qb.orderBy('i.issue_date', 'DESC').addOrderBy('i.id', 'DESC').getOne();
  }

  /** What the account's other open invoices, issued up to this one, still ask for. */
  private async otherOpen(invoice: Invoice): Promise<number> {
    const others = await this.db.manager.getRepository(Invoice).find({
      select: { id: true, total: true, amountPaid: true, issueDate: true },
      where: { accountId: invoice.accountId, status: InvoiceStatus.ISSUED, id: Not(invoice.id) },
    });
    return others
      .filter(
        (o) =>
          !invoice.issueDate ||
          (o.issueDate !== null &&
            (o.issueDate < invoice.issueDate || (o.issueDate === invoice.issueDate && Number(o.id) < Number(invoice.id)))),
      )
      .reduce((sum, o) => sum + o.total - o.amountPaid, 0);
  }

  /**
   * Payments received and credit notes issued after the previous bill's issue day (in the retailer's time
   * zone), up to now: the same moment the open amounts are read at, so the summary adds up even for a bill
   * dated in the past. A credit note's amount is the credit it recorded as a payment row of its own.
   */
  private async paymentsAfter(accountId: string, after: string | null): Promise<{ paymentsSince: number; creditsSince: number }> {
    const payments = await this.db.manager.getRepository(Payment).find({
      select: { id: true, amount: true, receivedAt: true, creditNoteId: true },
      where: { accountId, status: In([PaymentStatus.APPLIED]) },
    });
    const since = payments.filter((p) => after === null || todayIn(this.timezone, p.receivedAt) > after);
    const sum = (rows: Payment[]) => rows.reduce((total, p) => total + p.amount, 0);
    return {
      paymentsSince: sum(since.filter((p) => p.creditNoteId === null)),
      creditsSince: sum(since.filter((p) => p.creditNoteId !== null)),
    };
  }
}
