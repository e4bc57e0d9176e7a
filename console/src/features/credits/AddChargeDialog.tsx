import { useState, type FormEvent } from 'react';
import type { Reference } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../../generated';
import { Field } from '../../shared/components/Field';
import { Modal } from '../../shared/components/Modal';
import { useToast } from '../../shared/components/Toasts';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';
import { formatMoney, isMoneyInput } from '../../shared/money';

export const AddChargeMutation = graphql(`
  mutation AddCharge($input: AddChargeInput!) {
    addCharge(input: $input) {
      id
      amount
      ...PendingChargeForAccountCredits
    }
  }
`);

/** A one-off charge or credit for the account's next regular invoice; it joins the account's pending charges from the answer. */
export function AddChargeDialog({ accountId, onClose }: { accountId: string; onClose(): void }) {
  const { toast } = useToast();
  const [kind, setKind] = useState<'charge' | 'credit'>('charge');
  const [amount, setAmount] = useState('');
  const [description, setDescription] = useState('');
  const [taxable, setTaxable] = useState(false);
  const [problem, setProblem, onEdit] = useFormProblem();
  const [add, { loading }] = useMutation(AddChargeMutation, {
    update: (cache, { data }) => {
      const ref = data && cache.identify({ __typename: 'PendingCharge', id: data.addCharge.id });
      if (!ref) return;
      cache.modify<{ pendingCharges: Reference[] }>({
        id: cache.identify({ __typename: 'Account', id: accountId }),
        fields: {
          pendingCharges: (existing) => {
            const list = existing as readonly Reference[];
            return list.some((r) => r.__ref === ref) ? list : [...list, { __ref: ref }];
          },
        },
      });
    },
  });
  const amountError = amount && !isMoneyInput(amount) ? 'An amount such as 25 or 25.50, without a sign.' : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!amount || amountError || /^0*(\.0*)?$/.test(amount)) return setProblem('Enter an amount more than zero.');
    if (!description.trim()) return setProblem('Say what it is for: the invoice line shows it.');
    try {
      const signed = kind === 'credit' ? `-${amount.trim()}` : amount.trim();
      const { data } = await add({ variables: { input: { accountId, amount: signed, description: description.trim(), taxable } } });
      if (data) toast({ title: `${formatMoney(data.addCharge.amount)} added for the next invoice`, tone: 'success' });
      onClose();
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <Modal
      title="Add a charge or credit"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="charge-form" className="button button-primary" disabled={loading}>
            {loading ? 'Adding…' : 'Add'}
          </button>
        </>
      }
    >
      <form id="charge-form" className="form-grid" onSubmit={submit} onChange={onEdit} noValidate>
        <Field label="Kind">
          <select value={kind} onChange={(e) => setKind(e.target.value as 'charge' | 'credit')}>
            <option value="charge">Charge</option>
            <option value="credit">Credit</option>
          </select>
        </Field>
        <Field label="Amount" error={amountError} hint="On the next regular invoice; a charge alone bills the account in the next run.">
          <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} autoFocus />
        </Field>
        <Field label="Description">
          <input value={description} maxLength={255} onChange={(e) => setDescription(e.target.value)} />
        </Field>
        <label className="form-span">
          <input type="checkbox" checked={taxable} onChange={(e) => setTaxable(e.target.checked)} /> Taxable
        </label>
        {problem && (
          <p className="notice notice-danger form-span" role="alert">
            {problem}
          </p>
        )}
      </form>
    </Modal>
  );
}
