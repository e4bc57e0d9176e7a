import { gqlOk } from './client';
import type { TestHub } from './hub';
import { readProblems } from './read-invariants';
import { cents, int, money, sql } from './sql';

interface AccountPage {
  accounts: { nodes: Array<{ id: string; number: string; balance: string }>; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
}

/**
 * Checks, over everything the suite left in its database, that no money was
 * lost or made up:
 * - every invoice's amountPaid is the sum of the allocations to it, between 0 and its total,
 *   and a voided invoice carries no payment;
 * - every applied payment's amount is its allocations plus its unapplied rest plus what refunds
 *   took of it (a reversed payment keeps none of these);
 * - credit notes: each gives its account exactly its total as credit, an invoice's amountCredited is
 *   the sum of its notes and never more than its total, a VOID or HELD invoice has none, and per account
 *   payments + credit notes = allocations + refunds + unapplied, to the cent;
 * - every account's balance, as the API answers it, is what it owes on ISSUED invoices less
 *   its unapplied payments;
 * - no usage invoice is below zero, and a sign-up credit carried forward is never more than the
 *   promo or incentive it comes from, and is billed only on a standing invoice of its own account.
 * - every invoice's total is the sum of its lines, taxes included, and every TAX line names its
 *   tax code and is never negative;
 * - no account keeps unapplied credit beside an open amountDue (credit goes to open invoices
 *   at once, oldest due first).
 * - every invoice's total is the sum of its lines, and a balance carried over from the previous
 *   system is one positive line on an invoice issued with its dates.
 * - usage reads are billed once, and a billed read that was replaced or cancelled is credited (read-invariants.ts).
 * Throws one error listing every broken invariant.
 */
export async function assertMoneyInvariants(t: TestHub): Promise<void> {
  const problems: string[] = [];

  const invoices = await sql(
    t,
    `SELECT i.id, i.status, i.total, i.amount_paid, COALESCE(a.allocated, 0) AS allocated
       FROM invoice i
       LEFT JOIN (SELECT invoice_id, SUM(amount) AS allocated FROM payment_allocation GROUP BY invoice_id) a ON a.invoice_id = i.id`,
  );
  for (const row of invoices) {
    const [total, paid, allocated] = [int(row.total), int(row.amount_paid), int(row.allocated)];
    const where = `invoice ${String(row.id)} (${String(row.status)}, total ${money(total)})`;
    if (paid !== allocated) problems.push(`${where}: amountPaid ${money(paid)} but its allocations sum to ${money(allocated)}`);
    if (paid < 0n || paid > total) problems.push(`${where}: amountPaid ${money(paid)} is outside 0..total`);
    if (row.status === 'PAID' && paid !== total) problems.push(`${where}: PAID with ${money(total - paid)} still due`);
    if (row.status === 'VOID' && paid !== 0n) problems.push(`${where}: VOID but carries ${money(paid)} of payments`);
  }

  const payments = await sql(
    t,
    `SELECT p.id, p.status, p.amount, p.unapplied, p.refunded, COALESCE(a.allocated, 0) AS allocated
       FROM payment p
       LEFT JOIN (SELECT payment_id, SUM(amount) AS allocated FROM payment_allocation GROUP BY payment_id) a ON a.payment_id = p.id`,
  );
  for (const row of payments) {
    const [amount, unapplied, allocated, refunded] = [int(row.amount), int(row.unapplied), int(row.allocated), int(row.refunded)];
    const where = `payment ${String(row.id)} (${String(row.status)}, amount ${money(amount)})`;
    if (row.status === 'APPLIED') {
      if (amount !== allocated + unapplied + refunded)
        problems.push(`${where}: allocations ${money(allocated)} + unapplied ${money(unapplied)} + refunded ${money(refunded)} != amount`);
      if (unapplied < 0n || refunded < 0n || amount <= 0n)
        problems.push(`${where}: unapplied ${money(unapplied)} or refunded ${money(refunded)} is negative, or the amount is not positive`);
    } else if (allocated !== 0n || unapplied !== 0n || refunded !== 0n) {
      problems.push(`${where}: still holds allocations ${money(allocated)}, unapplied ${money(unapplied)}, refunded ${money(refunded)}`);
    }
  }

  const negative = await sql(t, 'SELECT id, payment_id, invoice_id, amount FROM payment_allocation WHERE amount <= 0');
  for (const row of negative) problems.push(`allocation ${String(row.id)}: amount ${money(int(row.amount))} is not positive`);

  problems.push(...(await carriedCreditProblems(t)));
  problems.push(...(await creditNoteProblems(t)));
  problems.push(...(await invoiceLineProblems(t)));
  problems.push(...(await taxProblems(t)));
  problems.push(...(await suspenseProblems(t)));
  problems.push(...(await readProblems(t)));

  const expected = new Map<string, bigint>();
  const owed = await sql(t, `SELECT account_id, SUM(total - amount_paid) AS owed FROM invoice WHERE status = 'ISSUED' GROUP BY account_id`);
  for (const row of owed) expected.set(String(row.account_id), int(row.owed));
  const credit = await sql(t, `SELECT account_id, SUM(unapplied) AS unapplied FROM payment WHERE status = 'APPLIED' GROUP BY account_id`);
  for (const row of credit) {
    const id = String(row.account_id);
    const owes = expected.get(id) ?? 0n;
    if (int(row.unapplied) > 0n && owes > 0n)
      problems.push(`account ${id}: unapplied credit ${money(int(row.unapplied))} beside ${money(owes)} open on its invoices`);
    expected.set(id, owes - int(row.unapplied));
  }

  let after: string | null = null;
  let seen = 0;
  do {
    const page: AccountPage = await gqlOk<AccountPage>(
      t.url,
      'query($after: String) { accounts(first: 500, after: $after) { nodes { id number balance } pageInfo { endCursor hasNextPage } } }',
      { after },
      t.adminToken,
    );
    for (const account of page.accounts.nodes) {
      seen++;
      const want = expected.get(account.id) ?? 0n;
      if (cents(account.balance) !== want)
        problems.push(`account ${account.number}: balance answers ${account.balance}, its invoices and payments say ${money(want)}`);
    }
    after = page.accounts.pageInfo.hasNextPage ? page.accounts.pageInfo.endCursor : null;
  } while (after);
  const [{ n }] = await sql(t, 'SELECT COUNT(*) AS n FROM account');
  if (BigInt(seen) !== int(n)) problems.push(`accounts lists ${seen} accounts; the database holds ${String(n)}`);

  if (problems.length > 0) throw new Error(`Money invariants broken:\n${problems.join('\n')}`);
}

/** Credit notes and refunds: every cent a note credits or a refund pays back is accounted for. */
async function creditNoteProblems(t: TestHub): Promise<string[]> {
  const problems: string[] = [];
  const notes = await sql(
    t,
    `SELECT c.id, c.total, c.applied_to_invoice, COUNT(p.id) AS credits, MIN(p.amount) AS credited, MIN(CASE WHEN p.account_id = c.account_id THEN 1 ELSE 0 END) AS own
       FROM credit_note c LEFT JOIN payment p ON p.credit_note_id = c.id GROUP BY c.id, c.total, c.applied_to_invoice`,
  );
  for (const row of notes) {
    const where = `credit note ${String(row.id)} (total ${money(int(row.total))})`;
    if (int(row.total) <= 0n) problems.push(`${where}: total is not positive`);
    if (int(row.credits) !== 1n || int(row.credited) !== int(row.total) || int(row.own) !== 1n)
      problems.push(`${where}: gives its account ${String(row.credits)} credits of ${money(int(row.credited ?? 0))}, not one of its total`);
    if (int(row.applied_to_invoice) < 0n || int(row.applied_to_invoice) > int(row.total))
      problems.push(`${where}: applied ${money(int(row.applied_to_invoice))} to its invoice, outside 0..total`);
  }
  const lines = await sql(
    t,
    `SELECT c.id, c.total, COALESCE(SUM(l.amount), 0) AS line_sum FROM credit_note c LEFT JOIN credit_note_line l ON l.credit_note_id = c.id
      GROUP BY c.id, c.total`,
  );
  for (const row of lines)
    if (int(row.line_sum) !== int(row.total))
      problems.push(`credit note ${String(row.id)}: lines sum to ${money(int(row.line_sum))}, total says ${money(int(row.total))}`);
  const invoices = await sql(
    t,
    `SELECT i.id, i.status, i.total, i.amount_credited, COALESCE(c.credited, 0) AS credited FROM invoice i
       LEFT JOIN (SELECT invoice_id, SUM(total) AS credited FROM credit_note GROUP BY invoice_id) c ON c.invoice_id = i.id
      WHERE i.amount_credited <> 0 OR c.credited IS NOT NULL`,
  );
  for (const row of invoices) {
    const where = `invoice ${String(row.id)} (${String(row.status)}, total ${money(int(row.total))})`;
    const [credited, notesSum] = [int(row.amount_credited), int(row.credited)];
    if (credited !== notesSum) problems.push(`${where}: amountCredited ${money(credited)} but its credit notes sum to ${money(notesSum)}`);
    if (credited > int(row.total)) problems.push(`${where}: credited ${money(credited)}, more than its total`);
    if (row.status === 'VOID' || row.status === 'HELD') problems.push(`${where}: carries credit notes`);
  }
  const accounts = await sql(
    t,
    `SELECT a.id,
            (SELECT COALESCE(SUM(p.amount), 0) FROM payment p WHERE p.account_id = a.id AND p.status = 'APPLIED' AND p.credit_note_id IS NULL) AS paid,
            (SELECT COALESCE(SUM(c.total), 0) FROM credit_note c WHERE c.account_id = a.id) AS credits,
            (SELECT COALESCE(SUM(pa.amount), 0) FROM payment_allocation pa JOIN payment p ON p.id = pa.payment_id WHERE p.account_id = a.id) AS allocated,
            (SELECT COALESCE(SUM(r.amount), 0) FROM refund r WHERE r.account_id = a.id) AS refunds,
            (SELECT COALESCE(SUM(p.unapplied), 0) FROM payment p WHERE p.account_id = a.id AND p.status = 'APPLIED') AS unapplied
       FROM account a`,
  );
  for (const row of accounts) {
    const [paid, credits, allocated, refunds, unapplied] = [row.paid, row.credits, row.allocated, row.refunds, row.unapplied].map(int);
    if (paid + credits !== allocated + refunds + unapplied)
      problems.push(
        `account ${String(row.id)}: payments ${money(paid)} + credit notes ${money(credits)} != allocations ${money(allocated)} + refunds ${money(refunds)} + unapplied ${money(unapplied)}`,
      );
  }
  return problems;
}

/** An invoice is what its lines say; a carried-over balance is a plain debt with its dates. */
async function invoiceLineProblems(t: TestHub): Promise<string[]> {
  const problems: string[] = [];
  const sums = await sql(
    t,
    `SELECT i.id, i.kind, i.status, i.total, i.issue_date, i.due_date, COALESCE(l.amount, 0) AS line_sum, COALESCE(l.n, 0) AS n
       FROM invoice i
       LEFT JOIN (SELECT invoice_id, SUM(amount) AS amount, COUNT(*) AS n FROM invoice_line GROUP BY invoice_id) l ON l.invoice_id = i.id`,
  );
  for (const row of sums) {
    const where = `invoice ${String(row.id)} (${String(row.kind)}, ${String(row.status)})`;
    if (int(row.total) !== int(row.line_sum))
      problems.push(`${where}: total ${money(int(row.total))} but its lines sum to ${money(int(row.line_sum))}`);
    if (row.kind === 'OPENING_BALANCE') {
      if (int(row.n) !== 1n || int(row.total) <= 0n) problems.push(`${where}: a carried-over balance must be one positive line`);
      if (!row.issue_date || !row.due_date || String(row.due_date) < String(row.issue_date))
        problems.push(`${where}: carried over without an issue date and a due date on or after it`);
    }
  }
  return problems;
}

/** Credits never take a usage invoice below zero; carried credits stay within their source and their account. */
async function carriedCreditProblems(t: TestHub): Promise<string[]> {
  const problems: string[] = [];
  const negative = await sql(t, "SELECT id, total FROM invoice WHERE kind = 'USAGE' AND total < 0");
  for (const row of negative) problems.push(`invoice ${String(row.id)}: total ${money(int(row.total))} is below zero`);

  const misplaced = await sql(
    t,
    `SELECT p.id, p.amount, i.status FROM pending_charge p JOIN invoice i ON i.id = p.invoice_id
      WHERE i.account_id <> p.account_id OR i.status = 'VOID'`,
  );
  for (const row of misplaced)
    problems.push(`pending charge ${String(row.id)} (${money(int(row.amount))}): billed on another account's or a VOID invoice`);

  const sources = await sql(
    t,
    `SELECT p.source_enrollment_id AS enrollment, p.source_promo_code_id AS promo, p.source_incentive_id AS incentive,
            SUM(p.amount) AS carried, MAX(p.amount) AS largest, MAX(COALESCE(pc.amount_off, inc.value)) AS value,
            MIN(CASE WHEN e.account_id = p.account_id THEN 1 ELSE 0 END) AS own
       FROM pending_charge p
       JOIN enrollment e ON e.id = p.source_enrollment_id
       LEFT JOIN promo_code pc ON pc.id = p.source_promo_code_id
       LEFT JOIN incentive inc ON inc.id = p.source_incentive_id
      GROUP BY p.source_enrollment_id, p.source_promo_code_id, p.source_incentive_id`,
  );
  for (const row of sources) {
    const where = `credit carried from enrollment ${String(row.enrollment)} (promo ${String(row.promo)}, incentive ${String(row.incentive)})`;
    const [carried, value] = [-int(row.carried), int(row.value)];
    if (int(row.largest) >= 0n) problems.push(`${where}: has a row that is not a credit`);
    if (carried > value) problems.push(`${where}: carries ${money(carried)}, more than its ${money(value)}`);
    if (int(row.own) !== 1n) problems.push(`${where}: pending on an account other than the enrollment's`);
  }
  return problems;
}

/** An invoice's total is its lines, TAX lines included; a TAX line names its code and never gives money back. */
async function taxProblems(t: TestHub): Promise<string[]> {
  const problems: string[] = [];
  const sums = await sql(
    t,
    `SELECT i.id, i.total, COALESCE(SUM(l.amount), 0) AS line_sum FROM invoice i LEFT JOIN invoice_line l ON l.invoice_id = i.id
      GROUP BY i.id, i.total HAVING i.total <> COALESCE(SUM(l.amount), 0)`,
  );
  for (const row of sums)
    problems.push(`invoice ${String(row.id)}: total ${money(int(row.total))} but its lines sum to ${money(int(row.line_sum))}`);
  const taxes = await sql(
    t,
    "SELECT id, invoice_id, amount, tax_code FROM invoice_line WHERE kind = 'TAX' AND (tax_code IS NULL OR amount < 0)",
  );
  for (const row of taxes) {
    problems.push(
      `TAX line ${String(row.id)} of invoice ${String(row.invoice_id)}: code ${String(row.tax_code)}, amount ${money(int(row.amount))}`,
    );
  }
  return problems;
}

/**
 * Cash held in suspense is counted once: an OPEN suspense payment has no payment (none recorded under its
 * reference either), an APPLIED one has exactly its payment, of the same amount and reference.
 */
async function suspenseProblems(t: TestHub): Promise<string[]> {
  const problems: string[] = [];
  const rows = await sql(
    t,
    `SELECT s.id, s.status, s.amount, s.reference, s.payment_id, p.amount AS paid, p.reference AS paid_reference,
            (SELECT COUNT(*) FROM payment k WHERE k.idempotency_key = CONCAT('remittance:', s.reference)) AS recorded
       FROM suspense_payment s LEFT JOIN payment p ON p.id = s.payment_id`,
  );
  for (const row of rows) {
    const where = `suspense payment ${String(row.id)} (${String(row.status)}, ${money(int(row.amount))})`;
    const recorded = Number(row.recorded);
    if (row.status === 'OPEN' && (row.payment_id !== null || recorded > 0))
      problems.push(`${where}: OPEN but its money was recorded as a payment`);
    if (
      row.status === 'APPLIED' &&
      (row.paid === null || int(row.paid) !== int(row.amount) || row.paid_reference !== row.reference || recorded !== 1)
    )
      problems.push(`${where}: APPLIED but its payment ${String(row.payment_id)} does not carry its amount and reference once`);
  }
  return problems;
}

/**
 * The afterAll of a suite that moves money: checks the invariants while the hub
 * still runs, and stops the hub whatever they find.
 */
export async function checkMoneyAndStop(t: TestHub | undefined): Promise<void> {
  if (!t) return;
  try {
    await assertMoneyInvariants(t);
  } finally {
    await t.stop();
  }
}
