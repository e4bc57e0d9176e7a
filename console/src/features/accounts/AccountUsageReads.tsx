import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql, getFragmentData, type FragmentType } from '../../generated';
import { Link } from '../../app/router';
import { EmptyState, ErrorNotice, Loading } from '../../shared/components/feedback';
import { Field } from '../../shared/components/Field';
import { Modal } from '../../shared/components/Modal';
import { StatusChip } from '../../shared/components/StatusChip';
import { useToast } from '../../shared/components/Toasts';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';
import { formatPeriod } from '../../shared/dates';

/** A usage read as the account's list shows it; cancelling one answers with it. */
export const UsageReadForAccountUsageReads = graphql(`
  fragment UsageReadForAccountUsageReads on UsageRead {
    id
    register
    periodStart
    periodEnd
    quantity
    estimated
    status
    invoice {
      id
      number
    }
    replacedBy {
      id
      quantity
      estimated
    }
  }
`);

export const AccountUsageReadsQuery = graphql(`
  query AccountUsageReads($id: ID!) {
    account(id: $id) {
      id
      usageReads(first: 100) {
        totalCount
        nodes {
          id
          ...UsageReadForAccountUsageReads
        }
      }
    }
  }
`);

// It answers with the account's header too: a billed read cancelled is credited, which changes the balance shown above.
export const CancelUsageReadMutation = graphql(`
  mutation CancelUsageRead($id: ID!, $reason: String!) {
    cancelUsageRead(id: $id, reason: $reason) {
      id
      ...UsageReadForAccountUsageReads
      account {
        id
        ...AccountForAccountHeader
      }
    }
  }
`);

function CancelReadDialog({ readId, period, onClose }: { readId: string; period: string; onClose(): void }) {
  const { toast } = useToast();
  const [reason, setReason] = useState('');
  const [problem, setProblem, onEdit] = useFormProblem();
  const [cancel, { loading }] = useMutation(CancelUsageReadMutation);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setProblem('Give the reason: it is kept on the read and in the audit trail.');
    try {
      await cancel({ variables: { id: readId, reason: reason.trim() } });
      toast({ title: `Read ${period} cancelled`, detail: 'A billed read is credited on its invoice.', tone: 'info' });
      onClose();
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };
  return (
    <Modal
      title={`Cancel the read ${period}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Keep it
          </button>
          <button type="submit" form="cancel-read-form" className="button button-danger" disabled={loading}>
            {loading ? 'Working…' : 'Cancel the read'}
          </button>
        </>
      }
    >
      <form id="cancel-read-form" onSubmit={submit} onChange={onEdit} className="stack">
        <p className="muted">
          A cancelled read stops counting. Unbilled, it is never billed; on a held invoice, that invoice is voided; on an issued one, a
          credit note takes back what it charged.
        </p>
        <Field label="Reason" error={problem}>
          <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
        </Field>
      </form>
    </Modal>
  );
}

function ReadRow({
  read: ref,
  onCancel,
}: {
  read: FragmentType<typeof UsageReadForAccountUsageReads>;
  onCancel(id: string, period: string): void;
}) {
  const read = getFragmentData(UsageReadForAccountUsageReads, ref);
  const period = formatPeriod(read.periodStart, read.periodEnd);
  const counting = read.status === 'UNBILLED' || read.status === 'BILLED';
  return (
    <tr>
      <td className="nowrap">{period}</td>
      <td>{read.register}</td>
      <td className="num">{read.quantity}</td>
      <td>{read.estimated ? 'Estimated' : 'Actual'}</td>
      <td>
        <StatusChip status={read.status} />
      </td>
      <td>{read.invoice ? <Link to={`/invoices/${read.invoice.id}`}>{read.invoice.number}</Link> : '—'}</td>
      <td>{read.replacedBy ? `${read.replacedBy.quantity} (${read.replacedBy.estimated ? 'estimated' : 'actual'})` : '—'}</td>
      <td>
        {counting && (
          <button type="button" className="button button-danger-outline" onClick={() => onCancel(read.id, period)}>
            Cancel
          </button>
        )}
      </td>
    </tr>
  );
}

/** The account's usage reads, newest first, with their status and what replaced them; a read entered by mistake can be cancelled. */
export function AccountUsageReads({ accountId }: { accountId: string }) {
  const { data, loading, error, refetch } = useQuery(AccountUsageReadsQuery, {
    variables: { id: accountId },
    fetchPolicy: 'cache-and-network',
  });
  const [cancelling, setCancelling] = useState<{ id: string; period: string } | null>(null);
  const reads = data?.account?.usageReads.nodes;
  return (
    <div className="card">
      <ErrorNotice error={error} title="Could not load the usage reads" onRetry={() => void refetch()} />
      {!reads ? (
        loading && <Loading label="Loading the usage reads…" />
      ) : reads.length === 0 ? (
        <EmptyState title="No usage reads yet">Reads appear when an integrator sends them with recordUsage.</EmptyState>
      ) : (
        <table className="table">
          <caption className="sr-only">Usage reads</caption>
          <thead>
            <tr>
              <th scope="col">Period</th>
              <th scope="col">Register</th>
              <th scope="col" className="num">
                Quantity
              </th>
              <th scope="col">Quality</th>
              <th scope="col">Status</th>
              <th scope="col">Invoice</th>
              <th scope="col">Replaced by</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {reads.map((read) => (
              <ReadRow key={read.id} read={read} onCancel={(id, period) => setCancelling({ id, period })} />
            ))}
          </tbody>
        </table>
      )}
      {cancelling && (
        <CancelReadDialog
          readId={cancelling.id}
          period={cancelling.period}
          onClose={() => {
            setCancelling(null);
            // A cancellation can void or credit an invoice: the reads' invoices and replacements are read again.
            void refetch();
          }}
        />
      )}
    </div>
  );
}
