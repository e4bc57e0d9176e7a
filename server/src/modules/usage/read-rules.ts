/**
 * The rules that decide what becomes of an incoming read, with no database:
 * its register, and what it is beside a stored read of the same account,
 * register and period (its twin) or beside reads it overlaps.
 */
import { invoiceNumber } from '../billing/invoice-number';
import { DEFAULT_REGISTER } from './usage.entity';

const REGISTER = /^[A-Z0-9_]{1,16}$/;

/** The register an input names (default TOTAL), or an error message saying what to fix. */
export function parseRegister(value: string | null | undefined): { register: string } | { error: string } {
  if (value === null || value === undefined) return { register: DEFAULT_REGISTER };
  const register = value.trim();
  if (REGISTER.test(register)) return { register };
  return {
    error: `register "${value.slice(0, 40)}" must be 1 to 16 characters A-Z, 0-9 and _ (such as TOTAL, ON_PEAK, OFF_PEAK, DEMAND)`,
  };
}

export interface ReadValues {
  quantity: number;
  estimated: boolean;
}

export type TwinDecision = 'DUPLICATE' | 'REPLACE' | 'CONFLICT';

/**
 * An incoming read beside the stored read of the same account, register and
 * period: the same quantity and quality is a duplicate; an actual read
 * replaces an estimated one; otherwise it replaces only when the input says
 * `replace` (a corrected read), and is a conflict when it does not.
 */
export function decideTwin({ stored, incoming, replace }: { stored: ReadValues; incoming: ReadValues; replace: boolean }): TwinDecision {
  if (stored.quantity === incoming.quantity && stored.estimated === incoming.estimated) return 'DUPLICATE';
  if (stored.estimated && !incoming.estimated) return 'REPLACE';
  return replace ? 'REPLACE' : 'CONFLICT';
}

export interface Replaced {
  estimated: boolean;
  invoiceId: string | null;
  /** Whether invoiceId is ISSUED or PAID: its charges are credited and billed again. */
  invoiceStands: boolean;
  correctsInvoiceId: string | null;
  correction: string | null;
}

/**
 * What a replacement read corrects: the issued invoice that billed the read
 * it replaces, or, when that read was not on one, whatever that read itself
 * corrected (an actual read replacing a billed estimate, then corrected again
 * before the next run, still corrects the estimate's invoice).
 */
export function correctionOf(
  replaced: Replaced,
  incoming: { estimated: boolean },
): { correctsInvoiceId: string | null; correction: string | null } {
  if (replaced.invoiceId && replaced.invoiceStands) {
    const how = replaced.estimated && !incoming.estimated ? 'actual read replaces estimate' : 'corrected read';
    return { correctsInvoiceId: replaced.invoiceId, correction: `Corrects ${invoiceNumber(replaced.invoiceId)}: ${how}` };
  }
  return { correctsInvoiceId: replaced.correctsInvoiceId, correction: replaced.correction };
}
