import { useQuery } from '@apollo/client/react';
import { getFragmentData, graphql } from '../../generated';
import { EmptyState, ErrorNotice, Loading } from '../../shared/components/feedback';
import { formatDateTime } from '../../shared/dates';

/** An audit entry as the trail shows it: who did what, and what it changed. */
export const AuditEntryForAuditTrail = graphql(`
  fragment AuditEntryForAuditTrail on AuditEntry {
    id
    at
    actor
    action
    subjectType
    subjectId
    before
    after
  }
`);

export const AuditTrailQuery = graphql(`
  query AuditTrail($subjectType: String!, $subjectId: String!) {
    auditLog(subjectType: $subjectType, subjectId: $subjectId, first: 200) {
      totalCount
      nodes {
        id
        ...AuditEntryForAuditTrail
      }
    }
  }
`);

/** Which top-level fields an audit entry changed, for a one-line summary. */
export function changedFields(before: unknown, after: unknown): string[] {
  if (!after || typeof after !== 'object') return [];
  const a = after as Record<string, unknown>;
  const b = before && typeof before === 'object' ? (before as Record<string, unknown>) : {};
  return Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]) && k !== 'updatedAt' && k !== 'version');
}

function preview(value: unknown, key: string): string {
  if (!value || typeof value !== 'object') return '';
  const v = (value as Record<string, unknown>)[key];
  if (v === null || v === undefined) return '∅';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** Who did what to one subject, newest first. */
export function AuditTrail({ subjectType, subjectId }: { subjectType: string; subjectId: string }) {
  const { data, loading, error, refetch } = useQuery(AuditTrailQuery, {
    variables: { subjectType, subjectId },
    fetchPolicy: 'cache-and-network',
  });
  if (loading && !data) return <Loading label="Loading the audit trail…" />;
  const entries = [...getFragmentData(AuditEntryForAuditTrail, data?.auditLog.nodes ?? [])].sort((x, y) => (x.at < y.at ? 1 : -1));
  return (
    <>
      <ErrorNotice error={error} title="Could not load the audit trail" onRetry={() => void refetch()} />
      {entries.length === 0 ? (
        <EmptyState title="No audit entries" />
      ) : (
        <ol className="timeline">
          {entries.map((e) => {
            const fields = changedFields(e.before, e.after).slice(0, 4);
            return (
              <li key={e.id}>
                <div className="timeline-head">
                  <strong>{e.action}</strong> <span className="muted">by {e.actor}</span>
                  <span className="muted small timeline-time">{formatDateTime(e.at)}</span>
                </div>
                {fields.length > 0 && (
                  <ul className="changes">
                    {fields.map((f) => (
                      <li key={f}>
                        <code>{f}</code>{' '}
                        {e.before ? (
                          <>
                            <span className="muted">{preview(e.before, f)}</span> → {preview(e.after, f)}
                          </>
                        ) : (
                          preview(e.after, f)
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}
