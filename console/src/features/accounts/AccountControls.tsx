import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql, getFragmentData } from '../../generated';
import { ErrorNotice, Loading } from '../../shared/components/feedback';
import { Field } from '../../shared/components/Field';
import { Card } from '../../shared/components/Page';
import { useToast } from '../../shared/components/Toasts';
import { formatDate, formatDateTime, todayIso } from '../../shared/dates';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';

/** The account's collections hold and protections: who set them, why, and until when. */
export const AccountForAccountControls = graphql(`
  fragment AccountForAccountControls on Account {
    id
    number
    collectionsHold {
      until
      reason
      createdBy
      createdAt
    }
    protections {
      code
      until
      note
      setBy
      setAt
    }
  }
`);

export const AccountControlsQuery = graphql(`
  query AccountControls($id: ID!) {
    account(id: $id) {
      id
      ...AccountForAccountControls
    }
  }
`);

export const HoldCollectionsMutation = graphql(`
  mutation HoldCollections($accountId: ID!, $until: Date!, $reason: String!) {
    holdCollections(accountId: $accountId, until: $until, reason: $reason) {
      id
      ...AccountForAccountControls
    }
  }
`);

export const ReleaseCollectionsHoldMutation = graphql(`
  mutation ReleaseCollectionsHold($accountId: ID!) {
    releaseCollectionsHold(accountId: $accountId) {
      id
      ...AccountForAccountControls
    }
  }
`);

export const SetAccountProtectionsMutation = graphql(`
  mutation SetAccountProtections($accountId: ID!, $protections: [AccountProtectionInput!]!) {
    setAccountProtections(accountId: $accountId, protections: $protections) {
      id
      ...AccountForAccountControls
    }
  }
`);

interface ProtectionDraft {
  code: string;
  until: string;
  note: string;
}

