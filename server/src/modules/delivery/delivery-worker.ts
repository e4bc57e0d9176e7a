import { PollLoop } from '../../common/poll-loop';
import { runWrite, type Database, type Tx } from '../../db/database';
import { claimLeased } from '../../db/lease-claim';
import { EventType } from '../../events/event-types';
import { DeliveryMethod, DeliveryStatus, Document } from '../documents/document.entity';
import { documentFileName } from '../documents/document-file-name';
import { BuiltInQueue } from '../work-queues/work-queue.entity';
import type { WorkQueueService } from '../work-queues/work-queue.service';
import { afterFailure, classifySendFailure, deliveryMessageId, mailSubject, mailText, type SendFailure } from './delivery-rules';
import type { Mailer } from './mailer';

/**
 * How long a process may hold a delivery before another may take it over (it
 * died, or hangs). A mail is started only with at least half of it left: one
 * mail against a slow server may take a couple of minutes (see Mailer's
 * timeouts), and the rest of a batch goes back to be claimed afresh.
 */
const LEASE_MS = 300_000;
const CLAIM_BATCH = 20;
const POLL_MS = 2_000;

export type DeliveryLogger = { error(msg: string, error?: unknown): void };

/** What a delivery shows of its document. */
type DeliveredDocument = Pick<Document, 'id' | 'kind' | 'accountId' | 'invoiceId' | 'creditNoteId'>;

interface Claimed {
  id: string;
  documentId: string;
  /** EMAIL, or PRINT for an account with no postal address (given up on: nothing to post to). */
  method: DeliveryMethod;
  to: string | null;
  attempts: number;
  /** The claim it is held under: this process and the claim; and until when (ms since the epoch). */
  lease: string;
  leaseUntil: number;
  /** Its document and the account's number, read with the claim; null if either is gone. */
  document: DeliveredDocument | null;
  accountNumber: string | null;
}

/** A mail the mail server has taken, to record as SENT. */
interface Mailed {
  document: DeliveredDocument;
  accountNumber: string;
}

/** What the mails of one claimed batch share: the sender's name, read once the batch's first mail needs it. */
interface Batch {
  sender: string | null;
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
  /** Claims made by this process, each under a lease of its own. */
  private claims = 0;

