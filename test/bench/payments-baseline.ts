/**
 * The payments bench's baseline: the rows one recordPayment writes, written
 * with plain SQL, one statement per round trip as a hand-written client would:
 * lock the account, read its open invoices oldest due first, insert the
 * payment with what stays unapplied, pay each invoice (compare-and-set, PAID
 * when paid off), insert the allocations, the outbox event and the audit
 * entry, commit. 32 concurrent mysql2 connections, or one better-sqlite3
 * connection.
 */
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { planAllocations } from '../../server/src/modules/payments/allocation';
import type { ScratchDatabase, TestDb } from './lib';
import { migratedDataSource } from './seed';

const STAMP = '2026-02-01 00:00:00.000';
const OPEN_INVOICES =
  "SELECT id, total, amount_paid FROM invoice WHERE account_id = ? AND status = 'ISSUED' AND total > amount_paid ORDER BY due_date, id";
const INSERT_PAYMENT =
  "INSERT INTO payment (account_id, amount, channel, received_at, status, unapplied, idempotency_key, request_digest, created_at) VALUES (?, ?, 'ONLINE', ?, 'APPLIED', ?, ?, ?, ?)";
const PAY_INVOICE = 'UPDATE invoice SET amount_paid = ?, status = ?, updated_at = ? WHERE id = ? AND status = ? AND amount_paid = ?';
const INSERT_EVENT = "INSERT INTO outbox (type, subject_id, account_number, payload, occurred_at) VALUES ('PAYMENT_RECEIVED', ?, ?, ?, ?)";
const INSERT_AUDIT =
  "INSERT INTO audit_entry (at, actor, action, subject_type, subject_id, before_state, after_state) VALUES (?, 'bench-payments', 'recordPayment', 'Payment', ?, NULL, ?)";

type OpenRow = { id: string | number; total: string | number; amount_paid: string | number };

/** One payment's plan and the values of its rows, the same whichever database writes them. */
function paymentRows(amount: number, open: OpenRow[]) {
  const invoices = open.map((r) => ({ id: String(r.id), total: Number(r.total), amountPaid: Number(r.amount_paid) }));
  const { changes, left } = planAllocations(amount, invoices);
  const shares = changes.map((c) => ({ invoiceId: c.invoice.id, amount: c.amount }));
  const body = (id: string) => JSON.stringify({ id, amount, unapplied: left, allocations: shares });
  const updates = changes.map((c) => [c.paid, c.settles ? 'PAID' : 'ISSUED', STAMP, Number(c.invoice.id), 'ISSUED', c.invoice.amountPaid]);
  const allocations = (paymentId: string | number | bigint) => ({
    sql: `INSERT INTO payment_allocation (payment_id, invoice_id, amount, created_at) VALUES ${changes.map(() => '(?, ?, ?, ?)').join(', ')}`,
    params: changes.flatMap((c) => [paymentId, Number(c.invoice.id), c.amount, STAMP]),
  });
  return { left, changes, updates, allocations, body };
}

const amountFor = (i: number): number => 500 + ((i * 7919) % 14_500);

/** Payments per second the plain-SQL client writes in `seconds`. */
export async function baseline(kind: TestDb, db: ScratchDatabase, seconds: number, connections: number): Promise<number> {
  const ds = await migratedDataSource(db);
  const accounts = (await ds.query('SELECT id, number FROM account ORDER BY id')) as Array<{ id: string | number; number: string }>;
  await ds.destroy();
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  if (kind === 'mariadb') {
    const pool = mysql.createPool({ uri: db.url, connectionLimit: connections, supportBigNumbers: true, bigNumberStrings: true });
    try {
      await Promise.all(
        Array.from({ length: connections }, async (_, c) => {
          const conn = await pool.getConnection();
          try {
            for (let i = c; performance.now() < deadline; i += connections) {
              const account = accounts[(i * 31) % accounts.length];
              const amount = amountFor(i);
              await conn.query('START TRANSACTION');
              await conn.query('SELECT id FROM account WHERE id = ? FOR UPDATE', [account.id]);
              const [open] = (await conn.query(OPEN_INVOICES, [account.id])) as unknown as [OpenRow[]];
              const rows = paymentRows(amount, open);
              const [payment] = (await conn.query(INSERT_PAYMENT, [
                account.id,
                amount,
                STAMP,
                rows.left,
                randomUUID(),
                'x'.repeat(64),
                STAMP,
              ])) as unknown as [{ insertId: number }];
              for (const update of rows.updates) {
                const [result] = (await conn.query(PAY_INVOICE, update)) as unknown as [{ affectedRows: number }];
                if (result.affectedRows !== 1) throw new Error('baseline: an invoice changed under its account lock');
              }
              if (rows.changes.length > 0) {
                const { sql, params } = rows.allocations(payment.insertId);
                await conn.query(sql, params);
              }
              await conn.query(INSERT_EVENT, [String(payment.insertId), account.number, rows.body(String(payment.insertId)), STAMP]);
              await conn.query(INSERT_AUDIT, [STAMP, String(payment.insertId), rows.body(String(payment.insertId))]);
              await conn.query('COMMIT');
              done++;
            }
          } finally {
            conn.release();
          }
        }),
      );
    } finally {
      await pool.end();
    }
    return done / seconds;
  }
  const sqlite = new Database(path.join(db.dataDir, 'hub.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  try {
    const lock = sqlite.prepare('UPDATE account SET updated_at = ? WHERE id = ?');
    const openInvoices = sqlite.prepare(OPEN_INVOICES);
    const insertPayment = sqlite.prepare(INSERT_PAYMENT);
    const payInvoice = sqlite.prepare(PAY_INVOICE);
    const insertEvent = sqlite.prepare(INSERT_EVENT);
    const insertAudit = sqlite.prepare(INSERT_AUDIT);
    const allocationInserts = new Map<string, Database.Statement>();
    const pay = sqlite.transaction((account: { id: string | number; number: string }, amount: number) => {
      lock.run(STAMP, account.id);
      const rows = paymentRows(amount, openInvoices.all(account.id) as OpenRow[]);
      const payment = insertPayment.run(account.id, amount, STAMP, rows.left, randomUUID(), 'x'.repeat(64), STAMP);
      for (const update of rows.updates) {
        if (payInvoice.run(...update).changes !== 1) throw new Error('baseline: an invoice changed under its lock');
      }
      if (rows.changes.length > 0) {
        const { sql, params } = rows.allocations(payment.lastInsertRowid);
        const insert = allocationInserts.get(sql) ?? sqlite.prepare(sql);
        allocationInserts.set(sql, insert);
        insert.run(...params);
      }
      const id = String(payment.lastInsertRowid);
      insertEvent.run(id, account.number, rows.body(id), STAMP);
      insertAudit.run(STAMP, id, rows.body(id));
    });
    for (let i = 0; performance.now() < deadline; i++) {
      pay(accounts[(i * 31) % accounts.length], amountFor(i));
      done++;
    }
  } finally {
    sqlite.close();
  }
  return done / seconds;
}
