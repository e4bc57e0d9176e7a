import { useQuery } from '@apollo/client/react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { getFragmentData, graphql } from '../../generated';
import { ErrorNotice } from '../../shared/components/feedback';
import { Card, PageHeader } from '../../shared/components/Page';
import { formatDate } from '../../shared/dates';
import { formatDecimal, formatMoney, toChartValue } from '../../shared/money';
import { BillRunControl, CollectionsRunControl } from '../runs/RunControls';
import { monthlyTrend, shareToPercent, slaLines } from './dashboard-math';
import { DashboardKpis } from './DashboardKpis';
import { LiveFeed } from './LiveFeed';

/** The figures the dashboard shows: only the hub can compute them, so a live event that changes them evicts them and they are read again. */
export const KpisForDashboardPage = graphql(`
  fragment KpisForDashboardPage on Kpis {
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
    monthly(months: 6) {
      month
      invoiced
      collected
      pastDue
      dso
    }
    slaByQueue(months: 6) {
      queueKey
      month
      attainment
      resolved
    }
  }
`);

export const DashboardQuery = graphql(`
  query Dashboard {
    kpis {
      ...KpisForDashboardPage
    }
  }
`);

const QUEUE_COLORS = ['#6366f1', '#10b981', '#f59e0b', '#ef4444', '#0ea5e9', '#a855f7'];

const moneyTick = (v: number) => (Math.abs(v) >= 1000 ? `$${Math.round(v / 1000)}k` : `$${v}`);

/** KPIs, aging, invoiced vs collected, the live feed and the runs: the operator's start screen. */
export function DashboardPage() {
  const { data, loading, error, refetch } = useQuery(DashboardQuery, { fetchPolicy: 'cache-and-network' });
  const k = data ? getFragmentData(KpisForDashboardPage, data.kpis) : undefined;
  const aging = k
    ? [
        { name: 'Current', amount: k.aging.current },
        { name: '1–30', amount: k.aging.days1to30 },
        { name: '31–60', amount: k.aging.days31to60 },
        { name: '61–90', amount: k.aging.days61to90 },
        { name: '90+', amount: k.aging.over90 },
      ].map((b) => ({ ...b, value: toChartValue(b.amount) }))
    : [];
  const trend = k ? monthlyTrend(k.monthly) : [];
  const sla = k
    ? slaLines(
        k.monthly.map((m) => m.month),
        k.slaByQueue,
      )
    : { queues: [], points: [] };

  return (
    <>
      <PageHeader
        title="Dashboard"
        subtitle={k ? `Figures as of ${formatDate(k.asOf)}; they update as events arrive.` : 'Receivables, work and runs at a glance.'}
      />
      <ErrorNotice error={error} title="Could not load the dashboard" onRetry={() => void refetch()} />
      <DashboardKpis kpis={k} busy={loading && !data} />

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
          actions={<span className="muted small">by month, net of credit notes; past due at month end</span>}
        >
          {k && trend.every((t) => t.invoiced === '0.00' && t.collected === '0.00' && t.pastDue === '0.00') ? (
            <p className="muted">No issued invoices yet.</p>
          ) : (
            <div
              className="chart"
              role="img"
              aria-label={`Invoiced vs collected: ${trend.map((t) => `${t.label} ${formatMoney(t.invoiced)} invoiced, ${formatMoney(t.collected)} collected, ${formatMoney(t.pastDue)} past due, DSO ${formatDecimal(t.dso)}`).join('; ')}`}
            >
              <ResponsiveContainer width="100%" height={240}>
                <BarChart data={trend} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e5e7eb" />
                  <XAxis dataKey="label" tickLine={false} axisLine={false} fontSize={12} />
                  <YAxis tickFormatter={moneyTick} tickLine={false} axisLine={false} fontSize={12} width={56} />
                  <Tooltip
                    formatter={(_v, name, item) => {
                      const p = item.payload as { invoiced: string; collected: string; pastDue: string };
                      return [formatMoney(name === 'Invoiced' ? p.invoiced : name === 'Collected' ? p.collected : p.pastDue), name];
                    }}
                    cursor={{ fill: '#f3f4f6' }}
                  />
                  <Legend iconType="circle" wrapperStyle={{ fontSize: 12 }} />
                  <Bar dataKey="invoicedValue" name="Invoiced" fill="#a5b4fc" radius={[4, 4, 0, 0]} isAnimationActive={false} />
                  <Bar dataKey="collectedValue" name="Collected" fill="#10b981" radius={[4, 4, 0, 0]} isAnimationActive={false} />
                  <Bar dataKey="pastDueValue" name="Past due" fill="#f59e0b" radius={[4, 4, 0, 0]} isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          )}
        </Card>
      </div>

      <div className="grid grid-2">
        <Card title="DSO by month" actions={<span className="muted small">receivables at month end / invoiced × days</span>}>
          {k && (
            <div className="chart" role="img" aria-label={`DSO: ${trend.map((t) => `${t.label} ${formatDecimal(t.dso)} days`).join(', ')}`}>
              <ResponsiveContainer width="100%" height={200}>
                <LineChart
                  data={trend.map((t) => ({ label: t.label, dso: Number(t.dso) }))}
                  margin={{ top: 8, right: 8, left: 0, bottom: 0 }}
                >
                  <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e5e7eb" />
                  <XAxis dataKey="label" tickLine={false} axisLine={false} fontSize={12} />
                  <YAxis tickLine={false} axisLine={false} fontSize={12} width={40} />
                  <Tooltip />
                  <Line dataKey="dso" name="DSO (days)" stroke="#6366f1" isAnimationActive={false} />
                </LineChart>
              </ResponsiveContainer>
            </div>
          )}
        </Card>
        <Card title="SLA attainment by queue" actions={<span className="muted small">% resolved in time, by month resolved</span>}>
          {k && sla.queues.length === 0 ? (
            <p className="muted">No work items resolved in these months.</p>
          ) : (
            <div
              className="chart"
              role="img"
              aria-label={`SLA attainment: ${k?.slaByQueue.map((r) => `${r.queueKey} ${r.month} ${shareToPercent(r.attainment)}%`).join('; ') ?? ''}`}
            >
              <ResponsiveContainer width="100%" height={200}>
                <LineChart data={sla.points} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e5e7eb" />
                  <XAxis dataKey="label" tickLine={false} axisLine={false} fontSize={12} />
                  <YAxis domain={[0, 100]} tickLine={false} axisLine={false} fontSize={12} width={40} />
                  <Tooltip formatter={(v) => [`${String(v)}%`]} />
                  <Legend iconType="circle" wrapperStyle={{ fontSize: 12 }} />
                  {sla.queues.map((q, i) => (
                    <Line
                      key={q}
                      dataKey={q}
                      name={q}
                      stroke={QUEUE_COLORS[i % QUEUE_COLORS.length]}
                      connectNulls
                      isAnimationActive={false}
                    />
                  ))}
                </LineChart>
              </ResponsiveContainer>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
