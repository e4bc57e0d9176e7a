import { formatMoney } from '../../common/money';
import { receivedAtProblem } from '../payments/received-at';
import type { RemittanceLineInput } from './remittance.entity';

/** At most this many lines in one importRemittances call. */
export const MAX_REMITTANCE_LINES = 10_000;
/** A line's amount may not exceed what one payment may carry: 1 billion. */
const MAX_LINE = 100_000_000_000;

/** The idempotency key of the payment a remittance line records. */
export function remittanceKey(reference: string): string {
  return `remittance:${reference}`;
}

/** The invoice id an invoice number names (INV-00000042, or 42), or null. */
export function invoiceIdOf(invoiceNumber: string): string | null {
  const match = /^(?:INV-)?0*(\d{1,18})$/i.exec(invoiceNumber.trim());
  return match ? match[1] : null;
}

export type CheckedLine =
  | {
      kind: 'PAYMENT';
      index: number;
      reference: string;
      amount: number;
      receivedAt: Date | null;
      accountNumber: string | null;
      invoiceNumber: string | null;
    }
  | { kind: 'RETURN'; index: number; reference: string; amount: number; returnedReference: string }
  | { kind: 'INVALID'; index: number; message: string };

const text = (v: string | null | undefined): string | null => (v === null || v === undefined || v.trim() === '' ? null : v.trim());

/** Checks one line at `now`: what it is, or why it is refused. Pure. */
export function checkLine(line: RemittanceLineInput, index: number, now: Date): CheckedLine {
  const reference = text(line.reference);
  const bad = (message: string): CheckedLine => ({ kind: 'INVALID', index, message: `Line ${index}: ${message}` });
  if (!reference) return bad('reference must not be empty');
  if (reference.length > 116) return bad(`reference must be at most 116 characters; got ${reference.length}`);
  if (!(line.amount > 0)) return bad(`amount must be more than 0; got ${formatMoney(line.amount)}`);
  if (line.amount > MAX_LINE) return bad(`amount ${formatMoney(line.amount)} is over the ${formatMoney(MAX_LINE)} a payment may carry`);
  const early = receivedAtProblem(line.receivedAt, now);
  if (early) return bad(early);
  if (line.returned) {
    const returnedReference = text(line.returnedReference);
    if (!returnedReference) return bad('a returned line needs returnedReference: the reference of the payment it returns');
    return { kind: 'RETURN', index, reference, amount: line.amount, returnedReference };
  }
  const accountNumber = text(line.accountNumber);
  const invoiceNumber = text(line.invoiceNumber);
  if (accountNumber && accountNumber.length > 32) return bad('accountNumber must be at most 32 characters');
  if (invoiceNumber && invoiceNumber.length > 64) return bad('invoiceNumber must be at most 64 characters');
  return { kind: 'PAYMENT', index, reference, amount: line.amount, receivedAt: line.receivedAt ?? null, accountNumber, invoiceNumber };
}

/** What a suspense payment's detail says about the line that matched nothing. */
export function suspenseDetail(accountNumber: string | null, invoiceNumber: string | null): string {
  const said = [accountNumber ? `account ${accountNumber}` : null, invoiceNumber ? `invoice ${invoiceNumber}` : null].filter(Boolean);
  return said.length === 0 ? 'No account or invoice number' : `Unknown ${said.join(', ')}`;
}

/**
 * What is already recorded under a reference: a payment of an account, or a
 * line held in suspense (its amount and what it said of its account and
 * invoice), or an earlier line of the same call.
 */
export interface Recorded {
  amount: number;
  /** The account the payment went to; null for a held line. */
  accountNumber: string | null;
  /** A held line's detail (see suspenseDetail); null for a payment. */
  detail: string | null;
}

/** A line that is a payment, as checkLine found it. */
export type PaymentLine = Extract<CheckedLine, { kind: 'PAYMENT' }>;

/** Where a payment line goes: the account it pays, or, held in suspense, why. */
export type LineMatch = { accountNumber: string; detail: null } | { accountNumber: null; detail: string };

/**
 * The account a line pays: its account number when that account is known,
 * else the account of its invoice number (`invoiceAccount`, null when the
 * invoice is unknown or not given). A line naming a known account and another
 * account's invoice is held: paying either could credit the wrong customer
 * and leave the other one owing.
 */
export function matchLine(
  line: Pick<PaymentLine, 'accountNumber' | 'invoiceNumber'>,
  known: ReadonlySet<string>,
  invoiceAccount: string | null,
): LineMatch {
  const byAccount = line.accountNumber !== null && known.has(line.accountNumber) ? line.accountNumber : null;
  if (byAccount !== null && invoiceAccount !== null && invoiceAccount !== byAccount) {
    return { accountNumber: null, detail: `Account ${byAccount}, but invoice ${line.invoiceNumber} is account ${invoiceAccount}'s` };
  }
  const accountNumber = byAccount ?? invoiceAccount;
  return accountNumber !== null
    ? { accountNumber, detail: null }
    : { accountNumber: null, detail: suspenseDetail(line.accountNumber, line.invoiceNumber) };
}

/** How a line is recorded: as a payment of the account it matched, else held with its detail. */
export function recordedAs(line: PaymentLine, match: LineMatch): Recorded {
  return { amount: line.amount, accountNumber: match.accountNumber, detail: match.detail };
}

/**
 * A line whose reference is already recorded is the same payment again (a
 * file imported twice, a line repeated: a duplicate) when its amount and its
 * account, or for a held line what it said of its account and invoice, are
 * the same; else it reuses the reference: null, or why it conflicts.
 */
export function referenceConflict(recorded: Recorded, line: PaymentLine, match: LineMatch): string | null {
  const { accountNumber } = match;
  const same =
    recorded.amount === line.amount &&
    (recorded.accountNumber !== null
      ? // Paid to the account the line names, though it is held now (its invoice number came to name another account's).
        recorded.accountNumber === accountNumber || recorded.accountNumber === line.accountNumber
      : recorded.detail === (match.detail ?? suspenseDetail(line.accountNumber, line.invoiceNumber)));
  if (same) return null;
  const before = recorded.accountNumber !== null ? `a payment of account ${recorded.accountNumber}` : `a held line (${recorded.detail})`;
  return `Line ${line.index}: reference ${line.reference} is already recorded as ${before} of ${formatMoney(recorded.amount)}; this line says ${formatMoney(line.amount)}${accountNumber ? ` for account ${accountNumber}` : ''}. Give each payment a reference of its own`;
}
