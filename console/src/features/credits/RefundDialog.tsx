import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../../generated';
import type { PaymentChannel } from '../../generated/graphql';
import { Field } from '../../shared/components/Field';
import { Modal } from '../../shared/components/Modal';
import { useToast } from '../../shared/components/Toasts';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';
import { newIdempotencyKey } from '../../shared/ids';
import { formatMoney, isMoneyInput } from '../../shared/money';
import { PAYMENT_CHANNELS } from '../accounts/RecordPaymentDialog';
import { humanizeStatus } from '../../shared/labels';

export const RecordRefundMutation = graphql(`
  mutation RecordRefund($input: RecordRefundInput!) {
    recordRefund(input: $input) {
      id
      amount
      account {
        id
        ...AccountForAccountCredits
        ...AccountForAccountHeader
      }
    }
  }
`);

/** Pays the account's unapplied credit back, up to all of it; the answer carries the account's new figures. */
export function RefundDialog({ accountNumber, unapplied, onClose }: { accountNumber: string; unapplied: string; onClose(): void }) {
  const { toast } = useToast();
  const [amount, setAmount] = useState(unapplied);
  const [channel, setChannel] = useState<PaymentChannel>('ACH');
  const [reference, setReference] = useState('');
  const [problem, setProblem, onEdit] = useFormProblem();
  // One key per dialog: a second click or a retry returns the same refund instead of paying twice.
  const [idempotencyKey] = useState(() => newIdempotencyKey('refund'));
  const [refund, { loading }] = useMutation(RecordRefundMutation);
  const amountError = amount && !isMoneyInput(amount) ? 'An amount such as 120 or 120.50.' : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (amountError) return setProblem(`Amount: ${amountError}`);
    if (!amount || /^0*(\.0*)?$/.test(amount)) return setProblem('Enter the amount to refund (more than zero).');
    try {
      const { data } = await refund({
        variables: { input: { accountNumber, amount: amount.trim(), channel, reference: reference.trim() || null, idempotencyKey } },
      });
      if (data) toast({ title: `Refund of ${formatMoney(data.recordRefund.amount)} recorded`, tone: 'success' });
      onClose();
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <Modal
      title={`Refund credit of ${accountNumber}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="refund-form" className="button button-primary" disabled={loading}>
            {loading ? 'Recording…' : 'Record refund'}
          </button>
        </>
      }
    >
      <form id="refund-form" className="form-grid" onSubmit={submit} onChange={onEdit} noValidate>
        <Field label="Amount" error={amountError} hint={`At most the ${formatMoney(unapplied)} of unapplied credit.`}>
          <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} autoFocus />
        </Field>
        <Field label="Channel">
          <select value={channel} onChange={(e) => setChannel(e.target.value as PaymentChannel)}>
            {PAYMENT_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {humanizeStatus(c)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Reference (optional)">
          <input value={reference} maxLength={128} onChange={(e) => setReference(e.target.value)} />
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
