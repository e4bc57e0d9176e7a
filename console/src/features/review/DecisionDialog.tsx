import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../../generated';
import { Field } from '../../shared/components/Field';
import { Modal } from '../../shared/components/Modal';
import { useToast } from '../../shared/components/Toasts';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';

// Both answer with what the invoice page shows that the decision changes: its header (status and actions), its dates, its bill, its
// exceptions and their work items.
export const ReleaseInvoiceMutation = graphql(`
  mutation ReleaseInvoice($id: ID!, $note: String) {
    releaseInvoice(id: $id, note: $note) {
      id
      ...InvoiceForInvoiceHeader
      issueDate
      dueDate
      amountDue
      previewUrl
      document {
        id
        url
        pages
      }
      ...InvoiceForInvoiceExceptions
    }
  }
`);

export const VoidInvoiceMutation = graphql(`
  mutation VoidInvoice($id: ID!, $reason: String!, $cancelReads: Boolean) {
    voidInvoice(id: $id, reason: $reason, cancelReads: $cancelReads) {
      id
      ...InvoiceForInvoiceHeader
      voidReason
      amountDue
      previewUrl
      ...InvoiceForInvoiceExceptions
    }
  }
`);

/** Releases or voids a held invoice, with the note or reason kept on it. */
export function DecisionDialog({
  decision,
  invoiceId,
  number,
  onClose,
}: {
  decision: 'release' | 'void';
  invoiceId: string;
  number: string;
  onClose(): void;
}) {
  const { toast } = useToast();
  const [text, setText] = useState('');
  const [cancelReads, setCancelReads] = useState(false);
  const [problem, setProblem, onEdit] = useFormProblem();
  const [release, releasing] = useMutation(ReleaseInvoiceMutation);
  const [voidInvoice, voiding] = useMutation(VoidInvoiceMutation);
  const busy = releasing.loading || voiding.loading;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      if (decision === 'release') {
        await release({ variables: { id: invoiceId, note: text.trim() || null } });
        toast({ title: `Invoice ${number} released`, detail: 'It is issued and its exceptions are resolved.', tone: 'success' });
      } else {
        if (!text.trim()) return setProblem('Give the reason: it is kept on the invoice and in the audit trail.');
        await voidInvoice({ variables: { id: invoiceId, reason: text.trim(), cancelReads } });
        toast({
          title: `Invoice ${number} voided`,
          detail: cancelReads
            ? 'Its usage reads are cancelled and will not be billed again.'
            : 'Its usage is billable again on the next run.',
          tone: 'info',
        });
      }
      onClose();
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <Modal
      title={decision === 'release' ? `Release invoice ${number}` : `Void invoice ${number}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            form="decision-form"
            className={`button ${decision === 'release' ? 'button-success' : 'button-danger'}`}
            disabled={busy}
          >
            {busy ? 'Working…' : decision === 'release' ? 'Release and issue' : cancelReads ? 'Void and cancel the reads' : 'Void invoice'}
          </button>
        </>
      }
    >
      <form id="decision-form" onSubmit={submit} onChange={onEdit} className="stack">
        <p className="muted">
          {decision === 'release'
            ? 'Releasing issues the invoice today with its normal payment terms, and resolves its threshold exceptions and review work item.'
            : cancelReads
              ? 'Voiding cancels the invoice and its usage reads: a bad read is not billed again. Send a corrected read to bill the period.'
              : 'Voiding cancels the invoice; its usage reads become billable again and the next bill run bills them.'}
        </p>
        <Field label={decision === 'release' ? 'Note (optional)' : 'Reason'} error={problem}>
          <textarea rows={3} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
        </Field>
        {decision === 'void' && (
          <label>
            <input type="checkbox" checked={cancelReads} onChange={(e) => setCancelReads(e.target.checked)} /> Also cancel its usage reads,
            so they are not billed again
          </label>
        )}
      </form>
    </Modal>
  );
}
