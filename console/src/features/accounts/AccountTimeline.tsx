import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { getFragmentData, graphql } from '../../generated';
import { Link } from '../../app/router';
import { EmptyState, ErrorNotice, Loading } from '../../shared/components/feedback';
import { formatDateTime } from '../../shared/dates';
import { formatMoney } from '../../shared/money';

export const TIMELINE_PAGE = 25;

/** An entry as the timeline shows it: what happened, when, by whom, and where it leads. */
export const TimelineEntryForAccountTimeline = graphql(`
  fragment TimelineEntryForAccountTimeline on TimelineEntry {
    at
    kind
    title
    detail
    actor
    amount
    subjectId
  }
`);

export const AccountTimelineQuery = graphql(`
  query AccountTimeline($id: ID!, $first: Int, $after: String) {
    account(id: $id) {
      id
      timeline(first: $first, after: $after) {
        nodes {
          ...TimelineEntryForAccountTimeline
        }
        pageInfo {
          endCursor
          hasNextPage
        }
      }
    }
  }
`);

const KIND_LABELS: Record<string, string> = {
  INVOICE: 'Invoice',
  PAYMENT: 'Payment',
  CREDIT_NOTE: 'Credit note',
  REFUND: 'Refund',
  USAGE_READ: 'Read',
  COLLECTIONS_ACTION: 'Collections',
  WORK_NOTE: 'Note',
  DISPUTE: 'Dispute',
};

/** Where an entry leads in the console, when its subject has a page of its own. */
export function timelineLink(kind: string, subjectId: string): string | null {
  return kind === 'INVOICE' ? `/invoices/${subjectId}` : null;
}

function TimelinePage({
  accountId,
  after,
  onOlder,
}: {
  accountId: string;
  after: string | null;
  onOlder: ((cursor: string) => void) | null;
}) {
  const { data, loading, error, refetch } = useQuery(AccountTimelineQuery, {
    variables: { id: accountId, first: TIMELINE_PAGE, after },
    fetchPolicy: 'cache-and-network',
  });
  if (loading && !data) return <Loading label="Loading the timeline…" />;
  const page = data?.account?.timeline;
  const nodes = getFragmentData(TimelineEntryForAccountTimeline, page?.nodes ?? []);
  return (
    <>
      <ErrorNotice error={error} title="Could not load the timeline" onRetry={() => void refetch()} />
      {after === null && nodes.length === 0 && !error && <EmptyState title="Nothing has happened on this account yet" />}
      {nodes.length > 0 && (
        <ol className="timeline" aria-label={after === null ? 'Timeline' : 'Older entries'}>
          {nodes.map((e) => {
            const link = timelineLink(e.kind, e.subjectId);
            return (
              <li key={`${e.kind}-${e.subjectId}-${e.at}`}>
                <div className="timeline-head">
                  <span className="chip">{KIND_LABELS[e.kind] ?? e.kind}</span>{' '}
                  {link ? <Link to={link}>{e.title}</Link> : <strong>{e.title}</strong>}
                  {e.amount !== null && e.amount !== undefined && <> · {formatMoney(e.amount)}</>}{' '}
                  <span className="muted">by {e.actor ?? 'the hub'}</span>
                  <span className="muted small timeline-time">{formatDateTime(e.at)}</span>
                </div>
                {e.detail && <div className="muted small">{e.detail}</div>}
              </li>
            );
          })}
        </ol>
      )}
      {onOlder && page?.pageInfo.hasNextPage && page.pageInfo.endCursor && (
        <button type="button" className="button" onClick={() => onOlder(page.pageInfo.endCursor!)}>
          Show older
        </button>
      )}
    </>
  );
}

/** Everything that happened on the account, newest first, a page at a time. */
export function AccountTimeline({ accountId }: { accountId: string }) {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  return (
    <div className="card">
      {cursors.map((after, i) => (
        <TimelinePage
          key={after ?? 'first'}
          accountId={accountId}
          after={after}
          onOlder={i === cursors.length - 1 ? (cursor) => setCursors((all) => [...all, cursor]) : null}
        />
      ))}
    </div>
  );
}
