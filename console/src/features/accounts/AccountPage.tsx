import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { graphql, getFragmentData } from '../../generated';
import { Link, useLocation } from '../../app/router';
import { EmptyState, ErrorNotice, Loading } from '../../shared/components/feedback';
import { Tabs } from '../../shared/components/Tabs';
import { AccountCollections } from './AccountCollections';
import { AccountControls } from './AccountControls';
import { AccountEnrollments } from './AccountEnrollments';
import { AccountFormDialog } from './AccountFormDialog';
import { AccountForAccountHeader, AccountHeader } from './AccountHeader';
import { AccountInvoices } from './AccountInvoices';
import { AccountPayments } from './AccountPayments';
import { AccountPlan } from './AccountPlan';
import { AccountTimeline } from './AccountTimeline';
import { AccountUsageReads } from './AccountUsageReads';
import { AccountWorkItems } from './AccountWorkItems';
import { AccountCredits } from '../credits/AccountCredits';
import { AccountTaxDialog } from './AccountTaxDialog';
import { AssignPathDialog } from './AssignPathDialog';
import { AuditTrail } from './AuditTrail';
import { PaymentPlanDialog } from './PaymentPlanDialog';
import { RecordPaymentDialog } from './RecordPaymentDialog';
import { MarketDropDialog } from '../work-queues/MarketDropDialog';

/** The header and the tabs' counts; each tab reads its own data when it is opened. */
export const AccountDetailQuery = graphql(`
  query AccountDetail($id: ID!) {
    account(id: $id) {
      id
      ...AccountForAccountHeader
    }
  }
`);

type TabId = 'invoices' | 'usage' | 'payments' | 'credits' | 'plan' | 'collections' | 'work' | 'enrollments' | 'timeline' | 'audit';
const TAB_IDS: TabId[] = ['invoices', 'usage', 'payments', 'credits', 'plan', 'collections', 'work', 'enrollments', 'timeline', 'audit'];
type Dialog = 'payment' | 'plan' | 'path' | 'edit' | 'tax' | 'confirm-drop' | 'cancel-drop' | null;

/** Everything about one account: what it owes, what it paid, its plan, collections and work, and who changed what. */
export function AccountPage({ id }: { id: string }) {
  const { search } = useLocation();
  const requested = search.get('tab') as TabId | null;
  const [tab, setTab] = useState<TabId>(requested && TAB_IDS.includes(requested) ? requested : 'invoices');
  const [dialog, setDialog] = useState<Dialog>(null);
  const { data, loading, error, refetch } = useQuery(AccountDetailQuery, { variables: { id }, fetchPolicy: 'cache-and-network' });

  if (loading && !data) return <Loading label="Loading the account…" />;
  if (error && !data) return <ErrorNotice error={error} title="Could not load the account" onRetry={() => void refetch()} />;
  if (!data?.account) {
    return (
      <EmptyState title={`Account ${id} not found`}>
        <Link to="/accounts">Search accounts</Link>
      </EmptyState>
    );
  }
  const account = getFragmentData(AccountForAccountHeader, data.account);
  const openWork = account.openWork.totalCount + account.workInProgress.totalCount;
  const plan = account.paymentPlan;

  return (
    <>
      <AccountHeader
        account={data.account}
        actions={
          <>
            {account.status === 'DROP_PENDING' && (
              <>
                <button type="button" className="button button-danger-outline" onClick={() => setDialog('confirm-drop')}>
                  Confirm market drop…
                </button>
                <button type="button" className="button" onClick={() => setDialog('cancel-drop')}>
                  Cancel market drop…
                </button>
              </>
            )}
            <button type="button" className="button" onClick={() => setDialog('edit')}>
              Edit details
            </button>
            <button type="button" className="button" onClick={() => setDialog('tax')}>
              Tax
            </button>
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

      <Tabs
        label="Account"
        active={tab}
        onChange={(t) => setTab(t as TabId)}
        tabs={[
          { id: 'invoices', label: 'Invoices', badge: account.invoices.totalCount },
          { id: 'usage', label: 'Usage reads' },
          { id: 'payments', label: 'Payments', badge: account.payments.totalCount },
          { id: 'credits', label: 'Credits' },
          { id: 'plan', label: 'Plan' },
          { id: 'collections', label: 'Collections', badge: account.collectionsActions.length },
          { id: 'work', label: 'Work items', badge: openWork },
          { id: 'enrollments', label: 'Enrollments', badge: account.enrollments.length },
          { id: 'timeline', label: 'Timeline' },
          { id: 'audit', label: 'Audit trail' },
        ]}
      >
        {tab === 'invoices' && <AccountInvoices accountId={account.id} />}
        {tab === 'usage' && <AccountUsageReads accountId={account.id} />}
        {tab === 'payments' && <AccountPayments accountId={account.id} onRecordPayment={() => setDialog('payment')} />}
        {tab === 'credits' && <AccountCredits accountId={account.id} />}
        {tab === 'plan' && <AccountPlan accountId={account.id} onNewPlan={() => setDialog('plan')} />}
        {tab === 'collections' && (
          <div className="stack">
            <AccountControls accountId={account.id} />
            <AccountCollections accountId={account.id} onChangePath={() => setDialog('path')} />
          </div>
        )}
        {tab === 'work' && (
          <div className="card">
            <AccountWorkItems accountId={account.id} />
          </div>
        )}
        {tab === 'enrollments' && <AccountEnrollments accountId={account.id} />}
        {tab === 'timeline' && <AccountTimeline accountId={account.id} />}
        {tab === 'audit' && (
          <div className="card">
            <AuditTrail subjectType="Account" subjectId={account.id} />
          </div>
        )}
      </Tabs>

      {dialog === 'payment' && (
        <RecordPaymentDialog accountNumber={account.number} suggested={account.pastDue} onClose={() => setDialog(null)} />
      )}
      {dialog === 'plan' && (
        <PaymentPlanDialog
          accountId={account.id}
          accountNumber={account.number}
          pastDue={account.pastDue}
          onClose={() => setDialog(null)}
        />
      )}
      {(dialog === 'confirm-drop' || dialog === 'cancel-drop') && (
        <MarketDropDialog
          decision={dialog === 'confirm-drop' ? 'confirm' : 'cancel'}
          accountId={account.id}
          number={account.number}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'edit' && <AccountFormDialog account={account} onClose={() => setDialog(null)} />}
      {dialog === 'tax' && (
        <AccountTaxDialog accountId={account.id} accountNumber={account.number} initial={account} onClose={() => setDialog(null)} />
      )}
      {dialog === 'path' && (
        <AssignPathDialog
          accountId={account.id}
          accountNumber={account.number}
          currentPathId={account.collectionsPath?.id ?? null}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}
