import { In } from 'typeorm';
import type { Principal } from '../../common/auth/roles';
import { invalidState, notFound } from '../../common/errors/hub-error';
import { parseId } from '../../common/validation';
import { insertOne, type Database, type Tx } from '../../db/database';
import { Account } from '../accounts/account.entity';
import { DeliveryMethod } from '../accounts/delivery-method';
import { Delivery, DeliveryStatus, Document } from '../documents/document.entity';

/**
 * Deliveries of documents: queued in the transaction that stores a document
 * (for the account's delivery method) or on resendDocument, and sent after
 * commit by the delivery worker.
 */
export class DeliveryService {
  private readonly queuedListeners: Array<() => void> = [];

  constructor(private readonly db: Database) {}

  /** Called after a commit that queued a delivery (the worker sends it at once). */
  onQueued(listener: () => void): void {
    this.queuedListeners.push(listener);
  }

  /**
   * Queues a delivery of a document just stored, inside the storing
   * transaction, when the account takes its documents by EMAIL. PRINT and NONE
   * queue nothing here (printed documents are not batched by the hub yet).
   */
  async queueForStored(tx: Tx, documentId: string, accountId: string): Promise<Delivery | null> {
    const account = await tx.em.getRepository(Account).findOneBy({ id: accountId });
    if (!account || account.delivery !== DeliveryMethod.EMAIL) return null;
    return this.insert(tx, documentId, account);
  }

  /** Queues a new delivery of a stored document to the account's current address; audited. */
  async resend(actor: Principal, id: string): Promise<Document> {
    parseId(id, 'Document');
    const document = await this.db.manager.getRepository(Document).findOneBy({ id });
    if (!document) throw notFound(`Document ${id}`);
    await this.db.transaction(async (tx) => {
      const account = await tx.em.getRepository(Account).findOneBy({ id: document.accountId });
      if (!account) throw notFound(`Account of document ${id}`);
      if (account.delivery !== DeliveryMethod.EMAIL) {
        throw invalidState(
          `Account ${account.number} takes its documents by ${account.delivery}: only EMAIL documents can be resent; set its delivery to EMAIL (with an email) first`,
        );
      }
      if (!account.email) throw invalidState(`Account ${account.number} has no email: give it one first`);
      const delivery = await this.insert(tx, id, account);
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

  private async insert(tx: Tx, documentId: string, account: Account): Promise<Delivery> {
    const row = Object.assign(new Delivery(), {
      documentId,
      method: DeliveryMethod.EMAIL,
      to: account.email,
      status: DeliveryStatus.QUEUED,
      attempts: 0,
      lastError: null,
      sentAt: null,
      leaseOwner: null,
      leaseUntil: null,
      createdAt: new Date(),
    });
    row.id = await insertOne(tx.em, Delivery, row);
    return row;
  }
}
