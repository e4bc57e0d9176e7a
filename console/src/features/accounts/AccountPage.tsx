import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../generated';
import { Link, useLocation } from '../../app/router';
import { EmptyState, ErrorNotice, Loading } from '../../shared/components/feedback';
import { Field } from '../../shared/components/Field';
import { Modal } from '../../shared/components/Modal';
import { Money } from '../../shared/components/Money';
import { Card, PageHeader } from '../../shared/components/Page';
import { StatusChip } from '../../shared/components/StatusChip';
import { Tabs } from '../../shared/components/Tabs';
import { useToast } from '../../shared/components/Toasts';
import { formatDate, formatDateTime, formatPeriod } from '../../shared/dates';
import { describeError } from '../../shared/errors';
import { AssignPathDialog } from './AssignPathDialog';
import { AccountWorkItems } from './AccountWorkItems';
import { AuditTrail } from './AuditTrail';
import { EnrollForm } from './EnrollForm';
import { PaymentPlanDialog } from './PaymentPlanDialog';
import { RecordPaymentDialog } from './RecordPaymentDialog';

export const AccountDetailQuery = graphql(`
  query AccountDetail($id: ID!) {
    account(id: $id) {
      id
      number
      name
      email
      phone
      segment
      status
      createdAt
      balance
      pastDue
      daysPastDue
      enrollments {
        id
        startDate
        endDate
        promoCode
        product {
          id
          code
          name
        }
      }
      collectionsPath {
        id
        name
        isDefault
      }
      paymentPlan {
        id
        status
        total
        createdAt
        installments {
          dueDate
          amount
          paid
          status
        }
      }
      invoices(first: 50) {
        totalCount
        nodes {
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
        }
      }
      payments(first: 50) {
        totalCount
        nodes {
          id
          amount
          channel
          receivedAt
          reference
          status
          unapplied
          allocations {
            amount
            invoice {
              id
              number
            }
          }
        }
      }
      collectionsActions {
        id
        action
        asOf
        detail
        createdAt
        step {
          id
          name
        }
        invoice {
          id
          number
        }
        workItem {
          id
          status
          queue {
            id
            key
          }
        }
      }
      openWork: workItems(status: OPEN) {
        totalCount
      }
      workInProgress: workItems(status: IN_PROGRESS) {
        totalCount
      }
    }
  }
`);

export const ReversePaymentMutation = graphql(`
  mutation ReversePayment($id: ID!, $reason: String!) {
    reversePayment(id: $id, reason: $reason) {
      id
      status
    }
  }
`);

export const CancelPaymentPlanMutation = graphql(`
  mutation CancelPaymentPlan($id: ID!) {
    cancelPaymentPlan(id: $id) {
      id
      status
    }
  }
`);

export const ConfirmMarketDropMutation = graphql(`
  mutation ConfirmMarketDrop($accountId: ID!) {
    confirmMarketDrop(accountId: $accountId) {
      id
      status
    }
  }
`);

type TabId = 'invoices' | 'payments' | 'plan' | 'collections' | 'work' | 'enrollments' | 'audit';
const TAB_IDS: TabId[] = ['invoices', 'payments', 'plan', 'collections', 'work', 'enrollments', 'audit'];
type Dialog = 'payment' | 'plan' | 'path' | { reverse: string } | null;

function ReverseDialog({ paymentId, onClose, onDone }: { paymentId: string; onClose(): void; onDone(): void }) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [reverse, { loading }] = useMutation(ReversePaymentMutation);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setProblem('Give the reason (returned check, chargeback…).');
    try {
      await reverse({ variables: { id: paymentId, reason: reason.trim() } });
      onDone();
      onClose();
    } catch (e) {
      setProblem(describeError(e).message);
    }
  };
  return (
    <Modal
      title="Reverse payment"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="reverse-form" className="button button-danger" disabled={loading}>
            {loading ? 'Reversing…' : 'Reverse payment'}
          </button>
        </>
      }
    >
      <form id="reverse-form" className="stack" onSubmit={submit}>
        <p className="muted">The allocations are removed and the invoices it paid are open again. A payment can be reversed once.</p>
        <Field label="Reason" error={problem}>
          <input value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
        </Field>
      </form>
    </Modal>
  );
}

