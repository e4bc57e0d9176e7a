import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useQuery, useSubscription } from '@apollo/client/react';
import { graphql, getFragmentData } from '../../generated';
import { Link, navigate, useLocation } from '../../app/router';
import { useMarkQueueSeen } from '../../app/live/LiveProvider';
import { useCurrentUser } from '../../app/session';
import { EmptyState, ErrorNotice, TableSkeleton } from '../../shared/components/feedback';
import { PageHeader } from '../../shared/components/Page';
import { formatSla } from '../../shared/dates';
import { useDebounced } from '../../shared/hooks/useDebounced';
import { useNow } from '../../shared/hooks/useNow';
import { BulkBar } from './BulkBar';
import { ItemRow, WorkItemForItemRow } from './ItemRow';
import { bulkChoices, PAGE_SIZE, queueVariables, type QueueFilters, type QueueView } from './queue-view';
import { WorkItemPanel } from './WorkItemPanel';

export { WorkItemForItemRow };

/** The queue as the page's header shows it: its name, SLA, and what is open and late. */
export const WorkQueueForQueuePage = graphql(`
  fragment WorkQueueForQueuePage on WorkQueue {
    id
    key
    name
    slaMinutes
    openCount
    overdueCount
  }
`);

export const QueueItemsQuery = graphql(`
  query QueueItems(
    $key: String!
    $status: WorkItemStatus
    $assigneeId: ID
    $search: String
    $first: Int!
    $after: String
    $withInProgress: Boolean!
  ) {
    workQueue(key: $key) {
      id
      ...WorkQueueForQueuePage
    }
    inProgress: workItems(queueKey: $key, status: IN_PROGRESS, assigneeId: $assigneeId, search: $search, first: 200)
      @include(if: $withInProgress) {
      totalCount
      nodes {
        id
        ...WorkItemForItemRow
      }
    }
    items: workItems(queueKey: $key, status: $status, assigneeId: $assigneeId, search: $search, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        ...WorkItemForItemRow
      }
    }
  }
`);

export const WorkItemChangedSubscription = graphql(`
  subscription WorkItemChanged($queueKey: String) {
    workItemChanged(queueKey: $queueKey) {
      id
      ...WorkItemForItemRow
    }
  }
`);

/** How long the search waits for the operator to stop typing before it filters. */
export const SEARCH_DELAY_MS = 300;

const VIEWS: Array<[QueueView, string]> = [
  ['unresolved', 'Unresolved'],
  ['open', 'Open'],
  ['inProgress', 'In progress'],
  ['resolved', 'Resolved'],
];

/**
 * One queue's items, oldest first, page by page, filtered by status, by "mine"
 * and by a search; kept current by workItemChanged and the live events. Items
 * picked with their boxes are claimed or resolved in bulk; the selected item
 * opens beside the list.
 */
