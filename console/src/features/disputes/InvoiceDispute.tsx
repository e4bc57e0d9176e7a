import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { graphql, getFragmentData, type FragmentType } from '../../generated';
import { Field } from '../../shared/components/Field';
import { StatusChip } from '../../shared/components/StatusChip';
import { formatDateTime } from '../../shared/dates';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';

export const InvoiceForDispute = graphql(`
  fragment InvoiceForDispute on Invoice {
    id
    status
    creditNotes {
      id
      number
    }
    dispute {
      id
      status
      reason
      openedBy
      openedAt
      resolution
      resolvedAt
      creditNote {
        id
        number
      }
    }
  }
`);

export const OpenDisputeMutation = graphql(`
  mutation OpenDispute($invoiceId: ID!, $reason: String!) {
    openDispute(invoiceId: $invoiceId, reason: $reason) {
      id
      invoice {
        id
        ...InvoiceForDispute
      }
    }
  }
`);

export const ResolveDisputeMutation = graphql(`
  mutation ResolveDispute($id: ID!, $outcome: DisputeStatus!, $resolution: String!, $creditNoteId: ID) {
    resolveDispute(id: $id, outcome: $outcome, resolution: $resolution, creditNoteId: $creditNoteId) {
      id
      invoice {
        id
        ...InvoiceForDispute
      }
    }
  }
`);

type Outcome = 'UPHELD' | 'REJECTED';

/** What each outcome does, said beside the choice so the options stay short enough to read. */
const OUTCOME_HINTS: Record<Outcome, string> = {
  REJECTED: 'The customer owes the invoice: collections count from its original due date.',
  UPHELD: 'The customer is right: a credit note issued for the invoice settles it.',
};

/**
 * The invoice's dispute: opens one on an ISSUED invoice (left out of past due
 * for collections while OPEN), and resolves an OPEN one as UPHELD with the
 * credit note that settles it, or REJECTED.
 */
export function InvoiceDispute({ invoice: ref }: { invoice: FragmentType<typeof InvoiceForDispute> }) {
  const invoice = getFragmentData(InvoiceForDispute, ref);
  const d = invoice.dispute;
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<Outcome>('REJECTED');
  const [creditNoteId, setCreditNoteId] = useState('');
  const [problem, setProblem, onEdit] = useFormProblem();
  const [open, opening] = useMutation(OpenDisputeMutation);
  const [resolve, resolving] = useMutation(ResolveDisputeMutation);
  const isOpen = d?.status === 'OPEN';
  const canOpen = invoice.status === 'ISSUED' && !isOpen;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!text.trim()) return setProblem(isOpen ? 'Say how the dispute was resolved.' : 'Say what the customer disputes.');
    try {
      if (isOpen && d) {
        if (outcome === 'UPHELD' && !creditNoteId) return setProblem('Choose the credit note that settles it (issue one first).');
        await resolve({
          variables: { id: d.id, outcome, resolution: text.trim(), creditNoteId: outcome === 'UPHELD' ? creditNoteId : null },
        });
      } else {
        await open({ variables: { invoiceId: invoice.id, reason: text.trim() } });
      }
      setText('');
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <div>
      {d ? (
        <p>
          <StatusChip status={d.status} /> {d.reason}{' '}
          <span className="muted small">
            opened by {d.openedBy} {formatDateTime(d.openedAt)}
            {d.resolvedAt && ` · resolved ${formatDateTime(d.resolvedAt)}: ${d.resolution ?? ''}`}
            {d.creditNote && ` · settled by ${d.creditNote.number}`}
          </span>
        </p>
      ) : (
        <p className="muted">Not disputed.</p>
      )}
      {(canOpen || isOpen) && (
        <form className="form-grid" onSubmit={submit} onChange={onEdit} noValidate>
          {isOpen && (
            <Field label="Outcome" hint={OUTCOME_HINTS[outcome]}>
              <select value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
                <option value="REJECTED">Rejected</option>
                <option value="UPHELD">Upheld</option>
              </select>
            </Field>
          )}
          {isOpen && outcome === 'UPHELD' && (
            <Field label="Credit note">
              <select value={creditNoteId} onChange={(e) => setCreditNoteId(e.target.value)}>
                <option value="">Choose…</option>
                {invoice.creditNotes.map((n) => (
                  <option key={n.id} value={n.id}>
                    {n.number}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field label={isOpen ? 'Resolution' : 'Reason'} className="form-span">
            <input value={text} maxLength={isOpen ? 1000 : 500} onChange={(e) => setText(e.target.value)} />
          </Field>
          {problem && (
            <p className="error form-span" role="alert">
              {problem}
            </p>
          )}
          <button type="submit" className="button" disabled={opening.loading || resolving.loading}>
            {isOpen ? 'Resolve dispute' : 'Open dispute'}
          </button>
        </form>
      )}
    </div>
  );
}