function HoldForm({ accountId, onDone }: { accountId: string; onDone(): void }) {
  const { toast } = useToast();
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem, onEdit] = useFormProblem();
  const [hold, holding] = useMutation(HoldCollectionsMutation);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      await hold({ variables: { accountId, until, reason } });
      toast({ title: `Collections held until ${formatDate(until)}`, tone: 'success' });
      onDone();
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };
  return (
    <form className="form-grid" onSubmit={submit} onChange={onEdit} aria-label="Hold collections">
      <Field label="Hold until" hint="No collections action before this day; it must be after today.">
        <input type="date" value={until} onChange={(e) => setUntil(e.target.value)} required />
      </Field>
      <Field label="Reason">
        <input value={reason} maxLength={255} onChange={(e) => setReason(e.target.value)} required />
      </Field>
      {problem && (
        <p className="notice notice-danger field-span" role="alert">
          {problem}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={holding.loading}>
          {holding.loading ? 'Saving…' : 'Hold collections'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ProtectionsForm({ accountId, initial, onDone }: { accountId: string; initial: ProtectionDraft[]; onDone(): void }) {
  const { toast } = useToast();
  const [rows, setRows] = useState<ProtectionDraft[]>(initial.length ? initial : [{ code: '', until: '', note: '' }]);
  const [problem, setProblem, onEdit] = useFormProblem();
  const [save, saving] = useMutation(SetAccountProtectionsMutation);
  const setRow = (i: number, next: ProtectionDraft) => setRows((r) => r.map((x, j) => (j === i ? next : x)));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const kept = rows.filter((r) => r.code.trim());
    // Rows left without a code are not sent: they go, so "protection 2" in the hub's answer is the form's Protection 2.
    if (kept.length > 0 && kept.length < rows.length) setRows(kept);
    const protections = kept.map((r) => ({ code: r.code.trim().toUpperCase(), until: r.until || null, note: r.note.trim() || null }));
    try {
      await save({ variables: { accountId, protections } });
      toast({ title: protections.length ? 'Protections saved' : 'Protections removed', tone: 'success' });
      onDone();
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };
  return (
    <form className="stack" onSubmit={submit} onChange={onEdit} aria-label="Edit protections">
      {rows.map((r, i) => (
        <div key={i} className="form-grid form-grid-4">
          <Field label={`Protection ${i + 1} code`} hint="e.g. CRITICAL_CARE, MEDICAL, ASSISTANCE_PLEDGE">
            <input value={r.code} onChange={(e) => setRow(i, { ...r, code: e.target.value.toUpperCase() })} />
          </Field>
          <Field label={`Protection ${i + 1} last day`} hint="Empty: until removed.">
            <input type="date" value={r.until} onChange={(e) => setRow(i, { ...r, until: e.target.value })} />
          </Field>
          <Field label={`Protection ${i + 1} note`}>
            <input value={r.note} maxLength={255} onChange={(e) => setRow(i, { ...r, note: e.target.value })} />
          </Field>
          <div>
            <button type="button" className="button button-ghost button-small" onClick={() => setRows((x) => x.filter((_, j) => j !== i))}>
              Remove
            </button>
          </div>
        </div>
      ))}
      <div>
        <button type="button" className="button button-small" onClick={() => setRows((x) => [...x, { code: '', until: '', note: '' }])}>
          Add protection
        </button>
      </div>
      {problem && (
        <p className="notice notice-danger" role="alert">
          {problem}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={saving.loading}>
          {saving.loading ? 'Saving…' : 'Save protections'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * Holds and protections on the account, with who set them and why. A hold
 * stops every collections action until its day; a protection refers market
 * drops, agency referrals and late fees to an operator (queue PROTECTED_ACCOUNTS).
 */
export function AccountControls({ accountId }: { accountId: string }) {
  const { toast } = useToast();
  const { data, loading, error, refetch } = useQuery(AccountControlsQuery, {
    variables: { id: accountId },
    fetchPolicy: 'cache-and-network',
  });
  const [release, releasing] = useMutation(ReleaseCollectionsHoldMutation);
  const [editing, setEditing] = useState<'hold' | 'protections' | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const account = getFragmentData(AccountForAccountControls, data?.account ?? null);

  const onRelease = async () => {
    setActionError(null);
    try {
      await release({ variables: { accountId } });
      toast({ title: 'Hold released', detail: 'The next collections run takes the steps due.', tone: 'info' });
    } catch (e) {
      setActionError(e);
    }
  };

  if (!account) {
    return (
      <div className="card">
        <ErrorNotice error={error} title="Could not load holds and protections" onRetry={() => void refetch()} />
        {loading && <Loading label="Loading holds and protections…" />}
      </div>
    );
  }
  const hold = account.collectionsHold;
  return (
    <div className="stack" role="group" aria-label="Holds and protections">
      <Card
        title="Collections hold"
        actions={
          hold ? (
            <button type="button" className="button button-small" onClick={onRelease} disabled={releasing.loading}>
              Release hold
            </button>
          ) : (
            editing !== 'hold' && (
              <button type="button" className="button button-small" onClick={() => setEditing('hold')}>
                Hold collections
              </button>
            )
          )
        }
      >
        <ErrorNotice error={actionError} />
        {hold ? (
          <p>
            No collections action before <strong>{formatDate(hold.until)}</strong>: {hold.reason}{' '}
            <span className="muted small">
              (set by {hold.createdBy}, {formatDateTime(hold.createdAt)})
            </span>
          </p>
        ) : editing === 'hold' ? (
          <HoldForm accountId={accountId} onDone={() => setEditing(null)} />
        ) : (
          <p className="muted">No hold: collections runs act on this account as its path says.</p>
        )}
      </Card>

      <Card
        title="Protections"
        actions={
          editing !== 'protections' && (
            <button type="button" className="button button-small" onClick={() => setEditing('protections')}>
              Edit protections
            </button>
          )
        }
      >
        {editing === 'protections' ? (
          <ProtectionsForm
            accountId={accountId}
            // Ended protections are left out: the API takes only those still to come.
            initial={account.protections
              .filter((p) => p.until === null || p.until >= todayIso())
              .map((p) => ({ code: p.code, until: p.until ?? '', note: p.note ?? '' }))}
            onDone={() => setEditing(null)}
          />
        ) : account.protections.length === 0 ? (
          <p className="muted">None: market drops, agency referrals and late fees are taken when due.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Code</th>
                <th>Last day</th>
                <th>Why</th>
                <th>Set by</th>
              </tr>
            </thead>
            <tbody>
              {account.protections.map((p) => (
                <tr key={p.code}>
                  <td>
                    <span className="chip chip-accent">{p.code}</span>
                  </td>
                  <td>{p.until ? formatDate(p.until) : 'until removed'}</td>
                  <td>{p.note ?? '—'}</td>
                  <td>
                    {p.setBy} <span className="muted small">{formatDateTime(p.setAt)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
