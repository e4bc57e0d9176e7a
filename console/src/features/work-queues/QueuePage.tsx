import { useEffect, useMemo, useState } from 'react';
import { useQuery, useSubscription } from '@apollo/client/react';
import { graphql, getFragmentData, type FragmentType } from '../../generated';
import { Link, navigate, useLocation } from '../../app/router';
import { useLive } from '../../app/live/LiveProvider';
import { useCurrentUser } from '../../app/session';
import { EmptyState, ErrorNotice, TableSkeleton } from '../../shared/components/feedback';
import { PageHeader } from '../../shared/components/Page';
import { StatusChip } from '../../shared/components/StatusChip';
import { formatDuration, formatSla, slaStanding } from '../../shared/dates';
import { useNow } from '../../shared/hooks/useNow';
import { WorkItemPanel } from './WorkItemPanel';

export const WorkItemForItemRow = graphql(`
  fragment WorkItemForItemRow on WorkItem {
    id
    title
    kind
    priority
    status
    createdAt
    dueAt
    resolvedAt
    assignee {
      id
      displayName
    }
    account {
      id
      number
      name
    }
  }
`);

export const QueueItemsQuery = graphql(`
  query QueueItems($key: String!) {
    workQueue(key: $key) {
      id
      key
      name
      slaMinutes
      openCount
      overdueCount
      open: items(status: OPEN, first: 300) {
        totalCount
        nodes {
          id
          ...WorkItemForItemRow
        }
      }
      inProgress: items(status: IN_PROGRESS, first: 300) {
        totalCount
        nodes {
          id
          ...WorkItemForItemRow
        }
      }
      resolved: items(status: RESOLVED, first: 50) {
        totalCount
        nodes {
          id
          ...WorkItemForItemRow
        }
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

type View = 'open' | 'mine' | 'resolved';

function SlaMeter({ createdAt, dueAt, resolvedAt, now }: { createdAt: string; dueAt: string; resolvedAt: string | null; now: number }) {
  const s = slaStanding(createdAt, dueAt, now, resolvedAt);
  const pct = Math.min(100, Math.max(2, Math.round(s.used * 100)));
  const tone = s.overdue ? 'danger' : s.used > 0.75 ? 'warning' : 'ok';
  return (
    <div className={`sla sla-${tone}`}>
      <div
        className="sla-bar"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(s.used * 100)}
        aria-label="SLA used"
      >
        <span style={{ width: `${pct}%` }} />
      </div>
      <span className="sla-label">{s.label}</span>
    </div>
  );
}

function ItemRow({
  item: ref,
  queueKey,
  selected,
  now,
  onSelect,
}: {
  item: FragmentType<typeof WorkItemForItemRow>;
  queueKey: string;
  selected: boolean;
  now: number;
  onSelect(id: string): void;
}) {
  const item = getFragmentData(WorkItemForItemRow, ref);
  return (
    <tr className={`row-link${selected ? ' row-selected' : ''}`} aria-selected={selected} onClick={() => onSelect(item.id)}>
      <td>
        <span className={`priority priority-${item.priority}`} title={`Priority ${item.priority}`}>
          P{item.priority}
        </span>
      </td>
      <td>
        <Link to={`/queues/${encodeURIComponent(queueKey)}?item=${item.id}`} className="strong" onClick={(e) => e.stopPropagation()}>
          {item.title}
        </Link>
        <div className="muted small">
          <code>{item.kind}</code>
          {item.account && (
            <>
              {' · '}
              {item.account.number} {item.account.name}
            </>
          )}
        </div>
      </td>
      <td>
        <StatusChip status={item.status} />
        {item.assignee && <div className="muted small">{item.assignee.displayName}</div>}
      </td>
      <td className="nowrap">{formatDuration(now - new Date(item.createdAt).getTime())}</td>
      <td>
        <SlaMeter createdAt={item.createdAt} dueAt={item.dueAt} resolvedAt={item.resolvedAt} now={now} />
      </td>
    </tr>
  );
}

/** One queue's items, oldest first, kept current by workItemChanged and the live events; the selected item opens beside the list. */
export function QueuePage({ queueKey }: { queueKey: string }) {
  const { search } = useLocation();
  const selectedId = search.get('item');
  const [view, setView] = useState<View>('open');
  const now = useNow(15_000);
  const { markQueueSeen } = useLive();
  const { data, loading, error, refetch } = useQuery(QueueItemsQuery, { variables: { key: queueKey }, fetchPolicy: 'cache-and-network' });

  // A changed item updates its row in place through the cache, at once. One that is new or changed status
  // moves between the lists: its event evicts them (see app/live/cache-updates.ts) and they are read once.
  useSubscription(WorkItemChangedSubscription, { variables: { queueKey } });
  useEffect(() => markQueueSeen(queueKey), [queueKey, markQueueSeen, data]);

  const queue = data?.workQueue;
  const me = useCurrentUser().id;

  const rows = useMemo(() => {
    if (!queue) return [];
    if (view === 'resolved') return [...queue.resolved.nodes].reverse();
    // The cache updates an item's status the moment it changes; the lists follow on the next read.
    const unresolved = [...queue.inProgress.nodes, ...queue.open.nodes]
      .filter((n) => getFragmentData(WorkItemForItemRow, n).status !== 'RESOLVED')
      .sort((a, b) => {
        const x = getFragmentData(WorkItemForItemRow, a);
        const y = getFragmentData(WorkItemForItemRow, b);
        return x.dueAt < y.dueAt ? -1 : x.dueAt > y.dueAt ? 1 : 0;
      });
    if (view === 'mine') return unresolved.filter((n) => getFragmentData(WorkItemForItemRow, n).assignee?.id === me);
    return unresolved;
  }, [queue, view, me]);

  const select = (id: string) => navigate(`/queues/${encodeURIComponent(queueKey)}?item=${id}`);

  if (!loading && !error && data && !queue) {
    return (
      <EmptyState title={`No queue ${queueKey}`}>
        It may have been renamed. <Link to="/queues">All queues</Link>
      </EmptyState>
    );
  }

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
          <div className="toolbar" role="group" aria-label="Show">
            {(
              [
                ['open', `Unresolved (${queue ? queue.open.totalCount + queue.inProgress.totalCount : '…'})`],
                ['mine', 'Mine'],
                ['resolved', 'Recently resolved'],
              ] as Array<[View, string]>
            ).map(([id, label]) => (
              <button
                key={id}
                type="button"
                className={`segment${view === id ? ' active' : ''}`}
                aria-pressed={view === id}
                onClick={() => setView(id)}
              >
                {label}
              </button>
            ))}
          </div>
          <table className="table">
            <caption className="sr-only">Items in {queue?.name ?? queueKey}</caption>
            <thead>
              <tr>
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
              <TableSkeleton columns={5} />
            ) : (
              <tbody>
                {rows.map((node) => (
                  <ItemRow key={node.id} item={node} queueKey={queueKey} selected={node.id === selectedId} now={now} onSelect={select} />
                ))}
              </tbody>
            )}
          </table>
          {data && rows.length === 0 && (
            <EmptyState
              title={view === 'resolved' ? 'Nothing resolved yet' : view === 'mine' ? 'Nothing claimed by you' : 'Queue is clear'}
            >
              {view === 'open' ? 'New items appear here as soon as they are raised.' : null}
            </EmptyState>
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
