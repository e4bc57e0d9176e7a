import { defineLoader, groupBy, indexBy } from '../../common/loaders/loaders';
import type { User } from '../identity/user.entity';
import type { WorkItem, WorkNote, WorkQueue } from './work-queue.entity';
import type { QueueCounts } from './work-queue.service';

export const workQueueById = defineLoader<string, WorkQueue | null>('workQueues.queueById', async (s, ids) =>
  indexBy(ids, await s.workQueues.queuesByIds(ids), (q) => q.id),
);
export const workItemById = defineLoader<string, WorkItem | null>('workQueues.itemById', async (s, ids) =>
  indexBy(ids, await s.workQueues.itemsByIds(ids), (i) => i.id),
);
export const notesByWorkItem = defineLoader<string, WorkNote[]>('workQueues.notesByItem', async (s, ids) =>
  groupBy(ids, await s.workQueues.notesFor(ids), (n) => n.workItemId),
);
export const assigneeById = defineLoader<string, User | null>('workQueues.assigneeById', async (s, ids) =>
  indexBy(ids, await s.workQueues.assignees(ids), (u) => u.id),
);
/** openCount and overdueCount of every queue on the page share one statement. */
export const countsByQueue = defineLoader<string, QueueCounts>('workQueues.countsByQueue', async (s, ids) => {
  const counts = await s.workQueues.countsFor(ids);
  return ids.map((id) => counts.get(id) ?? { open: 0, overdue: 0 });
});
