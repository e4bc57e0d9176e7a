import { In } from 'typeorm';
import type { Principal } from '../../common/auth/roles';
import { changesNothing } from '../../common/changes';
import { badInput, conflict, notFound } from '../../common/errors/hub-error';
import { paginate, type Connection, type PageArgs } from '../../common/pagination/connection';
import { optionalText, parseId, requireInt, requireText } from '../../common/validation';
import type { Database, Tx } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { EventType } from '../../events/event-types';
import { User } from '../identity/user.entity';
import { itemChanged, queueKeysOf, WorkItemChange } from './work-item-changes';
import { UNRESOLVED, WorkItem, WorkItemStatus, WorkNote, WorkQueue } from './work-queue.entity';
import type { CreateWorkQueueInput } from './work-queue.inputs';

const QUEUE_KEY = /^[A-Z0-9_]{1,32}$/;
const MAX_SLA_MINUTES = 525_600;
const MAX_TEXT = 2000;
const DEFAULT_PRIORITY = 3;
const SWEEP_CHUNK = 500;

/** What another module files into a queue, inside its own transaction. */
export interface NewWorkItem {
  queueKey: string;
  /** What kind of work, e.g. MISSING_RATE or CALL_REQUEST (at most 64 characters). */
  kind: string;
  /** One line an operator reads in the queue (at most 255 characters). */
  title: string;
  /** 1 (most urgent) to 5; default 3. */
  priority?: number;
  accountId?: string | null;
  invoiceId?: string | null;
  exceptionId?: string | null;
  /** Carried by every event about the item. */
  accountNumber?: string | null;
  /** Who the audit log names as creator; default "system". */
  actorName?: string;
}

/** Which unresolved items resolveItemsFor closes: every given condition must hold. */
export interface WorkItemFilter {
  id?: string;
  exceptionId?: string;
  invoiceId?: string;
  accountId?: string;
  queueKey?: string;
  kind?: string;
  /** The title starts with this text. */
  titleStart?: string;
}

export interface QueueCounts {
  open: number;
  overdue: number;
}

export interface WorkItemListFilter extends PageArgs {
  queueKey?: string | null;
  status?: WorkItemStatus | null;
  assigneeId?: string | null;
  search?: string | null;
}

/** Escapes LIKE wildcards with '!' (a backslash means different things to MySQL and SQLite string literals). */
function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}

function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}

/**
 * Work queues and their items: other modules file items with createItem and
 * close them with resolveItemsFor inside their own transactions; operators
 * claim, annotate and resolve them; the SLA sweep announces overdue ones.
 */
export class WorkQueueService {
  constructor(private readonly db: Database) {}

  // ------------------------------------------------------------------ reads

  queues(): Promise<WorkQueue[]> {
    return this.db.manager.getRepository(WorkQueue).find({ order: { key: 'ASC' } });
  }

  async queue(key: string): Promise<WorkQueue | null> {
    if (key.length > 32) return null;
    return this.db.manager.getRepository(WorkQueue).findOneBy({ key });
  }

  item(id: string): Promise<WorkItem | null> {
    return this.db.manager.getRepository(WorkItem).findOneBy({ id: parseId(id, 'Work item') });
  }

  /** A queue's (or an account's) items, oldest first: the order they should be worked in. */
  items(
    owner: { queueId: string } | { accountId: string },
    args: PageArgs & { status?: WorkItemStatus | null },
  ): Promise<Connection<WorkItem>> {
    const qb = this.db.manager.getRepository(WorkItem).createQueryBuilder('i');
    if ('queueId' in owner) qb.where('i.queue_id = :queueId', { queueId: owner.queueId });
    else qb.where('i.account_id = :accountId', { accountId: owner.accountId });
    if (args.status) qb.andWhere('i.status = :status', { status: args.status });
    return paginate(qb, args);
  }

