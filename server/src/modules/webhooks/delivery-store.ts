import { type EntityManager } from 'typeorm';
import type { Database, Tx } from '../../db/database';
import { runWrite, statement } from '../../db/database';
import { EventRecord } from '../../events/event.entity';
import { maxEventId } from '../../events/event-ids';
import { EventType, type HubEvent } from '../../events/event-types';
import { ApiKey } from '../identity/api-key.entity';
import { disabledEndpointItem } from './endpoint-work-items';
import type { WorkQueueService } from '../work-queues/work-queue.service';
import { WebhookDelivery, WebhookEndpoint, WebhookEndpointStatus } from './webhook.entity';
import type { SendResult } from './webhook-sender';
import { databaseNowSql, databaseTime } from './database-clock';

/** The endpoint as its lease holder last read it, with the role of its key. */
export interface LeasedEndpoint {
  endpoint: WebhookEndpoint;
  key: ApiKey;
}

export interface Attempt {
  eventId: string;
  attempt: number;
  at: Date;
  result: SendResult;
}

function toHubEvent(r: EventRecord): HubEvent {
  return { id: r.id, type: r.type, occurredAt: r.occurredAt, accountNumber: r.accountNumber, subjectId: r.subjectId, payload: r.payload };
}

function deliveryRow(endpointId: string, a: Attempt): WebhookDelivery {
  return Object.assign(new WebhookDelivery(), {
    endpointId,
    eventId: a.eventId,
    attempt: a.attempt,
    succeeded: a.result.succeeded,
    statusCode: a.result.statusCode,
    error: a.result.error?.slice(0, 500) ?? null,
    durationMs: a.result.durationMs,
    at: a.at,
  });
}

/**
 * The delivery state in the database. Every write that follows a claim checks
 * the lease (lease_owner) and the cursor it started from, so a process that
 * lost its lease (it stalled past the expiry, an admin replayed or disabled
 * the endpoint) changes nothing and stops.
 */
export class DeliveryStore {
  constructor(
    private readonly db: Database,
    private readonly workQueues: WorkQueueService,
    readonly owner: string,
  ) {}

  maxEventId(): Promise<number> {
    return maxEventId(this.db.manager);
  }

  /**
   * Enabled endpoints of unrevoked keys that are due, unleased and behind the newest event. Due and
   * leased are judged by the database's clock, like every lease below: two processes whose clocks
   * differ still agree on whether a lease has expired, so neither takes an endpoint the other holds.
   */
  async dueEndpoints(maxEventId: number, limit: number): Promise<string[]> {
    const now = this.time(0);
    const { sql, params } = statement(
      this.db.manager,
      `SELECT e.id AS id FROM webhook_endpoint e INNER JOIN api_key k ON k.id = e.api_key_id
       WHERE e.status = ? AND k.revoked_at IS NULL AND e.next_attempt_at <= ${now.sql}
         AND (e.lease_until IS NULL OR e.lease_until < ${now.sql}) AND e.cursor_id < ?
       ORDER BY e.next_attempt_at LIMIT ${Number(limit)}`,
      [WebhookEndpointStatus.ENABLED, now.param, now.param, maxEventId],
    );
    const rows = (await this.db.manager.query(sql, params)) as Array<{ id: string | number }>;
    return rows.map((r) => String(r.id));
  }

  /**
   * The database's clock now. How long an endpoint has been failing is judged by it, as leases are: the failure
   * that starts the window and the one that ends it may come from processes whose own clocks differ.
   */
  async now(): Promise<Date> {
    const [row] = (await this.db.manager.query(databaseNowSql(this.db.dialect))) as Array<{ ms: string | number }>;
    return new Date(Number(row.ms));
  }

  /** Claims the endpoint for leaseMs; only one of several processes' conditional UPDATEs matches. */
  claim(id: string, leaseMs: number): Promise<boolean> {
    const [now, until] = [this.time(0), this.time(leaseMs)];
    return this.write(
      `UPDATE webhook_endpoint SET lease_owner = ?, lease_until = ${until.sql}
       WHERE id = ? AND status = ? AND next_attempt_at <= ${now.sql} AND (lease_until IS NULL OR lease_until < ${now.sql})`,
      [this.owner, until.param, Number(id), WebhookEndpointStatus.ENABLED, now.param, now.param],
    );
  }

  /** The endpoint and its key while this process holds the lease and the endpoint is enabled; else null. */
  async leased(id: string): Promise<LeasedEndpoint | null> {
    const endpoint = await this.db.manager.getRepository(WebhookEndpoint).findOneBy({ id });
    if (!endpoint || endpoint.leaseOwner !== this.owner || endpoint.status !== WebhookEndpointStatus.ENABLED) return null;
    const key = await this.db.manager.getRepository(ApiKey).findOneBy({ id: endpoint.apiKeyId });
    if (!key || key.revokedAt) return null;
    return { endpoint, key };
  }

