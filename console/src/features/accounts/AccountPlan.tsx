import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql, getFragmentData } from '../../generated';
import { ConfirmDialog } from '../../shared/components/ConfirmDialog';
import { EmptyState, ErrorNotice, Loading } from '../../shared/components/feedback';
import { Money } from '../../shared/components/Money';
import { StatusChip } from '../../shared/components/StatusChip';
import { useToast } from '../../shared/components/Toasts';
import { formatDate } from '../../shared/dates';

/** A payment plan with its installments; setting up and cancelling a plan answer with it. */
export const PaymentPlanForAccountPlan = graphql(`
  fragment PaymentPlanForAccountPlan on PaymentPlan {
    id
    status
    total
    createdAt
    installments {
      dueDate
      amount
      paid
      status
    }
  }
`);

export const AccountPlanQuery = graphql(`
  query AccountPlan($id: ID!) {
    account(id: $id) {
      id
      pastDue
      paymentPlan {
        id
        ...PaymentPlanForAccountPlan
      }
    }
  }
`);

export const CancelPaymentPlanMutation = graphql(`
  mutation CancelPaymentPlan($id: ID!) {
    cancelPaymentPlan(id: $id) {
      id
      ...PaymentPlanForAccountPlan
      account {
        id
        ...AccountForAccountHeader
      }
    }
  }
`);

/** The account's newest payment plan and its installments. */
export function AccountPlan({ accountId, onNewPlan }: { accountId: string; onNewPlan(): void }) {
  const { toast } = useToast();
  const { data, loading, error, refetch } = useQuery(AccountPlanQuery, { variables: { id: accountId }, fetchPolicy: 'cache-and-network' });
  const [cancelPlan, cancelling] = useMutation(CancelPaymentPlanMutation);
  const [actionError, setActionError] = useState<unknown>(null);
  const [asking, setAsking] = useState(false);
  const account = data?.account;
  const plan = getFragmentData(PaymentPlanForAccountPlan, account?.paymentPlan ?? null);

  const onCancel = async () => {
    if (!plan) return;
    setActionError(null);
    try {
      await cancelPlan({ variables: { id: plan.id } });
      toast({ title: 'Payment plan cancelled', detail: 'Collections resume on the next run.', tone: 'info' });
    } catch (e) {
      setActionError(e);
    }
    setAsking(false);
  };

  return (
    <div className="card">
      <ErrorNotice error={error} title="Could not load the payment plan" onRetry={() => void refetch()} />
      <ErrorNotice error={actionError} />
      {!account ? (
        loading && <Loading label="Loading the payment plan…" />
      ) : !plan ? (
        <EmptyState title="No payment plan">
          {account.pastDue === '0.00' ? (
            'Nothing is past due.'
          ) : (
            <button type="button" className="button button-small" onClick={onNewPlan}>
              Set up a payment plan
            </button>
          )}
        </EmptyState>
      ) : (
        <>
          <div className="card-header">
            <h2>
              Plan of <Money value={plan.total} /> <StatusChip status={plan.status} />
            </h2>
            {plan.status === 'ACTIVE' && (
              <button type="button" className="button button-small button-danger-outline" onClick={() => setAsking(true)}>
                Cancel plan…
              </button>
            )}
          </div>
          <table className="table">
            <caption className="sr-only">Installments</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Due date</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col" className="num">
                  Paid
                </th>
              </tr>
            </thead>
            <tbody>
              {plan.installments.map((inst, i) => (
                <tr key={i}>
                  <td>{i + 1}</td>
                  <td>{formatDate(inst.dueDate)}</td>
                  <td>
                    <StatusChip status={inst.status} />
                  </td>
                  <td className="num">
                    <Money value={inst.amount} />
                  </td>
                  <td className="num">
                    <Money value={inst.paid} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {asking && plan && (
        <ConfirmDialog
          title="Cancel the payment plan?"
          action="Cancel the plan"
          busy={cancelling.loading}
          onConfirm={() => void onCancel()}
          onClose={() => setAsking(false)}
        >
          <p className="muted">
            The plan of <Money value={plan.total} /> ends: its unpaid installments are no longer asked for, and collections resume on the
            account at the next run. A new plan can be set up later.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
