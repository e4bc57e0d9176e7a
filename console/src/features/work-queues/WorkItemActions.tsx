import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { getFragmentData } from '../../generated';
import type { WorkItemForWorkItemPanelFragment } from '../../generated/graphql';
import { Link } from '../../app/router';
import { DecisionDialog } from '../review/DecisionDialog';
import { describeError } from '../../shared/errors';
import { useFormProblem } from '../../shared/hooks/useFormProblem';
import { MarketDropDialog } from './MarketDropDialog';
import { AssignableUsersQuery, ReassignWorkItemMutation, UserForReassignControl } from './work-item-operations';

type Item = WorkItemForWorkItemPanelFragment;

/**
 * Whether the item's cause waits for an action of its own (a held invoice, a
 * requested market drop): the hub refuses to resolve it by hand until then,
 * and the action resolves it.
 */
export function causeOpen(item: Item): boolean {
  if (item.status === 'RESOLVED') return false;
  if (item.kind === 'HELD_INVOICE') return item.invoice?.status === 'HELD';
  if (item.kind === 'MARKET_DROP') return item.account?.status === 'DROP_PENDING';
  // A dispute's item is resolved with the dispute, on the invoice page.
  if (item.kind === 'INVOICE_DISPUTE') return true;
  return false;
}

/** The actions that settle what the item is about, by kind; a confirmation guards each that cannot be undone. */
export function CauseActions({ item, onDone }: { item: Item; onDone(): void }) {
  const [invoiceDecision, setInvoiceDecision] = useState<'release' | 'void' | null>(null);
  const [dropDecision, setDropDecision] = useState<'confirm' | 'cancel' | null>(null);
  if (item.status === 'RESOLVED') return null;
  const { invoice, account, exception } = item;

  if (item.kind === 'HELD_INVOICE' && invoice?.status === 'HELD') {
    return (
      <div className="panel-actions panel-actions-row" role="group" aria-label="Settle the held invoice">
        <button type="button" className="button button-success" onClick={() => setInvoiceDecision('release')}>
          Release invoice…
        </button>
        <button type="button" className="button button-danger" onClick={() => setInvoiceDecision('void')}>
          Void invoice…
        </button>
        {invoiceDecision && (
          <DecisionDialog
            decision={invoiceDecision}
            invoiceId={invoice.id}
            number={invoice.number}
            onClose={() => {
              setInvoiceDecision(null);
              onDone();
            }}
          />
        )}
      </div>
    );
  }

  if (item.kind === 'INVOICE_DISPUTE' && invoice) {
    return (
      <div className="panel-actions panel-actions-row" role="group" aria-label="Settle the dispute">
        <Link to={`/invoices/${invoice.id}`} className="button">
          Resolve the dispute on invoice {invoice.number}
        </Link>
      </div>
    );
  }

  if (item.kind === 'MARKET_DROP' && account?.status === 'DROP_PENDING') {
    return (
      <div className="panel-actions panel-actions-row" role="group" aria-label="Settle the market drop">
        <button type="button" className="button button-danger" onClick={() => setDropDecision('confirm')}>
          Confirm the drop…
        </button>
        <button type="button" className="button" onClick={() => setDropDecision('cancel')}>
          Cancel the drop…
        </button>
        {dropDecision && (
          <MarketDropDialog
            decision={dropDecision}
            accountId={account.id}
            number={account.number}
            onClose={(done) => {
              setDropDecision(null);
              if (done) onDone();
            }}
          />
        )}
      </div>
    );
  }

  if (exception?.status === 'OPEN' && exception.code === 'MISSING_RATE' && account) {
    const products = [...new Map(account.enrollments.map((e) => [e.product.id, e.product])).values()];
    return (
      <div className="panel-actions panel-actions-row" role="group" aria-label="Fix the rate">
        {products.map((p) => (
          <Link key={p.id} to={`/products/${p.id}`} className="button button-small">
            Fix the rate of {p.code}
          </Link>
        ))}
        <p className="muted small">Add the missing rate, then resolve: the next bill run bills the account.</p>
      </div>
    );
  }

  if (exception?.status === 'OPEN' && exception.code === 'NO_ENROLLMENT' && account) {
    return (
      <div className="panel-actions panel-actions-row" role="group" aria-label="Fix the enrollment">
        <Link to={`/accounts/${account.id}`} className="button button-small">
          Enroll {account.number}
        </Link>
        <p className="muted small">Enroll the account for the days its reads cover, then resolve: the next bill run bills it.</p>
      </div>
    );
  }

  if (exception?.status === 'OPEN' && exception.code === 'HIGH_AMOUNT' && exception.severity === 'CRITICAL' && account) {
    return (
      <div className="panel-actions panel-actions-row" role="group" aria-label="Correct the reads">
        <Link to={`/accounts/${account.id}`} className="button button-small">
          Correct the reads of {account.number}
        </Link>
        <p className="muted small">
          Replace or cancel the read entered too large (or correct the product&apos;s rate), then resolve: the next bill run bills the
          account.
        </p>
      </div>
    );
  }
  return null;
}

/** An admin hands the item to another active admin or operator. */
export function ReassignControl({ item }: { item: Item }) {
  const { data } = useQuery(AssignableUsersQuery, { fetchPolicy: 'cache-first' });
  const [reassign, { loading }] = useMutation(ReassignWorkItemMutation);
  const [userId, setUserId] = useState('');
  const [problem, setProblem, onEdit] = useFormProblem();
  if (item.status === 'RESOLVED') return null;
  const users = getFragmentData(UserForReassignControl, data?.users ?? []).filter(
    (u) => u.active && (u.role === 'ADMIN' || u.role === 'OPERATOR') && u.id !== item.assignee?.id,
  );

  const submit = async () => {
    if (!userId) return setProblem('Choose who takes it over.');
    setProblem(null);
    try {
      await reassign({ variables: { id: item.id, userId } });
      setUserId('');
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };

  return (
    <div className="panel-actions panel-actions-row" onChange={onEdit}>
      <label className="inline-field">
        <span>Reassign to</span>
        <select value={userId} onChange={(e) => setUserId(e.target.value)}>
          <option value="">Choose a user…</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.displayName} ({u.username})
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button" onClick={() => void submit()} disabled={loading}>
        {loading ? 'Reassigning…' : 'Reassign'}
      </button>
      {problem && (
        <p className="notice notice-danger" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
