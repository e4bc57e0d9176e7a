import { addDays, todayIn } from '../../server/src/common/dates';

/** The hub's "today" in the tests (HUB_TIMEZONE is left at UTC), plus or minus some days. */
export function daysFromToday(days = 0): string {
  return addDays(todayIn('UTC'), days);
}
