import { In, type EntityManager } from 'typeorm';
import type { Tx } from '../../db/database';
import { EventType } from '../../events/event-types';
import { User } from '../identity/user.entity';
import { WorkItem, WorkQueue } from './work-queue.entity';

/** How a WORK_ITEM_UPDATED event says what happened. */
export enum WorkItemChange {
  CLAIMED = 'CLAIMED',
  REASSIGNED = 'REASSIGNED',
  NOTE_ADDED = 'NOTE_ADDED',
  RESOLVED = 'RESOLVED',
}

/** Audits a change to an item and emits WORK_ITEM_UPDATED. */
export function itemChanged(
  tx: Tx,
  actorName: string,
  action: string,
  change: WorkItemChange,
  queueKey: string,
  before: WorkItem,
  after: WorkItem,
): void {
  tx.audit({ actor: actorName, action, subjectType: 'WorkItem', subjectId: after.id, before, after });
  tx.emit({
    type: EventType.WORK_ITEM_UPDATED,
    subjectId: after.id,
    accountNumber: after.accountNumber,
    payload: { queueKey, change, status: after.status, assigneeUserId: after.assigneeUserId },
  });
}

export async function queueKeyOf(em: EntityManager, item: WorkItem): Promise<string> {
  return (await em.getRepository(WorkQueue).findOneByOrFail({ id: item.queueId })).key;
}

export async function queueKeysOf(em: EntityManager, items: WorkItem[]): Promise<Map<string, string>> {
  const queues = await em.getRepository(WorkQueue).findBy({ id: In([...new Set(items.map((i) => i.queueId))]) });
  return new Map(queues.map((q) => [q.id, q.key]));
}

export async function holderName(em: EntityManager, userId: string | null): Promise<string> {
  const user = userId ? await em.getRepository(User).findOneBy({ id: userId }) : null;
  return user ? `${user.displayName} (${user.username})` : 'another user';
}
