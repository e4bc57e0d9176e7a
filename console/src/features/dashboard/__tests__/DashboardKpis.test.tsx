import { screen } from '@testing-library/react';
import type { KpisForDashboardPageFragment } from '../../../generated/graphql';
import { DashboardKpis } from '../DashboardKpis';
import { noneResolvedInSlaWindow } from '../dashboard-math';
import { renderScreen } from '../../../test/render';

/** The dashboard's figures on 2026-12-07, as the hub answers them. */
function kpis(overrides: Partial<KpisForDashboardPageFragment> = {}): KpisForDashboardPageFragment {
  return {
    asOf: '2026-12-07',
    receivables: '0.00',
    dso: '0',
    heldInvoices: 0,
    openExceptions: 0,
    openWorkItems: 0,
    overdueWorkItems: 0,
    slaAttainment: '1',
    aging: { current: '0.00', days1to30: '0.00', days31to60: '0.00', days61to90: '0.00', over90: '0.00' },
    monthly: [],
    slaByQueue: [],
    ...overrides,
  };
}

const slaFigure = () => screen.getByText('SLA attainment').parentElement as HTMLElement;

describe('the SLA attainment figure', () => {
  it('shows no percentage when no work item was resolved in the last 30 days', () => {
    renderScreen(<DashboardKpis kpis={kpis()} busy={false} />);
    expect(slaFigure()).toHaveTextContent('—');
    expect(slaFigure()).toHaveTextContent('no items resolved');
    expect(slaFigure()).not.toHaveTextContent('100.0%');
  });

  it('shows the share kept when items were resolved in the window', () => {
    const rows = [{ queueKey: 'INVOICING', month: '2026-12', attainment: '0.6667', resolved: 3 }];
    renderScreen(<DashboardKpis kpis={kpis({ slaAttainment: '0.6667', slaByQueue: rows })} busy={false} />);
    expect(slaFigure()).toHaveTextContent('66.7%');
    expect(slaFigure()).toHaveTextContent('Last 30 days');
  });

  it('knows the window from the months it touches', () => {
    const resolvedIn = (month: string) => [{ month, resolved: 2 }];
    // The 30 days before 2026-12-07 start on 2026-11-07: November and December count, October does not.
    expect(noneResolvedInSlaWindow('2026-12-07', resolvedIn('2026-10'))).toBe(true);
    expect(noneResolvedInSlaWindow('2026-12-07', resolvedIn('2026-11'))).toBe(false);
    expect(noneResolvedInSlaWindow('2026-12-07', resolvedIn('2026-12'))).toBe(false);
    expect(noneResolvedInSlaWindow('2026-12-07', [{ month: '2026-12', resolved: 0 }])).toBe(true);
    // Across a year's end.
    expect(noneResolvedInSlaWindow('2027-01-10', resolvedIn('2026-12'))).toBe(false);
  });
});
