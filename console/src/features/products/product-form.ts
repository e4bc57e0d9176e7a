import type { CreateProductInput, IncentiveInput, IncentiveKind, PromoCodeInput, RateInput } from '../../generated/graphql';
import { isDecimalInput, isMoneyInput } from '../../shared/money';

export interface TierDraft {
  /** Empty on the last tier. */
  upTo: string;
  unitPrice: string;
}

export interface RegisterPriceDraft {
  register: string;
  unitPrice: string;
}

export interface RateDraft {
  effectiveFrom: string;
  effectiveTo: string;
  /** Flat price of TOTAL reads; unused when the rate has tiers. */
  unitPrice: string;
  tiers: TierDraft[];
  registerPrices: RegisterPriceDraft[];
}

export interface PromoDraft {
  code: string;
  description: string;
  kind: 'percent' | 'amount';
  value: string;
  validFrom: string;
  validTo: string;
  maxRedemptions: string;
}

export interface IncentiveDraft {
  kind: IncentiveKind;
  description: string;
  value: string;
}

export interface ProductDraft {
  code: string;
  name: string;
  description: string;
  unit: string;
  fixedCharge: string;
  termMonths: string;
  rates: RateDraft[];
  promoCodes: PromoDraft[];
  incentives: IncentiveDraft[];
}

export const emptyRate = (): RateDraft => ({ effectiveFrom: '', effectiveTo: '', unitPrice: '', tiers: [], registerPrices: [] });
export const emptyPromo = (): PromoDraft => ({
  code: '',
  description: '',
  kind: 'percent',
  value: '',
  validFrom: '',
  validTo: '',
  maxRedemptions: '',
});
export const emptyIncentive = (): IncentiveDraft => ({ kind: 'BILL_CREDIT', description: '', value: '' });

export const emptyProduct = (): ProductDraft => ({
  code: '',
  name: '',
  description: '',
  unit: 'kWh',
  fixedCharge: '0.00',
  termMonths: '',
  rates: [emptyRate()],
  promoCodes: [],
  incentives: [],
});

/** Field errors keyed by path ("code", "rates.0.unitPrice"). Empty when the draft can be sent. */
export type DraftErrors = Record<string, string>;

export function validateRate(r: RateDraft, prefix = ''): DraftErrors {
  const e: DraftErrors = {};
  if (!r.effectiveFrom) e[`${prefix}effectiveFrom`] = 'Choose the first day the rate applies.';
  if (r.effectiveTo && r.effectiveFrom && r.effectiveTo <= r.effectiveFrom)
    e[`${prefix}effectiveTo`] = 'Must be after the start (the end day is not covered).';
  if (r.tiers.length === 0 && !isDecimalInput(r.unitPrice))
    e[`${prefix}unitPrice`] = 'A price per unit such as 0.1325 (up to six decimals).';
  let previous = 0;
  r.tiers.forEach((t, i) => {
    const last = i === r.tiers.length - 1;
    if (!isDecimalInput(t.unitPrice)) e[`${prefix}tiers.${i}.unitPrice`] = 'A price per unit such as 0.1325.';
    if (last && t.upTo.trim()) e[`${prefix}tiers.${i}.upTo`] = 'Leave the last tier open (no upper bound).';
    else if (!last && (!isDecimalInput(t.upTo) || Number(t.upTo) <= previous))
      e[`${prefix}tiers.${i}.upTo`] = 'An upper bound per 30 days, more than the tier before.';
    if (!last && isDecimalInput(t.upTo)) previous = Number(t.upTo);
  });
  const seen = new Set<string>();
  r.registerPrices.forEach((p, i) => {
    const register = p.register.trim();
    if (!/^[A-Z0-9_]{1,16}$/.test(register) || register === 'TOTAL')
      e[`${prefix}registerPrices.${i}.register`] = 'A register such as ON_PEAK (A-Z, 0-9, _), not TOTAL.';
    else if (seen.has(register)) e[`${prefix}registerPrices.${i}.register`] = 'Each register once.';
    seen.add(register);
    if (!isDecimalInput(p.unitPrice)) e[`${prefix}registerPrices.${i}.unitPrice`] = 'A price per unit such as 0.0890.';
  });
  return e;
}

export function validatePromo(p: PromoDraft, prefix = ''): DraftErrors {
  const e: DraftErrors = {};
  if (!/^[A-Z0-9_-]{2,32}$/.test(p.code)) e[`${prefix}code`] = 'Upper-case letters, digits, - or _, 2 to 32 characters.';
  if (p.kind === 'percent' && (!isDecimalInput(p.value) || Number(p.value) <= 0 || Number(p.value) > 100))
    e[`${prefix}value`] = 'A percentage between 0 and 100.';
  if (p.kind === 'amount' && (!isMoneyInput(p.value) || /^0*(\.0*)?$/.test(p.value)))
    e[`${prefix}value`] = 'An amount such as 25 or 25.00.';
  if (p.validFrom && p.validTo && p.validTo <= p.validFrom) e[`${prefix}validTo`] = 'Must be after the start.';
  if (p.maxRedemptions && !/^[1-9]\d*$/.test(p.maxRedemptions)) e[`${prefix}maxRedemptions`] = 'A whole number, or empty for no limit.';
  return e;
}

