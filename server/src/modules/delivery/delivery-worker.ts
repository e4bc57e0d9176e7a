import { PollLoop } from '../../common/poll-loop';
import { timeParam } from '../../db/stored-time';
import { runWrite, type Database, type Tx } from '../../db/database';
import { EventType } from '../../events/event-types';
import { Account } from '../accounts/account.entity';
import { DeliveryStatus, Document } from '../documents/document.entity';
import { BuiltInQueue } from '../work-queues/work-queue.entity';
import type { WorkQueueService } from '../work-queues/work-queue.service';
import { afterFailure, classifySendFailure, deliveryMessageId, mailSubject, mailText, type SendFailure } from './delivery-rules';
import type { Mailer } from './mailer';

/** How long a process may hold a delivery before another may take it over (it died, or hangs). */
const LEASE_MS = 300_000;
const CLAIM_BATCH = 20;
const POLL_MS = 2_000;

export type DeliveryLogger = { error(msg: string, error?: unknown): void };

interface Claimed {
  id: string;
  documentId: string;
  to: string | null;
  attempts: number;
}

/** What a delivery needs from its document and account. */
export interface DeliverySources {
  /** The document's PDF bytes, exactly as stored. */
  content(documentId: string): Promise<Buffer | null>;
  /** The sender's name in subjects and bodies (the retailer's branding). */
  senderName(): Promise<string>;
}

/**
 * Sends queued deliveries after the transactions that queued them have
 * committed. Every process runs one; a delivery is claimed with a conditional
 * UPDATE (a lease), so it is sent by one process at a time. A temporary
 * failure (4xx, connection refused, timeout) is tried again with back-off; a
 * permanent one (5xx, no email) marks it FAILED with an event and a work
 * item in DOCUMENT_DELIVERY. A delivery sent is marked SENT with an event.
 */
export class DeliveryWorker {
  private readonly loop: PollLoop;
  /** Mails this worker has handed over, for the operator's logs and the tests. */
  sent = 0;

  constructor(
    private readonly db: Database,
    private readonly mailer: Mailer,
    private readonly sources: DeliverySources,
    private readonly workQueues: WorkQueueService,
    private readonly owner: string,
    private readonly retryMs: number,
    private readonly log: DeliveryLogger,
  ) {
    this.loop = new PollLoop({
      round: () => this.runOnce(),
      intervalMs: Math.max(100, Math.min(POLL_MS, retryMs)),
      failure: 'document delivery failed; retrying shortly',
      log,
    });
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    this.mailer.close();
  }

  /** Looks for work now (after a commit that queued some). */
  wake(): void {
    this.loop.wake();
  }

  /** Sends until nothing claimable is left; returns how many were sent. */
  async runOnce(): Promise<number> {
    let sent = 0;
    for (;;) {
      const claimed = await this.claim(new Date());
      if (claimed.length === 0) return sent;
      for (const delivery of claimed) {
        if (this.loop.interrupted) return sent;
        sent += (await this.work(delivery)) ? 1 : 0;
      }
    }
  }

  private async work(delivery: Claimed): Promise<boolean> {
    const document = await this.db.manager.getRepository(Document).findOneBy({ id: delivery.documentId });
    const account = document ? await this.db.manager.getRepository(Account).findOneBy({ id: document.accountId }) : null;
    if (!document || !account) {
      await this.giveUp(delivery, null, 'its document or account is gone');
      return false;
    }
    if (!delivery.to) {
      await this.giveUp(delivery, document, `account ${account.number} has no email address`);
      return false;
    }
    try {
      const pdf = await this.sources.content(document.id);
      if (!pdf) throw new Error(`document ${document.id} has no stored PDF`);
      const sender = await this.sources.senderName();
      await this.mailer.send({
        id: `delivery-${delivery.id}`,
        to: delivery.to,
        messageId: deliveryMessageId(delivery.id, document.id, this.mailer.from),
        subject: mailSubject(document.kind, sender),
        text: mailText(document.kind, account.number, sender),
        filename: `${document.kind.toLowerCase().replace('_', '-')}-${document.id}.pdf`,
        pdf,
      });
    } catch (error) {
      await this.failed(delivery, document, account.number, classifySendFailure(error));
      return false;
    }
    this.sent++;
    await this.db.transaction(async (tx) => {
      const now = new Date();
      const { affected } = await runWrite(
        tx.em,
        'UPDATE document_delivery SET status = ?, sent_at = ?, last_error = NULL, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?',
        [DeliveryStatus.SENT, now, Number(delivery.id), this.owner],
      );
      if (affected !== 1) return;
      tx.emit({
        type: EventType.DOCUMENT_DELIVERED,
        subjectId: delivery.id,
        accountNumber: account.number,
        payload: { documentId: document.id, kind: document.kind, method: 'EMAIL', to: delivery.to, attempts: delivery.attempts },
      });
      tx.audit({
        actor: 'system',
        action: 'deliverDocument',
        subjectType: 'Delivery',
        subjectId: delivery.id,
        after: { status: DeliveryStatus.SENT, documentId: document.id, to: delivery.to, attempts: delivery.attempts },
      });
    });
    return true;
  }

