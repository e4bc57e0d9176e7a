import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { getFragmentData, graphql } from '../../generated';
import { Link } from '../../app/router';
import { EmptyState, ErrorNotice, Loading } from '../../shared/components/feedback';
import { StatusChip } from '../../shared/components/StatusChip';
import { formatDateTime } from '../../shared/dates';
import { useNow } from '../../shared/hooks/useNow';

/** A work item as the account's list shows it: its queue, who has it, when it is due. */
export const WorkItemForAccountWorkItems = graphql(`
  fragment WorkItemForAccountWorkItems on WorkItem {
    id
    title
    kind
    status
    createdAt
    dueAt
    resolvedAt
    queue {
      id
      key
      name
    }
    assignee {
      id
      displayName
    }
    invoice {
      id
      number
    }
  }
`);

export const AccountWorkItemsQuery = graphql(`
  query AccountWorkItems($id: ID!, $first: Int) {
    account(id: $id) {
      id
      workItems(first: $first) {
        totalCount
        pageInfo {
          hasNextPage
        }
        nodes {
          id
          ...WorkItemForAccountWorkItems
        }
      }
    }
  }
`);

const PAGE = 50;
const MAX_PAGE = 500;

/** Every work item about one account, in whichever queue it sits, oldest first as the hub lists them. */
export function AccountWorkItems({ accountId }: { accountId: string }) {
  const [first, setFirst] = useState(PAGE);
  const now = useNow(60_000);
  const { data, previousData, loading, error, refetch } = useQuery(AccountWorkItemsQuery, {
    variables: { id: accountId, first },
    fetchPolicy: 'cache-and-network',
  });
  const shown = data ?? previousData;
  const items = shown?.account?.workItems;

  if (loading && !shown) return <Loading label="Loading the work items…" />;
  return (
    <>
      <ErrorNotice error={error} title="Could not load the work items" onRetry={() => void refetch()} />
      {!items || items.nodes.length === 0 ? (
        !error && (
          <EmptyState title="No work items for this account">Items appear when billing or collections need someone to act.</EmptyState>
        )
      ) : (
        <>
          <header className="card-header">
            <h2>Work items</h2>
            <span className="muted small">
              {items.totalCount === 1 ? '1 item' : `${items.totalCount} items`} in every queue, oldest first
            </span>
          </header>
          <table className="table">
            <caption className="sr-only">Work items</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Queue</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">Due or resolved</th>
              </tr>
            </thead>
            <tbody>
              {getFragmentData(WorkItemForAccountWorkItems, items.nodes).map((w) => {
                const overdue = !w.resolvedAt && new Date(w.dueAt).getTime() < now;
                return (
                  <tr key={w.id}>
                    <td>
                      <Link to={`/queues/${encodeURIComponent(w.queue.key)}?item=${w.id}`} className="strong">
                        {w.title}
                      </Link>
                      <div className="muted small">
                        <code>{w.kind}</code>
                        {w.invoice && (
                          <>
                            {' · '}
                            <Link to={`/invoices/${w.invoice.id}`}>{w.invoice.number}</Link>
                          </>
                        )}
                      </div>
                    </td>
                    <td>{w.queue.name}</td>
                    <td>
                      <StatusChip status={w.status} />
                      {w.assignee && <div className="muted small">{w.assignee.displayName}</div>}
                    </td>
                    <td className="nowrap">{formatDateTime(w.createdAt)}</td>
                    <td className="nowrap">
                      {w.resolvedAt ? (
                        <span className="muted">Resolved {formatDateTime(w.resolvedAt)}</span>
                      ) : (
                        <span className={overdue ? 'text-danger strong' : undefined}>
                          {overdue ? 'Overdue since ' : 'Due '}
                          {formatDateTime(w.dueAt)}
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {items.pageInfo.hasNextPage && (
            <div className="table-footer">
              <button
                type="button"
                className="button"
                onClick={() => setFirst((n) => Math.min(MAX_PAGE, n + PAGE))}
                disabled={loading || first >= MAX_PAGE}
              >
                {loading ? 'Loading…' : `Show more (${items.totalCount - items.nodes.length} more)`}
              </button>
            </div>
          )}
        </>
      )}
    </>
  );
}
