import { useQuery } from '@apollo/client/react';
import { getFragmentData, graphql } from '../../generated';
import { Link, navigate, useLocation } from '../../app/router';
import { EmptyState, ErrorNotice, TableSkeleton } from '../../shared/components/feedback';
import { Money } from '../../shared/components/Money';
import { PageHeader } from '../../shared/components/Page';
import { Tabs } from '../../shared/components/Tabs';
import { formatDateTime, formatPeriod } from '../../shared/dates';
import { BlockedAccounts } from './BlockedAccounts';
import { enumWords } from '../../shared/labels';

/** A held invoice as its row shows it: the account, the period and why it is held. */
export const InvoiceForReviewPage = graphql(`
  fragment InvoiceForReviewPage on Invoice {
    id
    number
    periodStart
    periodEnd
    total
    createdAt
    account {
      id
      number
      name
      segment
    }
    exceptions {
      id
      code
      status
    }
  }
`);

export const HeldInvoicesQuery = graphql(`
  query HeldInvoices {
    invoices(status: HELD, first: 200) {
      totalCount
      nodes {
        id
        ...InvoiceForReviewPage
      }
    }
    blocked: billingExceptions(status: OPEN, severity: CRITICAL, first: 1) {
      totalCount
    }
  }
`);

/** Held invoices waiting for release or void, and accounts blocked by a critical exception. */
export function ReviewPage() {
  const { search } = useLocation();
  const tab = search.get('tab') === 'blocked' ? 'blocked' : 'held';
  const { data, loading, error, refetch } = useQuery(HeldInvoicesQuery, { fetchPolicy: 'cache-and-network' });
  const held = getFragmentData(InvoiceForReviewPage, data?.invoices.nodes ?? []);

  return (
    <>
      <PageHeader
        title="Invoice review"
        subtitle="Invoices held by a threshold test, and accounts whose billing is blocked until something is fixed."
      />
      <Tabs
        label="Review"
        active={tab}
        onChange={(id) => navigate(id === 'blocked' ? '/review?tab=blocked' : '/review', { replace: true })}
        tabs={[
          { id: 'held', label: 'Held invoices', badge: data?.invoices.totalCount },
          { id: 'blocked', label: 'Blocked accounts', badge: data?.blocked.totalCount },
        ]}
      >
        {tab === 'blocked' ? (
          <BlockedAccounts />
        ) : (
          <div className="card">
            <ErrorNotice error={error} title="Could not load held invoices" onRetry={() => void refetch()} />
            <table className="table">
              <caption className="sr-only">Held invoices</caption>
              <thead>
                <tr>
                  <th scope="col">Invoice</th>
                  <th scope="col">Account</th>
                  <th scope="col">Period</th>
                  <th scope="col">Why held</th>
                  <th scope="col" className="num">
                    Total
                  </th>
                  <th scope="col">Held since</th>
                </tr>
              </thead>
              {loading && !data ? (
                <TableSkeleton columns={6} />
              ) : (
                <tbody>
                  {held.map((inv) => (
                    <tr key={inv.id} className="row-link">
                      <td>
                        <Link to={`/invoices/${inv.id}`} className="strong">
                          {inv.number}
                        </Link>
                      </td>
                      <td>
                        <Link to={`/accounts/${inv.account.id}`}>{inv.account.number}</Link>
                        <div className="muted small">
                          {inv.account.name} · {inv.account.segment}
                        </div>
                      </td>
                      <td className="nowrap">{formatPeriod(inv.periodStart, inv.periodEnd)}</td>
                      <td>
                        <div className="chips">
                          {inv.exceptions
                            .filter((x) => x.status === 'OPEN')
                            .map((x) => (
                              <span key={x.id} className="chip chip-warning">
                                {enumWords(x.code)}
                              </span>
                            ))}
                        </div>
                      </td>
                      <td className="num">
                        <Money value={inv.total} />
                      </td>
                      <td className="nowrap muted">{formatDateTime(inv.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              )}
            </table>
            {data && held.length === 0 && (
              <EmptyState title="No held invoices">Every computed invoice passed its threshold tests.</EmptyState>
            )}
          </div>
        )}
      </Tabs>
    </>
  );
}