  /**
   * Items across queues, oldest first, filtered by queue, status, assignee and
   * a search of the title and account number. An unknown queue key or
   * assignee matches nothing.
   */
  async list(filter: WorkItemListFilter): Promise<Connection<WorkItem>> {
    const qb = this.db.manager.getRepository(WorkItem).createQueryBuilder('i');
    if (filter.queueKey) {
      const queue = await this.queue(filter.queueKey.trim());
      qb.andWhere('i.queue_id = :queueId', { queueId: queue?.id ?? '0' });
    }
    if (filter.status) qb.andWhere('i.status = :status', { status: filter.status });
    if (filter.assigneeId) qb.andWhere('i.assignee_user_id = :assigneeId', { assigneeId: parseId(filter.assigneeId, 'Assignee') });
    const search = filter.search?.trim();
    if (search) {
      const like = `%${escapeLike(search.slice(0, 128))}%`;
      // Account numbers compare exactly (binary collation); a search is for people, so it ignores case there too.
      qb.andWhere("(i.title LIKE :like ESCAPE '!' OR LOWER(i.account_number) LIKE :lower ESCAPE '!')", { like, lower: like.toLowerCase() });
    }
    return paginate(qb, filter);
  }

  queuesByIds(ids: readonly string[]): Promise<WorkQueue[]> {
    return this.db.manager.getRepository(WorkQueue).findBy({ id: In([...ids]) });
  }

  itemsByIds(ids: readonly string[]): Promise<WorkItem[]> {
    return this.db.manager.getRepository(WorkItem).findBy({ id: In([...ids]) });
  }

  notesFor(itemIds: readonly string[]): Promise<WorkNote[]> {
    return this.db.manager.getRepository(WorkNote).find({ where: { workItemId: In([...itemIds]) }, order: { id: 'ASC' } });
  }

  assignees(userIds: readonly string[]): Promise<User[]> {
    return this.db.manager.getRepository(User).findBy({ id: In([...userIds]) });
  }

  /** Open (OPEN or IN_PROGRESS) and overdue counts of several queues in one statement. */
  async countsFor(queueIds: readonly string[], now = new Date()): Promise<Map<string, QueueCounts>> {
    const rows = (await this.db.manager
      .getRepository(WorkItem)
      .createQueryBuilder('i')
      .select('i.queue_id', 'queueId')
      .addSelect('COUNT(*)', 'open')
      .addSelect('SUM(CASE WHEN i.due_at < :now THEN 1 ELSE 0 END)', 'overdue')
      .where('i.queue_id IN (:...queueIds)', { queueIds: [...queueIds] })
      .andWhere('i.status IN (:...open)', { open: UNRESOLVED })
      .setParameter('now', now)
      .groupBy('i.queue_id')
      .getRawMany()) as Array<{ queueId: string | number; open: string | number; overdue: string | number | null }>;
    const counts = new Map<string, QueueCounts>();
    for (const row of rows) counts.set(String(row.queueId), { open: Number(row.open), overdue: Number(row.overdue ?? 0) });
    return counts;
  }

  // ------------------------------------------------------------------ the API of other modules

  /**
   * Files a work item in the queue, inside the caller's transaction: dueAt is
   * now plus the queue's SLA. Emits WORK_ITEM_CREATED. An unknown queue key is
   * BAD_USER_INPUT (a collections path may name a queue that was never created).
   */
  async createItem(tx: Tx, input: NewWorkItem): Promise<WorkItem> {
    return (await this.createItems(tx, [input]))[0];
  }

  /** Files several work items as createItem does, in their order, reading each queue once. */
  async createItems(tx: Tx, inputs: readonly NewWorkItem[]): Promise<WorkItem[]> {
    const queues = new Map<string, WorkQueue>();
    const items: WorkItem[] = [];
    for (const input of inputs) {
      let queue = queues.get(input.queueKey);
      if (!queue) {
        queue = await queueByKey(tx, input.queueKey);
        queues.set(input.queueKey, queue);
      }
      items.push(await fileItem(tx, queue, input));
    }
    return items;
  }

