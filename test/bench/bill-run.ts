/**
 * Target 1: a month-end bill run over N accounts with one read each, timed from
 * runBilling to COMPLETED, beside the time the database takes to INSERT the
 * same invoice and line rows with plain chunked multi-row INSERTs.
 */
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import {
  adminToken,
  cpuMeter,
  databasePid,
  fmt,
  gqlOk,
  heading,
  hubEnv,
  mb,
  report,
  secondsSince,
  sleep,
  spawnChild,
  withScratch,
  type BenchChild,
  type ScratchDatabase,
  type TestDb,
} from './lib';
import { count, migratedDataSource, seedAccounts, seedCatalog, seedTaxRates } from './seed';

const AS_OF = '2026-02-01';
const BASELINE_CHUNK = 500;

export interface RunFigures {
  seconds: number;
  accounts: number;
  invoices: number;
  lines: number;
  peakRss: number;
  eventsSeconds: number;
}

/** Starts a run on the hub and polls it until it is no longer RUNNING. */
export async function timeBillRun(
  url: string,
  token: string,
  asOf: string,
): Promise<{ seconds: number; run: { id: string; status: string; accountsProcessed: number; invoicesIssued: number } }> {
  const t0 = performance.now();
  const started = await gqlOk<{ runBilling: { id: string } }>(
    url,
    'mutation($asOf: Date!) { runBilling(asOf: $asOf, wait: false) { id } }',
    { asOf },
    token,
  );
  for (;;) {
    const { billRun } = await gqlOk<{ billRun: { id: string; status: string; accountsProcessed: number; invoicesIssued: number } }>(
      url,
      'query($id: ID!) { billRun(id: $id) { id status accountsProcessed invoicesIssued accountsFailed } }',
      { id: started.runBilling.id },
      token,
    );
    if (billRun.status !== 'RUNNING') return { seconds: secondsSince(t0), run: billRun };
    await sleep(50);
  }
}

/** Waits until the relay has numbered and published every event the run wrote. */
export async function waitForOutbox(ds: DataSource, t0: number): Promise<number> {
  while ((await count(ds, 'SELECT COUNT(*) AS n FROM outbox')) > 0) await sleep(50);
  return secondsSince(t0);
}

export async function seedBillRun(db: ScratchDatabase, accounts: number, taxCodes = 0): Promise<{ ds: DataSource; seconds: number }> {
  const t0 = performance.now();
  const ds = await migratedDataSource(db);
  const catalog = await seedCatalog(ds, 8);
  if (taxCodes > 0) await seedTaxRates(ds);
  await seedAccounts(ds, { count: accounts, productIds: catalog.productIds });
  return { ds, seconds: secondsSince(t0) };
}

/** The engine's run: seeded data, a hub child, runBilling, polled to the end. */
async function engineRun(db: ScratchDatabase, accounts: number, taxCodes: number): Promise<RunFigures> {
  const { ds, seconds: seedSeconds } = await seedBillRun(db, accounts, taxCodes);
  report(`  setup: ${fmt(accounts)} accounts, enrollments and reads inserted in ${seedSeconds} s`);
  let hub: BenchChild | null = null;
  try {
    hub = await spawnChild('hub-child.js', hubEnv(db));
    const token = await adminToken(hub.url);
    const before = await hub.stats();
    const cpu = cpuMeter({ hub: hub.pid, [db.kind === 'mariadb' ? 'MariaDB' : 'database']: db.kind === 'mariadb' ? databasePid() : null });
    await hub.ask('cpuProfile');
    const t0 = performance.now();
    const { seconds, run } = await timeBillRun(hub.url, token, AS_OF);
    const cpuUsed = cpu();
    await hub.ask('cpuProfileEnd');
    const eventsSeconds = await waitForOutbox(ds, t0);
    const after = await hub.stats();
    const invoices = await count(ds, 'SELECT COUNT(*) AS n FROM invoice');
    const lines = await count(ds, 'SELECT COUNT(*) AS n FROM invoice_line');
    const unbilled = await count(ds, 'SELECT COUNT(*) AS n FROM usage_read WHERE invoice_id IS NULL');
    if (run.status !== 'COMPLETED' || invoices !== accounts || unbilled !== 0) {
      throw new Error(`the run ended ${run.status} with ${invoices} invoices for ${accounts} accounts, ${unbilled} reads unbilled`);
    }
    report(
      `  hub before the run: RSS ${mb(before.rss)}; after: RSS ${mb(after.rss)}, JS heap ${mb(after.heapUsed)}; during the run, ${cpuUsed}`,
    );
    return { seconds, accounts, invoices, lines, peakRss: after.peakRss, eventsSeconds };
  } finally {
    await hub?.stop();
    await ds.destroy();
  }
}

