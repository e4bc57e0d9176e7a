import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { graphql } from '../../generated';
import { Link } from '../../app/router';
import { EmptyState, ErrorNotice, Loading } from '../../shared/components/feedback';
import { Money } from '../../shared/components/Money';
import { Card, Facts } from '../../shared/components/Page';
import { formatDate } from '../../shared/dates';
import { formatDecimal } from '../../shared/money';
import { DecisionDialog } from './DecisionDialog';
import { PdfLink, PdfPreview } from '../documents/PdfLink';
import { CreditInvoiceDialog } from '../credits/CreditInvoiceDialog';
import { InvoiceCreditNotes } from '../credits/InvoiceCreditNotes';
import { InvoiceDispute } from '../disputes/InvoiceDispute';
import { HeldReasons, InvoiceExceptions } from './InvoiceExceptions';
import { InvoiceHeader, leftToCredit, type InvoiceDecision } from './InvoiceHeader';
import { InvoiceLines } from './InvoiceLines';
import { PreviousInvoices, UsageChart, usageHistory } from './UsageHistory';

export const InvoiceReviewQuery = graphql(`
  query InvoiceReview($id: ID!) {
    invoice(id: $id) {
      id
      number
      issueDate
      dueDate
      total
      amountPaid
      amountCredited
      amountDue
      voidReason
      createdAt
      previewUrl
      ...InvoiceForDispute
      document {
        id
        url
        pages
      }
      creditNotes {
        id
        ...CreditNoteForInvoiceCreditNotes
      }
      billRun {
        id
        asOf
      }
      # The header, the credit dialog, the lines table, the exceptions and the usage history each declare what they show.
      ...InvoiceForInvoiceHeader
      ...InvoiceForCreditInvoiceDialog
      ...InvoiceForInvoiceLines
      ...InvoiceForInvoiceExceptions
      ...InvoiceForUsageHistory
      account {
        id
        status
        balance
        pastDue
      }
    }
  }
`);

export { ReleaseInvoiceMutation, VoidInvoiceMutation } from './DecisionDialog';

/** A held invoice with its lines, each exception's explanation and the account's history beside it. */
export function InvoicePage({ id }: { id: string }) {
  const { data, loading, error, refetch } = useQuery(InvoiceReviewQuery, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [decision, setDecision] = useState<InvoiceDecision | null>(null);

  if (loading && !data) return <Loading label="Loading the invoice…" />;
  if (error && !data) return <ErrorNotice error={error} title="Could not load the invoice" onRetry={() => void refetch()} />;
  const invoice = data?.invoice;
  if (!invoice)
    return (
      <EmptyState title={`Invoice ${id} not found`}>
        <Link to="/review">Back to review</Link>
      </EmptyState>
    );

  const { current } = usageHistory(invoice);

  return (
    <>
      <InvoiceHeader invoice={invoice} onDecide={setDecision} />

      <HeldReasons invoice={invoice} />

      <div className="grid grid-main-side">
        <div className="stack">
          <Card title="Lines">
            <InvoiceLines invoice={invoice} />
          </Card>

          {invoice.previewUrl ? (
            <Card
              title="Bill preview"
              actions={<PdfLink path={invoice.previewUrl} filename={`preview-${invoice.number}.pdf`} label="Preview PDF" />}
            >
              <PdfPreview path={invoice.previewUrl} title={`Preview of bill ${invoice.number}`} />
            </Card>
          ) : invoice.document ? (
            <Card
              title="Bill as sent"
              actions={<PdfLink path={invoice.document.url} filename={`${invoice.number}.pdf`} label="Bill PDF" />}
            >
              <p className="muted small">
                {invoice.document.pages} page{invoice.document.pages === 1 ? '' : 's'}, stored when the invoice was issued.
              </p>
            </Card>
          ) : null}

          <Card title="Credit notes">
            <InvoiceCreditNotes notes={invoice.creditNotes} />
          </Card>

          <Card title="Dispute">
            <InvoiceDispute invoice={invoice} />
          </Card>

          <Card title="Exceptions">
            <InvoiceExceptions invoice={invoice} />
          </Card>
        </div>

        <div className="stack">
          <Card title="Summary">
            <Facts
              items={[
                ['Total', <Money key="t" value={invoice.total} />],
                ['Paid', <Money key="p" value={invoice.amountPaid} />],
                ['Credited', <Money key="c" value={invoice.amountCredited} />],
                ['Due', <Money key="d" value={invoice.amountDue} />],
                ['Issued', formatDate(invoice.issueDate)],
                ['Due date', formatDate(invoice.dueDate)],
                ...(invoice.voidReason ? ([['Void reason', invoice.voidReason]] as Array<[string, string]>) : []),
                ['Bill run', invoice.billRun ? `#${invoice.billRun.id} as of ${formatDate(invoice.billRun.asOf)}` : '—'],
                ['Usage', `${formatDecimal(current.quantity)} over ${current.days} days`],
                ['Per day', formatDecimal(current.perDay)],
              ]}
            />
          </Card>
          <Card title="Usage per day, this and previous invoices">
            <UsageChart invoice={invoice} />
          </Card>
          <Card title="Previous invoices">
            <PreviousInvoices invoice={invoice} />
          </Card>
        </div>
      </div>
      {decision === 'credit' && <CreditInvoiceDialog invoice={invoice} left={leftToCredit(invoice)} onClose={() => setDecision(null)} />}
      {(decision === 'release' || decision === 'void') && (
        <DecisionDialog decision={decision} invoiceId={invoice.id} number={invoice.number} onClose={() => setDecision(null)} />
      )}
    </>
  );
}
