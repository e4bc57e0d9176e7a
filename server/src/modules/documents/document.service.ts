import { createHash } from 'node:crypto';
import { In } from 'typeorm';
import { invalidState, notFound } from '../../common/errors/hub-error';
import { paginate, type Connection, type PageArgs } from '../../common/pagination/connection';
import { parseId } from '../../common/validation';
import { insertOne, type Database, type Tx } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { Invoice, InvoiceStatus } from '../billing/billing.entity';
import type { IssuedInvoice } from '../billing/invoice-issuing';
import { Document, DocumentJob, DocumentKind, RenderSubject } from './document.entity';
import type { DocumentViews } from './document-views';
import type { RenderedPdf } from './document-view';
import type { PdfRenderer } from './render-pdf';

/** A document ready to store: what it is about and its PDF. */
export interface RenderedDocument {
  kind: DocumentKind;
  accountId: string;
  invoiceId?: string;
  collectionsActionId?: string;
  creditNoteId?: string;
  pdf: RenderedPdf;
  /**
   * A bill: when the account figures it states were read, kept as the document's createdAt, so the next bill
   * counts the payments recorded after it (the rendering in between would otherwise lose those recorded meanwhile).
   */
  figuresAt?: Date;
}

/** The lower-case hex SHA-256 kept with every document. */
export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function documentRow(doc: RenderedDocument): Document {
  return Object.assign(new Document(), {
    kind: doc.kind,
    accountId: doc.accountId,
    invoiceId: doc.invoiceId ?? null,
    collectionsActionId: doc.collectionsActionId ?? null,
    creditNoteId: doc.creditNoteId ?? null,
    sha256: sha256(doc.pdf.bytes),
    pages: doc.pdf.pages,
    bytes: doc.pdf.bytes.length,
    content: doc.pdf.bytes,
    createdAt: doc.figuresAt ?? new Date(),
  });
}

/** Runs in the transaction that stores documents, once for all of them (e.g. to queue their deliveries). */
export type StoredHook = (tx: Tx, documents: readonly Document[]) => Promise<void>;

/**
 * Documents as sent: stored once, bytes and sha256 never changed afterwards,
 * read by id for download. Rendering happens in the render worker.
 */
export class DocumentService {
  private readonly storedHooks: StoredHook[] = [];
  private readonly committedListeners: Array<() => void> = [];

  constructor(
    private readonly db: Database,
    private readonly views: DocumentViews,
    private readonly pdfs: PdfRenderer,
  ) {}

  /** Adds work to the transaction that stores each document, and a listener told after it commits. */
  onStored(hook: StoredHook, committed: () => void): void {
    this.storedHooks.push(hook);
    this.committedListeners.push(committed);
  }

  /** Queues a bill for every invoice issued, in the issuing transaction: it is rendered after that commits. */
  queueInvoices(tx: Tx, issued: readonly IssuedInvoice[]): void {
    const now = new Date();
    tx.insertLater(
      DocumentJob,
      issued.map(({ invoice }) =>
        Object.assign(new DocumentJob(), {
          subjectKind: RenderSubject.INVOICE,
          subjectId: invoice.id,
          attempts: 0,
          lastError: null,
          leaseOwner: null,
          leaseUntil: null,
          createdAt: now,
        }),
      ),
    );
  }

  /** Stores a rendered document; false when one was already stored for its invoice, letter or credit note. */
  async store(doc: RenderedDocument, jobId: string | null): Promise<boolean> {
    return (await this.storeMany([{ doc, jobId }])) === 1;
  }

  /**
   * Stores rendered documents in one transaction (one commit, one disk flush,
   * for a whole batch), each with its job's deletion and its delivery; returns
   * how many were stored. When another process stored one of them first, the
   * batch is stored again one by one, so only that one is left out.
   */
  async storeMany(batch: ReadonlyArray<{ doc: RenderedDocument; jobId: string | null }>): Promise<number> {
    if (batch.length === 0) return 0;
    const rows = batch.map(({ doc }) => documentRow(doc));
    try {
      await this.db.transaction(async (tx) => {
        const stored: Document[] = [];
        for (const row of rows) {
          const id = await insertOne(tx.em, Document, row);
          stored.push(Object.assign(new Document(), row, { id }));
          const { content: _bytes, ...meta } = row;
          tx.audit({ actor: 'system', action: 'storeDocument', subjectType: 'Document', subjectId: id, after: { ...meta, id } });
        }
        for (const hook of this.storedHooks) await hook(tx, stored);
        const jobIds = batch.map((b) => b.jobId).filter((id): id is string => id !== null);
        if (jobIds.length > 0) await tx.em.getRepository(DocumentJob).delete({ id: In(jobIds) });
      });
      for (const listener of this.committedListeners) listener();
      return batch.length;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (batch.length > 1) {
        let stored = 0;
        for (const one of batch) stored += await this.storeMany([one]);
        return stored;
      }
      // Another process stored it first: that one is the document as sent.
      const jobId = batch[0].jobId;
      // On its own, as the worker's other writes: on the embedded database it must not join another batch's open transaction.
      if (jobId) await this.db.exclusive(() => this.db.manager.getRepository(DocumentJob).delete({ id: jobId }));
      return 0;
    }
  }

  find(id: string): Promise<Document | null> {
    if (!/^[1-9]\d{0,15}$/.test(id)) return Promise.resolve(null);
    return this.db.manager.getRepository(Document).findOneBy({ id });
  }

  /** The stored PDF bytes, exactly as sent. */
  async content(id: string): Promise<Buffer | null> {
    const row = await this.db.manager
      .getRepository(Document)
      .createQueryBuilder('d')
      .addSelect('d.content')
      .where('d.id = :id', { id: Number(id) })
      .getOne();
    return row ? Buffer.from(row.content) : null;
  }

  byIds(ids: readonly string[]): Promise<Document[]> {
    return this.db.manager.getRepository(Document).find({ where: { id: In([...ids]) } });
  }

  forInvoices(ids: readonly string[]): Promise<Document[]> {
    return this.db.manager.getRepository(Document).find({ where: { invoiceId: In([...ids]) } });
  }

  forCreditNotes(ids: readonly string[]): Promise<Document[]> {
    return this.db.manager.getRepository(Document).find({ where: { creditNoteId: In([...ids]) } });
  }

  forActions(ids: readonly string[]): Promise<Document[]> {
    return this.db.manager.getRepository(Document).find({ where: { collectionsActionId: In([...ids]) } });
  }

  /** An account's documents, newest first. */
  listForAccount(accountId: string, page: PageArgs): Promise<Connection<Document>> {
    const qb = this.db.manager
      .getRepository(Document)
      .createQueryBuilder('d')
      .where('d.account_id = :accountId', { accountId: Number(accountId) });
    return paginate(qb, page, { order: 'DESC' });
  }

  /** A HELD invoice's bill as it would be sent, rendered now and not stored. */
  async preview(invoiceId: string): Promise<RenderedPdf> {
    parseId(invoiceId, 'Invoice');
    const invoice = await this.db.manager.getRepository(Invoice).findOneBy({ id: invoiceId });
    if (!invoice) throw notFound(`Invoice ${invoiceId}`);
    if (invoice.status !== InvoiceStatus.HELD) {
      throw invalidState(`Invoice ${invoiceId} is ${invoice.status}, not HELD: download its document instead of a preview`);
    }
    return this.pdfs.render({ kind: 'bill', view: await this.views.bill(invoiceId) });
  }
}
