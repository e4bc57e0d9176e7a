/**
 * Target 4: recordPayment under 32 concurrent clients over 1,000 accounts with
 * open invoices, then a check that no invoice is over-applied and every cent
 * adds up. Baseline: the same payment written with plain SQL (lock the
 * account, read its oldest open invoice, insert the payment, apply it, insert
 * the allocation) by 32 concurrent mysql2 connections, or one better-sqlite3
 * connection.
 */
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import {
  adminToken,
  apiKey,
  cpuMeter,
  databasePid,
  fmt,
  heading,
  hubEnv,
  report,
  sleep,
  spawnChild,
  withScratch,
  type ScratchDatabase,
  type TestDb,
} from './lib';
import { describeLoad, load } from './load';
import { count, insertRows, migratedDataSource, seedAccounts, seedCatalog } from './seed';

const CONNECTIONS = 32;
const ACCOUNTS = 1000;
const INVOICES_PER_ACCOUNT = 3;
const STAMP = '2026-02-01 00:00:00.000';

const RECORD_PAYMENT = 'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id unapplied } }';

/** 1,000 accounts, each with three ISSUED invoices due a month apart (the remittances bench pays them too). */
export async function seed(db: ScratchDatabase): Promise<{ numbers: string[]; ds: DataSource }> {
  const ds = await migratedDataSource(db);
  const catalog = await seedCatalog(ds, 1);
  const seeded = await seedAccounts(ds, { count: ACCOUNTS, productIds: catalog.productIds, reads: 0, prefix: 'P' });
  const invoices: unknown[][] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    for (let k = 0; k < INVOICES_PER_ACCOUNT; k++) {
      const month = String(k + 1).padStart(2, '0');
      invoices.push([
        seeded.firstAccountId + i,
        'USAGE',
        `bench:${i}:${k}`,
        `2026-${month}-01`,
        `2026-${String(k + 2).padStart(2, '0')}-01`,
        `2026-${String(k + 2).padStart(2, '0')}-01`,
        `2026-${String(k + 2).padStart(2, '0')}-22`,
        'ISSUED',
        4_000 + ((i * 37 + k * 101) % 9_000),
        0,
        300_000_000,
        31,
        STAMP,
        STAMP,
      ]);
    }
  }
  await insertRows(
    ds,
    'invoice',
    [
      'account_id',
      'kind',
      'billing_key',
      'period_start',
      'period_end',
      'issue_date',
      'due_date',
      'status',
      'total',
      'amount_paid',
      'quantity',
      'days',
      'created_at',
      'updated_at',
    ],
    invoices,
  );
  return { numbers: seeded.numbers, ds };
}

/** Whatever the interleaving: no invoice above its total, every invoice's paid amount its allocations, every payment's cents accounted for. */
async function check(ds: DataSource): Promise<string> {
  const overApplied = await count(ds, 'SELECT COUNT(*) AS n FROM invoice WHERE amount_paid > total');
  const invoiceMismatch = await count(
    ds,
    `SELECT COUNT(*) AS n FROM invoice i WHERE i.amount_paid <> (SELECT COALESCE(SUM(a.amount), 0) FROM payment_allocation a WHERE a.invoice_id = i.id)`,
  );
  const paymentMismatch = await count(
    ds,
    `SELECT COUNT(*) AS n FROM payment p WHERE p.amount <> p.unapplied + (SELECT COALESCE(SUM(a.amount), 0) FROM payment_allocation a WHERE a.payment_id = p.id)`,
  );
  const paidStatus = await count(ds, `SELECT COUNT(*) AS n FROM invoice WHERE (status = 'PAID') <> (amount_paid = total)`);
  const received = await count(ds, 'SELECT COALESCE(SUM(amount), 0) AS n FROM payment');
  const applied = await count(ds, 'SELECT COALESCE(SUM(amount_paid), 0) AS n FROM invoice');
  const unapplied = await count(ds, 'SELECT COALESCE(SUM(unapplied), 0) AS n FROM payment');
  const problems = [
    overApplied && `${overApplied} invoices over-applied`,
    invoiceMismatch && `${invoiceMismatch} invoices whose amount paid differs from their allocations`,
    paymentMismatch && `${paymentMismatch} payments whose cents do not add up`,
    paidStatus && `${paidStatus} invoices PAID without being paid in full (or the reverse)`,
    received !== applied + unapplied && `received ${received} cents, applied ${applied} + unapplied ${unapplied}`,
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`payments check failed: ${problems.join('; ')}`);
  return `no invoice over-applied; ${fmt(received / 100, 2)} received = ${fmt(applied / 100, 2)} applied + ${fmt(unapplied / 100, 2)} unapplied, to the cent`;
}

