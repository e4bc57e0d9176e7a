const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-03-05" -> "Mar 5, 2026", read as a calendar date (no time zone shift). */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  return `${MONTHS[Number(m[2]) - 1]} ${Number(m[3])}, ${m[1]}`;
}

/** "2026-03-05" to "2026-04-05" -> "Mar 5 – Apr 5, 2026" (the end is exclusive, as in the API). */
export function formatPeriod(start: string | null | undefined, end: string | null | undefined): string {
  if (!start) return '—';
  if (!end) return `from ${formatDate(start)}`;
  const [sy] = start.split('-');
  const [ey] = end.split('-');
  const short = (d: string) => formatDate(d).replace(/, \d{4}$/, '');
  return sy === ey ? `${short(start)} – ${short(end)}, ${ey}` : `${formatDate(start)} – ${formatDate(end)}`;
}

/** An ISO instant in the operator's local time: "Mar 5, 14:03". */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const time = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return `${MONTHS[d.getMonth()]} ${d.getDate()}, ${d.getFullYear()} ${time}`;
}

/** A span of time, coarse enough to read at a glance: "45s", "12m", "3h 05m", "2d 4h". */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  const minutes = Math.floor(abs / 60_000);
  if (abs < 60_000) return `${Math.max(0, Math.floor(abs / 1000))}s`;
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  const days = Math.floor(hours / 24);
  return `${days}d ${hours % 24}h`;
}

/** SLA minutes in words: 1440 -> "24 h", 90 -> "1 h 30 min". */
export function formatSla(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h >= 48 && h % 24 === 0 && m === 0) return `${h / 24} days`;
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** Today's calendar date in the browser's time zone, "YYYY-MM-DD". */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Whole calendar days from `from` to `to` (both "YYYY-MM-DD"): 1 for the next day, negative for a day before. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / 86_400_000);
}

/** Where a work item stands against its SLA at `now`. */
export interface SlaStanding {
  /** 0..1 of the SLA used; above 1 once overdue. */
  used: number;
  overdue: boolean;
  label: string;
}

export function slaStanding(createdAt: string, dueAt: string, now: number, resolvedAt?: string | null): SlaStanding {
  const start = new Date(createdAt).getTime();
  const due = new Date(dueAt).getTime();
  const at = resolvedAt ? new Date(resolvedAt).getTime() : now;
  const span = Math.max(1, due - start);
  const used = (at - start) / span;
  const overdue = at > due;
  if (resolvedAt) {
    return { used, overdue, label: overdue ? `resolved ${formatDuration(at - due)} late` : 'resolved within SLA' };
  }
  return { used, overdue, label: overdue ? `overdue by ${formatDuration(at - due)}` : `${formatDuration(due - at)} left` };
}
