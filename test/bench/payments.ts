/**
 * Target 4: recordPayment under 32 concurrent clients over 1,000 accounts with
 * open invoices, while an operator credits invoices of the same accounts, then
 * a check that no invoice is over-applied and every cent adds up, credit notes'
 * included. Baseline: the rows of the same payments written with plain SQL
 * (payments-baseline.ts).
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  adminToken,
  apiKey,
  cpuMeter,
  databasePid,
  fmt,
  gqlOk,
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
import { baseline } from './payments-baseline';
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
  const seededInvoices = (await ds.query('SELECT id, account_id, total FROM invoice ORDER BY id')) as Array<
    Record<'id' | 'account_id' | 'total', string | number>
  >;
  // One charge per invoice, so that an invoice can be credited.
  await insertRows(
    ds,
    'invoice_line',
    ['invoice_id', 'position', 'kind', 'description', 'quantity', 'unit_price', 'amount', 'period_start', 'period_end'],
    seededInvoices.map((inv) => [Number(inv.id), 0, 'FEE', 'Service charge', null, null, Number(inv.total), null, null]),
  );
  // Invoices issued months ago have their bill: the hub's render worker does not draw 3,000 of them during the figure.
  const pdf = Buffer.from('%PDF-1.4 bench');
  await insertRows(
    ds,
    'document',
    ['kind', 'account_id', 'invoice_id', 'sha256', 'pages', 'bytes', 'content', 'created_at'],
    seededInvoices.map((inv) => ['INVOICE', Number(inv.account_id), Number(inv.id), '0'.repeat(64), 1, pdf.length, pdf, STAMP]),
  );
  return { numbers: seeded.numbers, ds };
}

/**
 * Whatever the interleaving: no invoice above its total, every invoice's paid amount its allocations, every
 * payment's cents accounted for, every credit note's credit a payment row of its amount, and what was received
 * and credited equal to what was applied plus what is left.
 */
async function check(ds: DataSource): Promise<string> {
  const n = (sql: string) => count(ds, sql);
  const problems = [
    [await n('SELECT COUNT(*) AS n FROM invoice WHERE amount_paid > total'), 'invoices over-applied'],
    [
      await n(
        `SELECT COUNT(*) AS n FROM invoice i WHERE i.amount_paid <> (SELECT COALESCE(SUM(a.amount), 0) FROM payment_allocation a WHERE a.invoice_id = i.id)`,
      ),
      'invoices whose amount paid differs from their allocations',
    ],
    [
      await n(
        `SELECT COUNT(*) AS n FROM payment p WHERE p.amount <> p.unapplied + (SELECT COALESCE(SUM(a.amount), 0) FROM payment_allocation a WHERE a.payment_id = p.id)`,
      ),
      'payments (credit notes included) whose cents do not add up',
    ],
    [
      await n(`SELECT COUNT(*) AS n FROM invoice WHERE (status = 'PAID') <> (amount_paid = total)`),
      'invoices PAID without being paid in full (or the reverse)',
    ],
    [
      await n(
        `SELECT COUNT(*) AS n FROM credit_note c WHERE c.total <> (SELECT COALESCE(SUM(p.amount), 0) FROM payment p WHERE p.credit_note_id = c.id)`,
      ),
      'credit notes whose credit is not one payment row of their total',
    ],
    [
      await n(
        `SELECT COUNT(*) AS n FROM invoice i WHERE i.amount_credited <> (SELECT COALESCE(SUM(c.total), 0) FROM credit_note c WHERE c.invoice_id = i.id)`,
      ),
      'invoices whose amount credited differs from their credit notes',
    ],
    [await n('SELECT COUNT(*) AS n FROM credit_note WHERE applied_to_invoice > total'), 'credit notes applied beyond their total'],
  ].flatMap(([found, what]) => (found ? [`${found} ${what}`] : []));
  const received = await n('SELECT COALESCE(SUM(amount), 0) AS n FROM payment WHERE credit_note_id IS NULL');
  const credited = await n('SELECT COALESCE(SUM(amount), 0) AS n FROM payment WHERE credit_note_id IS NOT NULL');
  const notes = await n('SELECT COUNT(*) AS n FROM credit_note');
  const applied = await n('SELECT COALESCE(SUM(amount_paid), 0) AS n FROM invoice');
  const unapplied = await n('SELECT COALESCE(SUM(unapplied), 0) AS n FROM payment');
  if (received + credited !== applied + unapplied)
    problems.push(`received ${received} + credited ${credited} cents, applied ${applied} + unapplied ${unapplied}`);
  if (problems.length > 0) throw new Error(`payments check failed: ${problems.join('; ')}`);
  return (
    `no invoice over-applied; ${fmt(received / 100, 2)} received + ${fmt(credited / 100, 2)} credited by ${fmt(notes)} credit notes = ` +
    `${fmt(applied / 100, 2)} applied + ${fmt(unapplied / 100, 2)} unapplied, to the cent`
  );
}

const CREDIT_INVOICE = 'mutation($input: CreditInvoiceInput!) { creditInvoice(input: $input) { id } }';
/** At most this many credit notes a second beside the payments: an operator's pace, not a second load. */
const CREDITS_PER_SECOND = 20;

/**
 * Full credit notes on invoices spread over the accounts being paid, one at a time until `until` resolves; each
 * invoice once. Returns how many were issued.
 */
async function creditMeanwhile(url: string, token: string, ds: DataSource, until: Promise<unknown>): Promise<number> {
  const ids = ((await ds.query('SELECT id FROM invoice ORDER BY id')) as Array<{ id: string | number }>).map((r) => String(r.id));
  let stop = false;
  void until.finally(() => (stop = true));
  let issued = 0;
  for (let k = 0; !stop && k < ids.length; k++) {
    const started = performance.now();
    await gqlOk(url, CREDIT_INVOICE, { input: { invoiceId: ids[(k * 613) % ids.length], reason: 'Goodwill' } }, token);
    issued++;
    await sleep(Math.max(0, 1000 / CREDITS_PER_SECOND - (performance.now() - started)));
  }
  return issued;
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
      const paying = load({ url: hub.url, token: integrator, query: RECORD_PAYMENT, connections: CONNECTIONS, seconds, body });
      const [figures, notes] = await Promise.all([paying, creditMeanwhile(hub.url, admin, ds, paying)]);
      await hub.ask('cpuProfileEnd');
      const cpuUsed = cpu();
      // autocannon stops at the deadline; the last payments in flight still commit.
      await sleep(1000);
      const payments = await count(ds, 'SELECT COUNT(*) AS n FROM payment WHERE credit_note_id IS NULL');
      report(`  recordPayment: ${describeLoad(figures)}; ${fmt(payments)} payments stored; ${fmt(notes)} credit notes issued meanwhile`);
      report(`  check: ${await check(ds)}`);
      report(`  ${cpuUsed}`);
    } finally {
      await hub.stop();
      await ds.destroy();
    }
    const plain = await baseline(kind, db, seconds, CONNECTIONS);
    report(
      `  baseline, the payment's rows (payment, invoices, allocations, event, audit entry) written with plain SQL ` +
        `(${kind === 'mariadb' ? `${CONNECTIONS} mysql2 connections` : 'one better-sqlite3 connection'}): ${fmt(plain)} payments/s`,
    );
  });
}
