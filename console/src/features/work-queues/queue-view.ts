import type { WorkItemStatus } from '../../generated/graphql';

/** Which items the queue screen lists: unresolved (in progress first, then open), or one status. */
export type QueueView = 'unresolved' | 'open' | 'inProgress' | 'resolved';

export interface QueueFilters {
  view: QueueView;
  /** Only items assigned to the signed-in user. */
  mine: boolean;
  search: string;
}

export const PAGE_SIZE = 50;

/** The variables of the queue's query for the filters and the page (the cursor it starts after). */
export function queueVariables(queueKey: string, filters: QueueFilters, meId: string, after: string | null) {
  const status: WorkItemStatus = filters.view === 'resolved' ? 'RESOLVED' : filters.view === 'inProgress' ? 'IN_PROGRESS' : 'OPEN';
  return {
    key: queueKey,
    status,
    assigneeId: filters.mine ? meId : null,
    search: filters.search.trim() || null,
    first: PAGE_SIZE,
    after,
    withInProgress: filters.view === 'unresolved',
  };
}

/** What bulk work a selection allows: claim the open items, resolve the unresolved ones. */
export function bulkChoices(items: Array<{ id: string; status: WorkItemStatus }>, selected: ReadonlySet<string>) {
  const chosen = items.filter((i) => selected.has(i.id));
  return {
    claimable: chosen.filter((i) => i.status === 'OPEN').map((i) => i.id),
    resolvable: chosen.filter((i) => i.status !== 'RESOLVED').map((i) => i.id),
  };
}

/** One line saying how a bulk action went: how many were done and why the others were refused. */
export function bulkSummary(verb: string, done: number, refused: Array<{ id: string; message: string }>): string {
  const head = `${verb} ${done} item${done === 1 ? '' : 's'}`;
  if (refused.length === 0) return head;
  return `${head}; ${refused.length} refused: ${refused.map((r) => `#${r.id} ${r.message}`).join('; ')}`;
}
