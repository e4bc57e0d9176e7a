import { humanizeStatus } from '../labels';

export type ChipTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger' | 'accent';

const TONES: Record<string, ChipTone> = {
  // invoices
  HELD: 'warning',
  ISSUED: 'info',
  PAID: 'success',
  VOID: 'neutral',
  // exceptions and work items
  OPEN: 'warning',
  IN_PROGRESS: 'accent',
  RESOLVED: 'success',
  CRITICAL: 'danger',
  THRESHOLD: 'warning',
  // products
  DRAFT: 'neutral',
  ACTIVE: 'success',
  RETIRED: 'neutral',
  // accounts
  DROP_PENDING: 'warning',
  DROPPED: 'danger',
  CLOSED: 'neutral',
  // runs
  RUNNING: 'accent',
  COMPLETED: 'success',
  FAILED: 'danger',
  // payments and plans
  APPLIED: 'success',
  REVERSED: 'danger',
  BROKEN: 'danger',
  CANCELLED: 'neutral',
  DUE: 'info',
  MISSED: 'danger',
  // usage reads
  UNBILLED: 'info',
  BILLED: 'success',
  REPLACED: 'neutral',
};

export { humanizeStatus };

/** A status as a coloured chip; the text says it, the colour only helps. */
export function StatusChip({ status, tone, label }: { status: string; tone?: ChipTone; label?: string }) {
  return <span className={`chip chip-${tone ?? TONES[status] ?? 'neutral'}`}>{label ?? humanizeStatus(status)}</span>;
}
