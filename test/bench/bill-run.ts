/**
 * Target 1: a month-end bill run over N accounts with one read each, timed from
 * runBilling to COMPLETED, beside the time the database takes to INSERT the
 * same invoice and line rows with plain chunked multi-row INSERTs.
 */
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import os from 'node:os';
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
import { count, migratedDataSource, seedAccounts, seedCatalog, seedStructuredCatalog, seedTaxRates } from './seed';

const AS_OF = '2026-02-01';
const BASELINE_CHUNK = 500;
const BASELINE_SQLITE_LINES = 2_000;

/**
 * What the run's accounts carry. `plain`: one flat rate, one TOTAL read, no
 * taxes (two lines per invoice). `full`: two tax codes on every account, and
 * every other account on a three-tier rate with a second read on a register
 * (ON_PEAK or OFF_PEAK) priced by the rate's register prices, so its invoice
 * has a USAGE line per tier used and one for the register.
 */
export const BILL_DATA = ['plain', 'full'] as const;
export type BillData = (typeof BILL_DATA)[number];

/** The line rows of one invoice, by kind: what the baseline writes for it. */
export interface LineShape {
  usage: number;
  tax: number;
  other: number;
}

export interface RunFigures {
  seconds: number;
  accounts: number;
  invoices: number;
  lines: number;
  peakRss: number;
  eventsSeconds: number;
  /** Per invoice, in id order. */
  shapes: LineShape[];
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

export async function seedBillRun(db: ScratchDatabase, accounts: number, data: BillData): Promise<{ ds: DataSource; seconds: number }> {
  const t0 = performance.now();
  const ds = await migratedDataSource(db);
  if (data === 'plain') {
    const catalog = await seedCatalog(ds, 8);
    await seedAccounts(ds, { count: accounts, productIds: catalog.productIds });
  } else {
    const flat = await seedCatalog(ds, 4);
    const structured = await seedStructuredCatalog(ds, 4);
    await seedTaxRates(ds);
    await seedAccounts(ds, { count: accounts, productIds: flat.productIds, structuredProductIds: structured.productIds });
  }
  return { ds, seconds: secondsSince(t0) };
}

/** How many lines of each kind every invoice got, in invoice id order (one statement, the same SQL on both databases). */
async function lineShapes(ds: DataSource): Promise<LineShape[]> {
  const rows = (await ds.query(
    `SELECT invoice_id, SUM(CASE WHEN kind = 'USAGE' THEN 1 ELSE 0 END) AS u, SUM(CASE WHEN kind = 'TAX' THEN 1 ELSE 0 END) AS t,
            COUNT(*) AS n
       FROM invoice_line GROUP BY invoice_id ORDER BY invoice_id`,
  )) as Array<{ u: string | number; t: string | number; n: string | number }>;
  return rows.map((r) => ({ usage: Number(r.u), tax: Number(r.t), other: Number(r.n) - Number(r.u) - Number(r.t) }));
}

/** The engine's run: seeded data, a hub child, runBilling, polled to the end. */
async function engineRun(db: ScratchDatabase, accounts: number, data: BillData): Promise<RunFigures> {
  const { ds, seconds: seedSeconds } = await seedBillRun(db, accounts, data);
  report(`  setup: ${fmt(accounts)} accounts, enrollments and reads inserted in ${seedSeconds} s (load average ${loadAverage()})`);
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
    return { seconds, accounts, invoices, lines, peakRss: after.peakRss, eventsSeconds, shapes: await lineShapes(ds) };
  } finally {
    await hub?.stop();
    await ds.destroy();
  }
}

