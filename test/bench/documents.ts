/**
 * Bills rendered per second: the render worker's pass over a bill run's
 * queued documents (read each invoice's data, lay it out, embed the fonts,
 * store the PDF), beside two baselines measured in the same process: the same
 * bill's view model rendered again and again with no data access, and pdfkit
 * writing a one-page document of plain text with the same fonts.
 */
import { loadConfig } from '../../server/src/config/env';
import { startHub } from '../../server/src/app/hub';
import { renderBill } from '../../server/src/modules/documents/bill-renderer';
import { DocumentViews } from '../../server/src/modules/documents/document-views';
import { finishPdf, newPdf } from '../../server/src/modules/documents/pdf-layout';
import { adminToken, fmt, heading, hubEnv, report, withScratch, type TestDb } from './lib';
import { timeBillRun } from './bill-run';
import { count, migratedDataSource, seedAccounts, seedCatalog } from './seed';

const AS_OF = '2026-02-01';

/** pdfkit alone: one page of text in the documents' fonts, nothing read. */
async function plainPage(i: number): Promise<number> {
  const doc = newPdf(`Plain ${i}`, 'bench', AS_OF);
  doc.font('bold').fontSize(16).text('Nordlys Energi', 42, 42);
  doc.font('regular').fontSize(9.5);
  for (let line = 0; line < 40; line++) doc.text(`Line ${line}: Zoë Peña, Øster Allé ${i} — 1,234.56`, 42, 80 + line * 16);
  const pdf = await finishPdf(doc, {
    name: 'Nordlys Energi',
    addressLines: [],
    supportPhone: null,
    supportEmail: null,
    website: null,
    color: '#0B6E4F',
    footer: 'footer',
    logo: null,
  });
  return pdf.bytes.length;
}

async function rate(n: number, one: (i: number) => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await one(i);
  return n / ((performance.now() - t0) / 1000);
}

export async function benchDocuments(kind: TestDb, accounts: number): Promise<void> {
  heading(`Documents on ${kind}: ${accounts} bills rendered by the worker`);
  await withScratch(kind, async (db) => {
    const ds = await migratedDataSource(db);
    const catalog = await seedCatalog(ds, 4);
    await seedAccounts(ds, { count: accounts, productIds: catalog.productIds });
    const hub = await startHub(loadConfig(hubEnv(db)));
    try {
      // Rendered below, timed: the worker is stopped so the bill run only queues the documents.
      await hub.services.renderWorker.stop();
      const token = await adminToken(hub.url);
      const { run } = await timeBillRun(hub.url, token, AS_OF);
      const queued = await count(ds, 'SELECT COUNT(*) AS n FROM document_job');
      const t0 = performance.now();
      const stored = await hub.services.renderWorker.runOnce();
      const seconds = (performance.now() - t0) / 1000;
      const bytes = await count(ds, 'SELECT SUM(bytes) AS n FROM document');
      report(`  bill run issued ${run.invoicesIssued} invoices; ${queued} documents queued`);
      report(
        `  worker:   ${fmt(stored / seconds, 1)} bills/s (${stored} in ${fmt(seconds, 1)} s, ${fmt(bytes / Math.max(stored, 1) / 1024, 1)} KB each)`,
      );

      const firstInvoice = (await ds.query('SELECT MIN(id) AS id FROM invoice')) as Array<{ id: unknown }>;
      const view = await new DocumentViews(hub.db, hub.services.branding, hub.services.invoices, 'UTC').bill(String(firstInvoice[0].id));
      const n = Math.min(accounts, 300);
      report(`  baseline: ${fmt(await rate(n, () => renderBill(view)), 1)} bills/s, the same bill's view rendered again (no data access)`);
      report(`  baseline: ${fmt(await rate(n, plainPage), 1)} pages/s, pdfkit writing one page of text in the same fonts`);
    } finally {
      await hub.stop();
      await ds.destroy();
    }
  });
}
