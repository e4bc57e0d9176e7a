import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../../generated';
import { Field } from '../../shared/components/Field';
import { Modal } from '../../shared/components/Modal';
import { Money } from '../../shared/components/Money';
import { useToast } from '../../shared/components/Toasts';
import { todayIso } from '../../shared/dates';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';

export const CreatePaymentPlanMutation = graphql(`
  mutation CreatePaymentPlan($input: CreatePaymentPlanInput!) {
    createPaymentPlan(input: $input) {
      id
      ...PaymentPlanForAccountPlan
      account {
        id
        ...AccountForAccountHeader
      }
    }
  }
`);

/** Spreads the account's past-due amount over installments; collections pause while it is kept. */
export function PaymentPlanDialog({
  accountId,
  accountNumber,
  pastDue,
  onClose,
}: {
  accountId: string;
  accountNumber: string;
  pastDue: string;
  onClose(): void;
}) {
  const { toast } = useToast();
  const [installments, setInstallments] = useState('3');
  const [firstDueDate, setFirstDueDate] = useState(todayIso());
  const [intervalDays, setIntervalDays] = useState('30');
  const [problem, setProblem, onEdit] = useFormProblem();
  const [create, { loading }] = useMutation(CreatePaymentPlanMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!/^\d+$/.test(installments) || Number(installments) < 1) return setProblem('Installments: a whole number, at least 1.');
    if (!/^\d+$/.test(intervalDays) || Number(intervalDays) < 1)
      return setProblem('Days between installments: a whole number, at least 1.');
    if (!firstDueDate) return setProblem('Choose the first due date.');
    try {
      await create({
        variables: { input: { accountId, installments: Number(installments), firstDueDate, intervalDays: Number(intervalDays) } },
      });
      toast({ title: `Payment plan set up for ${accountNumber}`, detail: 'Collections take no action while it is kept.', tone: 'success' });
      onClose();
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <Modal
      title={`Payment plan for ${accountNumber}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="plan-form" className="button button-primary" disabled={loading}>
            {loading ? 'Setting up…' : 'Set up plan'}
          </button>
        </>
      }
    >
      <form id="plan-form" className="form-grid" onSubmit={submit} onChange={onEdit} noValidate>
        <p className="form-span muted">
          Spreads today&apos;s past-due amount of <Money value={pastDue} /> over the installments; the last one takes the rounding
          remainder.
        </p>
        <Field label="Installments">
          <input type="number" min={1} max={36} value={installments} onChange={(e) => setInstallments(e.target.value)} autoFocus />
        </Field>
        <Field label="First due date">
          <input type="date" value={firstDueDate} onChange={(e) => setFirstDueDate(e.target.value)} />
        </Field>
        <Field label="Days between installments">
          <input type="number" min={1} value={intervalDays} onChange={(e) => setIntervalDays(e.target.value)} />
        </Field>
        {problem && (
          <p className="notice notice-danger form-span" role="alert">
            {problem}
          </p>
        )}
      </form>
    </Modal>
  );
}
