import { useQuery } from '@apollo/client/react';
import { getFragmentData, graphql } from '../../generated';
import { Link } from '../../app/router';
import { EmptyState, ErrorNotice, TableSkeleton } from '../../shared/components/feedback';
import { formatDate, formatPeriod } from '../../shared/dates';
import { enumWords } from '../../shared/labels';

/** A critical exception as its row shows it: the account, the products enrolled over the period, and its work item. */
export const BillingExceptionForBlockedAccounts = graphql(`
  fragment BillingExceptionForBlockedAccounts on BillingException {
    id
    code
    message
    periodStart
    periodEnd
    createdAt
    account {
      id
      number
      name
      enrollments {
        id
        startDate
        endDate
        product {
          id
          code
          name
        }
      }
    }
    workItem {
      id
      status
      queue {
        id
        key
      }
    }
  }
`);

export const BlockedAccountsQuery = graphql(`
  query BlockedAccounts {
    billingExceptions(status: OPEN, severity: CRITICAL, first: 200) {
      totalCount
      nodes {
        id
        ...BillingExceptionForBlockedAccounts
      }
    }
  }
`);

interface Enrollment {
  id: string;
  startDate: string;
  endDate: string | null;
  product: { id: string; code: string; name: string };
}

/** Enrollments that cover some day of [start, end): the products whose rates a MISSING_RATE points at. */
export function enrollmentsCovering(enrollments: readonly Enrollment[], start: string | null, end: string | null): Enrollment[] {
  if (!start || !end) return [...enrollments];
  return enrollments.filter((e) => e.startDate < end && (e.endDate === null || e.endDate > start));
}

/** What is missing for each blocked account, and where to fix it. */
export function BlockedAccounts() {
  const { data, loading, error, refetch } = useQuery(BlockedAccountsQuery, { fetchPolicy: 'cache-and-network' });
  const rows = getFragmentData(BillingExceptionForBlockedAccounts, data?.billingExceptions.nodes ?? []);

  return (
    <div className="card">
      <ErrorNotice error={error} title="Could not load blocked accounts" onRetry={() => void refetch()} />
      <p className="card-intro muted">
        Nothing is billed for these periods until the cause is fixed. The next bill run after the fix bills the usage, resolves the
        exception and closes its work item.
      </p>
      <table className="table">
        <caption className="sr-only">Blocked accounts</caption>
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">What is missing</th>
            <th scope="col">Period</th>
            <th scope="col">Fix</th>
          </tr>
        </thead>
        {loading && !data ? (
          <TableSkeleton columns={4} />
        ) : (
          <tbody>
            {rows.map((x) => {
              const covering = enrollmentsCovering(x.account.enrollments, x.periodStart, x.periodEnd);
              return (
                <tr key={x.id}>
                  <td>
                    <Link to={`/accounts/${x.account.id}`} className="strong">
                      {x.account.number}
                    </Link>
                    <div className="muted small">{x.account.name}</div>
                  </td>
                  <td>
                    <span className="chip chip-danger">{enumWords(x.code)}</span>
                    <p className="cell-text">{x.message}</p>
                  </td>
                  <td className="nowrap">{formatPeriod(x.periodStart, x.periodEnd)}</td>
                  <td>
                    <div className="stack-tight">
                      {x.code === 'MISSING_RATE' &&
                        covering.map((e) => (
                          <Link key={e.id} to={`/products/${e.product.id}?fix=rates`} className="button button-small">
                            Add a rate to {e.product.name}
                          </Link>
                        ))}
                      {x.code === 'NO_ENROLLMENT' && (
                        <Link to={`/accounts/${x.account.id}?tab=enrollments`} className="button button-small">
                          Enroll from {formatDate(x.periodStart)}
                        </Link>
                      )}
                      {x.workItem && (
                        <Link to={`/queues/${x.workItem.queue.key}?item=${x.workItem.id}`} className="small">
                          Work item #{x.workItem.id}
                        </Link>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        )}
      </table>
      {data && rows.length === 0 && (
        <EmptyState title="No blocked accounts">Every account with usage has a product and rates for its days.</EmptyState>
      )}
    </div>
  );
}
