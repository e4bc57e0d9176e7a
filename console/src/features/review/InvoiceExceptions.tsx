import { getFragmentData, graphql, type FragmentType } from '../../generated';
import { Link } from '../../app/router';
import { StatusChip, humanizeStatus } from '../../shared/components/StatusChip';
import { formatDateTime } from '../../shared/dates';

export const InvoiceForInvoiceExceptions = graphql(`
  fragment InvoiceForInvoiceExceptions on Invoice {
    id
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
  }
`);

type ExceptionsRef = FragmentType<typeof InvoiceForInvoiceExceptions>;

/** Why the invoice is held: each open exception's explanation, above everything else. */
export function HeldReasons({ invoice: ref }: { invoice: ExceptionsRef }) {
  const open = getFragmentData(InvoiceForInvoiceExceptions, ref).exceptions.filter((x) => x.status === 'OPEN');
  if (open.length === 0) return null;
  return (
    <section aria-label="Why this invoice is held" className="stack page-section">
      {open.map((x) => (
        <div key={x.id} className={`explain explain-${x.severity === 'CRITICAL' ? 'danger' : 'warning'}`}>
          <strong>{humanizeStatus(x.code)}</strong>
          <p>{x.message}</p>
        </div>
      ))}
    </section>
  );
}

/** Every exception the invoice raised, open or resolved, with the work item that carries it. */
export function InvoiceExceptions({ invoice: ref }: { invoice: ExceptionsRef }) {
  const { exceptions } = getFragmentData(InvoiceForInvoiceExceptions, ref);
  if (exceptions.length === 0) return <p className="muted">No exceptions on this invoice.</p>;
  return (
    <ul className="list">
      {exceptions.map((x) => (
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
  );
}