  private async failed(delivery: Claimed, document: Document, accountNumber: string, failure: SendFailure): Promise<void> {
    const next = afterFailure(failure, delivery.attempts, this.retryMs);
    if (next.giveUp) {
      await this.giveUp(delivery, document, next.reason, accountNumber);
      return;
    }
    await this.write('UPDATE document_delivery SET last_error = ?, lease_owner = NULL, lease_until = ? WHERE id = ? AND lease_owner = ?', [
      failure.reason.slice(0, 500),
      new Date(Date.now() + next.retryInMs),
      Number(delivery.id),
      this.owner,
    ]);
    this.log.error(
      `delivery ${delivery.id} of document ${document.id} failed (attempt ${delivery.attempts}); trying again: ${failure.reason}`,
    );
  }

  /** FAILED for good, with an event and a work item in DOCUMENT_DELIVERY, in one transaction. */
  private async giveUp(delivery: Claimed, document: Document | null, reason: string, accountNumber?: string): Promise<void> {
    await this.db.transaction(async (tx: Tx) => {
      const { affected } = await runWrite(
        tx.em,
        'UPDATE document_delivery SET status = ?, last_error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?',
        [DeliveryStatus.FAILED, reason.slice(0, 500), Number(delivery.id), this.owner],
      );
      if (affected !== 1) return;
      const kind = document?.kind ?? 'UNKNOWN';
      const number = accountNumber ?? (document ? await this.accountNumber(tx, document.accountId) : null);
      const item = await this.workQueues.createItem(tx, {
        queueKey: BuiltInQueue.DOCUMENT_DELIVERY,
        kind: 'DOCUMENT_DELIVERY_FAILED',
        title: `${kind} document ${delivery.documentId} could not be sent to ${delivery.to ?? 'the account'}: ${reason}`.slice(0, 255),
        priority: 3,
        accountId: document?.accountId ?? null,
        invoiceId: document?.invoiceId ?? null,
        accountNumber: number,
      });
      tx.emit({
        type: EventType.DOCUMENT_DELIVERY_FAILED,
        subjectId: delivery.id,
        accountNumber: number,
        payload: { documentId: delivery.documentId, kind, method: 'EMAIL', to: delivery.to, attempts: delivery.attempts, reason },
      });
      tx.audit({
        actor: 'system',
        action: 'failDocumentDelivery',
        subjectType: 'Delivery',
        subjectId: delivery.id,
        after: { status: DeliveryStatus.FAILED, documentId: delivery.documentId, reason, workItemId: item.id },
      });
    });
    this.log.error(`delivery ${delivery.id} of document ${delivery.documentId} failed for good: ${reason}`);
  }

  private async accountNumber(tx: Tx, accountId: string): Promise<string | null> {
    return (await tx.em.getRepository(Account).findOneBy({ id: accountId }))?.number ?? null;
  }

  /** Claims up to CLAIM_BATCH queued deliveries whose time has come: only the UPDATE that finds one unleased wins it. */
  private async claim(now: Date): Promise<Claimed[]> {
    const candidates = (await this.db.manager.query(
      `SELECT id, document_id AS d, recipient AS r, attempts AS a FROM document_delivery
       WHERE status = ? AND (lease_until IS NULL OR lease_until < ?) ORDER BY id LIMIT ${CLAIM_BATCH}`,
      [DeliveryStatus.QUEUED, timeParam(this.db.dialect, now)],
    )) as Array<{ id: unknown; d: unknown; r: unknown; a: unknown }>;
    const claimed: Claimed[] = [];
    const until = new Date(now.getTime() + LEASE_MS);
    for (const c of candidates) {
      const { affected } = await this.write(
        `UPDATE document_delivery SET lease_owner = ?, lease_until = ?, attempts = attempts + 1
         WHERE id = ? AND status = ? AND (lease_until IS NULL OR lease_until < ?)`,
        [this.owner, until, Number(c.id), DeliveryStatus.QUEUED, now],
      );
      if (affected === 1) {
        claimed.push({ id: String(c.id), documentId: String(c.d), to: c.r === null ? null : String(c.r), attempts: Number(c.a) + 1 });
      }
    }
    return claimed;
  }

  /** A statement on its own; on the embedded database it waits for the open transaction, which it would otherwise join. */
  private write(sql: string, params: unknown[]): Promise<{ affected: number }> {
    return this.db.exclusive(() => runWrite(this.db.manager, sql, params));
  }
}