function Stat({ label, children, tone }: { label: string; children: ReactNode; tone?: 'danger' }) {
  return (
    <div className={`stat${tone ? ` stat-${tone}` : ''}`}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{children}</div>
    </div>
  );
}

/** Everything about one account: what it owes, what it paid, its plan, collections and work, and who changed what. */
export function AccountPage({ id }: { id: string }) {
  const { search } = useLocation();
  const { toast } = useToast();
  const requested = search.get('tab') as TabId | null;
  const [tab, setTab] = useState<TabId>(requested && TAB_IDS.includes(requested) ? requested : 'invoices');
  const [dialog, setDialog] = useState<Dialog>(null);
  const { data, loading, error, refetch } = useQuery(AccountDetailQuery, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [cancelPlan, cancelling] = useMutation(CancelPaymentPlanMutation);
  const [confirmDrop, dropping] = useMutation(ConfirmMarketDropMutation);
  const [actionError, setActionError] = useState<unknown>(null);

  if (loading && !data) return <Loading label="Loading the account…" />;
  if (error && !data) return <ErrorNotice error={error} title="Could not load the account" onRetry={() => void refetch()} />;
  const account = data?.account;
  if (!account) {
    return (
      <EmptyState title={`Account ${id} not found`}>
        <Link to="/accounts">Search accounts</Link>
      </EmptyState>
    );
  }

  const openWork = account.openWork.totalCount + account.workInProgress.totalCount;
  const plan = account.paymentPlan;

  const onCancelPlan = async () => {
    if (!plan) return;
    setActionError(null);
    try {
      await cancelPlan({ variables: { id: plan.id } });
      toast({ title: 'Payment plan cancelled', detail: 'Collections resume on the next run.', tone: 'info' });
      void refetch();
    } catch (e) {
      setActionError(e);
    }
  };
  const onConfirmDrop = async () => {
    setActionError(null);
    try {
      await confirmDrop({ variables: { accountId: account.id } });
      toast({ title: `${account.number} dropped`, tone: 'info' });
      void refetch();
    } catch (e) {
      setActionError(e);
    }
  };

  return (
    <>
      <PageHeader
        back={<Link to="/accounts">← Accounts</Link>}
        title={
          <>
            {account.name} <StatusChip status={account.status} />
          </>
        }
        subtitle={
          <>
            <span className="strong">{account.number}</span> · {account.segment}
            {account.email && <> · {account.email}</>}
            {account.phone && <> · {account.phone}</>} · customer since {formatDate(account.createdAt.slice(0, 10))}
          </>
        }
        actions={
          <>
            {account.status === 'DROP_PENDING' && (
              <button type="button" className="button button-danger-outline" onClick={onConfirmDrop} disabled={dropping.loading}>
                Confirm market drop
              </button>
            )}
            <button type="button" className="button" onClick={() => setDialog('path')}>
              Collections path
            </button>
            <button
              type="button"
              className="button"
              onClick={() => setDialog('plan')}
              disabled={account.pastDue === '0.00' || plan?.status === 'ACTIVE'}
              title={
                account.pastDue === '0.00' ? 'Nothing is past due' : plan?.status === 'ACTIVE' ? 'A plan is already active' : undefined
              }
            >
              Payment plan
            </button>
            <button type="button" className="button button-primary" onClick={() => setDialog('payment')}>
              Record payment
            </button>
          </>
        }
      />
      <ErrorNotice error={actionError} />

      <div className="stats">
        <Stat label="Balance">
          <Money value={account.balance} />
        </Stat>
        <Stat label="Past due" tone={account.pastDue !== '0.00' ? 'danger' : undefined}>
          <Money value={account.pastDue} />
        </Stat>
        <Stat label="Days past due" tone={account.daysPastDue > 0 ? 'danger' : undefined}>
          {account.daysPastDue}
        </Stat>
        <Stat label="Collections path">{account.collectionsPath ? account.collectionsPath.name : <span className="muted">None</span>}</Stat>
        <Stat label="Payment plan">{plan ? <StatusChip status={plan.status} /> : <span className="muted">None</span>}</Stat>
      </div>

      <Tabs
        label="Account"
        active={tab}
        onChange={(t) => setTab(t as TabId)}
        tabs={[
          { id: 'invoices', label: 'Invoices', badge: account.invoices.totalCount },
          { id: 'payments', label: 'Payments', badge: account.payments.totalCount },
          { id: 'plan', label: 'Plan' },
          { id: 'collections', label: 'Collections', badge: account.collectionsActions.length },
          { id: 'work', label: 'Work items', badge: openWork },
          { id: 'enrollments', label: 'Enrollments', badge: account.enrollments.length },
          { id: 'audit', label: 'Audit trail' },
        ]}
      >
        {tab === 'invoices' && (
          <div className="card">
            {account.invoices.nodes.length === 0 ? (
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
                  </tr>
                </thead>
                <tbody>
                  {account.invoices.nodes.map((inv) => (
                    <tr key={inv.id}>
                      <td>
                        <Link to={`/invoices/${inv.id}`} className="strong">
                          {inv.number}
                        </Link>
                      </td>
                      <td className="nowrap">{formatPeriod(inv.periodStart, inv.periodEnd)}</td>
                      <td>
                        <StatusChip status={inv.status} />
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
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        )}

        {tab === 'payments' && (
          <div className="card">
            {account.payments.nodes.length === 0 ? (
              <EmptyState title="No payments yet">
                <button type="button" className="button button-small" onClick={() => setDialog('payment')}>
                  Record a payment
                </button>
              </EmptyState>
            ) : (
              <table className="table">
                <caption className="sr-only">Payments</caption>
                <thead>
                  <tr>
                    <th scope="col">Received</th>
                    <th scope="col">Channel</th>
                    <th scope="col">Reference</th>
                    <th scope="col">Applied to</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">
                      Amount
                    </th>
                    <th scope="col" className="num">
                      Unapplied
                    </th>
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {account.payments.nodes.map((p) => (
                    <tr key={p.id}>
                      <td className="nowrap">{formatDateTime(p.receivedAt)}</td>
                      <td>{p.channel.toLowerCase()}</td>
                      <td>{p.reference ?? <span className="muted">—</span>}</td>
                      <td className="small">
                        {p.allocations.length === 0 ? (
                          <span className="muted">—</span>
                        ) : (
                          p.allocations.map((a, i) => (
                            <span key={a.invoice.id}>
                              {i > 0 && ', '}
                              <Link to={`/invoices/${a.invoice.id}`}>{a.invoice.number}</Link> <Money value={a.amount} />
                            </span>
                          ))
                        )}
                      </td>
                      <td>
                        <StatusChip status={p.status} />
                      </td>
                      <td className="num strong">
                        <Money value={p.amount} />
                      </td>
                      <td className="num">
                        <Money value={p.unapplied} />
                      </td>
                      <td className="num">
                        {p.status === 'APPLIED' && (
                          <button type="button" className="button button-small button-ghost" onClick={() => setDialog({ reverse: p.id })}>
                            Reverse
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        )}

        {tab === 'plan' && (
          <div className="card">
            {!plan ? (
              <EmptyState title="No payment plan">
                {account.pastDue === '0.00' ? (
                  'Nothing is past due.'
                ) : (
                  <button type="button" className="button button-small" onClick={() => setDialog('plan')}>
                    Set up a payment plan
                  </button>
                )}
              </EmptyState>
            ) : (
              <>
                <div className="card-header">
                  <h2>
                    Plan of <Money value={plan.total} /> <StatusChip status={plan.status} />
                  </h2>
                  {plan.status === 'ACTIVE' && (
                    <button
                      type="button"
                      className="button button-small button-danger-outline"
                      onClick={onCancelPlan}
                      disabled={cancelling.loading}
                    >
                      Cancel plan
                    </button>
                  )}
                </div>
                <table className="table">
                  <caption className="sr-only">Installments</caption>
                  <thead>
                    <tr>
                      <th scope="col">#</th>
                      <th scope="col">Due date</th>
                      <th scope="col">Status</th>
                      <th scope="col" className="num">
                        Amount
                      </th>
                      <th scope="col" className="num">
                        Paid
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {plan.installments.map((inst, i) => (
                      <tr key={i}>
                        <td>{i + 1}</td>
                        <td>{formatDate(inst.dueDate)}</td>
                        <td>
                          <StatusChip status={inst.status} />
                        </td>
                        <td className="num">
                          <Money value={inst.amount} />
                        </td>
                        <td className="num">
                          <Money value={inst.paid} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </div>
        )}

        {tab === 'collections' && (
          <div className="card">
            <div className="card-header">
              <h2>
                Path: {account.collectionsPath ? account.collectionsPath.name : 'none'}
                {account.collectionsPath?.isDefault && <span className="muted small"> (default path)</span>}
              </h2>
              <button type="button" className="button button-small" onClick={() => setDialog('path')}>
                Change path
              </button>
            </div>
            {account.collectionsActions.length === 0 ? (
              <EmptyState title="No collections actions">Actions appear here when a collections run finds the account past due.</EmptyState>
            ) : (
              <ol className="timeline">
                {[...account.collectionsActions].reverse().map((a) => (
                  <li key={a.id}>
                    <div className="timeline-head">
                      <span className="chip chip-warning">{a.action.replace(/_/g, ' ').toLowerCase()}</span> <strong>{a.step.name}</strong>
                      <span className="muted small timeline-time">as of {formatDate(a.asOf)}</span>
                    </div>
                    <p className="timeline-detail">{a.detail}</p>
                    {a.invoice && (
                      <Link to={`/invoices/${a.invoice.id}`} className="small">
                        Fee invoice {a.invoice.number}
                      </Link>
                    )}
                    {a.workItem && (
                      <Link to={`/queues/${a.workItem.queue.key}?item=${a.workItem.id}`} className="small">
                        {' '}
                        Work item #{a.workItem.id} ({a.workItem.status.toLowerCase().replace('_', ' ')})
                      </Link>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </div>
        )}

        {tab === 'work' && (
          <div className="card">
            <AccountWorkItems accountId={account.id} />
          </div>
        )}

        {tab === 'enrollments' && (
          <div className="stack">
            <Card title="Enrollments">
              {account.enrollments.length === 0 ? (
                <EmptyState title="Not enrolled in any product">Usage without an enrollment blocks billing (no enrollment).</EmptyState>
              ) : (
                <table className="table">
                  <caption className="sr-only">Enrollments</caption>
                  <thead>
                    <tr>
                      <th scope="col">Product</th>
                      <th scope="col">From</th>
                      <th scope="col">Until</th>
                      <th scope="col">Promo code</th>
                    </tr>
                  </thead>
                  <tbody>
                    {account.enrollments.map((e) => (
                      <tr key={e.id}>
                        <td>
                          <Link to={`/products/${e.product.id}`}>{e.product.name}</Link>{' '}
                          <span className="muted small">{e.product.code}</span>
                        </td>
                        <td>{formatDate(e.startDate)}</td>
                        <td>{e.endDate ? formatDate(e.endDate) : <span className="muted">open-ended</span>}</td>
                        <td>{e.promoCode ?? <span className="muted">—</span>}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </Card>
            <Card title="Enroll in a product">
              <EnrollForm accountId={account.id} onEnrolled={() => void refetch()} />
            </Card>
          </div>
        )}

        {tab === 'audit' && (
          <div className="card">
            <AuditTrail subjectType="Account" subjectId={account.id} />
          </div>
        )}
      </Tabs>

      {dialog === 'payment' && (
        <RecordPaymentDialog
          accountNumber={account.number}
          suggested={account.pastDue}
          onClose={() => setDialog(null)}
          onRecorded={() => void refetch()}
        />
      )}
      {dialog === 'plan' && (
        <PaymentPlanDialog
          accountId={account.id}
          accountNumber={account.number}
          pastDue={account.pastDue}
          onClose={() => setDialog(null)}
          onCreated={() => void refetch()}
        />
      )}
      {dialog === 'path' && (
        <AssignPathDialog
          accountId={account.id}
          accountNumber={account.number}
          currentPathId={account.collectionsPath?.id ?? null}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog && typeof dialog === 'object' && (
        <ReverseDialog
          paymentId={dialog.reverse}
          onClose={() => setDialog(null)}
          onDone={() => {
            toast({ title: 'Payment reversed', tone: 'info' });
            void refetch();
          }}
        />
      )}
    </>
  );
}
