import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { getFragmentData, graphql } from '../../generated';
import type { PendingChargeForAccountCreditsFragment } from '../../generated/graphql';
import { Link } from '../../app/router';
import { ConfirmDialog } from '../../shared/components/ConfirmDialog';
import { ErrorNotice, Loading } from '../../shared/components/feedback';
import { Money } from '../../shared/components/Money';
import { Card, Facts } from '../../shared/components/Page';
import { useToast } from '../../shared/components/Toasts';
import { formatDate, formatDateTime } from '../../shared/dates';
import { AddChargeDialog } from './AddChargeDialog';
import { RefundDialog } from './RefundDialog';

/** A charge waiting for the next invoice, as the list shows it; adding a charge answers with it. */
export const PendingChargeForAccountCredits = graphql(`
  fragment PendingChargeForAccountCredits on PendingCharge {
    id
    description
    amount
    taxable
    createdBy
    createdAt
  }
`);

/** A credit note as the account's list shows it, with the invoice it credits. */
export const CreditNoteForAccountCredits = graphql(`
  fragment CreditNoteForAccountCredits on CreditNote {
    id
    number
    issueDate
    reason
    total
    appliedToInvoice
    invoice {
      id
      number
    }
  }
`);

/** The account's credit figures the tab shows; a refund answers with them. */
export const AccountForAccountCredits = graphql(`
  fragment AccountForAccountCredits on Account {
    id
    number
    balance
    unappliedCredit
  }
`);

export const AccountCreditsQuery = graphql(`
  query AccountCredits($id: ID!) {
    account(id: $id) {
      id
      ...AccountForAccountCredits
      pendingCharges {
        id
        ...PendingChargeForAccountCredits
      }
      creditNotes(first: 50) {
        totalCount
        nodes {
          id
          ...CreditNoteForAccountCredits
        }
      }
    }
  }
`);

export const RemovePendingChargeMutation = graphql(`
  mutation RemovePendingCharge($id: ID!) {
    removePendingCharge(id: $id)
  }
`);

type PendingCharge = PendingChargeForAccountCreditsFragment;

/** A negative amount is a credit the operator gave, a positive one a charge. */
const kindOf = (c: PendingCharge): string => (c.amount.startsWith('-') ? 'credit' : 'charge');

/** An account's credits: unapplied credit (refund it), charges waiting for the next invoice (add, remove), its credit notes. */
export function AccountCredits({ accountId }: { accountId: string }) {
  const { toast } = useToast();
  const { data, loading, error, refetch } = useQuery(AccountCreditsQuery, {
    variables: { id: accountId },
    fetchPolicy: 'cache-and-network',
  });
  const [remove, removing] = useMutation(RemovePendingChargeMutation);
  const [dialog, setDialog] = useState<'charge' | 'refund' | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [asking, setAsking] = useState<PendingCharge | null>(null);
  const account = data?.account;
  if (!account) return loading ? <Loading label="Loading the credits…" /> : <ErrorNotice error={error} onRetry={() => void refetch()} />;
  const figures = getFragmentData(AccountForAccountCredits, account);
  const pending = getFragmentData(PendingChargeForAccountCredits, account.pendingCharges);
  const creditNotes = getFragmentData(CreditNoteForAccountCredits, account.creditNotes.nodes);

  const onRemove = async ({ id, description }: PendingCharge) => {
    setActionError(null);
    try {
      // The answer is only true: the charge leaves the cache, and with it the list.
      await remove({
        variables: { id },
        update: (cache) => {
          cache.evict({ id: cache.identify({ __typename: 'PendingCharge', id }) });
          cache.gc();
        },
      });
      toast({ title: `"${description}" removed`, tone: 'info' });
    } catch (e) {
      setActionError(e);
    }
    setAsking(null);
  };

  return (
    <div className="stack">
      <ErrorNotice error={actionError} />
      <Card
        title="Unapplied credit"
        actions={
          <button type="button" className="button" onClick={() => setDialog('refund')} disabled={figures.unappliedCredit === '0.00'}>
            Refund
          </button>
        }
      >
        <Facts
          items={[
            ['Unapplied credit', <Money key="u" value={figures.unappliedCredit} />],
            ['Balance', <Money key="b" value={figures.balance} />],
          ]}
        />
      </Card>
      <Card
        title="Pending charges"
        actions={
          <button type="button" className="button" onClick={() => setDialog('charge')}>
            Add a charge
          </button>
        }
      >
        {pending.length === 0 ? (
          <p className="muted">Nothing waits for the next invoice.</p>
        ) : (
          <ul className="list">
            {pending.map((c) => (
              <li key={c.id} className="list-row">
                <div>
                  <strong>{c.description}</strong> <Money value={c.amount} />
                  <div className="muted small">
                    {c.taxable ? 'taxable · ' : ''}added by {c.createdBy} {formatDateTime(c.createdAt)}
                  </div>
                </div>
                {c.createdBy !== 'system' && (
                  <button
                    type="button"
                    className="button button-small"
                    disabled={removing.loading}
                    aria-label={`Remove ${c.description}…`}
                    onClick={() => setAsking(c)}
                  >
                    Remove…
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Credit notes">
        {creditNotes.length === 0 ? (
          <p className="muted">No credit notes. Credit an invoice from its page.</p>
        ) : (
          <table className="table">
            <caption className="sr-only">Credit notes</caption>
            <thead>
              <tr>
                <th scope="col">Credit note</th>
                <th scope="col">Invoice</th>
                <th scope="col">Issued</th>
                <th scope="col">Reason</th>
                <th scope="col" className="num">
                  Credited
                </th>
              </tr>
            </thead>
            <tbody>
              {creditNotes.map((n) => (
                <tr key={n.id}>
                  <td className="strong">{n.number}</td>
                  <td>
                    <Link to={`/invoices/${n.invoice.id}`}>{n.invoice.number}</Link>
                  </td>
                  <td className="nowrap">{formatDate(n.issueDate)}</td>
                  <td>{n.reason}</td>
                  <td className="num">
                    <Money value={n.total} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {asking && (
        <ConfirmDialog
          title={`Remove the pending ${kindOf(asking)}?`}
          action={`Remove the ${kindOf(asking)}`}
          busy={removing.loading}
          onConfirm={() => void onRemove(asking)}
          onClose={() => setAsking(null)}
        >
          <p>
            “{asking.description}”, <Money value={asking.amount} />, is taken off the account: it will not be on the next invoice.
          </p>
        </ConfirmDialog>
      )}
      {dialog === 'charge' && <AddChargeDialog accountId={account.id} onClose={() => setDialog(null)} />}
      {dialog === 'refund' && (
        <RefundDialog accountNumber={figures.number} unapplied={figures.unappliedCredit} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}