  constructor(
    private readonly db: Database,
    private readonly mailer: Mailer,
    private readonly sources: DeliverySources,
    private readonly workQueues: WorkQueueService,
    private readonly owner: string,
    private readonly retryMs: number,
    private readonly log: DeliveryLogger,
    private readonly leaseMs = LEASE_MS,
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
      if (claimed === null) return sent;
      const batch: Batch = { sender: null };
      for (const [i, delivery] of claimed.entries()) {
        // Stopping, or too little of the lease left for another mail: the rest go back at once, never sent under a
        // lease another process may take over, nor held until it ends.
        if (this.loop.interrupted || Date.now() > delivery.leaseUntil - this.leaseMs / 2) {
          await this.release(claimed.slice(i));
          if (this.loop.interrupted) return sent;
          break;
        }
        const mailed = await this.send(delivery, batch);
        if (!mailed) continue;
        sent++;
        await this.recordSent(delivery, mailed);
      }
    }
  }

  /** Sends the delivery's mail; its document and account number once the mail server has taken it, else null (recorded). */
  private async send(delivery: Claimed, batch: Batch): Promise<Mailed | null> {
    const { document, accountNumber } = delivery;
    if (!document || accountNumber === null) {
      await this.giveUp(delivery, null, 'its document or account is gone', null);
      return null;
    }
    if (delivery.method === DeliveryMethod.PRINT) {
      await this.giveUp(delivery, document, `account ${accountNumber} has no postal address to print and post to`, accountNumber);
      return null;
    }
    if (!delivery.to) {
      await this.giveUp(delivery, document, `account ${accountNumber} has no email address`, accountNumber);
      return null;
    }
    try {
      const pdf = await this.sources.content(document.id);
      if (!pdf) throw new Error(`document ${document.id} has no stored PDF`);
      const sender = (batch.sender ??= await this.sources.senderName());
      await this.mailer.send({
        id: `delivery-${delivery.id}`,
        to: delivery.to,
        messageId: deliveryMessageId(delivery.id, document.id, this.mailer.from),
        subject: mailSubject(document.kind, sender),
        text: mailText(document.kind, accountNumber, sender),
        filename: documentFileName(document),
        pdf,
      });
    } catch (error) {
      await this.failed(delivery, document, accountNumber, classifySendFailure(error));
      return null;
    }
    this.sent++;
    return { document, accountNumber };
  }

  /** SENT, with its event and audit entry, in a transaction of its own: a process that stops before it commits sends that mail again. */
  private async recordSent(delivery: Claimed, { document, accountNumber }: Mailed): Promise<void> {
    await this.db.transaction(async (tx) => {
      const now = new Date();
      const { affected } = await runWrite(
        tx.em,
        'UPDATE document_delivery SET status = ?, sent_at = ?, last_error = NULL, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?',
        [DeliveryStatus.SENT, now, Number(delivery.id), delivery.lease],
      );
      if (affected !== 1) return;
      tx.emit({
        type: EventType.DOCUMENT_DELIVERED,
        subjectId: delivery.id,
        accountNumber,
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
  }

  private async failed(delivery: Claimed, document: DeliveredDocument, accountNumber: string, failure: SendFailure): Promise<void> {
    const next = afterFailure(failure, delivery.attempts, this.retryMs);
    if (next.giveUp) {
      await this.giveUp(delivery, document, next.reason, accountNumber);
      return;
    }
    await this.write('UPDATE document_delivery SET last_error = ?, lease_owner = NULL, lease_until = ? WHERE id = ? AND lease_owner = ?', [
      failure.reason.slice(0, 500),
      new Date(Date.now() + next.retryInMs),
      Number(delivery.id),
      delivery.lease,
    ]);
    this.log.error(
      `delivery ${delivery.id} of document ${document.id} failed (attempt ${delivery.attempts}); trying again: ${failure.reason}`,
    );
  }

  /** FAILED for good, with an event and a work item in DOCUMENT_DELIVERY, in one transaction. */
  private async giveUp(delivery: Claimed, document: DeliveredDocument | null, reason: string, number: string | null): Promise<void> {
    await this.db.transaction(async (tx: Tx) => {
      const { affected } = await runWrite(
        tx.em,
        'UPDATE document_delivery SET status = ?, last_error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?',
        [DeliveryStatus.FAILED, reason.slice(0, 500), Number(delivery.id), delivery.lease],
      );
      if (affected !== 1) return;
      const kind = document?.kind ?? 'UNKNOWN';
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
        payload: { documentId: delivery.documentId, kind, method: delivery.method, to: delivery.to, attempts: delivery.attempts, reason },
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

  /** Hands claimed deliveries back unsent, their attempt not counted: the next claim, here or elsewhere, takes them. */
  private async release(deliveries: Claimed[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.write(
      `UPDATE document_delivery SET lease_owner = NULL, lease_until = NULL, attempts = attempts - 1
       WHERE id IN (${deliveries.map(() => '?').join(', ')}) AND lease_owner = ?`,
      [...deliveries.map((d) => Number(d.id)), deliveries[0].lease],
    );
  }

  /**
   * Claims up to CLAIM_BATCH queued deliveries whose time has come with one
   * conditional UPDATE, then reads the ones it won with their documents and
   * accounts; null when none was claimable.
   */
  private async claim(now: Date): Promise<Claimed[] | null> {
    const lease = `${this.owner}/${++this.claims}`;
    const { ids, won, until } = await claimLeased(this.db, {
      table: 'document_delivery',
      where: 'status = ?',
      params: [DeliveryStatus.QUEUED],
      set: 'attempts = attempts + 1',
      limit: CLAIM_BATCH,
      lease,
      now,
      leaseMs: this.leaseMs,
    });
    if (ids.length === 0) return null;
    // Another process leased these first: the next look finds the deliveries after them.
    if (!won) return [];
    const rows = (await this.db.manager.query(
      `SELECT dd.id AS id, dd.document_id AS d, dd.method AS m, dd.recipient AS r, dd.attempts AS a,
         doc.kind AS k, doc.account_id AS acc, doc.invoice_id AS inv, doc.credit_note_id AS cn, acct.number AS n
       FROM document_delivery dd
       LEFT JOIN document doc ON doc.id = dd.document_id
       LEFT JOIN account acct ON acct.id = doc.account_id
       WHERE dd.id IN (${ids.map(() => '?').join(', ')}) AND dd.lease_owner = ? ORDER BY dd.id`,
      [...ids, lease],
    )) as Array<Record<'id' | 'd' | 'm' | 'r' | 'a' | 'k' | 'acc' | 'inv' | 'cn' | 'n', unknown>>;
    return rows.map((row) => ({
      id: String(row.id),
      documentId: String(row.d),
      method: row.m === DeliveryMethod.PRINT ? DeliveryMethod.PRINT : DeliveryMethod.EMAIL,
      to: row.r === null ? null : String(row.r),
      attempts: Number(row.a),
      lease,
      leaseUntil: until.getTime(),
      document:
        row.k === null
          ? null
          : {
              id: String(row.d),
              kind: row.k as Document['kind'],
              accountId: String(row.acc),
              invoiceId: row.inv === null ? null : String(row.inv),
              creditNoteId: row.cn === null ? null : String(row.cn),
            },
      accountNumber: row.n === null ? null : String(row.n),
    }));
  }

  /** A statement on its own; on the embedded database it waits for the open transaction, which it would otherwise join. */
  private write(sql: string, params: unknown[]): Promise<{ affected: number }> {
    return this.db.exclusive(() => runWrite(this.db.manager, sql, params));
  }
}