  /** Events after the cursor up to `upTo` of the given types, in id order. */
  async events(after: number, upTo: number, types: EventType[], limit: number): Promise<HubEvent[]> {
    const rows = await this.db.manager
      .getRepository(EventRecord)
      .createQueryBuilder('e')
      .where('e.id > :after AND e.id <= :upTo', { after, upTo })
      .andWhere('e.type IN (:...types)', { types })
      .orderBy('e.id', 'ASC')
      .take(limit)
      .getMany();
    return rows.map(toHubEvent);
  }

  /**
   * Moves the cursor from `from` to `to` (logging the attempts that delivered
   * the events between) and extends the lease to leaseMs from now (the
   * database's now); false when the lease or the cursor changed meanwhile.
   */
  async advance(id: string, from: number, to: number, leaseMs: number, attempts: Attempt[]): Promise<boolean> {
    const until = this.time(leaseMs);
    return this.db.transaction(async (tx) => {
      const moved = await this.update(
        tx.em,
        `UPDATE webhook_endpoint SET cursor_id = ?, failures = 0, failing_since = NULL, lease_until = ${until.sql}
         WHERE id = ? AND lease_owner = ? AND cursor_id = ?`,
        [to, until.param, Number(id), this.owner, from],
      );
      if (moved && attempts.length > 0)
        tx.insertLater(
          WebhookDelivery,
          attempts.map((a) => deliveryRow(id, a)),
        );
      return moved;
    });
  }

  /** Logs a failed attempt and lets the lease go until the next attempt is due, retryInMs from now by the database's clock. */
  async retryLater(held: WebhookEndpoint, attempt: Attempt, failingSince: Date, retryInMs: number): Promise<boolean> {
    const due = this.time(retryInMs);
    return this.db.transaction(async (tx) => {
      const changed = await this.update(
        tx.em,
        `UPDATE webhook_endpoint SET failures = ?, failing_since = ?, next_attempt_at = ${due.sql}, lease_owner = NULL, lease_until = NULL
         WHERE id = ? AND lease_owner = ? AND cursor_id = ?`,
        [held.failures + 1, failingSince, due.param, Number(held.id), this.owner, held.cursorId],
      );
      if (changed) tx.insertLater(WebhookDelivery, [deliveryRow(held.id, attempt)]);
      return changed;
    });
  }

  /** Logs the last failed attempt and disables the endpoint at `at`, with an event and a work item in INTEGRATIONS. */
  async disable(held: WebhookEndpoint, attempt: Attempt, reason: string, at: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const changed = await this.update(
        tx.em,
        `UPDATE webhook_endpoint SET status = ?, disabled_reason = ?, disabled_at = ?, failures = ?, lease_owner = NULL, lease_until = NULL
         WHERE id = ? AND lease_owner = ? AND cursor_id = ? AND status = ?`,
        [
          WebhookEndpointStatus.DISABLED,
          reason.slice(0, 1000),
          at,
          held.failures + 1,
          Number(held.id),
          this.owner,
          held.cursorId,
          WebhookEndpointStatus.ENABLED,
        ],
      );
      if (!changed) return false;
      tx.insertLater(WebhookDelivery, [deliveryRow(held.id, attempt)]);
      await this.announceDisabled(tx, held, reason);
      return true;
    });
  }

  /** Lets the lease go (caught up, or stopping). */
  async release(id: string): Promise<void> {
    await this.write('UPDATE webhook_endpoint SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?', [
      Number(id),
      this.owner,
    ]);
  }

  /** Deletes delivery attempts logged before the cutoff, a small batch at a time. */
  async pruneDeliveries(cutoff: Date): Promise<void> {
    for (;;) {
      const rows = await this.db.manager
        .getRepository(WebhookDelivery)
        .createQueryBuilder('d')
        .select('d.id')
        .where('d.at < :cutoff', { cutoff })
        .orderBy('d.id', 'ASC')
        .take(500)
        .getMany();
      if (rows.length === 0) return;
      await this.write('DELETE FROM webhook_delivery WHERE id <= ? AND at < ?', [Number(rows[rows.length - 1].id), cutoff]);
    }
  }

  private async announceDisabled(tx: Tx, held: WebhookEndpoint, reason: string): Promise<void> {
    const host = new URL(held.url).host;
    tx.emit({
      type: EventType.WEBHOOK_ENDPOINT_DISABLED,
      subjectId: held.id,
      // The host only: a URL's path or query may carry a receiver's token, and every reading role sees events.
      payload: { apiKeyId: held.apiKeyId, host, cursor: String(held.cursorId), reason },
    });
    tx.audit({
      actor: 'system',
      action: 'disableWebhookEndpoint',
      subjectType: 'WebhookEndpoint',
      subjectId: held.id,
      after: { status: 'DISABLED', reason },
    });
    await this.workQueues.createItem(tx, disabledEndpointItem(held.id, host, reason));
  }

  private time(ms: number): { sql: string; param: number | string } {
    return databaseTime(this.db.dialect, ms);
  }

  private async update(em: EntityManager, sql: string, params: unknown[]): Promise<boolean> {
    return (await runWrite(em, sql, params)).affected === 1;
  }

  private write(sql: string, params: unknown[]): Promise<boolean> {
    return this.db.exclusive(() => this.update(this.db.manager, sql, params));
  }
}
