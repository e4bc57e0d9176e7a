/**
 * Accounts brought over from a previous system: N accounts through
 * importAccounts, 10,000 rows a call (the most one call takes), each with an
 * enrollment and every other one with an open invoice carried over; beside the
 * time the database takes to INSERT the same account, import, enrollment,
 * invoice and line rows with plain chunked multi-row INSERTs.
 */
import type { DataSource } from 'typeorm';
import {
  adminToken,
  fmt,
  gqlOk,
  heading,
  hubEnv,
  mb,
  report,
  secondsSince,
  spawnChild,
  withScratch,
  type BenchChild,
  type TestDb,
} from './lib';
import { count, insertRows, migratedDataSource, seedCatalog } from './seed';

const PER_CALL = 10_000;
const START = '2025-06-01';
const ISSUED = '2026-01-05';
const DUE = '2026-01-26';
const STAMP = '2026-01-01 00:00:00.000';

interface Row {
  number: string;
  name: string;
  email: string;
  segment: string;
  productCode: string;
  startDate: string;
  openingBalance: Array<{ legacyNumber: string; issueDate: string; dueDate: string; amount: string }>;
}

function rows(total: number, productCode: string): Row[] {
  return Array.from({ length: total }, (_, i) => {
    const number = `IMP${String(i).padStart(8, '0')}`;
    return {
      number,
      name: `Customer ${number}`,
      email: `${number.toLowerCase()}@example.com`,
      segment: i % 10 === 0 ? 'COMMERCIAL' : 'RESIDENTIAL',
      productCode,
      startDate: START,
      openingBalance:
        i % 2 === 0
          ? [{ legacyNumber: `OLD-${i}`, issueDate: ISSUED, dueDate: DUE, amount: `${40 + (i % 60)}.${String(i % 100).padStart(2, '0')}` }]
          : [],
    };
  });
}

async function productCode(ds: DataSource): Promise<{ id: number; code: string }> {
  await seedCatalog(ds, 1);
  const [p] = (await ds.query('SELECT id, code FROM product ORDER BY id DESC LIMIT 1')) as Array<{ id: string | number; code: string }>;
  return { id: Number(p.id), code: p.code };
}

interface Figures {
  seconds: number;
  accounts: number;
  enrollments: number;
  invoices: number;
  peakRss: number;
}

/** The API's import: a hub child over an empty migrated database, every row through importAccounts. */
async function engineImport(kind: TestDb, total: number): Promise<Figures> {
  return withScratch(kind, async (db) => {
    const ds = await migratedDataSource(db);
    let hub: BenchChild | null = null;
    try {
      const product = await productCode(ds);
      const all = rows(total, product.code);
      hub = await spawnChild('hub-child.js', hubEnv(db));
      const token = await adminToken(hub.url);
      await hub.ask('cpuProfile');
      const t0 = performance.now();
      for (let i = 0; i < all.length; i += PER_CALL) {
        const { importAccounts } = await gqlOk<{ importAccounts: { accepted: number; rejected: Array<{ message: string }> } }>(
          hub.url,
          'mutation($rows: [AccountImportInput!]!) { importAccounts(rows: $rows) { accepted rejected { index message } } }',
          { rows: all.slice(i, i + PER_CALL) },
          token,
        );
        if (importAccounts.rejected.length > 0) throw new Error(`rows rejected: ${JSON.stringify(importAccounts.rejected.slice(0, 3))}`);
      }
      const seconds = secondsSince(t0);
      await hub.ask('cpuProfileEnd');
      const after = await hub.stats();
      const figures = {
        seconds,
        accounts: await count(ds, 'SELECT COUNT(*) AS n FROM account'),
        enrollments: await count(ds, 'SELECT COUNT(*) AS n FROM enrollment'),
        invoices: await count(ds, "SELECT COUNT(*) AS n FROM invoice WHERE kind = 'OPENING_BALANCE'"),
        peakRss: after.peakRss,
      };
      if (figures.accounts !== total || figures.enrollments !== total || figures.invoices !== Math.ceil(total / 2))
        throw new Error(`imported ${JSON.stringify(figures)} for ${total} rows`);
      return figures;
    } finally {
      await hub?.stop();
      await ds.destroy();
    }
  });
}

