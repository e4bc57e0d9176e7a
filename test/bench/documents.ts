/**
 * Bills rendered per second: the render worker's pass over a bill run's
 * queued documents (read each invoice's data, lay it out, embed the fonts,
 * store the PDF), beside two baselines measured in the same process: the same
 * bill's view model rendered again and again with no data access, and pdfkit
 * writing a one-page document of plain text with the same fonts.
 */
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import nodemailer from 'nodemailer';
import { loadConfig } from '../../server/src/config/env';
import { startHub, type Hub } from '../../server/src/app/hub';
import { renderBill } from '../../server/src/modules/documents/bill-renderer';
import { DocumentViews } from '../../server/src/modules/documents/document-views';
import PDFDocument from 'pdfkit';
import { MysqlQueryRunner } from 'typeorm/driver/mysql/MysqlQueryRunner';
import { BetterSqlite3QueryRunner } from 'typeorm/driver/better-sqlite3/BetterSqlite3QueryRunner';
import { FONTS } from '../../server/src/modules/documents/pdf-fonts';
import { adminToken, fmt, heading, hubEnv, report, withScratch, type TestDb } from './lib';
import { seedBillRun, timeBillRun } from './bill-run';
import { BenchSmtpSink } from './mail-sink';
import { count, migratedDataSource, seedAccounts, seedCatalog } from './seed';

const AS_OF = '2026-02-01';

/** pdfkit alone, as it comes: one page of text in the documents' fonts, nothing read, none of the hub's font caching. */
async function plainPage(i: number): Promise<number> {
  const doc = new PDFDocument({ size: 'A4', margin: 42 });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', resolve));
  doc.registerFont('regular', FONTS.regular).registerFont('bold', FONTS.bold);
  doc.font('bold').fontSize(16).text('Nordlys Energi', 42, 42);
  doc.font('regular').fontSize(9.5);
  for (let line = 0; line < 40; line++) doc.text(`Line ${line}: Zoë Peña, Øster Allé ${i} — 1,234.56`, 42, 80 + line * 16);
  doc.end();
  await done;
  return Buffer.concat(chunks).length;
}

/** Runs `work` counting the SQL statements the process sends meanwhile (reads, writes, transactions' BEGIN and COMMIT). */
async function counting<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> {
  let statements = 0;
  const protos = [MysqlQueryRunner, BetterSqlite3QueryRunner].map(
    (runner) => runner.prototype as unknown as { query: (...args: unknown[]) => Promise<unknown> },
  );
  const originals = protos.map((proto) => proto.query);
  protos.forEach((proto, i) => {
    proto.query = function (this: unknown, ...args: unknown[]) {
      statements++;
      return originals[i].apply(this, args);
    };
  });
  try {
    return { result: await work(), statements };
  } finally {
    protos.forEach((proto, i) => (proto.query = originals[i]));
  }
}

async function rate(n: number, one: (i: number) => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await one(i);
  return n / ((performance.now() - t0) / 1000);
}

/** The same mails as the hub sends, from a plain loop: nodemailer over one kept-open connection, as the hub's transport. */
async function plainMails(url: string, mails: Array<{ to: string; pdf: Buffer; name: string }>): Promise<number> {
  const transport = nodemailer.createTransport({ url, pool: true, maxConnections: 1, maxMessages: 100 });
  try {
    return await rate(mails.length, (i) =>
      transport.sendMail({
        from: 'billing@localhost',
        to: mails[i].to,
        subject: 'Your bill from Nordlys Energi',
        text: 'Your bill is attached.',
        attachments: [{ filename: mails[i].name, content: mails[i].pdf, contentType: 'application/pdf' }],
      }),
    );
  } finally {
    transport.close();
  }
}

interface WorkerPass {
  stored: number;
  seconds: number;
  statements: number;
  /** The event loop's delay meanwhile, p99 and the longest, in ms: how long an API request could wait behind the worker. */
  delayP99: number;
  delayMax: number;
}

/** A bill run's queued bills rendered and stored by the render worker's pass, timed. */
async function workerPass(hub: Hub): Promise<WorkerPass> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const t0 = performance.now();
  const { result: stored, statements } = await counting(() => hub.services.renderWorker.runOnce());
  const seconds = (performance.now() - t0) / 1000;
  delay.disable();
  return { stored, seconds, statements, delayP99: delay.percentile(99) / 1e6, delayMax: delay.max / 1e6 };
}

