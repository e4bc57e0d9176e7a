import { addDays } from '../../common/dates';
import { badInput } from '../../common/errors/hub-error';

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/** "HH:MM", 00:00 to 23:59. */
export function parseTimeOfDay(text: string): string {
  const value = text.trim();
  if (!TIME_OF_DAY.test(value)) throw badInput(`timeOfDay "${text.slice(0, 20)}" is not a time of day; write HH:MM, 00:00 to 23:59`);
  return value;
}

// One formatter per zone: building one costs far more than using it.
const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** The time of day in the zone, "HH:MM". */
export function timeOfDayIn(timeZone: string, now: Date): string {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clockFormats.set(timeZone, format);
  }
  return format.format(now);
}

/**
 * The first day a schedule set now may start a run: today when its time is
 * still ahead, else tomorrow. Setting a schedule at 10:00 for 06:00 does not
 * start a run at once.
 */
export function firstDateFor({ today, now, timeOfDay }: { today: string; now: string; timeOfDay: string }): string {
  return timeOfDay > now ? today : addDays(today, 1);
}

export interface ScheduleState {
  enabled: boolean;
  timeOfDay: string;
  firstDate: string | null;
  lastRunDate: string | null;
}

/**
 * Whether the schedule's run of today is due: enabled, its time come, and no
 * run of today started yet. A process that was down at the time starts it
 * when it comes back, the same day.
 */
export function isDue(s: ScheduleState, { today, now }: { today: string; now: string }): boolean {
  return (
    s.enabled && s.timeOfDay <= now && (s.firstDate === null || s.firstDate <= today) && (s.lastRunDate === null || s.lastRunDate < today)
  );
}
