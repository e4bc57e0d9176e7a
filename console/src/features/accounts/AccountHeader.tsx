import type { ReactNode } from 'react';
import { graphql, getFragmentData, type FragmentType } from '../../generated';
import { Link } from '../../app/router';
import { Money } from '../../shared/components/Money';
import { PageHeader } from '../../shared/components/Page';
import { StatusChip } from '../../shared/components/StatusChip';
import { formatDate } from '../../shared/dates';

/** What the account's header, figures and tab badges show; every mutation on the account returns it. */
export const AccountForAccountHeader = graphql(`
  fragment AccountForAccountHeader on Account {
    id
    number
    name
    email
    phone
    segment
    delivery
    status
    taxZone
    taxExempt
    taxExemptionRef
    createdAt
    balance
    pastDue
    daysPastDue
    collectionsPath {
      id
      name
      isDefault
    }
    paymentPlan {
      id
      status
    }
    invoices(first: 50) {
      totalCount
    }
    payments(first: 50) {
      totalCount
    }
    collectionsActions {
      id
    }
    enrollments {
      id
    }
    openWork: workItems(status: OPEN) {
      totalCount
    }
    workInProgress: workItems(status: IN_PROGRESS) {
      totalCount
    }
  }
`);

function Stat({ label, children, tone }: { label: string; children: ReactNode; tone?: 'danger' }) {
  return (
    <div className={`stat${tone ? ` stat-${tone}` : ''}`}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{children}</div>
    </div>
  );
}

/** Who the customer is and where their account stands: balance, past due, path and plan. */
export function AccountHeader({
  account: ref,
  actions,
  notice,
}: {
  account: FragmentType<typeof AccountForAccountHeader>;
  actions: ReactNode;
  /** Shown between the title and the figures (an action that failed). */
  notice?: ReactNode;
}) {
  const account = getFragmentData(AccountForAccountHeader, ref);
  const plan = account.paymentPlan;
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
            {account.phone && <> · {account.phone}</>} · tax zone {account.taxZone}
            {account.taxExempt && (
              <>
                {' '}
                <span className="chip chip-neutral">tax exempt{account.taxExemptionRef ? ` · ${account.taxExemptionRef}` : ''}</span>
              </>
            )}{' '}
            · customer since {formatDate(account.createdAt.slice(0, 10))}
          </>
        }
        actions={actions}
      />
      {notice}
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
    </>
  );
}
