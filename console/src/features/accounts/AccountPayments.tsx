import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql, getFragmentData, type FragmentType } from '../../generated';
import { Link } from '../../app/router';
import { EmptyState, ErrorNotice, Loading } from '../../shared/components/feedback';
import { Field } from '../../shared/components/Field';
import { Modal } from '../../shared/components/Modal';
import { Money } from '../../shared/components/Money';
import { StatusChip } from '../../shared/components/StatusChip';
import { useToast } from '../../shared/components/Toasts';
import { formatDateTime } from '../../shared/dates';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';
import { enumWords } from '../../shared/labels';

/** A payment as the account's list shows it; recording and reversing a payment answer with it. */
export const PaymentForAccountPayments = graphql(`
  fragment PaymentForAccountPayments on Payment {
    id
    amount
    channel
    receivedAt
    reference
    status
    unapplied
    allocations {
      amount
      invoice {
        id
        number
      }
    }
  }
`);

export const AccountPaymentsQuery = graphql(`
  query AccountPayments($id: ID!) {
    account(id: $id) {
      id
      payments(first: 50) {
        totalCount
        nodes {
          id
          ...PaymentForAccountPayments
        }
      }
    }
  }
`);

export const ReversePaymentMutation = graphql(`
  mutation ReversePayment($id: ID!, $reason: String!) {
    reversePayment(id: $id, reason: $reason) {
      id
      ...PaymentForAccountPayments
      account {
        id
        ...AccountForAccountHeader
      }
    }
  }
`);

function ReverseDialog({ paymentId, onClose }: { paymentId: string; onClose(): void }) {
  const { toast } = useToast();
  const [reason, setReason] = useState('');
  const [problem, setProblem, onEdit] = useFormProblem();
  const [reverse, { loading }] = useMutation(ReversePaymentMutation);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setProblem('Give the reason (returned check, chargeback…).');
    try {
      // The answer updates the payment and the account's figures in the cache; the invoices it reopens follow its event.
      await reverse({ variables: { id: paymentId, reason: reason.trim() } });
      toast({ title: 'Payment reversed', tone: 'info' });
      onClose();
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };
  return (
    <Modal
      title="Reverse payment"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="reverse-form" className="button button-danger" disabled={loading}>
            {loading ? 'Reversing…' : 'Reverse payment'}
          </button>
        </>
      }
    >
      <form id="reverse-form" className="stack" onSubmit={submit} onChange={onEdit}>
        <p className="muted">The allocations are removed and the invoices it paid are open again. A payment can be reversed once.</p>
        <Field label="Reason" error={problem}>
          <input value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
        </Field>
      </form>
    </Modal>
  );
}

function PaymentRow({ payment: ref, onReverse }: { payment: FragmentType<typeof PaymentForAccountPayments>; onReverse(id: string): void }) {
  const p = getFragmentData(PaymentForAccountPayments, ref);
  return (
    <tr>
      <td className="nowrap">{formatDateTime(p.receivedAt)}</td>
      <td>{enumWords(p.channel)}</td>
      <td>{p.reference ?? <span className="muted">—</span>}</td>
      <td className="small">
        {p.allocations.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          p.allocations.map((a, i) => (
            <span key={a.invoice.id}>
              {i > 0 && ', '}
              <Link to={`/invoices/${a.invoice.id}`}>{a.invoice.number}</Link> <Money value={a.amount} />
            </span>
          ))
        )}
      </td>
      <td>
        <StatusChip status={p.status} />
      </td>
      <td className="num strong">
        <Money value={p.amount} />
      </td>
      <td className="num">
        <Money value={p.unapplied} />
      </td>
      <td className="num">
        {p.status === 'APPLIED' && (
          <button type="button" className="button button-small button-ghost" onClick={() => onReverse(p.id)}>
            Reverse
          </button>
        )}
      </td>
    </tr>
  );
}

/** The account's payments, newest first, each reversible once. */
export function AccountPayments({ accountId, onRecordPayment }: { accountId: string; onRecordPayment(): void }) {
  const { data, loading, error, refetch } = useQuery(AccountPaymentsQuery, {
    variables: { id: accountId },
    fetchPolicy: 'cache-and-network',
  });
  const [reversing, setReversing] = useState<string | null>(null);
  const payments = data?.account?.payments.nodes;
  return (
    <div className="card">
      <ErrorNotice error={error} title="Could not load the payments" onRetry={() => void refetch()} />
      {!payments ? (
        loading && <Loading label="Loading the payments…" />
      ) : payments.length === 0 ? (
        <EmptyState title="No payments yet">
          <button type="button" className="button button-small" onClick={onRecordPayment}>
            Record a payment
          </button>
        </EmptyState>
      ) : (
        <table className="table">
          <caption className="sr-only">Payments</caption>
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Channel</th>
              <th scope="col">Reference</th>
              <th scope="col">Applied to</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col" className="num">
                Unapplied
              </th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {payments.map((p) => (
              <PaymentRow key={p.id} payment={p} onReverse={setReversing} />
            ))}
          </tbody>
        </table>
      )}
      {reversing && <ReverseDialog paymentId={reversing} onClose={() => setReversing(null)} />}
    </div>
  );
}
