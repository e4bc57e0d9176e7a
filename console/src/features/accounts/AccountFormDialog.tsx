import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../../generated';
import type { DeliveryMethod } from '../../generated/graphql';
import { navigate } from '../../app/router';
import { Field } from '../../shared/components/Field';
import { Modal } from '../../shared/components/Modal';
import { useToast } from '../../shared/components/Toasts';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';

export const CreateAccountMutation = graphql(`
  mutation CreateAccount($input: CreateAccountInput!) {
    createAccount(input: $input) {
      id
      number
    }
  }
`);

export const UpdateAccountMutation = graphql(`
  mutation UpdateAccount($id: ID!, $input: UpdateAccountInput!) {
    updateAccount(id: $id, input: $input) {
      id
      ...AccountForAccountHeader
    }
  }
`);

/** The account's editable details, as the form holds them. */
export interface AccountDetails {
  number: string;
  name: string;
  email: string | null;
  phone: string | null;
  segment: string;
  /** How bills and letters reach the customer; '' on a new account: by email when it has one, else by post. */
  delivery: DeliveryMethod | '';
}

/** The fields an edit changed: a cleared email or phone is sent as null. */
export function changedFields(before: AccountDetails, after: AccountDetails) {
  const changes: { name?: string; email?: string | null; phone?: string | null; segment?: string; delivery?: DeliveryMethod } = {};
  if (after.name.trim() !== before.name) changes.name = after.name.trim();
  if ((after.email?.trim() || null) !== before.email) changes.email = after.email?.trim() || null;
  if ((after.phone?.trim() || null) !== before.phone) changes.phone = after.phone?.trim() || null;
  if (after.segment.trim().toUpperCase() !== before.segment) changes.segment = after.segment.trim();
  if (after.delivery && after.delivery !== before.delivery) changes.delivery = after.delivery;
  return changes;
}

const EMPTY: AccountDetails = { number: '', name: '', email: '', phone: '', segment: 'RESIDENTIAL', delivery: '' };

const DELIVERY_CHOICES: Array<[DeliveryMethod, string]> = [
  ['EMAIL', 'By email, the PDF attached'],
  ['PRINT', "By post, in the day's print batch"],
  ['NONE', 'Not sent: kept for download only'],
];

/** Creates an account (then opens it), or edits one's details. */
export function AccountFormDialog({ account, onClose }: { account?: AccountDetails & { id: string }; onClose(): void }) {
  const { toast } = useToast();
  const [form, setForm] = useState<AccountDetails>(
    account ? { ...account, email: account.email ?? '', phone: account.phone ?? '' } : EMPTY,
  );
  const [problem, setProblem, onEdit] = useFormProblem();
  const [create, creating] = useMutation(CreateAccountMutation);
  const [update, updating] = useMutation(UpdateAccountMutation);
  const saving = creating.loading || updating.loading;
  const set = (key: keyof AccountDetails) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      if (account) {
        const input = changedFields(account, form);
        if (Object.keys(input).length === 0) return onClose();
        await update({ variables: { id: account.id, input } });
        toast({ title: `${account.number} saved`, tone: 'success' });
        onClose();
      } else {
        const { data } = await create({
          variables: {
            input: {
              number: form.number.trim(),
              name: form.name.trim(),
              segment: form.segment.trim(),
              email: form.email?.trim() || null,
              phone: form.phone?.trim() || null,
              delivery: form.delivery || null,
            },
          },
        });
        if (data) {
          toast({ title: `Account ${data.createAccount.number} created`, tone: 'success' });
          navigate(`/accounts/${data.createAccount.id}`);
        }
        onClose();
      }
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <Modal
      title={account ? `Edit ${account.number}` : 'New account'}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="account-form" className="button button-primary" disabled={saving}>
            {saving ? 'Saving…' : account ? 'Save' : 'Create account'}
          </button>
        </>
      }
    >
      <form id="account-form" className="stack" onSubmit={submit} onChange={onEdit}>
        {!account && (
          <Field label="Account number" hint="Letters, digits, _ and -; at most 32 characters; unique.">
            <input value={form.number} onChange={set('number')} required maxLength={32} autoFocus />
          </Field>
        )}
        <Field label="Name">
          <input value={form.name} onChange={set('name')} required maxLength={128} />
        </Field>
        <Field label="Email">
          <input type="email" value={form.email ?? ''} onChange={set('email')} maxLength={254} />
        </Field>
        <Field label="Phone">
          <input value={form.phone ?? ''} onChange={set('phone')} maxLength={32} />
        </Field>
        <Field label="Segment" hint="e.g. RESIDENTIAL, COMMERCIAL, VIP: billing rules and collections paths follow it.">
          <input value={form.segment} onChange={set('segment')} required maxLength={32} />
        </Field>
        <Field label="Bills and letters" hint="By email needs the account's email.">
          <select value={form.delivery} onChange={set('delivery')}>
            {!account && <option value="">By email if there is an address, else by post</option>}
            {DELIVERY_CHOICES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
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
