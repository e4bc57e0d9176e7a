import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { getFragmentData, graphql } from '../../generated';
import { removeEverywhere } from '../../app/apollo/list-updates';
import { ErrorNotice, Loading } from '../../shared/components/feedback';
import { useToast } from '../../shared/components/Toasts';
import { describeError } from '../../shared/errors';
import { humanizeStatus } from '../../shared/labels';

/** A remittance line waiting for its account, as the list shows it. */
export const SuspensePaymentForSuspensePayments = graphql(`
  fragment SuspensePaymentForSuspensePayments on SuspensePayment {
    id
    reference
    amount
    receivedAt
    channel
    detail
  }
`);

export const SuspensePaymentsQuery = graphql(`
  query SuspensePayments {
    suspensePayments(status: OPEN) {
      id
      ...SuspensePaymentForSuspensePayments
    }
  }
`);

export const ApplySuspensePaymentMutation = graphql(`
  mutation ApplySuspensePayment($id: ID!, $accountNumber: String!) {
    applySuspensePayment(id: $id, accountNumber: $accountNumber) {
      id
      amount
    }
  }
`);

/** Remittance lines that matched no account, each with "apply to account". */
export function SuspensePayments() {
  const { toast } = useToast();
  const { data, loading, error } = useQuery(SuspensePaymentsQuery, { fetchPolicy: 'cache-and-network' });
  // An applied line is no longer OPEN: it leaves the list at once, and the account's payment arrives with the live event.
  const [apply, { loading: applying }] = useMutation(ApplySuspensePaymentMutation, {
    update: (cache, _result, { variables }) => {
      if (variables) removeEverywhere(cache, { __typename: 'SuspensePayment', id: variables.id });
    },
  });
  const [accountFor, setAccountFor] = useState<Record<string, string>>({});

  const onApply = async (id: string) => {
    const accountNumber = (accountFor[id] ?? '').trim();
    if (!accountNumber) return;
    try {
      const { data: done } = await apply({ variables: { id, accountNumber } });
      toast({ title: `Applied ${done?.applySuspensePayment.amount ?? ''} to ${accountNumber}`, tone: 'success' });
    } catch (e) {
      toast({ title: 'The payment was not applied', detail: describeError(e).message, tone: 'danger' });
    }
  };

  if (loading && !data) return <Loading />;
  if (error) return <ErrorNotice error={error} title="Suspense payments could not be loaded" />;
  const rows = getFragmentData(SuspensePaymentForSuspensePayments, data?.suspensePayments ?? []);
  if (rows.length === 0) return <p className="muted">No suspense payments: every line found its account.</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th>Reference</th>
          <th>Amount</th>
          <th>Channel</th>
          <th>What the line said</th>
          <th>Apply to account</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((s) => (
          <tr key={s.id}>
            <td>{s.reference}</td>
            <td className="num">{s.amount}</td>
            <td>{humanizeStatus(s.channel)}</td>
            <td>{s.detail}</td>
            <td>
              <input
                aria-label={`Account for ${s.reference}`}
                value={accountFor[s.id] ?? ''}
                onChange={(e) => setAccountFor((m) => ({ ...m, [s.id]: e.target.value }))}
                placeholder="Account number"
              />{' '}
              <button
                type="button"
                className="button"
                disabled={applying || !(accountFor[s.id] ?? '').trim()}
                onClick={() => void onApply(s.id)}
              >
                Apply to account
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
