import { PDFDocument } from 'pdf-lib';
import { decodeCursor, encodeCursor, pageSize, type Connection, type PageArgs } from '../../common/pagination/connection';
import type { Database } from '../../db/database';
import { postalAddressOf } from '../accounts/postal-address';
import { manifestCsv, type ManifestRow } from './print-manifest';
import { printBatchPath, PrintBatch } from './print-batch';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Print batches: the PRINT deliveries of one day, read as a batch. The merged
 * PDF and the manifest are built from the stored documents when downloaded,
 * in delivery order, so every process serves the same files.
 */
export class PrintBatchService {
  constructor(
    private readonly db: Database,
    private readonly content: (documentId: string) => Promise<Buffer | null>,
  ) {}

  /** Newest day first. */
  async list(page: PageArgs): Promise<Connection<PrintBatch>> {
    const size = pageSize(page.first);
    const before = page.after ? dayOfId(decodeCursor(page.after)) : null;
    const rows = (await this.db.manager.query(
      `SELECT dl.print_date AS d, COUNT(*) AS n, SUM(doc.pages) AS p, MIN(dl.created_at) AS c
       FROM document_delivery dl JOIN document doc ON doc.id = dl.document_id
       WHERE dl.print_date IS NOT NULL ${before ? 'AND dl.print_date < ?' : ''}
       GROUP BY dl.print_date ORDER BY dl.print_date DESC LIMIT ${size + 1}`,
      before ? [before] : [],
    )) as Array<{ d: string; n: unknown; p: unknown; c: unknown }>;
    const nodes = rows.slice(0, size).map((r) => batchOf(String(r.d), Number(r.n), Number(r.p), r.c));
    const totalCount = (await this.db.manager.query(
      'SELECT COUNT(DISTINCT print_date) AS n FROM document_delivery WHERE print_date IS NOT NULL',
    )) as Array<{ n: unknown }>;
    return {
      nodes,
      pageInfo: { endCursor: nodes.length ? encodeCursor(nodes[nodes.length - 1].id) : null, hasNextPage: rows.length > size },
      totalCount: Number(totalCount[0]?.n ?? 0),
    };
  }

  /** The batch's documents in manifest order; null when the day has none. */
  private async rows(date: string): Promise<Array<ManifestRow & { documentId: string }> | null> {
    if (!DAY.test(date)) return null;
    const found = (await this.db.manager.query(
      `SELECT doc.id AS id, doc.pages AS pages, a.number AS number, a.name AS name, a.address_line1 AS address_line1,
              a.address_line2 AS address_line2, a.address_city AS address_city, a.address_region AS address_region,
              a.address_postal_code AS address_postal_code, a.address_country AS address_country
       FROM document_delivery dl JOIN document doc ON doc.id = dl.document_id JOIN account a ON a.id = doc.account_id
       WHERE dl.print_date = ? ORDER BY dl.id`,
      [date],
    )) as Array<Record<string, unknown>>;
    if (found.length === 0) return null;
    return found.map((r) => {
      const address = postalAddressOf({
        addressLine1: r.address_line1,
        addressLine2: r.address_line2,
        addressCity: r.address_city,
        addressRegion: r.address_region,
        addressPostalCode: r.address_postal_code,
        addressCountry: r.address_country,
      } as Parameters<typeof postalAddressOf>[0]);
      return {
        documentId: String(r.id),
        accountNumber: String(r.number),
        name: String(r.name),
        address: address
          ? [address.line1, address.line2, address.postalCode, address.city, address.region, address.country].filter(Boolean).join(', ')
          : '',
        pages: Number(r.pages),
      };
    });
  }

  /** The CSV manifest of a day's batch; null when the day has none. */
  async manifest(date: string): Promise<string | null> {
    const rows = await this.rows(date);
    return rows ? manifestCsv(rows) : null;
  }

  /** The merged PDF of a day's batch, in manifest order; null when the day has none. */
  async mergedPdf(date: string): Promise<Buffer | null> {
    const rows = await this.rows(date);
    if (!rows) return null;
    const merged = await PDFDocument.create();
    for (const row of rows) {
      const bytes = await this.content(row.documentId);
      if (!bytes) throw new Error(`document ${row.documentId} has no stored PDF`);
      const source = await PDFDocument.load(bytes);
      for (const page of await merged.copyPages(source, source.getPageIndices())) merged.addPage(page);
    }
    return Buffer.from(await merged.save());
  }
}

function dayOfId(id: string): string {
  return `${id.slice(0, 4)}-${id.slice(4, 6)}-${id.slice(6, 8)}`;
}

function batchOf(date: string, documents: number, pages: number, created: unknown): PrintBatch {
  const createdAt = created instanceof Date ? created : new Date(`${String(created).replace(' ', 'T')}Z`);
  return Object.assign(new PrintBatch(), {
    id: date.replace(/-/g, ''),
    date,
    documents,
    pages,
    pdfUrl: printBatchPath(date, 'pdf'),
    manifestUrl: printBatchPath(date, 'csv'),
    createdAt,
  });
}
