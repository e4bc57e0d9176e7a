import type { ReactNode } from 'react';
import type { KpisForDashboardPageFragment } from '../../generated/graphql';
import { Link } from '../../app/router';
import { Money } from '../../shared/components/Money';
import { formatDecimal, formatMoney, sumMoney } from '../../shared/money';
import { noneResolvedInSlaWindow, shareToPercent } from './dashboard-math';

function Kpi({
  label,
  value,
  hint,
  tone,
  to,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  tone?: 'warning' | 'danger' | 'success';
  to?: string;
}) {
  const body = (
    <>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{value}</div>
      {hint && <div className="kpi-hint">{hint}</div>}
    </>
  );
  return (
    <div className={`kpi${tone ? ` kpi-${tone}` : ''}`}>
      {to ? (
        <Link to={to} className="kpi-link">
          {body}
        </Link>
      ) : (
        body
      )}
    </div>
  );
}

function sumPastDue(a: { days1to30: string; days31to60: string; days61to90: string; over90: string }): string {
  return sumMoney([a.days1to30, a.days31to60, a.days61to90, a.over90]);
}

/** The SLA figure: a share of resolved items, so with nothing resolved in the window there is no figure to give. */
function SlaKpi({ kpis: k }: { kpis: KpisForDashboardPageFragment | undefined }) {
  if (k && noneResolvedInSlaWindow(k.asOf, k.slaByQueue)) {
    return <Kpi label="SLA attainment" value="—" hint="Last 30 days: no items resolved" />;
  }
  return (
    <Kpi
      label="SLA attainment"
      value={k ? `${shareToPercent(k.slaAttainment)}%` : '…'}
      hint="Last 30 days"
      tone={k ? (Number(shareToPercent(k.slaAttainment)) >= 90 ? 'success' : 'warning') : undefined}
    />
  );
}

/** The dashboard's headline figures: receivables, what is past due or waiting for review, open work and the SLA kept. */
export function DashboardKpis({ kpis: k, busy }: { kpis: KpisForDashboardPageFragment | undefined; busy: boolean }) {
  return (
    <div className="kpis" aria-busy={busy}>
      <Kpi label="Receivables" value={k ? <Money value={k.receivables} /> : '…'} hint={k ? `DSO ${formatDecimal(k.dso)} days` : null} />
      <Kpi
        label="Past due"
        value={k ? formatMoney(sumPastDue(k.aging)) : '…'}
        hint="Aged past due, disputed invoices included"
        tone={k && sumPastDue(k.aging) !== '0.00' ? 'warning' : undefined}
      />
      <Kpi
        label="Held invoices"
        value={k?.heldInvoices ?? '…'}
        tone={k && k.heldInvoices > 0 ? 'warning' : undefined}
        to="/review"
        hint="Waiting for review"
      />
      <Kpi
        label="Open exceptions"
        value={k?.openExceptions ?? '…'}
        tone={k && k.openExceptions > 0 ? 'warning' : undefined}
        to="/review?tab=blocked"
      />
      <Kpi
        label="Open work items"
        value={k?.openWorkItems ?? '…'}
        hint={k ? k.overdueWorkItems > 0 ? <span className="text-danger">{k.overdueWorkItems} overdue</span> : 'none overdue' : null}
        tone={k && k.overdueWorkItems > 0 ? 'danger' : undefined}
        to="/queues"
      />
      <SlaKpi kpis={k} />
    </div>
  );
}
