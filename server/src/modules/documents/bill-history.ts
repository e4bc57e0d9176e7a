import { addDays, todayIn } from '../../common/dates';

/**
 * What a bill shows of its account's other invoices and payments, worked out
 * from the rows read for a whole batch of bills at once (each bill gets its
 * account's rows). Pure: the reads are in document-views.ts.
 */

/** An invoice of the account, as read for its bills (VOID invoices are not read). */
export interface AccountInvoiceRow {
  id: string;
  kind: string;
  status: string;
  periodEnd: string;
  issueDate: string | null;
  /** Micro-units consumed. */
  quantity: number;
  total: number;
  amountPaid: number;
}

/** An APPLIED payment of the account; a credit note records its credit as a payment with `creditNoteId`. */
export interface AccountPaymentRow {
  amount: number;
  receivedAt: Date;
  creditNoteId: string | null;
}

/** The bill being drawn. */
export type BillSubject = Pick<AccountInvoiceRow, 'id' | 'periodEnd' | 'issueDate'>;

const USAGE = 'USAGE';
const VOID = 'VOID';
const ISSUED = 'ISSUED';

/** Issued before the bill (by issue day, then id); every other invoice when the bill is not issued (a preview). */
function issuedBefore(row: AccountInvoiceRow, bill: BillSubject): boolean {
  if (row.id === bill.id) return false;
  if (!bill.issueDate) return true;
  if (row.issueDate === null) return false;
  return row.issueDate < bill.issueDate || (row.issueDate === bill.issueDate && Number(row.id) < Number(bill.id));
}

/** The account's regular bill issued before this one, if any: the latest by issue day, then id. */
export function previousBill<R extends AccountInvoiceRow>(bill: BillSubject, rows: readonly R[]): R | null {
  let previous: R | null = null;
  for (const row of rows) {
    if (row.kind !== USAGE || row.status === VOID || row.issueDate === null || !issuedBefore(row, bill)) continue;
    if (
      previous === null ||
      row.issueDate > (previous.issueDate as string) ||
      (row.issueDate === previous.issueDate && Number(row.id) > Number(previous.id))
    ) {
      previous = row;
    }
  }
  return previous;
}

/** What the account's other open invoices, issued up to this one, still ask for. */
export function otherOpen(bill: BillSubject, rows: readonly AccountInvoiceRow[]): number {
  return rows.filter((row) => row.status === ISSUED && issuedBefore(row, bill)).reduce((sum, o) => sum + o.total - o.amountPaid, 0);
}

/** The account's regular bills up to this one (itself included), each by its last day, for the usage chart. */
export function usageHistory(bill: BillSubject, rows: readonly AccountInvoiceRow[]): Array<{ lastDay: string; quantity: number }> {
  return rows
    .filter((row) => row.kind === USAGE && row.status !== VOID && row.periodEnd <= bill.periodEnd)
    .map((row) => ({ lastDay: addDays(row.periodEnd, -1), quantity: row.quantity }));
}

/**
 * Payments received and credit notes issued after the previous bill's issue day (in the retailer's time
 * zone), up to now: the same moment the open amounts are read at, so the summary adds up even for a bill
 * dated in the past. A credit note's amount is the credit it recorded as a payment row of its own.
 */
export function paymentsAfter(
  payments: readonly AccountPaymentRow[],
  after: string | null,
  timezone: string,
): { paymentsSince: number; creditsSince: number } {
  let paymentsSince = 0;
  let creditsSince = 0;
  for (const p of payments) {
    if (after !== null && todayIn(timezone, p.receivedAt) <= after) continue;
    if (p.creditNoteId === null) paymentsSince += p.amount;
    else creditsSince += p.amount;
  }
  return { paymentsSince, creditsSince };
}

/** The unit of each invoice: that of the product priced on its first line naming a rate (rows in line order). */
export function unitsByInvoice(rows: ReadonlyArray<{ invoiceId: string; unit: string }>): Map<string, string> {
  const units = new Map<string, string>();
  for (const row of rows) if (!units.has(row.invoiceId)) units.set(row.invoiceId, row.unit);
  return units;
}