/** A scratch database of `accounts` on EMAIL (or PRINT), billed with both workers stopped, so the run only queues the documents. */
async function withQueuedBills<T>(
  kind: TestDb,
  accounts: number,
  env: Record<string, string>,
  work: (hub: Hub, ds: DataSource) => Promise<T>,
  delivery: 'EMAIL' | 'PRINT' = 'EMAIL',
) {
  return withScratch(kind, async (db) => {
    const ds = await migratedDataSource(db);
    const catalog = await seedCatalog(ds, 4);
    await seedAccounts(ds, { count: accounts, productIds: catalog.productIds });
    // Posted bills need an address to be printed.
    await ds.query(
      `UPDATE account SET delivery = '${delivery}', address_line1 = '12 Harbour Road', address_city = 'Bergen',
         address_postal_code = '5003', address_country = 'Norway'`,
    );
    const hub = await startHub(loadConfig(hubEnv(db, env)));
    try {
      await hub.services.renderWorker.stop();
      await hub.services.deliveryWorker.stop();
      await timeBillRun(hub.url, await adminToken(hub.url), AS_OF);
      return await work(hub, ds);
    } finally {
      await hub.stop();
      await ds.destroy();
    }
  });
}

const passLine = (p: WorkerPass) =>
  `${fmt(p.stored / p.seconds, 1)} bills/s (${p.stored} in ${fmt(p.seconds, 1)} s), the event loop's delay p99 ${fmt(p.delayP99, 1)} ms, longest ${fmt(p.delayMax, 1)} ms`;

export async function benchDocuments(kind: TestDb, accounts: number): Promise<void> {
  heading(`Documents on ${kind}: ${accounts} bills rendered by the worker, then mailed to a local SMTP receiver`);
  // First, while this process has laid no PDF out (as the threads have not): the same pass with the PDFs laid out on the
  // thread that answers the API (HUB_RENDER_THREADS=0), on data of its own.
  const here = await withQueuedBills(kind, accounts, { HUB_RENDER_THREADS: '0' }, (hub) => workerPass(hub));
  // The same pass for accounts on PRINT: each bill's place in the print batch and its event are written with the document.
  const printed = await withQueuedBills(kind, accounts, {}, (hub) => workerPass(hub), 'PRINT');
  const sink = new BenchSmtpSink();
  const smtpUrl = await sink.start();
  await withQueuedBills(kind, accounts, { HUB_SMTP_URL: smtpUrl }, async (hub, ds) => {
    const queued = await count(ds, 'SELECT COUNT(*) AS n FROM document_job');
    const load = loadAverage();
    const pass = await workerPass(hub);
    const bytes = await count(ds, 'SELECT SUM(bytes) AS n FROM document');
    report(`  ${queued} documents queued by the bill run; ${hub.services.config.renderThreads} render threads`);
    report(
      `  worker:   ${fmt(pass.statements)} SQL statements, ${fmt(pass.statements / Math.max(pass.stored, 1), 1)} a bill (claiming, reading, storing)`,
    );
    report(`  worker:   ${passLine(pass)}; ${fmt(bytes / Math.max(pass.stored, 1) / 1024, 1)} KB each; load average ${load}`);
    report(`  baseline: ${passLine(here)}, the same pass laying the PDFs out on the API's thread (HUB_RENDER_THREADS=0)`);
    report(
      `  print:    ${passLine(printed)}, every account on PRINT; ${fmt(printed.statements / Math.max(printed.stored, 1), 1)} SQL statements a bill`,
    );

    const firstInvoice = (await ds.query('SELECT MIN(id) AS id FROM invoice')) as Array<{ id: unknown }>;
    const view = await new DocumentViews(hub.db, hub.services.branding, 'UTC').bill(String(firstInvoice[0].id));
    const n = Math.min(accounts, 300);
    // Warmed first: this process's thread has laid out no bill since its pass above.
    await rate(n, () => renderBill(view));
    report(`  baseline: ${fmt(await rate(n, () => renderBill(view)), 1)} bills/s, the same bill's view rendered again (no data access)`);
    report(`  baseline: ${fmt(await rate(n, plainPage), 1)} pages/s, pdfkit as it comes writing one page of text in the same fonts`);

    const mails = await count(ds, 'SELECT COUNT(*) AS n FROM document_delivery');
    const m0 = performance.now();
    const { result: sent, statements } = await counting(() => hub.services.deliveryWorker.runOnce());
    const mailSeconds = (performance.now() - m0) / 1000;
    report(
      `  mail:     ${fmt(statements)} SQL statements, ${fmt(statements / Math.max(sent, 1), 1)} a mail (claiming, reading, marking SENT)`,
    );
    report(
      `  mail:     ${fmt(sent / mailSeconds, 1)} messages/s (${sent} of ${mails} deliveries in ${fmt(mailSeconds, 1)} s; load average ${loadAverage()})`,
    );
    const sample = (await ds.query(
      `SELECT a.email AS email, d.id AS id FROM document d JOIN account a ON a.id = d.account_id ORDER BY d.id LIMIT ${Math.min(sent, 300)}`,
    )) as Array<{ email: string; id: unknown }>;
    const plain = [];
    for (const row of sample) {
      const pdf = await hub.services.documents.content(String(row.id));
      plain.push({ to: row.email, pdf: pdf ?? Buffer.alloc(0), name: `invoice-${String(row.id)}.pdf` });
    }
    report(`  baseline: ${fmt(await plainMails(smtpUrl, plain), 1)} messages/s, nodemailer sending the same mails from a plain loop`);
  });
  await sink.stop();
}

