import type { EntityManager } from 'typeorm';
import { signatureOf, type Principal } from '../../common/auth/roles';
import { badInput, conflict, invalidState, notFound } from '../../common/errors/hub-error';
import { parseId, requireText } from '../../common/validation';
import type { Database, Tx } from '../../db/database';
import { EventType } from '../../events/event-types';
import { User } from '../identity/user.entity';
import { holderName, itemChanged, queueKeyOf, WorkItemChange } from './work-item-changes';
import { manualResolveRefusal, reassignRefusal, type Refusal } from './work-item-rules';
import { UNRESOLVED, WorkItem, WorkItemStatus, WorkNote } from './work-queue.entity';

const MAX_TEXT = 2000;

/** What a module that files items of a kind says about their cause when an operator resolves one by hand. */
export interface WorkItemCause {
  /**
   * Whether the cause is still open, and if so what settles it (e.g. "invoice
   * 42 is HELD: release it (releaseInvoice) or void it (voidInvoice)"): the
   * resolution is refused. Null to go ahead.
   */
  open?(em: EntityManager, item: WorkItem): Promise<string | null>;
  /** What resolving by hand does to the cause, in the same transaction, after the item is resolved. */
  settle?(tx: Tx, item: WorkItem, resolution: string, actorName: string): Promise<void>;
}

function refuse(refusal: Refusal): never {
  throw refusal.code === 'INVALID_STATE' ? invalidState(refusal.message) : badInput(refusal.message);
}

/**
 * What operators do to work items: claim, annotate, resolve, and (admins)
 * reassign. The modules that file items register, per kind, how to tell
 * whether the item's cause is still open, so resolving by hand never leaves
 * it half done.
 */
export class WorkItemActions {
  private readonly causes = new Map<string, WorkItemCause>();

  constructor(private readonly db: Database) {}

  /** Registers what resolving items of these kinds by hand means for their cause. */
  registerCause(kinds: readonly string[], cause: WorkItemCause): void {
    for (const kind of kinds) this.causes.set(kind, cause);
  }

  /** Why the item cannot be resolved by hand now (the action to take instead), or null. */
  async openCause(em: EntityManager, item: WorkItem): Promise<string | null> {
    const cause = this.causes.get(item.kind);
    return cause?.open ? cause.open(em, item) : null;
  }

  /**
   * Takes the item for the calling user. Idempotent for the user who holds it;
   * anyone else gets CONFLICT naming the holder.
   */
  async claim(actor: Principal, id: string): Promise<WorkItem> {
    parseId(id, 'Work item');
    if (actor.kind !== 'user') {
      throw badInput('Claiming assigns the item to a person: sign in to the console as a user; an API key cannot hold work items');
    }
    return this.db.transaction(async (tx) => {
      // Two claims can read the item as OPEN; only the UPDATE that still matches status = OPEN wins.
      const result = await tx.em
        .createQueryBuilder()
        .update(WorkItem)
        .set({ status: WorkItemStatus.IN_PROGRESS, assigneeUserId: actor.id })
        .where('id = :id', { id })
        .andWhere('status = :open', { open: WorkItemStatus.OPEN })
        .execute();
      const item = await tx.em.getRepository(WorkItem).findOneBy({ id });
      if (!item) throw notFound(`Work item ${id}`);
      if (!result.affected) {
        if (item.status === WorkItemStatus.RESOLVED) throw invalidState(`Work item ${id} is already resolved`);
        if (item.assigneeUserId === actor.id) return item;
        throw conflict(`Work item ${id} is already being worked by ${await holderName(tx.em, item.assigneeUserId)}`);
      }
      const before = { ...item, status: WorkItemStatus.OPEN, assigneeUserId: null };
      itemChanged(tx, actor.name, 'claimWorkItem', WorkItemChange.CLAIMED, await queueKeyOf(tx.em, item), before, item);
      return item;
    });
  }

