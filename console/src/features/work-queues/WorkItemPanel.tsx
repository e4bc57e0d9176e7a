import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { getFragmentData } from '../../generated';
import { Link } from '../../app/router';
import { useCurrentUser } from '../../app/session';
import { ErrorNotice, Loading } from '../../shared/components/feedback';
import { Field } from '../../shared/components/Field';
import { Facts } from '../../shared/components/Page';
import { StatusChip, humanizeStatus } from '../../shared/components/StatusChip';
import { Money } from '../../shared/components/Money';
import { formatDateTime, formatPeriod, slaStanding } from '../../shared/dates';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';
import { useNow } from '../../shared/hooks/useNow';
import { PROTECTED_ACCOUNTS_QUEUE, ProtectedStepDecision } from './ProtectedStepDecision';
import {
  AddWorkItemNoteMutation,
  ClaimWorkItemMutation,
  ResolveWorkItemMutation,
  WorkItemDetailQuery,
  WorkItemForWorkItemPanel,
} from './work-item-operations';
import { CallOutcomeForm } from './CallOutcomeForm';
import { CauseActions, causeOpen, ReassignControl } from './WorkItemActions';

export { AddWorkItemNoteMutation, ClaimWorkItemMutation, ResolveWorkItemMutation, WorkItemDetailQuery, WorkItemForWorkItemPanel };

