import { In } from 'typeorm';
import { signatureOf, type Principal } from '../../common/auth/roles';
import { badInput, invalidState, notFound } from '../../common/errors/hub-error';
import { paginate, type Connection, type PageArgs } from '../../common/pagination/connection';
import { optionalText, parseId } from '../../common/validation';
import type { Database, Tx } from '../../db/database';
import { runWrite } from '../../db/database';
import { EventRecord } from '../../events/event.entity';
import { maxEventId } from '../../events/event-ids';
import type { EventRetention } from '../../events/retention';
import { ApiKey } from '../identity/api-key.entity';
import type { WorkQueueService } from '../work-queues/work-queue.service';
import { disabledEndpointItems } from './endpoint-work-items';
import { DUE_AT_ONCE, WebhookDelivery, WebhookEndpoint, WebhookEndpointStatus, type WebhookEndpointWithSecret } from './webhook.entity';
import type { CreateWebhookEndpointInput, UpdateWebhookEndpointInput } from './webhook.inputs';
import { checkEventTypes, newSecret, PREVIOUS_SECRET_MS } from './webhook-rules';
import { parseWebhookUrl, refusedHost } from './url-safety';
import { deliveredTypes } from './webhook-rules';
import { WebhookSender } from './webhook-sender';
import { testMessage, type WebhookTestResult } from './webhook-test';
import { changesNothing } from '../../common/changes';

/** eventsBehind counts up to this many; an endpoint further behind reads as this. */
export const EVENTS_BEHIND_CAP = 10_000;

/** What the audit log keeps of an endpoint: never its secrets nor its lease. */
function publicEndpoint(e: WebhookEndpoint): Record<string, unknown> {
  return {
    id: e.id,
    apiKeyId: e.apiKeyId,
    url: e.url,
    description: e.description,
    eventTypes: e.eventTypes,
    status: e.status,
    disabledReason: e.disabledReason,
    cursor: e.cursorId,
  };
}

/** An event id as `after`: "0" (from the start) or a positive integer. */
function parseEventId(value: string): bigint {
  if (!/^\d{1,16}$/.test(value)) throw badInput(`after "${value.slice(0, 40)}" must be an event id such as "0" or "1234"`);
  return BigInt(value);
}

/** Registering and managing webhook endpoints (admins only); delivery itself is the dispatcher's. */
export class WebhookService {
  private readonly listeners: Array<(id: string) => void> = [];

  constructor(
    private readonly db: Database,
    private readonly retention: EventRetention,
    private readonly workQueues: WorkQueueService,
    private readonly allowPrivate: boolean,
    private readonly timeoutMs: number,
  ) {}

  /** Called after every committed change to an endpoint (created, changed, enabled, disabled, replayed, rotated, deleted). */
  onChanged(listener: (id: string) => void): void {
    this.listeners.push(listener);
  }

  list(): Promise<WebhookEndpoint[]> {
    return this.db.manager.getRepository(WebhookEndpoint).find({ order: { id: 'ASC' } });
  }

  apiKeysByIds(ids: readonly string[]): Promise<ApiKey[]> {
    return this.db.manager.getRepository(ApiKey).findBy({ id: In([...ids]) });
  }

  /** An endpoint's delivery attempts, newest first. */
  deliveries(endpointId: string, args: PageArgs): Promise<Connection<WebhookDelivery>> {
    const qb = this.db.manager.getRepository(WebhookDelivery).createQueryBuilder('d').where('d.endpoint_id = :endpointId', { endpointId });
    return paginate(qb, args, { order: 'DESC' });
  }