  /**
   * Resolves every OPEN or IN_PROGRESS item matching all the filter's
   * conditions, inside the caller's transaction, and emits WORK_ITEM_UPDATED
   * for each. Returns how many it resolved.
   */
  async resolveItemsFor(tx: Tx, filter: WorkItemFilter, resolution: string, actorName: string): Promise<number> {
    const text = requireText(resolution, 'Resolution', MAX_TEXT);
    const qb = tx.em.getRepository(WorkItem).createQueryBuilder('i').where('i.status IN (:...open)', { open: UNRESOLVED });
    const where: Array<[string, Record<string, string>]> = [];
    if (filter.id !== undefined) where.push(['i.id = :id', { id: filter.id }]);
    if (filter.exceptionId !== undefined) where.push(['i.exception_id = :exceptionId', { exceptionId: filter.exceptionId }]);
    if (filter.invoiceId !== undefined) where.push(['i.invoice_id = :invoiceId', { invoiceId: filter.invoiceId }]);
    if (filter.accountId !== undefined) where.push(['i.account_id = :accountId', { accountId: filter.accountId }]);
    if (filter.kind !== undefined) where.push(['i.kind = :kind', { kind: filter.kind }]);
    if (filter.titleStart !== undefined) {
      where.push(["i.title LIKE :titleStart ESCAPE '!'", { titleStart: `${escapeLike(filter.titleStart)}%` }]);
    }
    let queue: WorkQueue | null = null;
    if (filter.queueKey !== undefined) {
      queue = filter.queueKey.length <= 32 ? await tx.em.getRepository(WorkQueue).findOneBy({ key: filter.queueKey }) : null;
      if (!queue) return 0;
      where.push(['i.queue_id = :queueId', { queueId: queue.id }]);
    }
    // Without a condition this would close every open item in the hub: a caller's bug, never what an operator asked for.
    if (where.length === 0) throw new Error('resolveItemsFor needs at least one condition');
    for (const [condition, params] of where) qb.andWhere(condition, params);
    // The row locks keep a concurrent claim or resolve from slipping in between this read and the update below.
    if (tx.dialect === 'mysql') qb.setLock('pessimistic_write');
    const items = await qb.orderBy('i.id', 'ASC').getMany();
    if (items.length === 0) return 0;
    const resolvedAt = new Date();
    await tx.em
      .createQueryBuilder()
      .update(WorkItem)
      .set({ status: WorkItemStatus.RESOLVED, resolvedAt, resolution: text })
      .where('id IN (:...ids)', { ids: items.map((i) => i.id) })
      .andWhere('status IN (:...open)', { open: UNRESOLVED })
      .execute();
    const queueKeys = queue ? new Map([[queue.id, queue.key]]) : await queueKeysOf(tx.em, items);
    for (const before of items) {
      const after = { ...before, status: WorkItemStatus.RESOLVED, resolvedAt, resolution: text };
      itemChanged(tx, actorName, 'resolveWorkItem', WorkItemChange.RESOLVED, queueKeys.get(before.queueId) ?? '', before, after);
    }
    return items.length;
  }

  // ------------------------------------------------------------------ operators

