import type { EntityManager } from 'typeorm';
import { insertSelecting, statement, type Statement } from '../../db/database';
import { Invoice, InvoiceStatus } from '../billing/billing.entity';
import type { AllocationChange } from './allocation';
import { Payment } from './payment.entity';
import { PaymentPlanService } from './payment-plan.service';

/**
 * The statements of recording a payment, as SQL text sent together (see
 * runTogether), so a payment costs two round trips: the account's lock with
 * its open invoices and the payment, then the invoices it pays and the rest
 * with the COMMIT.
 */

/**
 * Locks the account by number (MySQL; SQLite's transactions are serial), with
 * the payment plan its payments count toward and its open delinquency, if any.
 */
export function lockAccountByNumber(em: EntityManager, number: string, openDelinquencySql: string | null): Statement {
  const lock = em.connection.driver.options.type === 'mysql' ? ' FOR UPDATE' : '';
  const delinquency = openDelinquencySql ? `, ${openDelinquencySql} AS open_delinquency` : '';
  return statement(
    em,
    `SELECT a.id AS id, a.number AS number, ${PaymentPlanService.COUNTED_PLAN_SQL} AS counted_plan${delinquency} FROM account a WHERE a.number = ?${lock}`,
    [number],
  );
}

/**
 * The account's ISSUED invoices with money owed, oldest due date first, locked
 * (MySQL) until the commit, so what the payment pays them is computed from
 * what they hold when it commits. Sent after the account's lock in the same
 * round trip, it runs once the lock is held and (READ COMMITTED) sees what the
 * previous holder committed.
 */
export function openInvoicesByNumber(em: EntityManager, number: string): Statement {
  const lock = em.connection.driver.options.type === 'mysql' ? ' FOR UPDATE' : '';
  return statement(
    em,
    'SELECT i.id AS id, i.account_id AS account_id, i.status AS status, i.total AS total, i.amount_paid AS amount_paid, i.due_date AS due_date ' +
      'FROM invoice i JOIN account a ON a.id = i.account_id WHERE a.number = ? AND i.status = ? AND i.total > i.amount_paid ' +
      `ORDER BY i.due_date, i.id${lock}`,
    [number, InvoiceStatus.ISSUED],
  );
}

/**
 * The payment, for the account with this number: nothing is written if there
 * is none. Sent after the account's lock, so a retry racing its original meets
 * the original's idempotency key here, once the original has committed.
 */
export function insertPaymentForNumber(em: EntityManager, payment: Payment, number: string): Statement {
  return insertSelecting(em, Payment, payment, 'accountId', {
    expression: 'a.id',
    sql: 'account a WHERE a.number = ?',
    params: [number],
  });
}

/** What a payment leaves unapplied once it paid its invoices. */
export function leaveUnapplied(em: EntityManager, payment: Payment): Statement {
  return statement(em, 'UPDATE payment SET unapplied = ? WHERE id = ?', [payment.unapplied, Number(payment.id)]);
}

/**
 * One compare-and-set for all the invoices a payment pays: each must still be
 * ISSUED and hold the amount paid that was read, so an invoice never takes more
 * than its total. An invoice that no longer does gets no amount (NULL), which
 * its NOT NULL column refuses: the statement fails, and with it the batch it
 * is sent in, before the COMMIT. So it may be queued to go with the COMMIT
 * (Tx.writeLater) and still stop a payment computed from stale amounts.
 * Changes as many rows as there are changes.
 */
export function applyToInvoices(em: EntityManager, changes: ReadonlyArray<AllocationChange<Invoice>>, now: Date): Statement {
  return statement(
    em,
    // amount_paid first, so its guard reads the status as it was: MySQL evaluates the assignments in order, each
    // seeing the new values of those before it (SQLite reads the old row throughout).
    `UPDATE invoice SET amount_paid = CASE ${changes.map(() => 'WHEN id = ? AND status = ? AND amount_paid = ? THEN ?').join(' ')} END, ` +
      `status = CASE id ${changes.map(() => 'WHEN ? THEN ?').join(' ')} END, updated_at = ? ` +
      `WHERE id IN (${changes.map(() => '?').join(', ')})`,
    [
      ...changes.flatMap(({ invoice, paid }) => [Number(invoice.id), InvoiceStatus.ISSUED, invoice.amountPaid, paid]),
      ...changes.flatMap(({ invoice, settles }) => [Number(invoice.id), settles ? InvoiceStatus.PAID : InvoiceStatus.ISSUED]),
      now,
      ...changes.map(({ invoice }) => Number(invoice.id)),
    ],
  );
}
