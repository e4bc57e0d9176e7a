import { graphql, getFragmentData, type FragmentType } from '../../generated';
import { Money } from '../../shared/components/Money';
import { formatDate } from '../../shared/dates';
import { PdfLink } from '../documents/PdfLink';

export const CreditNoteForInvoiceCreditNotes = graphql(`
  fragment CreditNoteForInvoiceCreditNotes on CreditNote {
    id
    number
    issueDate
    reason
    createdBy
    total
    appliedToInvoice
    document {
      id
      url
    }
    lines {
      kind
      description
      amount
      invoiceLine {
        id
      }
    }
  }
`);

/** The credit notes on an invoice, oldest first: what each credited, why, and who issued it. */
export function InvoiceCreditNotes({ notes: refs }: { notes: ReadonlyArray<FragmentType<typeof CreditNoteForInvoiceCreditNotes>> }) {
  const notes = refs.map((r) => getFragmentData(CreditNoteForInvoiceCreditNotes, r));
  if (notes.length === 0) return <p className="muted">No credit notes on this invoice.</p>;
  return (
    <table className="table">
      <caption className="sr-only">Credit notes</caption>
      <thead>
        <tr>
          <th scope="col">Credit note</th>
          <th scope="col">Issued</th>
          <th scope="col">Reason</th>
          <th scope="col" className="num">
            Credited
          </th>
          <th scope="col" className="num">
            To this invoice
          </th>
        </tr>
      </thead>
      <tbody>
        {notes.map((n) => (
          <tr key={n.id}>
            <td className="strong">
              {n.number}
              {n.document && (
                <div>
                  <PdfLink path={n.document.url} filename={`${n.number}.pdf`} label="PDF" />
                </div>
              )}
            </td>
            <td className="nowrap">
              {formatDate(n.issueDate)} <span className="muted small">by {n.createdBy}</span>
            </td>
            <td>
              {n.reason}
              <div className="muted small">{n.lines.map((l) => `${l.description}: ${l.amount}`).join(' · ')}</div>
            </td>
            <td className="num">
              <Money value={n.total} />
            </td>
            <td className="num">
              <Money value={n.appliedToInvoice} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