/** One work item: what it is about, its notes, and claim / note / resolve. */
export function WorkItemPanel({ id, onClose }: { id: string; onClose(): void }) {
  const me = useCurrentUser();
  const now = useNow(15_000);
  const { data, loading, error, refetch } = useQuery(WorkItemDetailQuery, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [claim, claiming] = useMutation(ClaimWorkItemMutation);
  const [addNote, noting] = useMutation(AddWorkItemNoteMutation);
  const [resolve, resolving] = useMutation(ResolveWorkItemMutation);
  const [note, setNote] = useState('');
  const [resolution, setResolution] = useState('');
  const [problem, setProblem, onEdit] = useFormProblem<{ where: 'claim' | 'note' | 'resolve'; message: string }>();

  const item = getFragmentData(WorkItemForWorkItemPanel, data?.workItem ?? null);

  const onClaim = async () => {
    setProblem(null);
    try {
      await claim({ variables: { id } });
    } catch (e) {
      const { message, code } = describeError(e);
      setProblem({ where: 'claim', message: code === 'CONFLICT' ? `Someone else claimed it first. ${message}` : message });
      // The refusal does not say who holds it now: read the item again to show them.
      void refetch();
    }
  };
  const onNote = async (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) return setProblem({ where: 'note', message: 'Write the note first.' });
    setProblem(null);
    try {
      await addNote({ variables: { id, text: note.trim() } });
      setNote('');
    } catch (e) {
      setProblem({ where: 'note', message: describeError(e).message });
    }
  };
  const onResolve = async (event: FormEvent) => {
    event.preventDefault();
    if (!resolution.trim()) return setProblem({ where: 'resolve', message: 'Say how it was resolved: the next person reads it.' });
    setProblem(null);
    try {
      await resolve({ variables: { id, resolution: resolution.trim() } });
      setResolution('');
    } catch (e) {
      setProblem({ where: 'resolve', message: describeError(e).message });
    }
  };

  if (loading && !data)
    return (
      <div className="card panel">
        <Loading label="Loading the work item…" />
      </div>
    );
  if (error && !data)
    return (
      <div className="card panel">
        <ErrorNotice error={error} title="Could not load the work item" onRetry={() => void refetch()} />
      </div>
    );
  if (!item)
    return (
      <div className="card panel">
        <p className="muted">Work item {id} was not found.</p>
      </div>
    );

  const standing = slaStanding(item.createdAt, item.dueAt, now, item.resolvedAt);
  const mine = item.assignee?.id === me.id;
  const resolved = item.status === 'RESOLVED';

  return (
    <section className="card panel" aria-labelledby="work-item-title">
      <header className="panel-header">
        <div>
          <div className="muted small">
            <code>{item.kind}</code> · #{item.id} · Priority {item.priority}
          </div>
          <h2 id="work-item-title">{item.title}</h2>
          <div className="chips">
            <StatusChip status={item.status} />
            <span className={`chip ${standing.overdue ? 'chip-danger' : 'chip-neutral'}`}>{standing.label}</span>
          </div>
        </div>
        <button type="button" className="icon-button" aria-label="Close the work item" onClick={onClose}>
          ×
        </button>
      </header>

      <Facts
        items={[
          ['Queue', item.queue.name],
          ['Created', formatDateTime(item.createdAt)],
          ['Due', formatDateTime(item.dueAt)],
          ['Assignee', item.assignee ? (mine ? `${item.assignee.displayName} (you)` : item.assignee.displayName) : 'Nobody yet'],
          ...(item.account
            ? ([
                [
                  'Account',
                  <Link key="a" to={`/accounts/${item.account.id}`}>
                    {item.account.number} · {item.account.name}
                  </Link>,
                ],
                ['Balance', <Money key="b" value={item.account.balance} />],
              ] as Array<[string, ReactNode]>)
            : []),
          ...(item.invoice
            ? ([
                [
                  'Invoice',
                  <Link key="i" to={`/invoices/${item.invoice.id}`}>
                    {item.invoice.number} · <Money value={item.invoice.total} /> · {item.invoice.status.toLowerCase()}
                  </Link>,
                ],
              ] as Array<[string, ReactNode]>)
            : []),
        ]}
      />

      {item.exception && (
        <div className={`explain explain-${item.exception.severity === 'CRITICAL' ? 'danger' : 'warning'}`}>
          <strong>
            {humanizeStatus(item.exception.code)} · {formatPeriod(item.exception.periodStart, item.exception.periodEnd)}
          </strong>
          <p>{item.exception.message}</p>
          {item.invoice?.status === 'HELD' && (
            <Link to={`/invoices/${item.invoice.id}`} className="button button-small">
              Review the held invoice
            </Link>
          )}
          {item.exception.severity === 'CRITICAL' && (
            <Link to="/review?tab=blocked" className="button button-small">
              See what is missing
            </Link>
          )}
        </div>
      )}

      <CauseActions item={item} onDone={() => void refetch()} />
      {me.role === 'ADMIN' && <ReassignControl item={item} />}

      {resolved ? (
        <div className="explain explain-success">
          <strong>Resolved {formatDateTime(item.resolvedAt)}</strong>
          <p>{item.resolution}</p>
        </div>
      ) : (
        <div className="panel-actions">
          {!mine && (
            <button type="button" className="button button-primary" onClick={onClaim} disabled={claiming.loading}>
              {claiming.loading ? 'Claiming…' : item.assignee ? 'Claim (held by someone else)' : 'Claim'}
            </button>
          )}
          {problem?.where === 'claim' && (
            <p className="notice notice-danger" role="alert">
              {problem.message}
            </p>
          )}
        </div>
      )}

      <h3 className="section-title">Notes</h3>
      {item.notes.length === 0 ? (
        <p className="muted small">No notes yet.</p>
      ) : (
        <ol className="notes">
          {item.notes.map((n, i) => (
            <li key={i}>
              <div className="muted small">
                {n.author} · {formatDateTime(n.createdAt)}
              </div>
              <p>{n.text}</p>
            </li>
          ))}
        </ol>
      )}
      {!resolved && (
        <form onSubmit={onNote} onChange={onEdit} className="stack">
          <Field label="Add a note" error={problem?.where === 'note' ? problem.message : null}>
            <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
          <div>
            <button type="submit" className="button" disabled={noting.loading}>
              {noting.loading ? 'Adding…' : 'Add note'}
            </button>
          </div>
        </form>
      )}

      {!resolved && item.queue.key === PROTECTED_ACCOUNTS_QUEUE && <ProtectedStepDecision workItemId={item.id} />}
      {!resolved && item.queue.key !== PROTECTED_ACCOUNTS_QUEUE && causeOpen(item) && (
        <p className="muted small resolve-form">
          This item is resolved by the action above: the hub does not let it be closed while its cause is still open.
        </p>
      )}
      {!resolved && !causeOpen(item) && item.kind === 'CALL_REQUEST' && <CallOutcomeForm id={item.id} />}
      {!resolved && item.queue.key !== PROTECTED_ACCOUNTS_QUEUE && !causeOpen(item) && item.kind !== 'CALL_REQUEST' && (
        <form onSubmit={onResolve} onChange={onEdit} className="stack resolve-form">
          <h3 className="section-title">Resolve</h3>
          <Field
            label="Resolution"
            hint="What was done; it is kept with the item and in the audit trail."
            error={problem?.where === 'resolve' ? problem.message : null}
          >
            <textarea rows={2} value={resolution} onChange={(e) => setResolution(e.target.value)} />
          </Field>
          <div>
            <button type="submit" className="button button-success" disabled={resolving.loading}>
              {resolving.loading ? 'Resolving…' : 'Resolve'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