/** The database's own write speed for the same rows: chunked multi-row INSERTs, 10,000 accounts at a time, as a call does. */
async function baselineInserts(kind: TestDb, total: number): Promise<number> {
  return withScratch(kind, async (db) => {
    const ds = await migratedDataSource(db);
    try {
      const product = await productCode(ds);
      const all = rows(total, product.code);
      const t0 = performance.now();
      for (let start = 0; start < all.length; start += PER_CALL) {
        const chunk = all.slice(start, start + PER_CALL);
        await insertRows(
          ds,
          'account',
          ['number', 'name', 'email', 'segment', 'status', 'created_at', 'updated_at'],
          chunk.map((r) => [r.number, r.name, r.email, r.segment, 'ACTIVE', STAMP, STAMP]),
        );
        // Ids are those of the rows just inserted, in order: nothing else writes to the scratch database meanwhile.
        const [{ m }] = (await ds.query('SELECT id AS m FROM account WHERE number = ?', [chunk[0].number])) as Array<{
          m: string | number;
        }>;
        const base = Number(m);
        await insertRows(
          ds,
          'account_import',
          ['account_id', 'fingerprint', 'imported_by', 'imported_at'],
          chunk.map((_, i) => [base + i, 'f'.repeat(64), 'admin', STAMP]),
        );
        await insertRows(
          ds,
          'enrollment',
          ['account_id', 'product_id', 'start_date', 'end_date', 'created_at'],
          chunk.map((r, i) => [base + i, product.id, r.startDate, null, STAMP]),
        );
        const owing = chunk.flatMap((r, i) => r.openingBalance.map((o) => ({ accountId: base + i, o })));
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
          owing.map(({ accountId, o }) => [
            accountId,
            'OPENING_BALANCE',
            `OPENING:${accountId}:${o.legacyNumber}`,
            o.issueDate,
            o.issueDate,
            o.issueDate,
            o.dueDate,
            'ISSUED',
            Math.round(Number(o.amount) * 100),
            0,
            0,
            0,
            STAMP,
            STAMP,
          ]),
        );
        const [{ f }] = (await ds.query('SELECT id AS f FROM invoice WHERE billing_key = ?', [
          `OPENING:${owing[0].accountId}:${owing[0].o.legacyNumber}`,
        ])) as Array<{ f: string | number }>;
        await insertRows(
          ds,
          'invoice_line',
          ['invoice_id', 'position', 'kind', 'description', 'quantity', 'unit_price', 'amount', 'period_start', 'period_end'],
          owing.map(({ o }, k) => [
            Number(f) + k,
            0,
            'FEE',
            `Balance carried over from invoice ${o.legacyNumber} of the previous system`,
            null,
            null,
            Math.round(Number(o.amount) * 100),
            null,
            null,
          ]),
        );
      }
      return secondsSince(t0);
    } finally {
      await ds.destroy();
    }
  });
}

export async function benchImport(kind: TestDb, accounts: number): Promise<void> {
  heading(`Account import on ${kind}: ${fmt(accounts)} accounts through importAccounts, ${fmt(PER_CALL)} rows a call`);
  const figures = await engineImport(kind, accounts);
  const baselineSeconds = await baselineInserts(kind, accounts);
  report(
    `  importAccounts: ${figures.seconds} s, ${fmt(figures.accounts / figures.seconds)} rows/s ` +
      `(${fmt(figures.accounts)} accounts, ${fmt(figures.enrollments)} enrollments, ${fmt(figures.invoices)} carried-over invoices); peak RSS of the hub ${mb(figures.peakRss)}`,
  );
  report(
    `  baseline, the same account, import, enrollment, invoice and line rows as plain chunked multi-row INSERTs: ${baselineSeconds} s, ` +
      `${fmt(accounts / baselineSeconds)} rows/s; the API takes ${(figures.seconds / baselineSeconds).toFixed(2)} x`,
  );
}
