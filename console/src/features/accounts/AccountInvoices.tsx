import { useQuery } from '@apollo/client/react';
import { graphql, getFragmentData, type FragmentType } from '../../generated';
import { Link } from '../../app/router';
import { EmptyState, ErrorNotice, Loading } from '../../shared/components/feedback';
import { Money } from '../../shared/components/Money';
import { StatusChip } from '../../shared/components/StatusChip';
import { formatDate, formatPeriod } from '../../shared/dates';
import { DeliveryNote } from '../documents/DeliveryNote';
import { PdfLink } from '../documents/PdfLink';

/** An invoice as the account's list shows it; a payment's answer carries it for the invoices it paid. */
export const InvoiceForAccountInvoices = graphql(`
  fragment InvoiceForAccountInvoices on Invoice {
    id
    number
    status
    periodStart
    periodEnd
    issueDate
    dueDate
    total
    amountPaid
    amountDue
    dispute {
      id
      status
      reason
    }
    document {
      id
      url
      deliveries {
        method
        status
        to
        lastError
      }
    }
  }
`);

export const AccountInvoicesQuery = graphql(`
  query AccountInvoices($id: ID!) {
    account(id: $id) {
      id
      invoices(first: 50) {
        totalCount
        nodes {
          id
          ...InvoiceForAccountInvoices
        }
      }
    }
  }
`);

function InvoiceRow({ invoice: ref }: { invoice: FragmentType<typeof InvoiceForAccountInvoices> }) {
  const inv = getFragmentData(InvoiceForAccountInvoices, ref);
  return (
    <tr>
      <td>
        <Link to={`/invoices/${inv.id}`} className="strong">
          {inv.number}
        </Link>
      </td>
      <td className="nowrap">{formatPeriod(inv.periodStart, inv.periodEnd)}</td>
      <td>
        <StatusChip status={inv.status} />
        {inv.dispute && (
          <div className="muted small" title={inv.dispute.reason}>
            Dispute {inv.dispute.status.toLowerCase()}
          </div>
        )}
      </td>
      <td className="nowrap">{formatDate(inv.dueDate)}</td>
      <td className="num">
        <Money value={inv.total} />
      </td>
      <td className="num">
        <Money value={inv.amountPaid} />
      </td>
      <td className="num strong">
        <Money value={inv.amountDue} />
      </td>
      <td>
        {inv.document && <PdfLink path={inv.document.url} filename={`${inv.number}.pdf`} label="Bill" />}
        {inv.document && <DeliveryNote deliveries={inv.document.deliveries} />}
      </td>
    </tr>
  );
}

/** The account's invoices, newest first. */
export function AccountInvoices({ accountId }: { accountId: string }) {
  const { data, loading, error, refetch } = useQuery(AccountInvoicesQuery, {
    variables: { id: accountId },
    fetchPolicy: 'cache-and-network',
  });
  const invoices = data?.account?.invoices.nodes;
  return (
    <div className="card">
      <ErrorNotice error={error} title="Could not load the invoices" onRetry={() => void refetch()} />
      {!invoices ? (
        loading && <Loading label="Loading the invoices…" />
      ) : invoices.length === 0 ? (
        <EmptyState title="No invoices yet">Invoices appear after a bill run covers this account&apos;s usage.</EmptyState>
      ) : (
        <table className="table">
          <caption className="sr-only">Invoices</caption>
          <thead>
            <tr>
              <th scope="col">Invoice</th>
              <th scope="col">Period</th>
              <th scope="col">Status</th>
              <th scope="col">Due date</th>
              <th scope="col" className="num">
                Total
              </th>
              <th scope="col" className="num">
                Paid
              </th>
              <th scope="col" className="num">
                Due
              </th>
              <th scope="col">Document</th>
            </tr>
          </thead>
          <tbody>
            {invoices.map((inv) => (
              <InvoiceRow key={inv.id} invoice={inv} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
