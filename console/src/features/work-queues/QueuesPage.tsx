import { useQuery } from '@apollo/client/react';
import { getFragmentData, graphql } from '../../generated';
import { Link } from '../../app/router';
import { useLive } from '../../app/live/LiveProvider';
import { EmptyState, ErrorNotice, TableSkeleton } from '../../shared/components/feedback';
import { PageHeader } from '../../shared/components/Page';
import { formatSla } from '../../shared/dates';

/** A queue as its row shows it: what is open, what is late, its SLA. */
export const WorkQueueForQueuesPage = graphql(`
  fragment WorkQueueForQueuesPage on WorkQueue {
    id
    key
    name
    slaMinutes
    openCount
    overdueCount
  }
`);

export const WorkQueuesQuery = graphql(`
  query WorkQueues {
    workQueues {
      id
      ...WorkQueueForQueuesPage
    }
  }
`);

/** Every queue with what is open, what is late and its SLA. */
export function QueuesPage() {
  const { data, loading, error, refetch } = useQuery(WorkQueuesQuery, { fetchPolicy: 'cache-and-network' });
  const { unseenByQueue } = useLive();
  const queues = getFragmentData(WorkQueueForQueuesPage, data?.workQueues ?? []);

  return (
    <>
      <PageHeader title="Work queues" subtitle="Billing exceptions, call requests and market drops waiting for an operator." />
      <ErrorNotice error={error} title="Could not load the queues" onRetry={() => void refetch()} />
      <div className="card">
        <table className="table">
          <caption className="sr-only">Work queues</caption>
          <thead>
            <tr>
              <th scope="col">Queue</th>
              <th scope="col">Key</th>
              <th scope="col" className="num">
                Open
              </th>
              <th scope="col" className="num">
                Overdue
              </th>
              <th scope="col">SLA</th>
            </tr>
          </thead>
          {loading && !data ? (
            <TableSkeleton columns={5} rows={4} />
          ) : (
            <tbody>
              {queues.map((q) => {
                const unseen = unseenByQueue[q.key] ?? 0;
                return (
                  <tr key={q.id} className="row-link">
                    <td>
                      <Link to={`/queues/${encodeURIComponent(q.key)}`} className="strong">
                        {q.name}
                      </Link>
                      {unseen > 0 && (
                        <span className="badge badge-new" aria-label={`${unseen} new`}>
                          {unseen} new
                        </span>
                      )}
                    </td>
                    <td>
                      <code>{q.key}</code>
                    </td>
                    <td className="num">{q.openCount}</td>
                    <td className="num">
                      {q.overdueCount > 0 ? <span className="text-danger strong">{q.overdueCount}</span> : <span className="muted">0</span>}
                    </td>
                    <td>{formatSla(q.slaMinutes)}</td>
                  </tr>
                );
              })}
            </tbody>
          )}
        </table>
        {data && queues.length === 0 && <EmptyState title="No work queues yet">An admin can add queues under Admin.</EmptyState>}
      </div>
    </>
  );
}