/** The database's own write speed: the same invoice and line rows, chunked multi-row INSERTs, one transaction per chunk. */
async function baselineInserts(kind: TestDb, invoices: number, linesPerInvoice: number): Promise<number> {
  return withScratch(kind, async (db) => {
    const ds = await migratedDataSource(db);
    const catalog = await seedCatalog(ds, 1);
    const seeded = await seedAccounts(ds, { count: invoices, productIds: catalog.productIds, reads: 0 });
    await ds.destroy();
    const now = '2026-02-01 00:00:00.000';
    const invoiceRow = (i: number) => [
      seeded.firstAccountId + i,
      'USAGE',
      `usage:${seeded.firstAccountId + i}:${i}`,
      '2026-01-01',
      '2026-02-01',
      '2026-02-01',
      '2026-02-22',
      'ISSUED',
      5_000 + (i % 7_000),
      0,
      300_000_000,
      31,
      now,
      now,
    ];
    const invoiceColumns =
      'account_id, kind, billing_key, period_start, period_end, issue_date, due_date, status, total, amount_paid, quantity, days, created_at, updated_at';
    const lineColumns = 'invoice_id, position, kind, description, quantity, unit_price, amount, period_start, period_end';
    const lineRows = (invoiceId: number) =>
      Array.from({ length: linesPerInvoice }, (_, p) => [
        invoiceId,
        p,
        p === 0 ? 'USAGE' : 'FIXED',
        p === 0 ? '300 kWh at 0.1325 from 2026-01-01 to 2026-02-01' : 'Monthly charge',
        p === 0 ? 300_000_000 : null,
        p === 0 ? 132_500 : null,
        p === 0 ? 3975 : 995,
        '2026-01-01',
        '2026-02-01',
      ]);
    const t0 = performance.now();
    if (kind === 'mariadb') {
      const conn = await mysql.createConnection({ uri: db.url, supportBigNumbers: true, bigNumberStrings: true });
      try {
        for (let start = 0; start < invoices; start += BASELINE_CHUNK) {
          const n = Math.min(BASELINE_CHUNK, invoices - start);
          await conn.query('START TRANSACTION');
          const [result] = (await conn.query(`INSERT INTO invoice (${invoiceColumns}) VALUES ?`, [
            Array.from({ length: n }, (_, k) => invoiceRow(start + k)),
          ])) as unknown as [{ insertId: number }];
          const firstId = Number(result.insertId);
          await conn.query(`INSERT INTO invoice_line (${lineColumns}) VALUES ?`, [
            Array.from({ length: n }, (_, k) => lineRows(firstId + k)).flat(),
          ]);
          await conn.query('COMMIT');
        }
      } finally {
        await conn.end();
      }
    } else {
      const file = path.join(db.dataDir, 'hub.sqlite');
      const sqlite = new Database(file);
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = NORMAL');
      try {
        const tuple = (cols: string) =>
          `(${cols
            .split(',')
            .map(() => '?')
            .join(',')})`;
        const insertInvoices = (n: number) =>
          sqlite.prepare(`INSERT INTO invoice (${invoiceColumns}) VALUES ${Array(n).fill(tuple(invoiceColumns)).join(',')}`);
        const insertLines = (n: number) =>
          sqlite.prepare(`INSERT INTO invoice_line (${lineColumns}) VALUES ${Array(n).fill(tuple(lineColumns)).join(',')}`);
        for (let start = 0; start < invoices; start += BASELINE_CHUNK) {
          const n = Math.min(BASELINE_CHUNK, invoices - start);
          sqlite.transaction(() => {
            const result = insertInvoices(n).run(Array.from({ length: n }, (_, k) => invoiceRow(start + k)).flat());
            const firstId = Number(result.lastInsertRowid) - n + 1;
            insertLines(n * linesPerInvoice).run(Array.from({ length: n }, (_, k) => lineRows(firstId + k).flat()).flat());
          })();
        }
      } finally {
        sqlite.close();
      }
    }
    return secondsSince(t0);
  });
}

/**
 * With `taxCodes` 2 (the default), every account's zone has two tax codes, so
 * each invoice carries two TAX lines; 0 runs without taxes, for comparison.
 */
export async function benchBillRun(kind: TestDb, accounts: number, taxCodes = 2): Promise<RunFigures & { baselineSeconds: number }> {
  heading(`Bill run on ${kind}: ${fmt(accounts)} accounts, one read each, ${taxCodes ? 'two tax codes' : 'no taxes'}`);
  const figures = await withScratch(kind, (db) => engineRun(db, accounts, taxCodes));
  const baselineSeconds = await baselineInserts(kind, figures.invoices, Math.round(figures.lines / figures.invoices));
  const rate = figures.accounts / figures.seconds;
  report(
    `  bill run: ${figures.seconds} s, ${fmt(rate)} accounts/s (${fmt(figures.invoices)} invoices, ${fmt(figures.lines)} lines); ` +
      `every event published ${figures.eventsSeconds} s after the start; peak RSS of the hub ${mb(figures.peakRss)}`,
  );
  report(
    `  baseline, the same ${fmt(figures.invoices)} invoice and ${fmt(figures.lines)} line rows as chunked multi-row INSERTs ` +
      `(${kind === 'mariadb' ? 'mysql2' : 'better-sqlite3'}, ${BASELINE_CHUNK} invoices per transaction): ${baselineSeconds} s; ` +
      `the engine takes ${(figures.seconds / baselineSeconds).toFixed(2)} x`,
  );
  return { ...figures, baselineSeconds };
}