  /** An admin hands an open or claimed item to an active admin or operator; it is IN_PROGRESS with them. */
  async reassign(actor: Principal, id: string, userId: string): Promise<WorkItem> {
    parseId(id, 'Work item');
    parseId(userId, 'User');
    return this.db.transaction(async (tx) => {
      const before = await this.lockItem(tx, id);
      const user = await tx.em.getRepository(User).findOneBy({ id: userId });
      if (!user) throw notFound(`User ${userId}`);
      const refusal = reassignRefusal(before, user);
      if (refusal) refuse(refusal);
      if (before.assigneeUserId === user.id && before.status === WorkItemStatus.IN_PROGRESS) return before;
      // Conditional on what was read: a claim or resolve that slipped in first wins, and this one is refused.
      const result = await tx.em
        .createQueryBuilder()
        .update(WorkItem)
        .set({ status: WorkItemStatus.IN_PROGRESS, assigneeUserId: user.id })
        .where('id = :id', { id })
        .andWhere('status = :status', { status: before.status })
        .andWhere(before.assigneeUserId ? 'assignee_user_id = :held' : 'assignee_user_id IS NULL', { held: before.assigneeUserId })
        .execute();
      if (!result.affected) throw conflict(`Work item ${id} changed meanwhile; look at it again`);
      const after = await tx.em.getRepository(WorkItem).findOneByOrFail({ id });
      itemChanged(tx, actor.name, 'reassignWorkItem', WorkItemChange.REASSIGNED, await queueKeyOf(tx.em, after), before, after);
      return after;
    });
  }

  async addNote(actor: Principal, id: string, text: string): Promise<WorkItem> {
    parseId(id, 'Work item');
    const body = requireText(text, 'Note text', MAX_TEXT);
    return this.db.transaction(async (tx) => {
      const item = await tx.em.getRepository(WorkItem).findOneBy({ id });
      if (!item) throw notFound(`Work item ${id}`);
      const note = await tx.em
        .getRepository(WorkNote)
        .save(
          Object.assign(new WorkNote(), { workItemId: id, author: signatureOf(actor).slice(0, 128), text: body, createdAt: new Date() }),
        );
      tx.audit({ actor: actor.name, action: 'addWorkItemNote', subjectType: 'WorkItem', subjectId: id, after: { note } });
      tx.emit({
        type: EventType.WORK_ITEM_UPDATED,
        subjectId: id,
        accountNumber: item.accountNumber,
        payload: { queueKey: await queueKeyOf(tx.em, item), change: WorkItemChange.NOTE_ADDED, status: item.status },
      });
      return item;
    });
  }

  /** Records the resolution; refused while the item's cause is open (see registerCause). */
  async resolve(actor: Principal, id: string, resolution: string): Promise<WorkItem> {
    parseId(id, 'Work item');
    const text = requireText(resolution, 'Resolution', MAX_TEXT);
    return this.db.transaction(async (tx) => {
      const before = await this.lockItem(tx, id);
      const refusal = manualResolveRefusal(before, before.status === WorkItemStatus.RESOLVED ? null : await this.openCause(tx.em, before));
      if (refusal) refuse(refusal);
      const resolvedAt = new Date();
      const set: Partial<WorkItem> = { status: WorkItemStatus.RESOLVED, resolvedAt, resolution: text };
      // Whoever resolves an unclaimed item is the one who worked it.
      if (!before.assigneeUserId && actor.kind === 'user') set.assigneeUserId = actor.id;
      const result = await tx.em
        .createQueryBuilder()
        .update(WorkItem)
        .set(set)
        .where('id = :id', { id })
        .andWhere('status IN (:...open)', { open: UNRESOLVED })
        .execute();
      if (!result.affected) throw invalidState(`Work item ${id} is already resolved`);
      const after = await tx.em.getRepository(WorkItem).findOneByOrFail({ id });
      await this.causes.get(after.kind)?.settle?.(tx, after, text, actor.name);
      itemChanged(tx, actor.name, 'resolveWorkItem', WorkItemChange.RESOLVED, await queueKeyOf(tx.em, after), before, after);
      return after;
    });
  }

  /** The item, its row locked on MySQL until the transaction ends (the embedded database runs one transaction at a time). */
  private async lockItem(tx: Tx, id: string): Promise<WorkItem> {
    const qb = tx.em.getRepository(WorkItem).createQueryBuilder('i').where('i.id = :id', { id });
    if (tx.dialect === 'mysql') qb.setLock('pessimistic_write');
    const item = await qb.getOne();
    if (!item) throw notFound(`Work item ${id}`);
    return item;
  }
}