  async createQueue(actor: Principal, input: CreateWorkQueueInput): Promise<WorkQueue> {
    const key = requireText(input.key, 'Queue key', 32, { pattern: QUEUE_KEY, hint: 'may use upper-case letters, digits and _ only' });
    const name = requireText(input.name, 'Queue name', 128);
    const slaMinutes = requireInt(input.slaMinutes, 'slaMinutes', 1, MAX_SLA_MINUTES);
    try {
      return await this.db.transaction(async (tx) => {
        const repo = tx.em.getRepository(WorkQueue);
        if (await repo.existsBy({ key })) throw conflict(`A work queue with key ${key} already exists`);
        const queue = await repo.save(Object.assign(new WorkQueue(), { key, name, slaMinutes }));
        tx.audit({ actor: actor.name, action: 'createWorkQueue', subjectType: 'WorkQueue', subjectId: queue.id, after: queue });
        return queue;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`A work queue with key ${key} already exists`);
      throw error;
    }
  }

  /** Renames a queue or changes its SLA; items already filed keep their dueAt. The values it has already: no audit entry. */
  async updateQueue(actor: Principal, key: string, changes: { name?: string | null; slaMinutes?: number | null }): Promise<WorkQueue> {
    const set: Partial<WorkQueue> = {};
    if (changes.name !== undefined && changes.name !== null) set.name = requireText(changes.name, 'Queue name', 128);
    if (changes.slaMinutes !== undefined && changes.slaMinutes !== null) {
      set.slaMinutes = requireInt(changes.slaMinutes, 'slaMinutes', 1, MAX_SLA_MINUTES);
    }
    if (Object.keys(set).length === 0) throw badInput('Give the new name or slaMinutes');
    return this.db.transaction(async (tx) => {
      const repo = tx.em.getRepository(WorkQueue);
      const before = key.length <= 32 ? await repo.findOneBy({ key }) : null;
      if (!before) throw notFound(`Work queue ${key.slice(0, 40)}`);
      if (changesNothing(before, set)) return before;
      await repo.update({ id: before.id }, set);
      const after = await repo.findOneByOrFail({ id: before.id });
      tx.audit({ actor: actor.name, action: 'updateWorkQueue', subjectType: 'WorkQueue', subjectId: before.id, before, after });
      return after;
    });
  }

  // ------------------------------------------------------------------ SLA sweep

  /**
   * Marks every unresolved item whose dueAt has passed and emits SLA_BREACHED
   * once for each. Returns how many it marked.
   */
  async markSlaBreaches(now = new Date()): Promise<number> {
    let marked = 0;
    for (;;) {
      const candidates = await this.db.manager
        .getRepository(WorkItem)
        .createQueryBuilder('i')
        .select('i.id', 'id')
        .where('i.status IN (:...open)', { open: UNRESOLVED })
        .andWhere('i.due_at < :now', { now })
        .andWhere('i.sla_breached_at IS NULL')
        .orderBy('i.due_at', 'ASC')
        .limit(SWEEP_CHUNK)
        .getRawMany<{ id: string | number }>();
      if (candidates.length === 0) return marked;
      marked += await this.db.transaction((tx) =>
        this.markChunk(
          tx,
          candidates.map((c) => String(c.id)),
          now,
        ),
      );
      if (candidates.length < SWEEP_CHUNK) return marked;
    }
  }

  private async markChunk(tx: Tx, ids: string[], now: Date): Promise<number> {
    const qb = tx.em
      .getRepository(WorkItem)
      .createQueryBuilder('i')
      .where('i.id IN (:...ids)', { ids })
      .andWhere('i.status IN (:...open)', { open: UNRESOLVED })
      .andWhere('i.sla_breached_at IS NULL');
    // Another process may be sweeping the same items: the locking read waits for it and then sees its marks,
    // so only one of the two emits. (The embedded database runs one transaction at a time anyway.)
    if (tx.dialect === 'mysql') qb.setLock('pessimistic_write');
    const items = await qb.getMany();
    if (items.length === 0) return 0;
    await tx.em
      .createQueryBuilder()
      .update(WorkItem)
      .set({ slaBreachedAt: now })
      .where('id IN (:...ids)', { ids: items.map((i) => i.id) })
      .andWhere('sla_breached_at IS NULL')
      .execute();
    const queueKeys = await queueKeysOf(tx.em, items);
    for (const item of items) {
      tx.emit({
        type: EventType.SLA_BREACHED,
        subjectId: item.id,
        accountNumber: item.accountNumber,
        payload: {
          queueKey: queueKeys.get(item.queueId) ?? '',
          kind: item.kind,
          status: item.status,
          dueAt: item.dueAt.toISOString(),
          assigneeUserId: item.assigneeUserId,
        },
      });
    }
    return items.length;
  }
}

async function queueByKey(tx: Tx, key: string): Promise<WorkQueue> {
  const queue = key.length <= 32 ? await tx.em.getRepository(WorkQueue).findOneBy({ key }) : null;
  if (!queue) throw badInput(`There is no work queue with key ${key.slice(0, 40)}; create it first`);
  return queue;
}

/** One work item of the queue, with its audit entry and WORK_ITEM_CREATED. */
async function fileItem(tx: Tx, queue: WorkQueue, input: NewWorkItem): Promise<WorkItem> {
  const createdAt = new Date();
  const item = Object.assign(new WorkItem(), {
    queueId: queue.id,
    kind: requireText(input.kind, 'Work item kind', 64),
    title: requireText(input.title, 'Work item title', 255),
    priority: requireInt(input.priority ?? DEFAULT_PRIORITY, 'Work item priority', 1, 5),
    status: WorkItemStatus.OPEN,
    accountId: input.accountId ?? null,
    accountNumber: optionalText(input.accountNumber, 'Account number', 64),
    invoiceId: input.invoiceId ?? null,
    exceptionId: input.exceptionId ?? null,
    assigneeUserId: null,
    dueAt: addMinutes(createdAt, queue.slaMinutes),
    createdAt,
    resolvedAt: null,
    resolution: null,
    slaBreachedAt: null,
  });
  const saved = await tx.em.getRepository(WorkItem).save(item);
  tx.audit({ actor: input.actorName ?? 'system', action: 'createWorkItem', subjectType: 'WorkItem', subjectId: saved.id, after: saved });
  tx.emit({
    type: EventType.WORK_ITEM_CREATED,
    subjectId: saved.id,
    accountNumber: saved.accountNumber,
    payload: { queueKey: queue.key, kind: saved.kind, title: saved.title, priority: saved.priority, dueAt: saved.dueAt.toISOString() },
  });
  return saved;
}
