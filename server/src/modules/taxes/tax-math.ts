/**
 * Taxes on an invoice, with no database: which of a zone's tax rates apply to
 * an invoice, and the TAX lines they make. Money in integer cents, percentages
 * in micro-units (8.25 % is 8_250_000), days as 'YYYY-MM-DD', as in
 * invoice-math. Used by bill runs and fee invoices, and by anything that has
 * to tax (or untax) a set of lines with an invoice's rates.
 */
import { Decimal, formatDecimal, formatMoney } from '../../common/money';

/** What a tax rate says, as stored. */
export interface TaxRateTerms {
  id?: string;
  zone: string;
  code: string;
  name: string;
  /** Micro-units: 8.25 % is 8_250_000. */
  percent: number;
  /** Line kinds whose amounts make the base. */
  appliesTo: readonly string[];
  effectiveFrom: string;
  effectiveTo: string | null;
}

/** A line as taxes see it: its kind and amount (cents). */
export interface TaxableLine {
  kind: string;
  amount: number;
  /** False for a charge added as not taxable. */
  taxable?: boolean;
}

export interface TaxLine {
  /** The tax code, recorded on the TAX line. */
  code: string;
  rateId?: string;
  /** Cents: the sum of the lines of the kinds the rate applies to (never below 0). */
  base: number;
  /** Cents: base x percent / 100, rounded half-up once. */
  amount: number;
  description: string;
}

/** Percent micro-units per whole: base x percent / (100 x 10^6). */
const PERCENT_MICROS = new Decimal(100).times(1_000_000);

const inEffect = (rate: TaxRateTerms, day: string): boolean =>
  rate.effectiveFrom <= day && (rate.effectiveTo === null || day < rate.effectiveTo);

/**
 * The rates of `zone` in effect on `day`, one per code (rates of one zone and
 * code never overlap), ordered by code so the TAX lines come in a fixed order.
 */
export function taxRatesOn(rates: readonly TaxRateTerms[], zone: string, day: string): TaxRateTerms[] {
  const byCode = new Map<string, TaxRateTerms>();
  for (const rate of rates) {
    if (rate.zone !== zone || !inEffect(rate, day)) continue;
    // The service refuses overlapping rates; two here would be a stored-data bug, not a billing case.
    if (byCode.has(rate.code)) throw new Error(`Two ${zone} ${rate.code} tax rates are in effect on ${day}`);
    byCode.set(rate.code, rate);
  }
  return [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** base x percent / 100 in cents, rounded half-up. */
export function taxOn(base: number, percent: number): number {
  return new Decimal(base).times(percent).dividedBy(PERCENT_MICROS).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

/**
 * One TAX line per rate given that applies to at least one of the lines: its
 * base is the sum of those lines' amounts, and the tax is rounded once per
 * code. A rate none of whose kinds is on the lines makes no line (a late-fee
 * invoice shows no 0.00 utility tax). A base below zero (credits listed in
 * appliesTo larger than the charges beside them) taxes nothing: a tax is never
 * negative. TAX lines among `lines` are never part of a base.
 */
export function computeTaxes(lines: readonly TaxableLine[], rates: readonly TaxRateTerms[]): TaxLine[] {
  const out: TaxLine[] = [];
  for (const rate of rates) {
    const kinds = new Set(rate.appliesTo);
    const taxed = lines.filter((l) => l.kind !== 'TAX' && l.taxable !== false && kinds.has(l.kind));
    if (taxed.length === 0) continue;
    const base = Math.max(0, taxed.reduce((sum, l) => sum.plus(l.amount), new Decimal(0)).toNumber());
    out.push({
      code: rate.code,
      rateId: rate.id,
      base,
      amount: taxOn(base, rate.percent),
      description: `${rate.name} ${formatDecimal(rate.percent)}% of ${formatMoney(base)}`,
    });
  }
  return out;
}

/** Who is taxed: the account's zone and exemption. */
export interface TaxPayer {
  taxZone: string;
  taxExempt: boolean;
}

/**
 * The TAX lines of an invoice of `payer` whose last day of service is `day`:
 * none for an exempt account, else computeTaxes with the zone's rates that day.
 */
export function invoiceTaxes(input: {
  payer: TaxPayer;
  day: string;
  lines: readonly TaxableLine[];
  rates: readonly TaxRateTerms[];
}): TaxLine[] {
  if (input.payer.taxExempt) return [];
  return computeTaxes(input.lines, taxRatesOn(input.rates, input.payer.taxZone, input.day));
}
