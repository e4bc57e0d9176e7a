import { compareMoney, formatDecimal, formatMoney, fromScaled, isMoneyInput, sumDecimals, sumMoney, toScaled } from '../money';
import { formatDuration, formatPeriod, formatSla, slaStanding } from '../dates';
import { usagePoint } from '../../features/review/usage-history';
import { monthlyTrend, shareToPercent, slaLines } from '../../features/dashboard/dashboard-math';

describe('money, exactly as the API gives it', () => {
  it('formats Money strings without touching their digits', () => {
    expect(formatMoney('1234567.5')).toBe('$1,234,567.50');
    expect(formatMoney('-20.00')).toBe('−$20.00');
    expect(formatMoney('-0.00')).toBe('$0.00');
    expect(formatMoney('90071992547409.93')).toBe('$90,071,992,547,409.93');
    expect(formatMoney(null)).toBe('—');
    expect(formatDecimal('12500.1325')).toBe('12,500.1325');
  });

  it('adds where binary floating point would not', () => {
    expect(sumMoney(['0.10', '0.20'])).toBe('0.30');
    expect(sumMoney(['90071992547409.91', '0.01', '0.01'])).toBe('90071992547409.93');
    expect(sumDecimals(['0.1', '0.2', '0.000001'])).toBe('0.300001');
    expect(compareMoney('10.00', '9.99')).toBe(1);
  });

  it('refuses what is not an exact decimal rather than rounding it', () => {
    expect(() => toScaled('1.234', 2)).toThrow('more than 2 decimal places');
    expect(() => toScaled('1e3', 2)).toThrow('not a decimal number');
    expect(fromScaled(-5n, 2)).toBe('-0.05');
    expect(isMoneyInput('12.5')).toBe(true);
    expect(isMoneyInput('12.555')).toBe(false);
    expect(isMoneyInput('1,200')).toBe(false);
  });

  it('computes usage per day of an invoice from its USAGE lines, rounded half-up', () => {
    const point = usagePoint({
      id: '1',
      number: 'INV-1',
      status: 'HELD',
      periodStart: '2026-02-01',
      periodEnd: '2026-03-01',
      total: '450.10',
      lines: [
        { kind: 'USAGE', quantity: '1000.5' },
        { kind: 'USAGE', quantity: '400' },
        { kind: 'FIXED', quantity: null },
      ],
    });
    expect(point).toMatchObject({ days: 28, quantity: '1400.5', perDay: '50.02' });
  });

  it('shows SLA attainment as a percentage and totals invoiced vs collected per month', () => {
    expect(shareToPercent('0.95235')).toBe('95.2');
    expect(shareToPercent('1')).toBe('100.0');
    const trend = monthlyTrend([{ month: '2026-09', invoiced: '0.30', collected: '0.10', pastDue: '90071992547409.93', dso: '12.5' }]);
    expect(trend[0]).toMatchObject({ label: 'Sep 26', invoiced: '0.30', pastDue: '90071992547409.93', invoicedValue: 0.3 });
    const sla = slaLines(
      ['2026-09', '2026-10'],
      [
        { queueKey: 'REVIEW', month: '2026-10', attainment: '0.95235' },
        { queueKey: 'CALLS', month: '2026-09', attainment: '1' },
      ],
    );
    expect(sla.queues).toEqual(['CALLS', 'REVIEW']);
    expect(sla.points).toEqual([
      { month: '2026-09', label: 'Sep 26', CALLS: 100 },
      { month: '2026-10', label: 'Oct 26', REVIEW: 95.2 },
    ]);
  });
});

describe('dates and SLAs', () => {
  it('reads periods as half-open calendar ranges', () => {
    expect(formatPeriod('2026-10-01', '2026-11-01')).toBe('Oct 1 – Nov 1, 2026');
    expect(formatPeriod('2025-12-01', '2026-01-01')).toBe('Dec 1, 2025 – Jan 1, 2026');
    expect(formatSla(1440)).toBe('24 h');
    expect(formatSla(2880)).toBe('2 days');
    expect(formatSla(90)).toBe('1 h 30 min');
    expect(formatDuration(3 * 3_600_000 + 5 * 60_000)).toBe('3h 05m');
  });

  it('measures a work item against its SLA', () => {
    const created = '2026-11-01T00:00:00.000Z';
    const due = '2026-11-02T00:00:00.000Z';
    expect(slaStanding(created, due, Date.parse('2026-11-01T18:00:00Z'))).toMatchObject({
      overdue: false,
      used: 0.75,
      label: '6h 00m left',
    });
    expect(slaStanding(created, due, Date.parse('2026-11-02T02:30:00Z'))).toMatchObject({ overdue: true, label: 'overdue by 2h 30m' });
    expect(slaStanding(created, due, Date.now(), '2026-11-01T12:00:00Z')).toMatchObject({ overdue: false, label: 'resolved within SLA' });
  });
});
