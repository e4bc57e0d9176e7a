import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../../generated';
import { Field } from '../../shared/components/Field';
import { useToast } from '../../shared/components/Toasts';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';

export const PROTECTED_ACCOUNTS_QUEUE = 'PROTECTED_ACCOUNTS';

export const DecideProtectedStepMutation = graphql(`
  mutation DecideProtectedStep($workItemId: ID!, $take: Boolean!, $reason: String!) {
    decideProtectedStep(workItemId: $workItemId, take: $take, reason: $reason) {
      id
      ...WorkItemForWorkItemPanel
    }
  }
`);

/**
 * The answer to a step held back because the account is protected: take it
 * anyway (recorded as the operator's own action) or not. Either resolves the item.
 */
export function ProtectedStepDecision({ workItemId }: { workItemId: string }) {
  const { toast } = useToast();
  const [reason, setReason] = useState('');
  const [problem, setProblem, onEdit] = useFormProblem();
  const [decide, deciding] = useMutation(DecideProtectedStepMutation);

  const answer = async (take: boolean) => {
    if (!reason.trim()) return setProblem('Say why: it is kept with the item and in the audit trail.');
    setProblem(null);
    try {
      await decide({ variables: { workItemId, take, reason: reason.trim() } });
      toast({ title: take ? 'Step taken' : 'Step not taken', tone: take ? 'success' : 'info' });
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <div className="stack resolve-form" onChange={onEdit}>
      <h3 className="section-title">Protected account</h3>
      <p className="muted small">The step was held back because the account is protected. Take it anyway, or not, for this delinquency.</p>
      <Field label="Reason" error={problem}>
        <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <div className="button-row">
        <button type="button" className="button button-danger-outline" disabled={deciding.loading} onClick={() => void answer(true)}>
          Take the step anyway
        </button>
        <button type="button" className="button button-success" disabled={deciding.loading} onClick={() => void answer(false)}>
          Do not take it
        </button>
      </div>
    </div>
  );
}
