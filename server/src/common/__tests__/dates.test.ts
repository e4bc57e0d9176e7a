import fc from 'fast-check';
import { ErrorCode, HubError } from '../errors/hub-error';
import { addDays, assertCalendarDate, daysBetween, isCalendarDate, todayIn } from '../dates';

describe('calendar dates', () => {
  it.each(['2026-01-15', '2024-02-29', '2000-02-29', '2026-12-31', '2026-04-30'])('accepts %s', (date) => {
    expect(isCalendarDate(date)).toBe(true);
    expect(assertCalendarDate(date)).toBe(date);
  });

  it.each([
    '2026-02-30',
    '2026-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-1-5',
    '26-01-15',
    '2026/01/15',
    '2026-01-15T00:00:00Z',
    ' 2026-01-15',
    '',
  ])('refuses %j with BAD_USER_INPUT', (date) => {
    expect(isCalendarDate(date)).toBe(false);
    try {
      assertCalendarDate(date, 'startDate');
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(HubError);
      expect((error as HubError).code).toBe(ErrorCode.BAD_USER_INPUT);
      expect((error as HubError).message).toMatch(/^startDate ".*" is not a calendar date written YYYY-MM-DD$/);
    }
  });

  it('adds days across month, leap-day and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('9999-12-30', 1)).toBe('9999-12-31');
    expect(() => addDays('9999-12-31', 21)).toThrow(/9999-12-31 plus 21 days is after 9999-12-31/);
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-01-15', 0)).toBe('2026-01-15');
    expect(addDays('2026-01-15', 21)).toBe('2026-02-05');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
    expect(addDays('2024-01-01', 365)).toBe('2024-12-31');
  });

  it('counts whole days between two dates, leap years included', () => {
    expect(daysBetween('2026-01-01', '2026-01-31')).toBe(30);
    expect(daysBetween('2026-01-31', '2026-01-01')).toBe(-30);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2026-02-01', '2026-03-01')).toBe(28);
    expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29);
    // Spring-forward weekends are whole days too.
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-01-15', addDays('2026-01-15', 1000))).toBe(1000);
  });

  it('gives the same days across more dates than it remembers at once', () => {
    // A plain reference: the calendar walked one day at a time from 1990-01-01.
    const walked: string[] = [];
    for (let d = new Date(Date.UTC(1990, 0, 1)); walked.length < 12_000; d.setUTCDate(d.getUTCDate() + 1)) {
      const month = String(d.getUTCMonth() + 1).padStart(2, '0');
      const day = String(d.getUTCDate()).padStart(2, '0');
      walked.push(`${d.getUTCFullYear()}-${month}-${day}`);
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 11_999 }), fc.integer({ min: 0, max: 11_999 }), (i, j) => {
        expect(addDays(walked[i], j - i)).toBe(walked[j]);
        expect(daysBetween(walked[i], walked[j])).toBe(j - i);
      }),
      { numRuns: 20_000 },
    );
  });

  it("takes today in the retailer's time zone", () => {
    const noonUtc = new Date('2026-01-15T12:00:00Z');
    expect(todayIn('UTC', noonUtc)).toBe('2026-01-15');
    expect(todayIn('Pacific/Auckland', noonUtc)).toBe('2026-01-16');
    expect(todayIn('America/Los_Angeles', new Date('2026-01-15T05:00:00Z'))).toBe('2026-01-14');
    expect(todayIn('America/New_York', new Date('2026-01-01T04:59:59Z'))).toBe('2025-12-31');
    expect(todayIn('America/New_York', new Date('2026-01-01T05:00:00Z'))).toBe('2026-01-01');
  });
});
