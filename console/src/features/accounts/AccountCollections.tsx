import { useQuery } from '@apollo/client/react';
import { graphql, getFragmentData, type FragmentType } from '../../generated';
import { Link } from '../../app/router';
import { EmptyState, ErrorNotice, Loading } from '../../shared/components/feedback';
import { formatDate } from '../../shared/dates';
import { formatMoney } from '../../shared/money';
import { PdfLink } from '../documents/PdfLink';
import { enumWords } from '../../shared/labels';

/** One step a collections run took on the account, as its timeline shows it. */
export const CollectionsActionForAccountCollections = graphql(`
  fragment CollectionsActionForAccountCollections on CollectionsAction {
    id
    action
    asOf
    detail
    pastDue
    daysPastDue
    takenBy
    createdAt
    run {
      id
      startedBy
    }
    step {
      id
      name
    }
    invoice {
      id
      number
    }
    document {
      id
      url
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

export const AccountCollectionsQuery = graphql(`
  query AccountCollections($id: ID!) {
    account(id: $id) {
      id
      collectionsPath {
        id
        name
        isDefault
      }
      collectionsActions {
        id
        ...CollectionsActionForAccountCollections
      }
    }
  }
`);

/** Who took the action, and on what the account owed then: an operator on a protected account, or a run. */
export function takenByWords(a: {
  takenBy?: string | null;
  pastDue?: string | null;
  daysPastDue?: number | null;
  run: { id: string; startedBy: string };
}): string {
  const who = a.takenBy
    ? `Taken by ${a.takenBy} on a protected account (referred by collections run #${a.run.id})`
    : `Taken by collections run #${a.run.id} (started by ${a.run.startedBy === 'SCHEDULE' ? 'the schedule' : a.run.startedBy})`;
  if (a.pastDue == null) return who;
  if (a.daysPastDue == null) return `${who}, with ${formatMoney(a.pastDue)} past due`;
  return `${who}, when the account was ${a.daysPastDue} ${a.daysPastDue === 1 ? 'day' : 'days'} past due with ${formatMoney(a.pastDue)}`;
}

function ActionItem({ action: ref }: { action: FragmentType<typeof CollectionsActionForAccountCollections> }) {
  const a = getFragmentData(CollectionsActionForAccountCollections, ref);
  return (
    <li>
      <div className="timeline-head">
        <span className="chip chip-warning">{enumWords(a.action)}</span> <strong>{a.step.name}</strong>
        <span className="muted small timeline-time">as of {formatDate(a.asOf)}</span>
      </div>
      <p className="timeline-detail">{a.detail}</p>
      <p className="muted small">{takenByWords(a)}</p>
      {a.document && <PdfLink path={a.document.url} filename={`letter-${a.document.id}.pdf`} label="Letter PDF" />}
      {a.invoice && (
        <Link to={`/invoices/${a.invoice.id}`} className="small">
          Fee invoice {a.invoice.number}
        </Link>
      )}
      {a.workItem && (
        <Link to={`/queues/${a.workItem.queue.key}?item=${a.workItem.id}`} className="small">
          {' '}
          Work item #{a.workItem.id} ({enumWords(a.workItem.status)})
        </Link>
      )}
    </li>
  );
}

/** The account's collections path and what collections runs did about it, newest first. */
export function AccountCollections({ accountId, onChangePath }: { accountId: string; onChangePath(): void }) {
  const { data, loading, error, refetch } = useQuery(AccountCollectionsQuery, {
    variables: { id: accountId },
    fetchPolicy: 'cache-and-network',
  });
  const account = data?.account;
  return (
    <div className="card">
      <ErrorNotice error={error} title="Could not load the collections history" onRetry={() => void refetch()} />
      {!account ? (
        loading && <Loading label="Loading the collections history…" />
      ) : (
        <>
          <div className="card-header">
            <h2>
              Path: {account.collectionsPath ? account.collectionsPath.name : 'none'}
              {account.collectionsPath?.isDefault && <span className="muted small"> (default path)</span>}
            </h2>
            <button type="button" className="button button-small" onClick={onChangePath}>
              Change path
            </button>
          </div>
          {account.collectionsActions.length === 0 ? (
            <EmptyState title="No collections actions">Actions appear here when a collections run finds the account past due.</EmptyState>
          ) : (
            <ol className="timeline">
              {[...account.collectionsActions].reverse().map((a) => (
                <ActionItem key={a.id} action={a} />
              ))}
            </ol>
          )}
        </>
      )}
    </div>
  );
}
