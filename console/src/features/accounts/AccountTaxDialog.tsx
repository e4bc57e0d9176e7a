import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../../generated';
import { Field } from '../../shared/components/Field';
import { Modal } from '../../shared/components/Modal';
import { useToast } from '../../shared/components/Toasts';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';

export const UpdateAccountTaxMutation = graphql(`
  mutation UpdateAccountTax($id: ID!, $input: UpdateAccountInput!) {
    updateAccount(id: $id, input: $input) {
      id
      ...AccountForAccountHeader
    }
  }
`);

const TAX_KEY = /^[A-Za-z0-9_]+$/;

/** The account's tax zone and exemption: its next invoices are taxed (or not) accordingly. */
export function AccountTaxDialog({
  accountId,
  accountNumber,
  initial,
  onClose,
}: {
  accountId: string;
  accountNumber: string;
  initial: { taxZone: string; taxExempt: boolean; taxExemptionRef: string | null };
  onClose(): void;
}) {
  const { toast } = useToast();
  const [zone, setZone] = useState(initial.taxZone);
  const [exempt, setExempt] = useState(initial.taxExempt);
  const [ref, setRef] = useState(initial.taxExemptionRef ?? '');
  const [problem, setProblem, onEdit] = useFormProblem();
  // The answer carries the header's fragment, so the page shows the new zone without reading the account again.
  const [update, updating] = useMutation(UpdateAccountTaxMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!TAX_KEY.test(zone.trim())) return setProblem('Tax zone: letters, digits and _ only, such as NORTHVILLE.');
    try {
      await update({
        variables: { id: accountId, input: { taxZone: zone.trim(), taxExempt: exempt, taxExemptionRef: ref.trim() || null } },
      });
      toast({ title: `Tax settings of ${accountNumber} saved`, detail: 'They apply from its next invoice.', tone: 'success' });
      onClose();
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <Modal
      title={`Tax for ${accountNumber}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="account-tax-form" className="button button-primary" disabled={updating.loading}>
            {updating.loading ? 'Saving…' : 'Save tax settings'}
          </button>
        </>
      }
    >
      <form id="account-tax-form" className="stack" onSubmit={submit} onChange={onEdit} noValidate>
        <Field label="Tax zone" hint="The zone whose tax rates apply to the account's invoices (Admin → Tax rates).">
          <input value={zone} onChange={(e) => setZone(e.target.value.toUpperCase())} />
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={exempt} onChange={(e) => setExempt(e.target.checked)} /> Tax exempt
        </label>
        <Field label="Exemption certificate" hint="The certificate's reference, kept with the account.">
          <input value={ref} onChange={(e) => setRef(e.target.value)} />
        </Field>
        {problem && (
          <p className="notice notice-danger" role="alert">
            {problem}
          </p>
        )}
      </form>
    </Modal>
  );
}
