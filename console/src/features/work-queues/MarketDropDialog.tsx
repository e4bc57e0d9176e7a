import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../generated';
import { Field } from '../../shared/components/Field';
import { ActionFooter, Modal } from '../../shared/components/Modal';
import { useToast } from '../../shared/components/Toasts';
import { formatDate, todayIso } from '../../shared/dates';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';

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

/** The account's protections, so that a drop is never confirmed without seeing that the customer is protected. */
export const MarketDropProtectionsQuery = graphql(`
  query MarketDropProtections($id: ID!) {
    account(id: $id) {
      id
      protections {
        code
        until
        note
      }
    }
  }
`);

/**
 * Confirms a requested market drop (the customer leaves: it cannot be undone)
 * or cancels it with a reason. Confirming names the protections in force; the
 * hub refuses the drop, saying why, while a protection given since the drop
 * was requested, a hold, a plan or a blackout day stands in the way.
 */
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
  const [problem, setProblem, onEdit] = useFormProblem();
  const [confirm, confirming] = useMutation(ConfirmMarketDropMutation);
  const [cancel, cancelling] = useMutation(CancelMarketDropMutation);
  const busy = confirming.loading || cancelling.loading;
  const { data } = useQuery(MarketDropProtectionsQuery, { variables: { id: accountId }, skip: decision !== 'confirm' });
  const today = todayIso();
  const protectedBy = (data?.account?.protections ?? []).filter((p) => p.until === null || p.until >= today);

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
        <ActionFooter
          back="Back"
          action={decision === 'confirm' ? 'Drop the customer' : 'Keep the customer'}
          busy={busy}
          danger={decision === 'confirm'}
          form="market-drop-form"
          onBack={() => onClose(false)}
        />
      }
    >
      <form id="market-drop-form" onSubmit={submit} onChange={onEdit} className="stack">
        {decision === 'confirm' ? (
          <>
            <p className="muted">
              The account becomes DROPPED: the customer leaves supply. This cannot be undone. The work item is resolved.
            </p>
            {protectedBy.length > 0 && (
              <div className="notice notice-warning" role="alert">
                <strong>{number} is protected.</strong> In force:{' '}
                {protectedBy
                  .map((p) => `${p.code}${p.note ? ` (${p.note})` : ''}${p.until ? ` until ${formatDate(p.until)}` : ''}`)
                  .join('; ')}
                . Cancel the drop instead unless the customer must leave all the same.
              </div>
            )}
          </>
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
