import { badInput } from './errors/hub-error';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  const m = DATE_PATTERN.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCDate() === day && d.getUTCMonth() === month - 1;
}

export function assertCalendarDate(text: string, what = 'Date'): string {
  if (!isCalendarDate(text)) {
    throw badInput(`${what} "${text.slice(0, 40)}" is not a calendar date written YYYY-MM-DD`);
  }
  return text;
}

/**
 * A bill run prices each account's period with the same few dates over and
 * over; parsing and writing a date costs several times a lookup, so both are
 * remembered, up to a bound past which the memo starts again.
 */
const DAY_MEMO_LIMIT = 4_096;
const epochDays = new Map<string, number>();
const dayTexts = new Map<number, string>();

function remembered<K, V>(memo: Map<K, V>, key: K, make: (key: K) => V): V {
  let value = memo.get(key);
  if (value === undefined) {
    if (memo.size >= DAY_MEMO_LIMIT) memo.clear();
    value = make(key);
    memo.set(key, value);
  }
  return value;
}

function toEpochDay(date: string): number {
  return remembered(epochDays, date, (text) => Date.parse(`${text}T00:00:00Z`) / DAY_MS);
}

function fromEpochDay(day: number): string {
  return remembered(dayTexts, day, (n) => new Date(n * DAY_MS).toISOString().slice(0, 10));
}

/** The last day a Date (and a MySQL DATE column) can hold. */
const LAST_DAY = '9999-12-31';
const LAST_EPOCH_DAY = toEpochDay(LAST_DAY);

export function addDays(date: string, days: number): string {
  const day = toEpochDay(date) + days;
  // Past 9999 toISOString writes "+010000-01-21", which no Date column stores and no client can read as a date.
  if (day > LAST_EPOCH_DAY)
    throw badInput(`${date} plus ${days} day${days === 1 ? '' : 's'} is after ${LAST_DAY}, the last day the hub keeps`);
  return fromEpochDay(day);
}

/** Whole days from `from` to `to` (to - from). */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** Today's calendar date in the retailer's time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return dayFormat(timeZone).format(now);
}

// Building an Intl.DateTimeFormat costs far more than using one, and "today" is asked on every catalog read.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** The later of two days (YYYY-MM-DD). */
export function laterDay(a: string, b: string): string {
  return a < b ? b : a;
}
