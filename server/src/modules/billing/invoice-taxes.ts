/**
 * Taxes on a computed invoice, with no database: the TAX lines go on last,
 * after the invoice's own and carried credits, and count in its total (and so
 * in the threshold tests that follow).
 */
import { addDays } from '../../common/dates';
import { invoiceTaxes, type TaxPayer, type TaxRateTerms } from '../taxes/tax-math';
import type { ComputedInvoice, ComputedLine } from './invoice-math-types';

/** The invoice's last day of service: the day before its (half-open) periodEnd. */
export const lastDayOfService = (invoice: { periodEnd: string }): string => addDays(invoice.periodEnd, -1);

export function addTaxLines(
  invoice: ComputedInvoice,
  payer: TaxPayer,
  rates: readonly TaxRateTerms[],
  /** The day whose rates apply: the last day of service, or a charge invoice's issue date. */
  day: string = lastDayOfService(invoice),
): ComputedInvoice {
  const taxes = invoiceTaxes({ payer, day, lines: invoice.lines, rates });
  if (taxes.length === 0) return invoice;
  const lines: ComputedLine[] = taxes.map((t) => ({
    kind: 'TAX',
    description: t.description,
    quantity: null,
    unitPrice: null,
    amount: t.amount,
    periodStart: invoice.periodStart,
    periodEnd: invoice.periodEnd,
    readId: null,
    enrollmentId: null,
    productId: null,
    taxCode: t.code,
  }));
  // Past 2^53 the sum is approximate: the bill run then blocks the invoice (see unstorable).
  const total = invoice.total + taxes.reduce((sum, t) => sum + t.amount, 0);
  return { ...invoice, lines: [...invoice.lines, ...lines], total };
}
