import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis, Cell } from 'recharts';
import { graphql } from '../../generated';
import { Link } from '../../app/router';
import { EmptyState, ErrorNotice, Loading } from '../../shared/components/feedback';
import { Money } from '../../shared/components/Money';
import { Card, Facts, PageHeader } from '../../shared/components/Page';
import { StatusChip, humanizeStatus } from '../../shared/components/StatusChip';
import { formatDate, formatDateTime, formatPeriod } from '../../shared/dates';
import { compareMoney, formatDecimal, sumMoney, toChartValue } from '../../shared/money';
import { DecisionDialog } from './DecisionDialog';
import { PdfLink, PdfPreview } from '../documents/PdfLink';
import { CreditInvoiceDialog } from '../credits/CreditInvoiceDialog';
import { InvoiceCreditNotes } from '../credits/InvoiceCreditNotes';
import { InvoiceDispute } from '../disputes/InvoiceDispute';
import { usagePoint } from './usage-history';

export const InvoiceReviewQuery = graphql(`
  query InvoiceReview($id: ID!) {
    invoice(id: $id) {
      id
      number
      status
      periodStart
      periodEnd
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
        lines {
          amount
          invoiceLine {
            id
          }
        }
        ...CreditNoteForInvoiceCreditNotes
      }
      billRun {
        id
        asOf
      }
      lines {
        id
        kind
        description
        quantity
        unitPrice
        amount
        periodStart
        periodEnd
        taxCode
      }
      exceptions {
        id
        code
        severity
        status
        message
        resolvedAt
        workItem {
          id
          status
          queue {
            id
            key
          }
        }
      }
      account {
        id
        number
        name
        segment
        status
        balance
        pastDue
        invoices(first: 13) {
          nodes {
            id
            number
            status
            periodStart
            periodEnd
            total
            lines {
              kind
              quantity
            }
          }
        }
      }
    }
  }
`);

export { ReleaseInvoiceMutation, VoidInvoiceMutation } from './DecisionDialog';

type Decision = 'release' | 'void' | 'credit' | null;

interface ShownLine {
  kind: string;
  description: string;
  quantity: string | null;
  unitPrice: string | null;
  amount: string;
  periodStart: string | null;
  periodEnd: string | null;
  taxCode: string | null;
}

function LineRow({ line: l }: { line: ShownLine }) {
  return (
    <tr>
      <td>
        <span className="chip chip-neutral">{l.kind === 'TAX' && l.taxCode ? `tax ${l.taxCode}` : l.kind.toLowerCase()}</span>
      </td>
      <td>{l.description}</td>
      <td className="nowrap">{l.periodStart ? formatPeriod(l.periodStart, l.periodEnd) : ''}</td>
      <td className="num">{l.quantity !== null ? formatDecimal(l.quantity) : ''}</td>
      <td className="num">{l.unitPrice !== null ? formatDecimal(l.unitPrice) : ''}</td>
      <td className="num">
        <Money value={l.amount} />
      </td>
    </tr>
  );
}