export function loadAverage(): string {
  return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/** What a bill run costs with the documents rendered and mailed beside it, and how fast they follow. */
interface RunWithDelivery {
  seconds: number;
  /** Documents stored and mails sent per second, from the run's start until `followSeconds` after its end. */
  documentsPerSecond: number;
  mailsPerSecond: number;
}

const FOLLOW_SECONDS = 10;

async function billRunOnce(kind: TestDb, accounts: number, delivery: boolean, smtpUrl: string): Promise<RunWithDelivery> {
  return withScratch(kind, async (db) => {
    const { ds } = await seedBillRun(db, accounts, 'full');
    await ds.query("UPDATE account SET delivery = 'EMAIL'");
    const hub = await startHub(loadConfig(hubEnv(db, { HUB_SMTP_URL: smtpUrl })));
    try {
      if (!delivery) {
        await hub.services.renderWorker.stop();
        await hub.services.deliveryWorker.stop();
      }
      const token = await adminToken(hub.url);
      const t0 = performance.now();
      const { seconds, run } = await timeBillRun(hub.url, token, AS_OF);
      if (run.status !== 'COMPLETED' || run.invoicesIssued !== accounts) throw new Error(`the run ended ${run.status}`);
      if (!delivery) return { seconds, documentsPerSecond: 0, mailsPerSecond: 0 };
      await new Promise((resolve) => setTimeout(resolve, FOLLOW_SECONDS * 1000));
      const elapsed = (performance.now() - t0) / 1000;
      const documents = await count(ds, 'SELECT COUNT(*) AS n FROM document');
      const mails = await count(ds, "SELECT COUNT(*) AS n FROM document_delivery WHERE status = 'SENT'");
      return { seconds, documentsPerSecond: documents / elapsed, mailsPerSecond: mails / elapsed };
    } finally {
      await hub.stop();
      await ds.destroy();
    }
  });
}

/**
 * The bill run alone (render and delivery workers stopped) against the same
 * run with every account on EMAIL and both workers rendering and mailing to
 * a local SMTP receiver while it runs; each on freshly seeded data, in turns.
 */
export async function benchBillRunWithDelivery(kind: TestDb, accounts: number, rounds: number): Promise<void> {
  heading(`Bill run on ${kind}, ${fmt(accounts)} accounts: alone, and with its bills rendered and mailed beside it`);
  const sink = new BenchSmtpSink();
  const smtpUrl = await sink.start();
  try {
    const alone: number[] = [];
    const withDelivery: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const a = await billRunOnce(kind, accounts, false, smtpUrl);
      alone.push(a.seconds);
      report(`  alone:         ${fmt(a.seconds, 1)} s (load average ${loadAverage()})`);
      const d = await billRunOnce(kind, accounts, true, smtpUrl);
      withDelivery.push(d.seconds);
      report(
        `  with delivery: ${fmt(d.seconds, 1)} s (load average ${loadAverage()}); meanwhile and ${FOLLOW_SECONDS} s after, ` +
          `${fmt(d.documentsPerSecond, 1)} documents/s stored and ${fmt(d.mailsPerSecond, 1)} mails/s sent`,
      );
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    report(
      `  median of ${rounds}: alone ${fmt(median(alone), 1)} s, with delivery ${fmt(median(withDelivery), 1)} s: ` +
        `${fmt((median(withDelivery) / median(alone) - 1) * 100, 1)} % longer`,
    );
  } finally {
    await sink.stop();
  }
}
