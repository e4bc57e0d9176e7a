import { useState, type FormEvent } from 'react';
import type { ApolloCache, Reference } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { graphql, getFragmentData } from '../../generated';
import { PaymentForAccountPayments } from './AccountPayments';
import { useMarkOwn } from '../../app/live/LiveProvider';
import type { PaymentChannel } from '../../generated/graphql';
import { Field } from '../../shared/components/Field';
import { Modal } from '../../shared/components/Modal';
import { useToast } from '../../shared/components/Toasts';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';
import { newIdempotencyKey } from '../../shared/ids';
import { formatMoney, isMoneyInput } from '../../shared/money';
import { humanizeStatus } from '../../shared/labels';

export const RecordPaymentMutation = graphql(`
  mutation RecordPayment($input: RecordPaymentInput!) {
    recordPayment(input: $input) {
      id
      amount
      unapplied
      status
      ...PaymentForAccountPayments
      allocations {
        amount
        invoice {
          id
          number
          status
          amountDue
          ...InvoiceForAccountInvoices
        }
      }
      account {
        id
        ...AccountForAccountHeader
      }
    }
  }
`);

/**
 * The answer carries the account's new figures and the invoices the payment
 * paid, which the cache takes as they are; the new payment joins the
 * account's list (newest first) here, so nothing is read again.
 */
function addToAccountPayments(cache: ApolloCache, payment: { id: string; receivedAt: string; accountId: string }): void {
  const { accountId } = payment;
  const ref = cache.identify({ __typename: 'Payment', id: payment.id });
  const accountRef = cache.identify({ __typename: 'Account', id: accountId });
  if (!ref || !accountRef) return;
  const receivedNow = Date.now() - new Date(payment.receivedAt).getTime() < 60_000;
  cache.modify<{ payments: { nodes?: Reference[] } }>({
    id: accountRef,
    fields: {
      payments: (existing) => {
        const page = existing as { nodes?: Reference[] } & Record<string, unknown>;
        if (!page.nodes || page.nodes.some((n) => n.__ref === ref)) return existing;
        // A payment received earlier than now belongs further down: the list is read again where it is shown.
        if (!receivedNow) return { ...page, nodes: undefined };
        return { ...page, nodes: [{ __ref: ref }, ...page.nodes] };
      },
    },
  });
}

export const PAYMENT_CHANNELS: PaymentChannel[] = ['CARD', 'ACH', 'WIRE', 'CHECK', 'CASH', 'ONLINE', 'OTHER'];

/** Records a payment received outside an integration (a check at the counter, a wire). */
export function RecordPaymentDialog({ accountNumber, suggested, onClose }: { accountNumber: string; suggested?: string; onClose(): void }) {
  const { toast } = useToast();
  const [amount, setAmount] = useState(suggested && suggested !== '0.00' && !suggested.startsWith('-') ? suggested : '');
  const [channel, setChannel] = useState<PaymentChannel>('CARD');
  const [reference, setReference] = useState('');
  const [receivedOn, setReceivedOn] = useState('');
  const [problem, setProblem, onEdit] = useFormProblem();
  // One key per dialog: a second click or a retry after a timeout returns the same payment instead of a second one.
  const [idempotencyKey] = useState(() => newIdempotencyKey('payment'));
  const [record, { loading }] = useMutation(RecordPaymentMutation, {
    update: (cache, { data }) => {
      if (!data) return;
      const { receivedAt } = getFragmentData(PaymentForAccountPayments, data.recordPayment);
      addToAccountPayments(cache, { id: data.recordPayment.id, receivedAt, accountId: data.recordPayment.account.id });
    },
  });
  const markOwn = useMarkOwn();

  const amountError = amount && !isMoneyInput(amount) ? 'An amount such as 120 or 120.50: digits and up to two decimals.' : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (amountError) return setProblem(`Amount: ${amountError}`);
    if (!amount || /^0*(\.0*)?$/.test(amount)) return setProblem('Enter the amount received (more than zero).');
    try {
      const { data } = await record({
        variables: {
          input: {
            accountNumber,
            amount: amount.trim(),
            channel,
            reference: reference.trim() || null,
            receivedAt: receivedOn ? new Date(`${receivedOn}T12:00:00`).toISOString() : null,
            idempotencyKey,
          },
        },
      });
      const p = data?.recordPayment;
      if (p) {
        // This dialog says it was recorded; the live stream need not say it again.
        markOwn(p.id);
        const applied = p.allocations.map((a) => a.invoice.number).join(', ');
        toast({
          title: `Payment of ${formatMoney(p.amount)} recorded`,
          detail: applied
            ? `Applied to ${applied}${p.unapplied !== '0.00' ? `; ${formatMoney(p.unapplied)} left unapplied` : ''}.`
            : `${formatMoney(p.unapplied)} kept unapplied on the account.`,
          tone: 'success',
        });
      }
      onClose();
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <Modal
      title={`Record a payment for ${accountNumber}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="payment-form" className="button button-primary" disabled={loading}>
            {loading ? 'Recording…' : 'Record payment'}
          </button>
        </>
      }
    >
      <form id="payment-form" className="form-grid" onSubmit={submit} onChange={onEdit} noValidate>
        <Field label="Amount" error={amountError} hint="Applied to the oldest due invoices first; the rest stays on the account.">
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
        <Field label="Reference (optional)" hint="Check number, bank reference…">
          <input value={reference} maxLength={128} onChange={(e) => setReference(e.target.value)} />
        </Field>
        <Field label="Received on (optional)" hint="Today when left empty.">
          <input type="date" value={receivedOn} onChange={(e) => setReceivedOn(e.target.value)} />
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
