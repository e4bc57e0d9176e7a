import { firstDateFor, isDue, parseTimeOfDay, timeOfDayIn } from '../schedule-rules';

describe('parseTimeOfDay', () => {
  it('takes HH:MM from 00:00 to 23:59', () => {
    expect(parseTimeOfDay('00:00')).toBe('00:00');
    expect(parseTimeOfDay(' 23:59 ')).toBe('23:59');
  });

  it.each(['24:00', '6:00', '06:60', '06:00:00', 'noon', ''])('refuses %p with BAD_USER_INPUT', (text) => {
    expect(() => parseTimeOfDay(text)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});

describe('timeOfDayIn', () => {
  it("is the zone's clock", () => {
    const moment = new Date('2026-03-01T23:30:00Z');
    expect(timeOfDayIn('UTC', moment)).toBe('23:30');
    expect(timeOfDayIn('Pacific/Kiritimati', moment)).toBe('13:30');
    expect(timeOfDayIn('America/New_York', new Date('2026-03-01T05:05:00Z'))).toBe('00:05');
  });
});

describe('firstDateFor', () => {
  it('is today while the time is ahead, else tomorrow', () => {
    expect(firstDateFor({ today: '2026-03-01', now: '05:59', timeOfDay: '06:00' })).toBe('2026-03-01');
    expect(firstDateFor({ today: '2026-03-01', now: '06:00', timeOfDay: '06:00' })).toBe('2026-03-02');
    expect(firstDateFor({ today: '2026-12-31', now: '10:00', timeOfDay: '06:00' })).toBe('2027-01-01');
  });
});

describe('isDue', () => {
  const schedule = { enabled: true, timeOfDay: '06:00', firstDate: '2026-03-01', lastRunDate: null };

  it('once its time of day has come, from its first day, when no run of the day started', () => {
    expect(isDue(schedule, { today: '2026-03-01', now: '06:00' })).toBe(true);
    expect(isDue(schedule, { today: '2026-03-01', now: '23:59' })).toBe(true);
    expect(isDue(schedule, { today: '2026-03-01', now: '05:59' })).toBe(false);
    expect(isDue(schedule, { today: '2026-02-28', now: '07:00' })).toBe(false);
  });

  it('never twice a day, and never when disabled', () => {
    expect(isDue({ ...schedule, lastRunDate: '2026-03-01' }, { today: '2026-03-01', now: '07:00' })).toBe(false);
    expect(isDue({ ...schedule, lastRunDate: '2026-03-01' }, { today: '2026-03-02', now: '07:00' })).toBe(true);
    expect(isDue({ ...schedule, enabled: false }, { today: '2026-03-01', now: '07:00' })).toBe(false);
  });
});
