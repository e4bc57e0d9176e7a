import type { ReactNode } from 'react';
import { useQuery } from '@apollo/client/react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { graphql } from '../../generated';
import { Link } from '../../app/router';
import { ErrorNotice } from '../../shared/components/feedback';
import { Money } from '../../shared/components/Money';
import { Card, PageHeader } from '../../shared/components/Page';
import { formatDate } from '../../shared/dates';
import { formatDecimal, formatMoney, sumMoney, toChartValue } from '../../shared/money';
import { BillRunControl, CollectionsRunControl } from '../runs/RunControls';
import { invoicedVsCollected, shareToPercent } from './dashboard-math';
import { LiveFeed } from './LiveFeed';

export const DashboardQuery = graphql(`
  query Dashboard {
    kpis {
      asOf
      receivables
      dso
      heldInvoices
      openExceptions
      openWorkItems
      overdueWorkItems
      slaAttainment
      aging {
        current
        days1to30
        days31to60
        days61to90
        over90
      }
    }
    invoices(first: 500) {
      pageInfo {
        hasNextPage
      }
      nodes {
        id
        status
        issueDate
        total
        amountPaid
      }
    }
  }
`);

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

const moneyTick = (v: number) => (Math.abs(v) >= 1000 ? `$${Math.round(v / 1000)}k` : `$${v}`);

/** KPIs, aging, invoiced vs collected, the live feed and the runs: the operator's start screen. */
export function DashboardPage() {
  const { data, loading, error, refetch } = useQuery(DashboardQuery, { fetchPolicy: 'cache-and-network' });
  const k = data?.kpis;
  const aging = k
    ? [
        { name: 'Current', amount: k.aging.current },
        { name: '1–30', amount: k.aging.days1to30 },
        { name: '31–60', amount: k.aging.days31to60 },
        { name: '61–90', amount: k.aging.days61to90 },
        { name: '90+', amount: k.aging.over90 },
      ].map((b) => ({ ...b, value: toChartValue(b.amount) }))
    : [];
  const trend = data ? invoicedVsCollected(data.invoices.nodes) : [];

  return (
    <>
      <PageHeader
        title="Dashboard"
        subtitle={k ? `Figures as of ${formatDate(k.asOf)}; they update as events arrive.` : 'Receivables, work and runs at a glance.'}
      />
      <ErrorNotice error={error} title="Could not load the dashboard" onRetry={() => void refetch()} />
      <div className="kpis" aria-busy={loading && !data}>
        <Kpi label="Receivables" value={k ? <Money value={k.receivables} /> : '…'} hint={k ? `DSO ${formatDecimal(k.dso)} days` : null} />
        <Kpi
          label="Past due"
          value={k ? formatMoney(sumPastDue(k.aging)) : '…'}
          hint="Over 1 day"
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
        <Kpi
          label="SLA attainment"
          value={k ? `${shareToPercent(k.slaAttainment)}%` : '…'}
          hint="Last 30 days"
          tone={k ? (Number(shareToPercent(k.slaAttainment)) >= 90 ? 'success' : 'warning') : undefined}
        />
      </div>

      <div className="grid grid-2">
        <Card title="Runs">
          <div className="runs">
            <BillRunControl />
            <CollectionsRunControl />
          </div>
        </Card>
        <Card title="Live" actions={<span className="muted small">events from the hub</span>}>
          <div className="feed-scroll">
            <LiveFeed />
          </div>
        </Card>
      </div>

      <div className="grid grid-2">
        <Card title="Receivables aging">
          {k && (
            <div className="chart" role="img" aria-label={`Aging: ${aging.map((a) => `${a.name} ${formatMoney(a.amount)}`).join(', ')}`}>
              <ResponsiveContainer width="100%" height={240}>
                <BarChart data={aging} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e5e7eb" />
                  <XAxis dataKey="name" tickLine={false} axisLine={false} fontSize={12} />
                  <YAxis tickFormatter={moneyTick} tickLine={false} axisLine={false} fontSize={12} width={56} />
                  <Tooltip
                    formatter={(_v, _n, item) => [formatMoney((item.payload as { amount: string }).amount), 'Open']}
                    cursor={{ fill: '#f3f4f6' }}
                  />
                  <Bar dataKey="value" name="Open" fill="#6366f1" radius={[4, 4, 0, 0]} isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          )}
        </Card>
        <Card
          title="Invoiced vs collected"
          actions={
            <span className="muted small">by month of issue{data?.invoices.pageInfo.hasNextPage ? ', latest 500 invoices' : ''}</span>
          }
        >
          {data && trend.length === 0 ? (
            <p className="muted">No issued invoices yet.</p>
          ) : (
            <div
              className="chart"
              role="img"
              aria-label={`Invoiced vs collected: ${trend.map((t) => `${t.label} ${formatMoney(t.invoiced)} invoiced, ${formatMoney(t.collected)} collected`).join('; ')}`}
            >
              <ResponsiveContainer width="100%" height={240}>
                <BarChart data={trend} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e5e7eb" />
                  <XAxis dataKey="label" tickLine={false} axisLine={false} fontSize={12} />
                  <YAxis tickFormatter={moneyTick} tickLine={false} axisLine={false} fontSize={12} width={56} />
                  <Tooltip
                    formatter={(_v, name, item) => {
                      const p = item.payload as { invoiced: string; collected: string };
                      return [formatMoney(name === 'Invoiced' ? p.invoiced : p.collected), name];
                    }}
                    cursor={{ fill: '#f3f4f6' }}
                  />
                  <Legend iconType="circle" wrapperStyle={{ fontSize: 12 }} />
                  <Bar dataKey="invoicedValue" name="Invoiced" fill="#a5b4fc" radius={[4, 4, 0, 0]} isAnimationActive={false} />
                  <Bar dataKey="collectedValue" name="Collected" fill="#10b981" radius={[4, 4, 0, 0]} isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}

function sumPastDue(a: { days1to30: string; days31to60: string; days61to90: string; over90: string }): string {
  return sumMoney([a.days1to30, a.days31to60, a.days61to90, a.over90]);
}