export function QueuePage({ queueKey }: { queueKey: string }) {
  const { search } = useLocation();
  const selectedId = search.get('item');
  const [filters, setFilters] = useState<QueueFilters>({ view: 'unresolved', mine: false, search: '' });
  const [typed, setTyped] = useState('');
  // The cursors of the pages before this one: Previous pops one, Next pushes the current end.
  const [cursors, setCursors] = useState<Array<string | null>>([]);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const now = useNow(15_000);
  const markQueueSeen = useMarkQueueSeen();
  const me = useCurrentUser().id;
  const after = cursors.length ? cursors[cursors.length - 1] : null;
  const { data, loading, error, refetch } = useQuery(QueueItemsQuery, {
    variables: queueVariables(queueKey, filters, me, after),
    fetchPolicy: 'cache-and-network',
  });

  // A changed item updates its row in place through the cache, at once; one that is new or changed status moves
  // between the lists: its event evicts them (see app/live/cache-updates.ts) and they are read once.
  useSubscription(WorkItemChangedSubscription, { variables: { queueKey } });
  useEffect(() => markQueueSeen(queueKey), [queueKey, markQueueSeen, data]);

  const queue = getFragmentData(WorkQueueForQueuePage, data?.workQueue ?? null);
  const rows = useMemo(() => {
    const inProgress = data?.inProgress?.nodes ?? [];
    const items = data?.items.nodes ?? [];
    if (filters.view !== 'unresolved') return items;
    // The cache updates an item's status the moment it changes; the lists follow on the next read.
    return [...(after === null ? inProgress : []), ...items].filter((n) => getFragmentData(WorkItemForItemRow, n).status !== 'RESOLVED');
  }, [data, filters.view, after]);
  const plain = rows.map((n) => getFragmentData(WorkItemForItemRow, n));
  const { claimable, resolvable } = bulkChoices(plain, picked);

  const refilter = (change: Partial<QueueFilters>) => {
    setFilters((f) => ({ ...f, ...change }));
    setCursors([]);
    setPicked(new Set());
  };
  const searchLater = useDebounced((text: string) => refilter({ search: text }), SEARCH_DELAY_MS);
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    searchLater.cancel();
    refilter({ search: typed });
  };
  const pick = (id: string, on: boolean) =>
    setPicked((p) => {
      const next = new Set(p);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const select = (id: string) => navigate(`/queues/${encodeURIComponent(queueKey)}?item=${id}`);

  if (!loading && !error && data && !queue) {
    return (
      <EmptyState title={`No queue ${queueKey}`}>
        It may have been renamed. <Link to="/queues">All queues</Link>
      </EmptyState>
    );
  }

  const total = (data?.items.totalCount ?? 0) + (filters.view === 'unresolved' ? (data?.inProgress?.totalCount ?? 0) : 0);
  const first = cursors.length * PAGE_SIZE;
  return (
    <>
      <PageHeader
        back={<Link to="/queues">← Work queues</Link>}
        title={queue?.name ?? queueKey}
        subtitle={
          queue && (
            <>
              <code>{queue.key}</code> · SLA {formatSla(queue.slaMinutes)} · {queue.openCount} open
              {queue.overdueCount > 0 && <span className="text-danger strong"> · {queue.overdueCount} overdue</span>}
            </>
          )
        }
      />
      <ErrorNotice error={error} title="Could not load the queue" onRetry={() => void refetch()} />
      <div className={`split${selectedId ? ' split-open' : ''}`}>
        <div className="card split-main">
          <div className="toolbar queue-filters">
            <div role="group" aria-label="Show">
              {VIEWS.map(([id, label]) => (
                <button
                  key={id}
                  type="button"
                  className={`segment${filters.view === id ? ' active' : ''}`}
                  aria-pressed={filters.view === id}
                  onClick={() => refilter({ view: id })}
                >
                  {label}
                </button>
              ))}
              <button
                type="button"
                className={`segment${filters.mine ? ' active' : ''}`}
                aria-pressed={filters.mine}
                onClick={() => refilter({ mine: !filters.mine })}
              >
                Mine
              </button>
            </div>
            <form role="search" onSubmit={onSearch} className="queue-search">
              <input
                type="search"
                aria-label="Search items"
                placeholder="Title or account number"
                value={typed}
                onChange={(e) => {
                  setTyped(e.target.value);
                  searchLater.schedule(e.target.value);
                }}
              />
            </form>
          </div>
          <BulkBar claimable={claimable} resolvable={resolvable} onDone={() => setPicked(new Set())} />
          <table className="table">
            <caption className="sr-only">Items in {queue?.name ?? queueKey}</caption>
            <thead>
              <tr>
                <th scope="col" className="narrow">
                  <span className="sr-only">Pick</span>
                </th>
                <th scope="col" className="narrow">
                  <span className="sr-only">Priority</span>
                </th>
                <th scope="col">Item</th>
                <th scope="col">Status</th>
                <th scope="col">Age</th>
                <th scope="col">Against SLA</th>
              </tr>
            </thead>
            {loading && !data ? (
              <TableSkeleton columns={6} />
            ) : (
              <tbody>
                {rows.map((node) => (
                  <ItemRow
                    key={node.id}
                    item={node}
                    queueKey={queueKey}
                    selected={node.id === selectedId}
                    picked={picked.has(node.id)}
                    now={now}
                    onSelect={select}
                    onPick={pick}
                  />
                ))}
              </tbody>
            )}
          </table>
          {data && rows.length === 0 && (
            <EmptyState
              title={
                filters.search
                  ? 'Nothing matches the search'
                  : filters.mine
                    ? 'Nothing claimed by you'
                    : filters.view === 'resolved'
                      ? 'Nothing resolved yet'
                      : 'Queue is clear'
              }
            >
              {filters.view === 'unresolved' && !filters.search && !filters.mine
                ? 'New items appear here as soon as they are raised.'
                : null}
            </EmptyState>
          )}
          {data && (cursors.length > 0 || data.items.pageInfo.hasNextPage) && (
            <nav className="toolbar pager" aria-label="Pages">
              <span className="muted small">
                {first + 1}–{first + data.items.nodes.length} of {data.items.totalCount}
                {filters.view === 'unresolved' ? ' open' : ''} · {total} in all
              </span>
              <button
                type="button"
                className="button button-small"
                disabled={cursors.length === 0}
                onClick={() => setCursors((c) => c.slice(0, -1))}
              >
                Previous
              </button>
              <button
                type="button"
                className="button button-small"
                disabled={!data.items.pageInfo.hasNextPage}
                onClick={() => setCursors((c) => [...c, data.items.pageInfo.endCursor])}
              >
                Next
              </button>
            </nav>
          )}
        </div>
        {selectedId && (
          <aside className="split-side" aria-label="Work item">
            <WorkItemPanel id={selectedId} onClose={() => navigate(`/queues/${encodeURIComponent(queueKey)}`)} />
          </aside>
        )}
      </div>
    </>
  );
}