export function validateIncentive(i: IncentiveDraft, prefix = ''): DraftErrors {
  const e: DraftErrors = {};
  if (!i.description.trim()) e[`${prefix}description`] = 'Say what the customer gets.';
  if (!isMoneyInput(i.value)) e[`${prefix}value`] = 'Its value, such as 50 or 50.00.';
  return e;
}

/** Rates of one product must not overlap (the end day is exclusive). */
export function overlappingRates(rates: readonly RateDraft[]): [number, number] | null {
  for (let i = 0; i < rates.length; i++) {
    for (let j = i + 1; j < rates.length; j++) {
      const a = rates[i];
      const b = rates[j];
      if (!a.effectiveFrom || !b.effectiveFrom) continue;
      const aEndsAfterBStarts = !a.effectiveTo || a.effectiveTo > b.effectiveFrom;
      const bEndsAfterAStarts = !b.effectiveTo || b.effectiveTo > a.effectiveFrom;
      if (aEndsAfterBStarts && bEndsAfterAStarts) return [i, j];
    }
  }
  return null;
}

export function validateProduct(d: ProductDraft): DraftErrors {
  const e: DraftErrors = {};
  if (!/^[A-Z0-9_-]{2,32}$/.test(d.code)) e.code = 'Upper-case letters, digits, - or _, 2 to 32 characters.';
  if (!d.name.trim()) e.name = 'Give the product a name customers recognise.';
  if (!d.unit.trim()) e.unit = 'The unit usage is measured in, e.g. kWh.';
  if (!isMoneyInput(d.fixedCharge)) e.fixedCharge = 'An amount such as 9.95, or 0.';
  if (d.termMonths && !/^[1-9]\d*$/.test(d.termMonths)) e.termMonths = 'Whole months, or empty for no term.';
  d.rates.forEach((r, i) => Object.assign(e, validateRate(r, `rates.${i}.`)));
  const overlap = overlappingRates(d.rates);
  if (overlap) e[`rates.${overlap[1]}.effectiveFrom`] = `Overlaps rate ${overlap[0] + 1}: rates of one product never overlap.`;
  d.promoCodes.forEach((p, i) => Object.assign(e, validatePromo(p, `promoCodes.${i}.`)));
  d.incentives.forEach((x, i) => Object.assign(e, validateIncentive(x, `incentives.${i}.`)));
  return e;
}

export const toRateInput = (r: RateDraft): RateInput => ({
  effectiveFrom: r.effectiveFrom,
  effectiveTo: r.effectiveTo || null,
  ...(r.tiers.length > 0
    ? { tiers: r.tiers.map((t) => ({ upTo: t.upTo.trim() || null, unitPrice: t.unitPrice.trim() })) }
    : { unitPrice: r.unitPrice.trim() }),
  ...(r.registerPrices.length > 0
    ? { registerPrices: r.registerPrices.map((p) => ({ register: p.register.trim(), unitPrice: p.unitPrice.trim() })) }
    : {}),
});

export const toPromoInput = (p: PromoDraft): PromoCodeInput => ({
  code: p.code.trim(),
  description: p.description.trim() || null,
  percentOff: p.kind === 'percent' ? p.value.trim() : null,
  amountOff: p.kind === 'amount' ? p.value.trim() : null,
  validFrom: p.validFrom || null,
  validTo: p.validTo || null,
  maxRedemptions: p.maxRedemptions ? Number(p.maxRedemptions) : null,
});

export const toIncentiveInput = (i: IncentiveDraft): IncentiveInput => ({
  kind: i.kind,
  description: i.description.trim(),
  value: i.value.trim(),
});

export function toCreateInput(d: ProductDraft): CreateProductInput {
  return {
    code: d.code.trim(),
    name: d.name.trim(),
    description: d.description.trim() || null,
    unit: d.unit.trim(),
    fixedCharge: d.fixedCharge.trim(),
    termMonths: d.termMonths ? Number(d.termMonths) : null,
    rates: d.rates.map(toRateInput),
    promoCodes: d.promoCodes.map(toPromoInput),
    incentives: d.incentives.map(toIncentiveInput),
  };
}

/** A stored rate as a form draft, to edit it. */
export const rateDraftOf = (r: {
  effectiveFrom: string;
  effectiveTo?: string | null;
  unitPrice: string;
  tiers?: ReadonlyArray<{ upTo?: string | null; unitPrice: string }>;
  registerPrices?: ReadonlyArray<{ register: string; unitPrice: string }>;
}): RateDraft => ({
  effectiveFrom: r.effectiveFrom,
  effectiveTo: r.effectiveTo ?? '',
  unitPrice: r.tiers?.length ? '' : r.unitPrice,
  tiers: (r.tiers ?? []).map((t) => ({ upTo: t.upTo ?? '', unitPrice: t.unitPrice })),
  registerPrices: (r.registerPrices ?? []).map((p) => ({ register: p.register, unitPrice: p.unitPrice })),
});

/** A stored promo code as a form draft, to edit it. */
export const promoDraftOf = (p: {
  code: string;
  description?: string | null;
  percentOff?: string | null;
  amountOff?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  maxRedemptions?: number | null;
}): PromoDraft => ({
  code: p.code,
  description: p.description ?? '',
  kind: p.percentOff ? 'percent' : 'amount',
  value: p.percentOff ?? p.amountOff ?? '',
  validFrom: p.validFrom ?? '',
  validTo: p.validTo ?? '',
  maxRedemptions: p.maxRedemptions ? String(p.maxRedemptions) : '',
});
