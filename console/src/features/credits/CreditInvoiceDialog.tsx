import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { getFragmentData, graphql, type FragmentType } from '../../generated';
import { Field } from '../../shared/components/Field';
import { Modal } from '../../shared/components/Modal';
import { Money } from '../../shared/components/Money';
import { useToast } from '../../shared/components/Toasts';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';
import { formatMoney, isMoneyInput } from '../../shared/money';
import { creditItems, leftPerLine } from './credit-left';

/** What the dialog starts from: the invoice's lines and what earlier credit notes took from each; crediting answers with it. */
export const InvoiceForCreditInvoiceDialog = graphql(`
  fragment InvoiceForCreditInvoiceDialog on Invoice {
    id
    number
    total
    amountCredited
    lines {
      id
      kind
      description
      amount
    }
    creditNotes {
      id
      lines {
        amount
        invoiceLine {
          id
        }
      }
    }
  }
`);

export const CreditInvoiceMutation = graphql(`
  mutation CreditInvoice($input: CreditInvoiceInput!) {
    creditInvoice(input: $input) {
      id
      number
      total
      appliedToInvoice
      invoice {
        id
        ...InvoiceForInvoiceHeader
        amountPaid
        amountDue
        amountCredited
        ...InvoiceForCreditInvoiceDialog
        creditNotes {
          id
          ...CreditNoteForInvoiceCreditNotes
        }
      }
      account {
        id
        balance
        pastDue
        ...AccountForAccountCredits
      }
    }
  }
`);

/**
 * Credits an invoice in full (every line; optionally returning its reads to
 * the next bill run) or by line, showing what each line and the invoice have
 * left to credit. The answer carries the invoice's and the account's new
 * figures, which the cache takes as they are.
 */
export function CreditInvoiceDialog({
  invoice: ref,
  left,
  onClose,
}: {
  invoice: FragmentType<typeof InvoiceForCreditInvoiceDialog>;
  left: string;
  onClose(): void;
}) {
  const invoice = getFragmentData(InvoiceForCreditInvoiceDialog, ref);
  const { toast } = useToast();
  const [mode, setMode] = useState<'full' | 'lines'>('full');
  const [reason, setReason] = useState('');
  const [rebill, setRebill] = useState(false);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [problem, setProblem, onEdit] = useFormProblem();
  const [creditInvoice, { loading }] = useMutation(CreditInvoiceMutation);
  const lineLeft = leftPerLine(
    invoice.lines,
    invoice.creditNotes.flatMap((n) => n.lines),
  );
  const badLine = Object.values(typed).some((v) => v.trim() !== '' && !isMoneyInput(v));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!reason.trim()) return setProblem('Say why the invoice is credited: the reason is shown on the credit note.');
    if (badLine) return setProblem('Amounts such as 12 or 12.50: digits and up to two decimals.');
    const items = mode === 'lines' ? creditItems(invoice.lines, typed) : null;
    if (items && items.length === 0) return setProblem('Enter an amount on at least one line.');
    try {
      const { data } = await creditInvoice({
        variables: { input: { invoiceId: invoice.id, reason: reason.trim(), items, rebill: mode === 'full' ? rebill : null } },
      });
      const note = data?.creditInvoice;
      if (note) {
        const rest =
          note.appliedToInvoice === note.total
            ? ''
            : `; ${formatMoney(note.appliedToInvoice)} to the invoice, the rest is unapplied credit`;
        toast({ title: `Credit note ${note.number} issued`, detail: `${formatMoney(note.total)} credited${rest}.`, tone: 'success' });
      }
      onClose();
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <Modal
      title={`Credit invoice ${invoice.number}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="credit-form" className="button button-primary" disabled={loading}>
            {loading ? 'Issuing…' : 'Issue credit note'}
          </button>
        </>
      }
    >
      <form id="credit-form" className="form-grid" onSubmit={submit} onChange={onEdit} noValidate>
        <p className="form-span">
          Left to credit: <strong>{formatMoney(left)}</strong> of <Money value={invoice.total} />.
        </p>
        <fieldset className="form-span">
          <legend className="field-label">Credit</legend>
          <label>
            <input type="radio" name="mode" checked={mode === 'full'} onChange={() => setMode('full')} /> In full
          </label>{' '}
          <label>
            <input type="radio" name="mode" checked={mode === 'lines'} onChange={() => setMode('lines')} /> By line
          </label>
        </fieldset>
        {mode === 'full' ? (
          <label className="form-span">
            <input type="checkbox" checked={rebill} onChange={(e) => setRebill(e.target.checked)} /> Rebill: the next bill run bills its
            usage again
          </label>
        ) : (
          <table className="table table-compact form-span">
            <caption className="sr-only">Amounts to credit per line</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col" className="num">
                  Left
                </th>
                <th scope="col" className="num">
                  Credit
                </th>
              </tr>
            </thead>
            <tbody>
              {invoice.lines.map((l) => (
                <tr key={l.id}>
                  <td>{l.description}</td>
                  <td className="num">
                    <Money value={lineLeft.get(l.id) ?? l.amount} />
                  </td>
                  <td className="num">
                    <input
                      aria-label={`Credit on ${l.description}`}
                      inputMode="decimal"
                      size={8}
                      value={typed[l.id] ?? ''}
                      disabled={(lineLeft.get(l.id) ?? '0.00') === '0.00'}
                      onChange={(e) => setTyped({ ...typed, [l.id]: e.target.value })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Field label="Reason" hint="Shown on the credit note and kept in the audit log.">
          <input value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} autoFocus />
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