  /** Events after the endpoint's cursor of the types it receives, counted up to EVENTS_BEHIND_CAP. */
  async eventsBehind(endpoint: WebhookEndpoint, key: ApiKey): Promise<number> {
    const types = deliveredTypes(key.role, endpoint.eventTypes);
    if (types.length === 0) return 0;
    const behind = this.db.manager
      .getRepository(EventRecord)
      .createQueryBuilder('e')
      .select('1')
      .where('e.id > :cursor', { cursor: endpoint.cursorId })
      .andWhere('e.type IN (:...types)', { types })
      .limit(EVENTS_BEHIND_CAP);
    const [sql, params] = behind.getQueryAndParameters();
    const rows = (await this.db.manager.query(`SELECT COUNT(*) AS n FROM (${sql}) behind`, params)) as Array<{ n: string | number }>;
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Posts a signed test message to the endpoint now, whatever its status, with
   * the same safety checks as deliveries; audited, outside the event stream.
   */
  async sendTest(actor: Principal, id: string): Promise<WebhookTestResult> {
    parseId(id, 'Webhook endpoint');
    const endpoint = await this.db.manager.getRepository(WebhookEndpoint).findOneBy({ id });
    if (!endpoint) throw notFound(`Webhook endpoint ${id}`);
    const at = new Date();
    const { id: messageId, message } = testMessage(endpoint, at);
    const sender = new WebhookSender({ allowPrivate: this.allowPrivate, timeoutMs: this.timeoutMs });
    const result = await sender.send(message).finally(() => sender.close());
    await this.db.transaction(async (tx) => {
      tx.audit({
        actor: actor.name,
        action: 'sendTestWebhook',
        subjectType: 'WebhookEndpoint',
        subjectId: id,
        after: { messageId, url: endpoint.url, succeeded: result.succeeded, statusCode: result.statusCode, error: result.error },
      });
    });
    return { messageId, ...result };
  }

  async create(actor: Principal, input: CreateWebhookEndpointInput): Promise<WebhookEndpointWithSecret> {
    const keyId = parseId(input.apiKeyId, 'API key');
    const url = await this.checkedUrl(input.url);
    const description = optionalText(input.description, 'description', 1000);
    const secret = newSecret();
    const endpoint = await this.db.transaction(async (tx) => {
      const key = await tx.em.getRepository(ApiKey).findOneBy({ id: keyId });
      if (!key) throw notFound(`API key ${keyId}`);
      if (key.revokedAt) throw invalidState(`API key ${keyId} is revoked; endpoints belong to keys in use`);
      const eventTypes = checkEventTypes(key.role, input.eventTypes);
      const now = new Date();
      const row = Object.assign(new WebhookEndpoint(), {
        apiKeyId: keyId,
        url,
        description,
        eventTypes,
        status: WebhookEndpointStatus.ENABLED,
        disabledReason: null,
        disabledAt: null,
        secret,
        previousSecret: null,
        previousSecretUntil: null,
        // Events from now on: an endpoint that wants older ones is replayed from an id.
        cursorId: await maxEventId(tx.em),
        failures: 0,
        failingSince: null,
        nextAttemptAt: DUE_AT_ONCE,
        leaseOwner: null,
        leaseUntil: null,
        createdAt: now,
      });
      const saved = await tx.em.getRepository(WebhookEndpoint).save(row);
      tx.audit({
        actor: actor.name,
        action: 'createWebhookEndpoint',
        subjectType: 'WebhookEndpoint',
        subjectId: saved.id,
        after: publicEndpoint(saved),
      });
      return saved;
    });
    this.changed(endpoint.id);
    return { endpoint, secret };
  }

  async update(actor: Principal, id: string, input: UpdateWebhookEndpointInput): Promise<WebhookEndpoint> {
    const set: Partial<WebhookEndpoint> = {};
    if (input.url != null) set.url = await this.checkedUrl(input.url);
    if (input.description !== undefined) set.description = optionalText(input.description, 'description', 1000);
    const changedTypes = input.eventTypes != null;
    if (!changedTypes && Object.keys(set).length === 0) throw badInput('Give the new url, description or eventTypes');
    return this.change(actor, id, 'updateWebhookEndpoint', async (tx, before) => {
      if (changedTypes) {
        const key = await tx.em.getRepository(ApiKey).findOneByOrFail({ id: before.apiKeyId });
        set.eventTypes = checkEventTypes(key.role, input.eventTypes);
      }
      return changesNothing(before, set) ? null : set;
    });
  }

  async enable(actor: Principal, id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.change(actor, id, 'enableWebhookEndpoint', async (tx, before) => {
      if (before.status === WebhookEndpointStatus.ENABLED) return null;
      const key = await tx.em.getRepository(ApiKey).findOneByOrFail({ id: before.apiKeyId });
      if (key.revokedAt) {
        throw invalidState(
          `Endpoint ${id} delivers for API key ${key.id} (${key.name}), which was revoked: register it again under a live key`,
        );
      }
      await this.retention.checkCursor(
        BigInt(before.cursorId),
        `Endpoint ${id} was disabled longer than events are kept, and nothing can be delivered after its cursor: replayWebhookEndpoint from a retained id, then enable it. Its cursor`,
      );
      await this.workQueues.resolveItemsFor(tx, disabledEndpointItems(id), `Endpoint enabled again by ${signatureOf(actor)}`, actor.name);
      return { status: WebhookEndpointStatus.ENABLED, disabledReason: null, disabledAt: null, ...this.freshStart() };
    });
    return endpoint;
  }

  /** Disables, inside the revoking transaction, every enabled endpoint of the key. */
  async keyRevoked(tx: Tx, key: ApiKey): Promise<void> {
    await tx.em
      .getRepository(WebhookEndpoint)
      .update(
        { apiKeyId: key.id, status: WebhookEndpointStatus.ENABLED },
        { status: WebhookEndpointStatus.DISABLED, disabledReason: `API key ${key.name} was revoked`, disabledAt: key.revokedAt },
      );
  }

  disable(actor: Principal, id: string): Promise<WebhookEndpoint> {
    return this.change(actor, id, 'disableWebhookEndpoint', async (_tx, before) => {
      if (before.status === WebhookEndpointStatus.DISABLED) return null;
      return { status: WebhookEndpointStatus.DISABLED, disabledReason: `Disabled by ${signatureOf(actor)}`, disabledAt: new Date() };
    });
  }

  async remove(actor: Principal, id: string): Promise<boolean> {
    parseId(id, 'Webhook endpoint');
    const removed = await this.db.transaction(async (tx) => {
      const before = await tx.em.getRepository(WebhookEndpoint).findOneBy({ id });
      if (!before) throw notFound(`Webhook endpoint ${id}`);
      await this.workQueues.resolveItemsFor(tx, disabledEndpointItems(id), `Endpoint deleted by ${signatureOf(actor)}`, actor.name);
      await runWrite(tx.em, 'DELETE FROM webhook_delivery WHERE endpoint_id = ?', [Number(id)]);
      await runWrite(tx.em, 'DELETE FROM webhook_endpoint WHERE id = ?', [Number(id)]);
      tx.audit({
        actor: actor.name,
        action: 'deleteWebhookEndpoint',
        subjectType: 'WebhookEndpoint',
        subjectId: id,
        before: publicEndpoint(before),
      });
      return true;
    });
    this.changed(id);
    return removed;
  }

  async rotateSecret(actor: Principal, id: string): Promise<WebhookEndpointWithSecret> {
    const secret = newSecret();
    const endpoint = await this.change(actor, id, 'rotateWebhookSecret', async (_tx, before) => ({
      secret,
      previousSecret: before.secret,
      previousSecretUntil: new Date(Date.now() + PREVIOUS_SECRET_MS),
    }));
    return { endpoint, secret };
  }

  async replay(actor: Principal, id: string, after: string): Promise<WebhookEndpoint> {
    const from = parseEventId(after);
    await this.retention.checkCursor(from, 'after');
    // The retention floor itself is a valid start: the event it names was deleted, every one after it is kept.
    const floor = await this.retention.floor();
    const endpoint = await this.change(actor, id, 'replayWebhookEndpoint', async (tx) => {
      if (from > floor && !(await tx.em.getRepository(EventRecord).existsBy({ id: String(from) }))) {
        throw badInput(`There is no event ${from}; give an event id from ${floor} to ${await maxEventId(tx.em)}`);
      }
      // The cursor is moved with the lease dropped: a delivery in flight finds its cursor changed and stops.
      return { cursorId: Number(from), ...this.freshStart() };
    });
    return endpoint;
  }

  private freshStart(): Partial<WebhookEndpoint> {
    return { failures: 0, failingSince: null, nextAttemptAt: DUE_AT_ONCE, leaseOwner: null, leaseUntil: null };
  }

  /** Loads the endpoint, applies the changes `decide` returns (null: nothing to change), audits and returns it. */
  private async change(
    actor: Principal,
    id: string,
    action: string,
    decide: (tx: Tx, before: WebhookEndpoint) => Promise<Partial<WebhookEndpoint> | null>,
  ): Promise<WebhookEndpoint> {
    parseId(id, 'Webhook endpoint');
    const endpoint = await this.db.transaction(async (tx) => {
      const repo = tx.em.getRepository(WebhookEndpoint);
      const before = await repo.findOneBy({ id });
      if (!before) throw notFound(`Webhook endpoint ${id}`);
      const set = await decide(tx, before);
      if (!set) return before;
      await repo.update({ id }, set);
      const after = await repo.findOneByOrFail({ id });
      tx.audit({
        actor: actor.name,
        action,
        subjectType: 'WebhookEndpoint',
        subjectId: id,
        before: publicEndpoint(before),
        after: publicEndpoint(after),
      });
      return after;
    });
    this.changed(id);
    return endpoint;
  }

  private async checkedUrl(raw: string): Promise<string> {
    const url = parseWebhookUrl(raw);
    const refused = await refusedHost(url, this.allowPrivate);
    if (refused) throw badInput(`url refused: ${refused}; give a public address`);
    return url.toString();
  }

  private changed(id: string): void {
    for (const listener of this.listeners) listener(id);
  }
}
