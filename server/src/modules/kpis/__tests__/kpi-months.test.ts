import { attainment, monthlyDso, monthWindows } from '../kpi-months';

describe('monthWindows', () => {
  it('lists whole months before the month of asOf, which counts through asOf', () => {
    expect(monthWindows('2026-03-15', 3)).toEqual([
      { month: '2026-01', from: '2026-01-01', toExclusive: '2026-02-01' },
      { month: '2026-02', from: '2026-02-01', toExclusive: '2026-03-01' },
      { month: '2026-03', from: '2026-03-01', toExclusive: '2026-03-16' },
    ]);
  });
  it('crosses a year boundary', () => {
    expect(monthWindows('2026-01-31', 2).map((w) => w.month)).toEqual(['2025-12', '2026-01']);
    expect(monthWindows('2025-12-31', 1)[0].toExclusive).toBe('2026-01-01');
  });
});

describe('monthlyDso and attainment', () => {
  it('scales receivables over invoiced by the days of the month', () => {
    const feb = { month: '2026-02', from: '2026-02-01', toExclusive: '2026-03-01' };
    expect(monthlyDso(1000, 2000, feb).toString()).toBe('14');
    expect(monthlyDso(1000, 3000, feb).toString()).toBe('9.33');
    expect(monthlyDso(1000, 0, feb).toString()).toBe('0');
  });
  it('is null when nothing was resolved', () => {
    expect(attainment(0, 0)).toBeNull();
    expect(attainment(2, 3)?.toString()).toBe('0.6667');
  });
});
