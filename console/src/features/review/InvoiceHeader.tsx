import { graphql, getFragmentData, type FragmentType } from '../../generated';
import { Link } from '../../app/router';
import { PageHeader } from '../../shared/components/Page';
import { StatusChip } from '../../shared/components/StatusChip';
import { formatPeriod } from '../../shared/dates';
import { compareMoney, sumMoney } from '../../shared/money';

/** What the invoice's header shows and decides its actions by; releasing, voiding and crediting answer with it. */
export const InvoiceForInvoiceHeader = graphql(`
  fragment InvoiceForInvoiceHeader on Invoice {
    id
    number
    status
    periodStart
    periodEnd
    total
    amountPaid
    amountCredited
    account {
      id
      number
      name
      segment
    }
  }
`);

export type InvoiceDecision = 'release' | 'void' | 'credit';

/** What is left to credit on an invoice: its total less what earlier credit notes took. */
export function leftToCredit(invoice: { total: string; amountCredited: string }): string {
  return sumMoney([invoice.total, `-${invoice.amountCredited}`]);
}

/** The invoice's number, status, account and period, with the decisions its status allows. */
export function InvoiceHeader({
  invoice: ref,
  onDecide,
}: {
  invoice: FragmentType<typeof InvoiceForInvoiceHeader>;
  onDecide(decision: InvoiceDecision): void;
}) {
  const invoice = getFragmentData(InvoiceForInvoiceHeader, ref);
  const creditable = (invoice.status === 'ISSUED' || invoice.status === 'PAID') && compareMoney(leftToCredit(invoice), '0.00') > 0;
  const voidable =
    invoice.status === 'HELD' || (invoice.status === 'ISSUED' && invoice.amountPaid === '0.00' && invoice.amountCredited === '0.00');

  return (
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
        voidable || creditable ? (
          <>
            {creditable && (
              <button type="button" className="button" onClick={() => onDecide('credit')}>
                Credit
              </button>
            )}
            {invoice.status === 'HELD' && (
              <button type="button" className="button button-success" onClick={() => onDecide('release')}>
                Release
              </button>
            )}
            {voidable && (
              <button type="button" className="button button-danger-outline" onClick={() => onDecide('void')}>
                Void
              </button>
            )}
          </>
        ) : null
      }
    />
  );
}
