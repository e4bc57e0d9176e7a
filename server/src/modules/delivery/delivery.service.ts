import { In } from 'typeorm';
import type { Principal } from '../../common/auth/roles';
import { invalidState, notFound } from '../../common/errors/hub-error';
import { todayIn } from '../../common/dates';
import { parseId } from '../../common/validation';
import { EventType } from '../../events/event-types';
import { insertChunked, insertOne, type Database, type Tx } from '../../db/database';
import { Account } from '../accounts/account.entity';
import { postalAddressOf } from '../accounts/postal-address';
import { DeliveryMethod } from '../accounts/delivery-method';
import { Delivery, DeliveryStatus, Document } from '../documents/document.entity';

/** A document put in today's print batch, with its account and its delivery row. */
interface Printed {
  document: Document;
  account: Account;
  row: Delivery;
}

/**
 * Deliveries of documents: queued in the transaction that stores a document
 * (for the account's delivery method) or on resendDocument, and sent after
 * commit by the delivery worker.
 */
export class DeliveryService {
  private readonly queuedListeners: Array<() => void> = [];

  constructor(
    private readonly db: Database,
    private readonly timezone: string,
  ) {}

  /** Called after a commit that queued a delivery (the worker sends it at once). */
  onQueued(listener: () => void): void {
    this.queuedListeners.push(listener);
  }

  /**
   * Delivers documents just stored, inside the storing transaction: EMAIL
   * queues a mail (sent after commit), PRINT puts it in today's print batch
   * (SENT at once), NONE does nothing. A PRINT account with no postal address
   * gets a queued delivery the worker gives up on (FAILED, with its work item
   * and event), as a mail with no address: nothing is printed that cannot be
   * posted. Their accounts are read at once, the mails are written with the
   * commit and the print deliveries together.
   */
  async queueForStored(tx: Tx, documents: readonly Document[]): Promise<void> {
    if (documents.length === 0) return;
    const ids = [...new Set(documents.map((d) => d.accountId))];
    const accounts = new Map((await tx.em.getRepository(Account).findBy({ id: In(ids) })).map((a) => [a.id, a]));
    const now = new Date();
    const mails: Delivery[] = [];
    const prints: Printed[] = [];
    for (const document of documents) {
      const account = accounts.get(document.accountId);
      if (!account || account.delivery === DeliveryMethod.NONE) continue;
      const row = this.row(document, account, now);
      if (row.status === DeliveryStatus.SENT) prints.push({ document, account, row });
      else mails.push(row);
    }
    // Nothing in the transaction reads them back; the worker is woken once it commits.
    if (mails.length > 0) tx.insertLater(Delivery, mails);
    await this.printAll(tx, prints);
  }

  /**
   * Puts documents just stored in today's print batch: their deliveries in a
   * few multi-row INSERTs, then their ids read back (a document stored in this
   * transaction has no other delivery) for the DOCUMENT_DELIVERED events.
   */
  private async printAll(tx: Tx, prints: Printed[]): Promise<void> {
    if (prints.length === 0) return;
    await insertChunked(
      tx.em,
      Delivery,
      prints.map((p) => p.row),
    );
    const stored = await tx.em.getRepository(Delivery).find({
      select: { id: true, documentId: true },
      where: { documentId: In(prints.map((p) => p.document.id)), method: DeliveryMethod.PRINT },
    });
    const idOf = new Map(stored.map((d) => [d.documentId, d.id]));
    for (const { document, account, row } of prints) {
      const id = idOf.get(document.id);
      if (!id) throw new Error(`the print delivery of document ${document.id} was not stored`);
      row.id = id;
      this.printed(tx, document, account, row);
    }
  }

  /** Queues a new delivery of a stored document to the account's current address; audited. */
  async resend(actor: Principal, id: string): Promise<Document> {
    parseId(id, 'Document');
    const document = await this.db.manager.getRepository(Document).findOneBy({ id });
    if (!document) throw notFound(`Document ${id}`);
    await this.db.transaction(async (tx) => {
      const account = await tx.em.getRepository(Account).findOneBy({ id: document.accountId });
      if (!account) throw notFound(`Account of document ${id}`);
      if (account.delivery === DeliveryMethod.NONE) {
        throw invalidState(`Account ${account.number} takes no delivery (NONE): set its delivery to EMAIL or PRINT first`);
      }
      if (account.delivery === DeliveryMethod.EMAIL && !account.email) {
        throw invalidState(`Account ${account.number} has no email: give it one first`);
      }
      if (account.delivery === DeliveryMethod.PRINT && !postalAddressOf(account)) {
        throw invalidState(`Account ${account.number} has no postal address to print and post to: give it one first`);
      }
      const delivery = await this.insert(tx, document, account);
      tx.audit({
        actor: actor.name,
        action: 'resendDocument',
        subjectType: 'Document',
        subjectId: id,
        after: { deliveryId: delivery.id, method: delivery.method, to: delivery.to },
      });
    });
    this.queued();
    return document;
  }

  /** The deliveries of these documents, oldest first. */
  forDocuments(ids: readonly string[]): Promise<Delivery[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.manager.getRepository(Delivery).find({ where: { documentId: In([...ids]) }, order: { id: 'ASC' } });
  }

  /** Tells the listeners a commit queued deliveries. */
  queued(): void {
    for (const listener of this.queuedListeners) listener();
  }

  /** The delivery of a document to its account, by the account's method as it is now (see queueForStored). */
  private row(document: Document, account: Account, now: Date): Delivery {
    const method = account.delivery === DeliveryMethod.PRINT ? DeliveryMethod.PRINT : DeliveryMethod.EMAIL;
    const print = method === DeliveryMethod.PRINT && postalAddressOf(account) !== null;
    const day = print ? todayIn(this.timezone, now) : null;
    return Object.assign(new Delivery(), {
      documentId: document.id,
      method,
      to: print ? day : method === DeliveryMethod.EMAIL ? account.email : null,
      printDate: day,
      status: print ? DeliveryStatus.SENT : DeliveryStatus.QUEUED,
      attempts: print ? 1 : 0,
      lastError: null,
      sentAt: print ? now : null,
      leaseOwner: null,
      leaseUntil: null,
      createdAt: now,
    });
  }

  /** Writes the delivery at once (its id names it in the PRINT event and in resendDocument's audit entry). */
  private async insert(tx: Tx, document: Document, account: Account): Promise<Delivery> {
    const row = this.row(document, account, new Date());
    row.id = await insertOne(tx.em, Delivery, row);
    if (row.status === DeliveryStatus.SENT) this.printed(tx, document, account, row);
    return row;
  }

  /** A PRINT delivery is SENT as it is written: its DOCUMENT_DELIVERED event goes with the transaction. */
  private printed(tx: Tx, document: Document, account: Account, row: Delivery): void {
    tx.emit({
      type: EventType.DOCUMENT_DELIVERED,
      subjectId: row.id,
      accountNumber: account.number,
      payload: { documentId: document.id, kind: document.kind, method: 'PRINT', to: row.printDate, attempts: 1 },
    });
  }
}
