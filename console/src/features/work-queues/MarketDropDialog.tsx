import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../../generated';
import { Field } from '../../shared/components/Field';
import { Modal } from '../../shared/components/Modal';
import { useToast } from '../../shared/components/Toasts';
import { describeError } from '../../shared/errors';

// Both answer with what the account's header shows (its status, figures and open work), so an open account page follows the decision.
export const ConfirmMarketDropMutation = graphql(`
  mutation ConfirmMarketDropFromWorkItem($accountId: ID!) {
    confirmMarketDrop(accountId: $accountId) {
      id
      ...AccountForAccountHeader
    }
  }
`);

export const CancelMarketDropMutation = graphql(`
  mutation CancelMarketDropFromWorkItem($accountId: ID!, $reason: String!) {
    cancelMarketDrop(accountId: $accountId, reason: $reason) {
      id
      ...AccountForAccountHeader
    }
  }
`);

/** Confirms a requested market drop (the customer leaves: it cannot be undone) or cancels it with a reason. */
export function MarketDropDialog({
  decision,
  accountId,
  number,
  onClose,
}: {
  decision: 'confirm' | 'cancel';
  accountId: string;
  number: string;
  onClose(done: boolean): void;
}) {
  const { toast } = useToast();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [confirm, confirming] = useMutation(ConfirmMarketDropMutation);
  const [cancel, cancelling] = useMutation(CancelMarketDropMutation);
  const busy = confirming.loading || cancelling.loading;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      if (decision === 'confirm') {
        await confirm({ variables: { accountId } });
        toast({ title: `Account ${number} dropped`, detail: 'The market-drop work item is resolved.', tone: 'success' });
      } else {
        if (!reason.trim()) return setProblem('Give the reason the customer stays: it is kept with the work item and in the audit trail.');
        await cancel({ variables: { accountId, reason: reason.trim() } });
        toast({ title: `Market drop of ${number} cancelled`, detail: 'The account is active again.', tone: 'info' });
      }
      onClose(true);
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <Modal
      title={decision === 'confirm' ? `Confirm the market drop of ${number}` : `Cancel the market drop of ${number}`}
      onClose={() => onClose(false)}
      footer={
        <>
          <button type="button" className="button" onClick={() => onClose(false)}>
            Back
          </button>
          <button
            type="submit"
            form="market-drop-form"
            className={`button ${decision === 'confirm' ? 'button-danger' : 'button-primary'}`}
            disabled={busy}
          >
            {busy ? 'Working…' : decision === 'confirm' ? 'Drop the customer' : 'Keep the customer'}
          </button>
        </>
      }
    >
      <form id="market-drop-form" onSubmit={submit} className="stack">
        {decision === 'confirm' ? (
          <p className="muted">
            The account becomes DROPPED: the customer leaves supply. This cannot be undone. The work item is resolved.
          </p>
        ) : (
          <Field label="Reason" error={problem}>
            <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
          </Field>
        )}
        {decision === 'confirm' && problem && (
          <p className="notice notice-danger" role="alert">
            {problem}
          </p>
        )}
      </form>
    </Modal>
  );
}