/** A held invoice with its lines, each exception's explanation and the account's history beside it. */
export function InvoicePage({ id }: { id: string }) {
  const { data, loading, error, refetch } = useQuery(InvoiceReviewQuery, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [decision, setDecision] = useState<Decision>(null);

  if (loading && !data) return <Loading label="Loading the invoice…" />;
  if (error && !data) return <ErrorNotice error={error} title="Could not load the invoice" onRetry={() => void refetch()} />;
  const invoice = data?.invoice;
  if (!invoice)
    return (
      <EmptyState title={`Invoice ${id} not found`}>
        <Link to="/review">Back to review</Link>
      </EmptyState>
    );

  const history = invoice.account.invoices.nodes
    .filter((i) => i.status !== 'VOID' || i.id === invoice.id)
    .map(usagePoint)
    .sort((a, b) => (a.periodStart < b.periodStart ? -1 : 1));
  const current = history.find((h) => h.id === invoice.id) ?? usagePoint({ ...invoice, lines: invoice.lines });
  // Taxes come last, after the subtotal they are computed on.
  const charges = invoice.lines.filter((l) => l.kind !== 'TAX');
  const taxes = invoice.lines.filter((l) => l.kind === 'TAX');
  const previous = history.filter((h) => h.id !== invoice.id).reverse();
  const chartData = history.slice(-8).map((h) => ({
    name: formatDate(h.periodStart).replace(/, \d{4}$/, ''),
    perDay: toChartValue(h.perDay),
    current: h.id === invoice.id,
  }));
  const openExceptions = invoice.exceptions.filter((x) => x.status === 'OPEN');
  const leftToCredit = sumMoney([invoice.total, `-${invoice.amountCredited}`]);
  const creditable = (invoice.status === 'ISSUED' || invoice.status === 'PAID') && compareMoney(leftToCredit, '0.00') > 0;

  return (
    <>
      <PageHeader
        back={<Link to="/review">← Invoice review</Link>}
        title={
          <>
            Invoice {invoice.number} <StatusChip status={invoice.status} />
          </>
        }
        subtitle={
          <>
            <Link to={`/accounts/${invoice.account.id}`}>
              {invoice.account.number} · {invoice.account.name}
            </Link>{' '}
            · {invoice.account.segment} · {formatPeriod(invoice.periodStart, invoice.periodEnd)}
          </>
        }
        actions={
          invoice.status === 'HELD' ||
          (invoice.status === 'ISSUED' && invoice.amountPaid === '0.00' && invoice.amountCredited === '0.00') ||
          creditable ? (
            <>
              {creditable && (
                <button type="button" className="button" onClick={() => setDecision('credit')}>
                  Credit
                </button>
              )}
              {invoice.status === 'HELD' && (
                <button type="button" className="button button-success" onClick={() => setDecision('release')}>
                  Release
                </button>
              )}
              {(invoice.status === 'HELD' ||
                (invoice.status === 'ISSUED' && invoice.amountPaid === '0.00' && invoice.amountCredited === '0.00')) && (
                <button type="button" className="button button-danger-outline" onClick={() => setDecision('void')}>
                  Void
                </button>
              )}
            </>
          ) : null
        }
      />

      {openExceptions.length > 0 && (
        <section aria-label="Why this invoice is held" className="stack page-section">
          {openExceptions.map((x) => (
            <div key={x.id} className={`explain explain-${x.severity === 'CRITICAL' ? 'danger' : 'warning'}`}>
              <strong>{humanizeStatus(x.code)}</strong>
              <p>{x.message}</p>
            </div>
          ))}
        </section>
      )}

      <div className="grid grid-main-side">
        <div className="stack">
          <Card title="Lines">
            <table className="table">
              <caption className="sr-only">Invoice lines</caption>
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">Description</th>
                  <th scope="col">Period</th>
                  <th scope="col" className="num">
                    Quantity
                  </th>
                  <th scope="col" className="num">
                    Unit price
                  </th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                </tr>
              </thead>
              <tbody>
                {charges.map((l, i) => (
                  <LineRow key={i} line={l} />
                ))}
              </tbody>
              {taxes.length > 0 && (
                <tbody>
                  <tr className="row-subtotal">
                    <th scope="row" colSpan={5} className="num">
                      Subtotal before tax
                    </th>
                    <td className="num strong">
                      <Money value={sumMoney(charges.map((l) => l.amount))} />
                    </td>
                  </tr>
                  {taxes.map((l, i) => (
                    <LineRow key={i} line={l} />
                  ))}
                </tbody>
              )}
              <tfoot>
                <tr>
                  <th scope="row" colSpan={5} className="num">
                    Total
                  </th>
                  <td className="num strong">
                    <Money value={invoice.total} />
                  </td>
                </tr>
              </tfoot>
            </table>
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
            {invoice.exceptions.length === 0 ? (
              <p className="muted">No exceptions on this invoice.</p>
            ) : (
              <ul className="list">
                {invoice.exceptions.map((x) => (
                  <li key={x.id} className="list-row">
                    <div>
                      <strong>{humanizeStatus(x.code)}</strong> <StatusChip status={x.status} />
                      <div className="muted small">{x.message}</div>
                    </div>
                    <div className="small muted nowrap">
                      {x.resolvedAt ? (
                        `resolved ${formatDateTime(x.resolvedAt)}`
                      ) : x.workItem ? (
                        <Link to={`/queues/${x.workItem.queue.key}?item=${x.workItem.id}`}>Work item #{x.workItem.id}</Link>
                      ) : null}
                    </div>
                  </li>
                ))}
              </ul>
            )}
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
            {chartData.length > 1 ? (
              <div className="chart chart-small" role="img" aria-label="Average daily usage per invoice; this invoice highlighted">
                <ResponsiveContainer width="100%" height={160}>
                  <BarChart data={chartData} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
                    <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e5e7eb" />
                    <XAxis dataKey="name" tickLine={false} axisLine={false} fontSize={11} />
                    <YAxis tickLine={false} axisLine={false} fontSize={11} />
                    <Tooltip formatter={(v) => [String(v), 'per day']} />
                    <Bar dataKey="perDay" radius={[3, 3, 0, 0]} isAnimationActive={false}>
                      {chartData.map((d, i) => (
                        <Cell key={i} fill={d.current ? '#d97706' : '#a5b4fc'} />
                      ))}
                    </Bar>
                  </BarChart>
                </ResponsiveContainer>
              </div>
            ) : (
              <p className="muted small">No earlier invoices to compare with.</p>
            )}
          </Card>
          <Card title="Previous invoices">
            {previous.length === 0 ? (
              <p className="muted small">This is the account&apos;s first invoice.</p>
            ) : (
              <table className="table table-compact">
                <caption className="sr-only">Previous invoices of the account</caption>
                <thead>
                  <tr>
                    <th scope="col">Period</th>
                    <th scope="col" className="num">
                      Usage
                    </th>
                    <th scope="col" className="num">
                      Per day
                    </th>
                    <th scope="col" className="num">
                      Total
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {previous.slice(0, 6).map((h) => (
                    <tr key={h.id}>
                      <td>
                        <Link to={`/invoices/${h.id}`}>{formatPeriod(h.periodStart, h.periodEnd)}</Link>
                      </td>
                      <td className="num">{formatDecimal(h.quantity)}</td>
                      <td className="num">{formatDecimal(h.perDay)}</td>
                      <td className="num">
                        <Money value={h.total} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
        </div>
      </div>
      {decision === 'credit' && <CreditInvoiceDialog invoice={invoice} left={leftToCredit} onClose={() => setDecision(null)} />}
      {(decision === 'release' || decision === 'void') && (
        <DecisionDialog decision={decision} invoiceId={invoice.id} number={invoice.number} onClose={() => setDecision(null)} />
      )}
    </>
  );
}
