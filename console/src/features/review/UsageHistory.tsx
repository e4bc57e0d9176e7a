import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { getFragmentData, graphql, type FragmentType } from '../../generated';
import { Link } from '../../app/router';
import { Money } from '../../shared/components/Money';
import { formatDate, formatPeriod } from '../../shared/dates';
import { formatDecimal, toChartValue } from '../../shared/money';
import { usagePoint, type UsagePoint } from './usage-history';

/** One invoice's point of the history: this one's and each earlier one's. */
export const InvoiceUsageForUsageHistory = graphql(`
  fragment InvoiceUsageForUsageHistory on Invoice {
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
`);

export const InvoiceForUsageHistory = graphql(`
  fragment InvoiceForUsageHistory on Invoice {
    id
    ...InvoiceUsageForUsageHistory
    account {
      id
      invoices(first: 13) {
        nodes {
          id
          ...InvoiceUsageForUsageHistory
        }
      }
    }
  }
`);

type HistoryRef = FragmentType<typeof InvoiceForUsageHistory>;

/** Usage per day of the invoice and of the account's earlier ones (void ones left out), oldest first. */
export function usageHistory(ref: HistoryRef): { history: UsagePoint[]; current: UsagePoint } {
  const invoice = getFragmentData(InvoiceForUsageHistory, ref);
  const history = getFragmentData(InvoiceUsageForUsageHistory, invoice.account.invoices.nodes)
    .filter((i) => i.status !== 'VOID' || i.id === invoice.id)
    .map(usagePoint)
    .sort((a, b) => (a.periodStart < b.periodStart ? -1 : 1));
  return {
    history,
    current: history.find((h) => h.id === invoice.id) ?? usagePoint(getFragmentData(InvoiceUsageForUsageHistory, invoice)),
  };
}

/** Average daily usage of the last eight invoices, this one highlighted. */
export function UsageChart({ invoice }: { invoice: HistoryRef }) {
  const { history, current } = usageHistory(invoice);
  const chartData = history
    .filter((h) => h.periodStart <= current.periodStart)
    .slice(-8)
    .map((h) => ({
      name: formatDate(h.periodStart).replace(/, \d{4}$/, ''),
      perDay: toChartValue(h.perDay),
      current: h.id === current.id,
    }));
  if (chartData.length <= 1) return <p className="muted small">No earlier invoices to compare with.</p>;
  return (
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
  );
}

/** The account's six invoices before this one, newest first, with their usage. */
export function PreviousInvoices({ invoice }: { invoice: HistoryRef }) {
  const { history, current } = usageHistory(invoice);
  // Before this one by period: an earlier month billed again after a void has later invoices, which are not its past.
  const previous = history.filter((h) => h.id !== current.id && h.periodStart < current.periodStart).reverse();
  if (previous.length === 0) return <p className="muted small">This is the account&apos;s first invoice.</p>;
  return (
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
  );
}
