import { useEffect, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { getFragmentData, graphql } from '../../generated';
import type { AccountStatus } from '../../generated/graphql';
import { Link } from '../../app/router';
import { EmptyState, ErrorNotice, TableSkeleton } from '../../shared/components/feedback';
import { Money } from '../../shared/components/Money';
import { PageHeader } from '../../shared/components/Page';
import { StatusChip } from '../../shared/components/StatusChip';
import { Icon } from '../../shared/components/Icon';
import { AccountFormDialog } from './AccountFormDialog';
import { enumWords } from '../../shared/labels';

/** An account as the search results show it: who, where it stands, what it owes. */
export const AccountForAccountsPage = graphql(`
  fragment AccountForAccountsPage on Account {
    id
    number
    name
    segment
    status
    balance
    pastDue
    daysPastDue
  }
`);

export const AccountSearchQuery = graphql(`
  query AccountSearch($search: String, $status: AccountStatus, $segment: String, $first: Int) {
    accounts(search: $search, status: $status, segment: $segment, first: $first) {
      totalCount
      pageInfo {
        hasNextPage
      }
      nodes {
        id
        ...AccountForAccountsPage
      }
    }
  }
`);

const STATUSES: AccountStatus[] = ['ACTIVE', 'DROP_PENDING', 'DROPPED', 'CLOSED'];
const PAGE = 50;

/** Find an account by number, name or email. */
export function AccountsPage() {
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<AccountStatus | ''>('');
  const [segment, setSegment] = useState('');
  const [first, setFirst] = useState(PAGE);
  const [creating, setCreating] = useState(false);

  // Search as the operator types, without a request per keystroke.
  useEffect(() => {
    const timer = setTimeout(() => {
      setSearch(text.trim());
      setFirst(PAGE);
    }, 250);
    return () => clearTimeout(timer);
  }, [text]);

  const { data, previousData, loading, error, refetch } = useQuery(AccountSearchQuery, {
    variables: { search: search || null, status: status || null, segment: segment.trim() || null, first },
    fetchPolicy: 'cache-and-network',
  });
  const shown = data ?? previousData;
  const rows = getFragmentData(AccountForAccountsPage, shown?.accounts.nodes ?? []);

  return (
    <>
      <PageHeader
        title="Accounts"
        subtitle={shown ? `${shown.accounts.totalCount} accounts match` : 'Customers and what they owe.'}
        actions={
          <>
            <Link to="/accounts/import" className="button">
              Import accounts
            </Link>
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              New account
            </button>
          </>
        }
      />
      {creating && <AccountFormDialog onClose={() => setCreating(false)} />}
      <div className="card">
        <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <label className="field field-grow">
            <span className="field-label">Search</span>
            <span className="input-icon">
              <Icon name="search" />
              <input type="search" placeholder="Account number, name or email" value={text} onChange={(e) => setText(e.target.value)} />
            </span>
          </label>
          <label className="field">
            <span className="field-label">Status</span>
            <select value={status} onChange={(e) => setStatus(e.target.value as AccountStatus | '')}>
              <option value="">Any</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {enumWords(s)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">Segment</span>
            <input value={segment} placeholder="e.g. VIP" onChange={(e) => setSegment(e.target.value.toUpperCase())} />
          </label>
        </form>
        <ErrorNotice error={error} title="Could not search accounts" onRetry={() => void refetch()} />
        <table className="table">
          <caption className="sr-only">Accounts</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Segment</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Balance
              </th>
              <th scope="col" className="num">
                Past due
              </th>
              <th scope="col" className="num">
                Days past due
              </th>
            </tr>
          </thead>
          {loading && !shown ? (
            <TableSkeleton columns={6} />
          ) : (
            <tbody>
              {rows.map((a) => (
                <tr key={a.id} className="row-link">
                  <td>
                    <Link to={`/accounts/${a.id}`} className="strong">
                      {a.number}
                    </Link>
                    <div className="muted small">{a.name}</div>
                  </td>
                  <td>{a.segment}</td>
                  <td>
                    <StatusChip status={a.status} />
                  </td>
                  <td className="num">
                    <Money value={a.balance} />
                  </td>
                  <td className="num">
                    {a.pastDue === '0.00' ? <span className="muted">—</span> : <Money value={a.pastDue} className="text-danger" />}
                  </td>
                  <td className="num">{a.daysPastDue > 0 ? a.daysPastDue : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          )}
        </table>
        {shown && rows.length === 0 && <EmptyState title="No accounts match">Try part of the number or the name.</EmptyState>}
        {shown?.accounts.pageInfo.hasNextPage && (
          <div className="table-footer">
            <button
              type="button"
              className="button"
              onClick={() => setFirst((n) => Math.min(500, n + PAGE))}
              disabled={loading || first >= 500}
            >
              {loading ? 'Loading…' : 'Show more'}
            </button>
          </div>
        )}
      </div>
    </>
  );
}
