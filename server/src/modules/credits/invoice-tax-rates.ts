/**
 * The tax rates an invoice was taxed at, with no database: for each code of
 * its TAX lines, the rate of that code in effect on the invoice's tax day,
 * the account's zone first; a rate is taken only when the TAX line's words
 * ("<name> <percent>% of ...") say it is the one that taxed it, so a rate or
 * zone changed since the invoice is never used in its place.
 */
import { addDays } from '../../common/dates';
import { formatDecimal } from '../../common/money';
import type { TaxRateTerms } from '../taxes/tax-math';
import type { InvoiceTaxRate } from './credit-lines';

/** The day whose rates taxed the invoice: its last day of service; a fee or charges-only invoice (no period): its day. */
export function invoiceTaxDay(invoice: { periodStart: string; periodEnd: string }): string {
  return invoice.periodStart === invoice.periodEnd ? invoice.periodEnd : addDays(invoice.periodEnd, -1);
}

export function invoiceTaxRates(input: {
  taxLines: ReadonlyArray<{ taxCode: string | null; description: string }>;
  zone: string;
  day: string;
  rates: readonly TaxRateTerms[];
}): InvoiceTaxRate[] {
  const out: InvoiceTaxRate[] = [];
  for (const line of input.taxLines) {
    if (!line.taxCode || out.some((r) => r.code === line.taxCode)) continue;
    const candidates = input.rates
      .filter((r) => r.code === line.taxCode && r.effectiveFrom <= input.day && (r.effectiveTo === null || input.day < r.effectiveTo))
      .filter((r) => line.description.startsWith(`${r.name} ${formatDecimal(r.percent)}% of `))
      .sort((a, b) => Number(b.zone === input.zone) - Number(a.zone === input.zone));
    const rate = candidates[0];
    if (rate) out.push({ code: rate.code, name: rate.name, percent: rate.percent, appliesTo: rate.appliesTo });
  }
  return out;
}