/** The plain-SQL payment, as many as possible in `seconds` by `CONNECTIONS` clients. */
async function baseline(kind: TestDb, db: ScratchDatabase, seconds: number): Promise<number> {
  const ids = (await (async () => {
    const ds = await migratedDataSource(db);
    const rows = (await ds.query('SELECT id FROM account ORDER BY id')) as Array<{ id: string | number }>;
    await ds.destroy();
    return rows.map((r) => Number(r.id));
  })()) as number[];
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  const amountFor = (i: number) => 500 + ((i * 7919) % 14_500);
  if (kind === 'mariadb') {
    const pool = mysql.createPool({ uri: db.url, connectionLimit: CONNECTIONS, supportBigNumbers: true, bigNumberStrings: true });
    try {
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async (_, c) => {
          const conn = await pool.getConnection();
          try {
            for (let i = c; performance.now() < deadline; i += CONNECTIONS) {
              const accountId = ids[(i * 31) % ids.length];
              const amount = amountFor(i);
              await conn.query('START TRANSACTION');
              await conn.query('SELECT id FROM account WHERE id = ? FOR UPDATE', [accountId]);
              const [open] = (await conn.query(
                "SELECT id, total, amount_paid FROM invoice WHERE account_id = ? AND status = 'ISSUED' AND total > amount_paid ORDER BY due_date, id LIMIT 1",
                [accountId],
              )) as unknown as [Array<{ id: string; total: string; amount_paid: string }>];
              const invoice = open[0];
              const applied = invoice ? Math.min(amount, Number(invoice.total) - Number(invoice.amount_paid)) : 0;
              const [payment] = (await conn.query(
                "INSERT INTO payment (account_id, amount, channel, received_at, status, unapplied, idempotency_key, request_digest, created_at) VALUES (?, ?, 'CARD', ?, 'APPLIED', ?, ?, ?, ?)",
                [accountId, amount, STAMP, amount - applied, randomUUID(), 'x'.repeat(64), STAMP],
              )) as unknown as [{ insertId: number }];
              if (invoice && applied > 0) {
                await conn.query('UPDATE invoice SET amount_paid = amount_paid + ? WHERE id = ?', [applied, invoice.id]);
                await conn.query('INSERT INTO payment_allocation (payment_id, invoice_id, amount, created_at) VALUES (?, ?, ?, ?)', [
                  payment.insertId,
                  invoice.id,
                  applied,
                  STAMP,
                ]);
              }
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
  } else {
    const sqlite = new Database(path.join(db.dataDir, 'hub.sqlite'));
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    try {
      const lock = sqlite.prepare('UPDATE account SET updated_at = ? WHERE id = ?');
      const openInvoice = sqlite.prepare(
        "SELECT id, total, amount_paid FROM invoice WHERE account_id = ? AND status = 'ISSUED' AND total > amount_paid ORDER BY due_date, id LIMIT 1",
      );
      const insertPayment = sqlite.prepare(
        "INSERT INTO payment (account_id, amount, channel, received_at, status, unapplied, idempotency_key, request_digest, created_at) VALUES (?, ?, 'CARD', ?, 'APPLIED', ?, ?, ?, ?)",
      );
      const apply = sqlite.prepare('UPDATE invoice SET amount_paid = amount_paid + ? WHERE id = ?');
      const allocate = sqlite.prepare('INSERT INTO payment_allocation (payment_id, invoice_id, amount, created_at) VALUES (?, ?, ?, ?)');
      const pay = sqlite.transaction((accountId: number, amount: number) => {
        lock.run(STAMP, accountId);
        const invoice = openInvoice.get(accountId) as { id: number; total: number; amount_paid: number } | undefined;
        const applied = invoice ? Math.min(amount, invoice.total - invoice.amount_paid) : 0;
        const payment = insertPayment.run(accountId, amount, STAMP, amount - applied, randomUUID(), 'x'.repeat(64), STAMP);
        if (invoice && applied > 0) {
          apply.run(applied, invoice.id);
          allocate.run(payment.lastInsertRowid, invoice.id, applied, STAMP);
        }
      });
      for (let i = 0; performance.now() < deadline; i++) {
        pay(ids[(i * 31) % ids.length], amountFor(i));
        done++;
      }
    } finally {
      sqlite.close();
    }
  }
  return done / seconds;
}

export async function benchPayments(kind: TestDb, seconds: number): Promise<void> {
  heading(`Payments on ${kind}: recordPayment, ${CONNECTIONS} concurrent clients, ${fmt(ACCOUNTS)} accounts, ${seconds} s`);
  await withScratch(kind, async (db) => {
    const { numbers, ds } = await seed(db);
    const hub = await spawnChild('hub-child.js', hubEnv(db));
    try {
      const admin = await adminToken(hub.url);
      const integrator = await apiKey(hub.url, admin, 'INTEGRATOR', 'bench-payments');
      let i = 0;
      const body = () => {
        i++;
        return JSON.stringify({
          query: RECORD_PAYMENT,
          variables: {
            input: {
              // Accounts in a scattered order, so concurrent payments often meet on one account.
              accountNumber: numbers[(i * 7919) % numbers.length],
              amount: `${5 + ((i * 31) % 145)}.${String(i % 100).padStart(2, '0')}`,
              channel: 'ONLINE',
              idempotencyKey: randomUUID(),
            },
          },
        });
      };
      await load({ url: hub.url, token: integrator, query: RECORD_PAYMENT, connections: CONNECTIONS, seconds: 1, body });
      const cpu = cpuMeter({ hub: hub.pid, MariaDB: kind === 'mariadb' ? databasePid() : null, 'load generator': process.pid });
      await hub.ask('cpuProfile');
      const figures = await load({ url: hub.url, token: integrator, query: RECORD_PAYMENT, connections: CONNECTIONS, seconds, body });
      await hub.ask('cpuProfileEnd');
      const cpuUsed = cpu();
      // autocannon stops at the deadline; the last payments in flight still commit.
      await sleep(1000);
      const payments = await count(ds, 'SELECT COUNT(*) AS n FROM payment');
      report(`  recordPayment: ${describeLoad(figures)}; ${fmt(payments)} payments stored`);
      report(`  check: ${await check(ds)}`);
      report(`  ${cpuUsed}`);
    } finally {
      await hub.stop();
      await ds.destroy();
    }
    const plain = await baseline(kind, db, seconds);
    report(
      `  baseline, the payment's rows written with plain SQL (${kind === 'mariadb' ? `${CONNECTIONS} mysql2 connections` : 'one better-sqlite3 connection'}): ` +
        `${fmt(plain)} payments/s`,
    );
  });
}