/** The database's own write speed: the same invoice and line rows, chunked multi-row INSERTs, one transaction per chunk. */
async function baselineInserts(kind: TestDb, shapes: LineShape[]): Promise<number> {
  const invoices = shapes.length;
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
    const lineColumns =
      'invoice_id, position, kind, description, quantity, unit_price, amount, period_start, period_end, tax_code, register';
    // Lines as the engine writes them: its USAGE lines (per tier and register), then the fixed charge, then one per tax code.
    const lineRows = (invoiceId: number, shape: LineShape) => [
      ...Array.from({ length: shape.usage }, (_, p) => [
        invoiceId,
        p,
        'USAGE',
        `300 kWh at 0.1325 from 2026-01-01 to 2026-02-01${p > 0 ? `, tier ${p + 1} of 3` : ''}`,
        300_000_000,
        132_500,
        3975,
        '2026-01-01',
        '2026-02-01',
        null,
        'TOTAL',
      ]),
      ...Array.from({ length: shape.other }, (_, p) => [
        invoiceId,
        shape.usage + p,
        'FIXED',
        'Monthly charge',
        null,
        null,
        995,
        '2026-01-01',
        '2026-02-01',
        null,
        null,
      ]),
      ...Array.from({ length: shape.tax }, (_, p) => [
        invoiceId,
        shape.usage + shape.other + p,
        'TAX',
        p === 0 ? 'State sales tax 6.25% on 49.70' : 'City utility tax 4% on 39.75',
        null,
        null,
        p === 0 ? 311 : 159,
        '2026-01-01',
        '2026-02-01',
        p === 0 ? 'STATE' : 'CITY_UTILITY',
        null,
      ]),
    ];
    const chunkLines = (start: number, n: number, firstId: number): unknown[][] =>
      Array.from({ length: n }, (_, k) => lineRows(firstId + k, shapes[start + k])).flat();
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
          await conn.query(`INSERT INTO invoice_line (${lineColumns}) VALUES ?`, [chunkLines(start, n, firstId)]);
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
            const lines = chunkLines(start, n, firstId);
            // Under SQLite's 32,766 bound values a statement.
            for (let i = 0; i < lines.length; i += BASELINE_SQLITE_LINES) {
              const slice = lines.slice(i, i + BASELINE_SQLITE_LINES);
              insertLines(slice.length).run(slice.flat());
            }
          })();
        }
      } finally {
        sqlite.close();
      }
    }
    return secondsSince(t0);
  });
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/** One run over `data` and its baseline; returns the engine's time over the baseline's. */
async function benchOne(kind: TestDb, accounts: number, data: BillData): Promise<RunFigures & { baselineSeconds: number; ratio: number }> {
  report(
    data === 'plain'
      ? `  -- plain data: one flat rate and one TOTAL read per account, no taxes`
      : `  -- full data: two tax codes on every account; every other one on a three-tier rate with a second read, on a register (ON_PEAK or OFF_PEAK)`,
  );
  const figures = await withScratch(kind, (db) => engineRun(db, accounts, data));
  report(`  load average after the run: ${loadAverage()}`);
  const baselineSeconds = await baselineInserts(kind, figures.shapes);
  const rate = figures.accounts / figures.seconds;
  const ratio = figures.seconds / baselineSeconds;
  const usage = figures.shapes.reduce((n, s) => n + s.usage, 0);
  const tax = figures.shapes.reduce((n, s) => n + s.tax, 0);
  report(
    `  bill run: ${figures.seconds} s, ${fmt(rate)} accounts/s (${fmt(figures.invoices)} invoices, ${fmt(figures.lines)} lines: ` +
      `${fmt(usage)} USAGE, ${fmt(tax)} TAX); every event published ${figures.eventsSeconds} s after the start; peak RSS of the hub ${mb(figures.peakRss)}`,
  );
  report(
    `  baseline, the same ${fmt(figures.invoices)} invoice and ${fmt(figures.lines)} line rows as chunked multi-row INSERTs ` +
      `(${kind === 'mariadb' ? 'mysql2' : 'better-sqlite3'}, ${BASELINE_CHUNK} invoices per transaction): ${baselineSeconds} s; ` +
      `the engine takes ${ratio.toFixed(2)} x (load average ${loadAverage()})`,
  );
  return { ...figures, baselineSeconds, ratio };
}

/**
 * The bill run over each of `datas` in turn (see BillData), each beside its
 * own baseline; with both, the full data's time against the plain data's.
 */
export async function benchBillRun(kind: TestDb, accounts: number, datas: readonly BillData[] = BILL_DATA): Promise<void> {
  heading(`Bill run on ${kind}: ${fmt(accounts)} accounts, ${datas.join(' then ')} data`);
  const runs = new Map<BillData, Awaited<ReturnType<typeof benchOne>>>();
  for (const data of datas) runs.set(data, await benchOne(kind, accounts, data));
  const plain = runs.get('plain');
  const full = runs.get('full');
  if (plain && full) {
    report(
      `  full data against plain data: ${full.seconds} s / ${plain.seconds} s = ${(full.seconds / plain.seconds).toFixed(2)} x the time ` +
        `for ${(full.lines / plain.lines).toFixed(2)} x the lines; against each one's baseline, ${full.ratio.toFixed(2)} x and ${plain.ratio.toFixed(2)} x`,
    );
  }
}
