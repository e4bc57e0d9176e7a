import { getFragmentData, graphql, type FragmentType } from '../../generated';
import { Money } from '../../shared/components/Money';
import { formatPeriod } from '../../shared/dates';
import { formatDecimal, sumMoney } from '../../shared/money';

export const InvoiceForInvoiceLines = graphql(`
  fragment InvoiceForInvoiceLines on Invoice {
    id
    total
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
  }
`);

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

/** An invoice's lines, then the subtotal before tax and the TAX lines computed on it, then the total. */
export function InvoiceLines({ invoice: ref }: { invoice: FragmentType<typeof InvoiceForInvoiceLines> }) {
  const invoice = getFragmentData(InvoiceForInvoiceLines, ref);
  // Taxes come last, after the subtotal they are computed on.
  const charges = invoice.lines.filter((l) => l.kind !== 'TAX');
  const taxes = invoice.lines.filter((l) => l.kind === 'TAX');
  return (
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
        {charges.map((l) => (
          <LineRow key={l.id} line={l} />
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
          {taxes.map((l) => (
            <LineRow key={l.id} line={l} />
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
  );
}
