import type { EntityManager } from 'typeorm';
import { formatMoney } from '../../../common/money';
import { insertChunked, statement, type Tx } from '../../../db/database';
import { Invoice, InvoiceKind, InvoiceLine, InvoiceLineKind, InvoiceStatus } from '../../billing/billing.entity';
import { Account, AccountStatus, Enrollment } from '../account.entity';
import { AccountImportRecord } from './account-import.entity';
import { importRowToAccount, type ImportRow } from './account-import.rules';

/** How many values one SELECT ... IN (...) carries. */
const IN_CHUNK = 1000;

/**
 * The line kind of a carried-over invoice: a one-off CHARGE, the contract's kind
 * for what is owed beside usage; it stays out of usage and threshold tests, and
 * the hub taxes only the invoices it computes (the previous system's bill had its tax).
 */
export const OPENING_BALANCE_LINE_KIND = InvoiceLineKind.CHARGE;

export interface RowToWrite {
  row: ImportRow;
  productId: string | null;
  promoCodeId: string | null;
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const marks = (n: number): string => Array<string>(n).fill('?').join(', ');

async function select<R>(em: EntityManager, sql: string, params: unknown[]): Promise<R[]> {
  const s = statement(em, sql, params);
  return (await em.query(s.sql, s.params)) as R[];
}

/** The accounts already holding these numbers, with the fingerprint of the import row that made each (null: not imported). */
export async function accountsByNumber(
  em: EntityManager,
  numbers: string[],
): Promise<Map<string, { id: string; fingerprint: string | null }>> {
  const found = new Map<string, { id: string; fingerprint: string | null }>();
  for (const chunk of chunks(numbers, IN_CHUNK)) {
    const rows = await select<{ id: number | string; number: string; fingerprint: string | null }>(
      em,
      `SELECT a.id AS id, a.number AS number, i.fingerprint AS fingerprint
         FROM account a LEFT JOIN account_import i ON i.account_id = a.id
        WHERE a.number IN (${marks(chunk.length)})`,
      chunk,
    );
    for (const r of rows) found.set(r.number, { id: String(r.id), fingerprint: r.fingerprint ?? null });
  }
  return found;
}

/**
 * Writes the accepted rows in a handful of statements per 500 rows, whatever
 * their number: the accounts, then (reading back only their ids) their import
 * records, enrollments and carried-over invoices with one line each. The
 * invoices are ISSUED with the previous system's dates, so balances, aging and
 * collections count them like any other; a new account has no unapplied
 * credit to apply to them.
 */
export async function writeImportedAccounts(tx: Tx, actor: string, rows: RowToWrite[]): Promise<void> {
  if (rows.length === 0) return;
  const em = tx.em;
  const now = new Date();
  await insertChunked(
    em,
    Account,
    rows.map(({ row }) =>
      Object.assign(new Account(), { ...importRowToAccount(row), status: AccountStatus.ACTIVE, createdAt: now, updatedAt: now }),
    ),
  );
  const ids = await accountsByNumber(
    em,
    rows.map(({ row }) => row.number),
  );
  const idOf = (row: ImportRow): string => {
    const found = ids.get(row.number);
    if (!found) throw new Error(`imported account ${row.number} was not found after its insert`);
    return found.id;
  };

  // Rows nothing here reads back go with the COMMIT (one round trip on MySQL); accounts and invoices are read back for their ids.
  tx.insertLater(
    AccountImportRecord,
    rows.map(({ row }) =>
      Object.assign(new AccountImportRecord(), {
        accountId: idOf(row),
        fingerprint: row.fingerprint,
        importedBy: actor.slice(0, 128),
        importedAt: now,
      }),
    ),
  );
  tx.insertLater(
    Enrollment,
    rows
      .filter((r) => r.row.enrollment && r.productId)
      .map(({ row, productId, promoCodeId }) =>
        Object.assign(new Enrollment(), {
          accountId: idOf(row),
          productId,
          promoCodeId,
          promoCode: promoCodeId ? row.enrollment?.promoCode : null,
          startDate: row.enrollment?.startDate,
          endDate: null,
          firstInvoiceId: null,
          createdAt: now,
        }),
      ),
  );
  await writeOpeningInvoices(tx, rows, idOf, now);

  for (const { row, productId } of rows) {
    const after = {
      ...importRowToAccount(row),
      taxZone: row.taxZone,
      taxExempt: row.taxExempt,
      taxExemptionRef: row.taxExemptionRef,
      enrollment: productId ? row.enrollment : null,
      openingBalance: row.openingBalance.map((o) => ({ ...o, amount: formatMoney(o.amount) })),
    };
    tx.audit({ actor, action: 'importAccount', subjectType: 'Account', subjectId: idOf(row), after });
  }
}

function openingKey(accountId: string, legacyNumber: string): string {
  return `OPENING:${accountId}:${legacyNumber.toUpperCase()}`;
}

async function writeOpeningInvoices(tx: Tx, rows: RowToWrite[], idOf: (row: ImportRow) => string, now: Date): Promise<void> {
  const em = tx.em;
  const withBalance = rows.filter(({ row }) => row.openingBalance.length > 0);
  if (withBalance.length === 0) return;
  const invoices: Invoice[] = [];
  const lines = new Map<string, { amount: number; description: string }>();
  for (const { row } of withBalance) {
    const accountId = idOf(row);
    for (const o of row.openingBalance) {
      const billingKey = openingKey(accountId, o.legacyNumber);
      lines.set(billingKey, {
        amount: o.amount,
        description: `Balance carried over from invoice ${o.legacyNumber} of the previous system`,
      });
      invoices.push(
        Object.assign(new Invoice(), {
          accountId,
          billRunId: null,
          kind: InvoiceKind.OPENING_BALANCE,
          // Unique while the invoice stands: the database refuses carrying the same invoice over twice.
          billingKey,
          periodStart: o.issueDate,
          periodEnd: o.issueDate,
          issueDate: o.issueDate,
          dueDate: o.dueDate,
          status: InvoiceStatus.ISSUED,
          total: o.amount,
          amountPaid: 0,
          amountCredited: 0,
          voidReason: null,
          quantity: 0,
          days: 0,
          createdAt: now,
          updatedAt: now,
        }),
      );
    }
  }
  await insertChunked(em, Invoice, invoices);

  const written: InvoiceLine[] = [];
  for (const chunk of chunks(withBalance, IN_CHUNK)) {
    const stored = await select<{ id: number | string; billingKey: string }>(
      em,
      `SELECT id, billing_key AS billingKey FROM invoice WHERE kind = ? AND account_id IN (${marks(chunk.length)})`,
      [InvoiceKind.OPENING_BALANCE, ...chunk.map(({ row }) => idOf(row))],
    );
    for (const s of stored) {
      const line = lines.get(s.billingKey);
      if (!line) continue;
      written.push(
        Object.assign(new InvoiceLine(), {
          invoiceId: String(s.id),
          position: 0,
          kind: OPENING_BALANCE_LINE_KIND,
          description: line.description,
          quantity: null,
          unitPrice: null,
          amount: line.amount,
          periodStart: null,
          periodEnd: null,
          rateId: null,
        }),
      );
    }
  }
  if (written.length !== invoices.length) throw new Error(`wrote ${invoices.length} carried-over invoices but found ${written.length}`);
  tx.insertLater(InvoiceLine, written);
}
