import { In } from 'typeorm';
import type { Principal } from '../../common/auth/roles';
import type { Tx } from '../../db/database';
import type { WithdrawnRead } from '../usage/usage.service';
import { Invoice, InvoiceLine, InvoiceStatus } from './billing.entity';
import type { InvoiceService } from './invoice.service';
import { invoiceNumber } from './invoice-number';
import { readCharges, type LineCredit } from './read-charges';

/** Issues, in the caller's transaction, a credit note for the given amounts of an invoice's lines. */
export type ReadChargesCreditor = (tx: Tx, actor: Principal, invoice: Invoice, lines: LineCredit[], reason: string) => Promise<void>;

/**
 * What happens to the invoices of reads that stop counting (replaced or
 * cancelled): a HELD invoice, or an issued one of 0.00, is voided (its other
 * reads and its sign-up credits return, and the next run bills them with the
 * replacement); any other ISSUED or PAID one gets a credit note for exactly
 * the charges those reads produced on it (their USAGE lines and their share of
 * the promo credit on them), and the replacement is billed by the next run on
 * a new invoice. When one-time credits took part of those charges, so that the
 * invoice has less left, the note credits it in full with rebill instead (see
 * CreditRequest.rebillWhenPastLeft).
 */
export class ReadCorrections {
  private creditor: ReadChargesCreditor | null = null;

  constructor(private readonly invoices: InvoiceService) {}

  /** The credit-note step (see creditReadCharges). */
  creditWith(creditor: ReadChargesCreditor): void {
    this.creditor = creditor;
  }

  async withdrawn(tx: Tx, actor: Principal, reads: WithdrawnRead[], reason: string): Promise<void> {
    const byInvoice = new Map<string, WithdrawnRead[]>();
    for (const r of reads) if (r.invoiceId) byInvoice.set(r.invoiceId, [...(byInvoice.get(r.invoiceId) ?? []), r]);
    // In id order, so two corrections over the same invoices lock them in the same order.
    for (const invoiceId of [...byInvoice.keys()].sort((a, b) => Number(a) - Number(b))) {
      const invoice = await this.invoices.lockInvoice(tx.em, invoiceId);
      const withdrawn = byInvoice.get(invoiceId) ?? [];
      const what = `${reason} (${withdrawn.map((r) => `${r.register} ${r.periodStart} to ${r.periodEnd}`).join('; ')})`.slice(0, 2000);
      // A HELD invoice, or one of 0.00 (sign-up credits took all of it), has nothing a customer paid or was credited: it is voided.
      if (invoice.status === InvoiceStatus.HELD || (invoice.total === 0 && invoice.amountCredited === 0 && invoice.amountPaid === 0)) {
        await this.invoices.voidInTx(tx, actor, invoice, what);
      } else if (invoice.status === InvoiceStatus.ISSUED || invoice.status === InvoiceStatus.PAID) {
        await this.creditReadCharges(tx, actor, invoice, withdrawn, what);
      }
    }
  }

  /** The credit note for what the reads produced on an issued invoice, in the caller's transaction. */
  private async creditReadCharges(tx: Tx, actor: Principal, invoice: Invoice, reads: WithdrawnRead[], reason: string): Promise<void> {
    const lines = await tx.em.getRepository(InvoiceLine).find({ where: { invoiceId: In([invoice.id]) }, order: { position: 'ASC' } });
    const taken = await this.creditedSoFar(tx, invoice.id);
    // What an earlier credit note (an operator's) already took of a line is not credited twice.
    const credits = readCharges(lines, new Set(reads.map((r) => r.id)))
      .map((c) => {
        const line = lines.find((l) => l.id === c.lineId) as InvoiceLine;
        const rest = line.amount - (taken.get(c.lineId) ?? 0);
        return { ...c, amount: Math.sign(c.amount) * Math.min(Math.abs(c.amount), Math.max(0, Math.sign(line.amount) * rest)) };
      })
      .filter((c) => c.amount !== 0);
    if (credits.reduce((sum, c) => sum + c.amount, 0) <= 0) return;
    if (!this.creditor) throw new Error(`no credit-note step to credit ${invoiceNumber(invoice.id)}`);
    await this.creditor(tx, actor, invoice, credits, reason);
  }

  /** What earlier credit notes took of each line of the invoice (cents, with the line's sign). */
  private async creditedSoFar(tx: Tx, invoiceId: string): Promise<Map<string, number>> {
    // The credit notes' tables by name: billing reads them without depending on the credits module.
    const rows = (await tx.em.query(
      `SELECT l.invoice_line_id AS lineId, SUM(l.amount) AS credited
         FROM credit_note_line l JOIN credit_note c ON c.id = l.credit_note_id
        WHERE c.invoice_id = ? AND l.invoice_line_id IS NOT NULL
        GROUP BY l.invoice_line_id`,
      [Number(invoiceId)],
    )) as Array<{ lineId: string | number; credited: string | number }>;
    return new Map(rows.map((r) => [String(r.lineId), Number(r.credited)]));
  }
}
