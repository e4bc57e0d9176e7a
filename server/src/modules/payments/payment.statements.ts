import type { EntityManager } from 'typeorm';
import { statement, type Statement } from '../../db/database';
import { Invoice, InvoiceStatus } from '../billing/billing.entity';
import type { AllocationChange } from './allocation';
import { PaymentPlanService } from './payment-plan.service';

/**
 * The statements of recording a payment, as SQL text sent together (see
 * runTogether), so a payment costs three round trips: the account's lock with
 * its open invoices, the payment with the invoices it pays, the rest with the
 * COMMIT.
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
 * The account's ISSUED invoices with money owed, oldest due date first. Sent
 * after the account's lock in the same round trip, it runs once the lock is
 * held and (READ COMMITTED) sees what the previous holder committed.
 */
export function openInvoicesByNumber(em: EntityManager, number: string): Statement {
  return statement(
    em,
    'SELECT i.id AS id, i.account_id AS account_id, i.status AS status, i.total AS total, i.amount_paid AS amount_paid, i.due_date AS due_date ' +
      'FROM invoice i JOIN account a ON a.id = i.account_id WHERE a.number = ? AND i.status = ? AND i.total > i.amount_paid ' +
      'ORDER BY i.due_date, i.id',
    [number, InvoiceStatus.ISSUED],
  );
}

/**
 * One compare-and-set for all the invoices a payment pays: each must still be
 * ISSUED and hold the amount paid that was read, so an invoice never takes more
 * than its total. It changed as many rows as there are changes, or the caller
 * must not commit.
 */
export function applyToInvoices(em: EntityManager, changes: ReadonlyArray<AllocationChange<Invoice>>, now: Date): Statement {
  const when = changes.map(() => 'WHEN ? THEN ?').join(' ');
  return statement(
    em,
    `UPDATE invoice SET amount_paid = CASE id ${when} END, status = CASE id ${when} END, updated_at = ? ` +
      `WHERE status = ? AND (${changes.map(() => '(id = ? AND amount_paid = ?)').join(' OR ')})`,
    [
      ...changes.flatMap(({ invoice, paid }) => [Number(invoice.id), paid]),
      ...changes.flatMap(({ invoice, settles }) => [Number(invoice.id), settles ? InvoiceStatus.PAID : InvoiceStatus.ISSUED]),
      now,
      InvoiceStatus.ISSUED,
      ...changes.flatMap(({ invoice }) => [Number(invoice.id), invoice.amountPaid]),
    ],
  );
}
