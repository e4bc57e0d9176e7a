import { badInput } from '../../common/errors/hub-error';
import { optionalText, requireInt, requireText } from '../../common/validation';
import { Incentive, PromoCode, Rate } from './product.entity';
import type { IncentiveInput, PromoCodeInput, RateInput } from './product.inputs';
import { checkRatePrices } from './rate-rules';

const PROMO_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const MAX_ITEMS = 500;
const HUNDRED_PERCENT = 100_000_000; // micro-units

interface Period {
  from: string;
  to: string | null;
}

/** Half-open periods [from, to) overlap when each starts before the other ends (null: open-ended). */
export function periodsOverlap(a: Period, b: Period): boolean {
  return (b.to === null || a.from < b.to) && (a.to === null || b.from < a.to);
}

export function checkPeriod(
  from: string | null | undefined,
  to: string | null | undefined,
  what: string,
  opts: { allowEmpty?: boolean } = {},
): void {
  if (from && to && (to < from || (to === from && !opts.allowEmpty)))
    throw badInput(`${what}: the end ${to} must be after the start ${from}`);
}

export function validateRate(input: RateInput): Rate {
  checkPeriod(input.effectiveFrom, input.effectiveTo, 'Rate');
  const prices = checkRatePrices(input);
  return Object.assign(new Rate(), {
    effectiveFrom: input.effectiveFrom,
    effectiveTo: input.effectiveTo ?? null,
    ...prices,
  });
}

export function checkNoOverlap(existing: Rate[], added: Rate[]): void {
  const all = [...existing];
  for (const rate of added) {
    const clash = all.find((r) =>
      periodsOverlap({ from: r.effectiveFrom, to: r.effectiveTo }, { from: rate.effectiveFrom, to: rate.effectiveTo }),
    );
    if (clash) {
      throw badInput(
        `The rate from ${rate.effectiveFrom} to ${rate.effectiveTo ?? 'open end'} overlaps the rate from ${clash.effectiveFrom} to ${
          clash.effectiveTo ?? 'open end'
        }; rates of one product must not overlap`,
      );
    }
    all.push(rate);
  }
}

export function validatePromo(input: PromoCodeInput): PromoCode {
  const code = requireText(input.code, 'Promo code', 32, {
    pattern: PROMO_CODE,
    hint: 'may use letters, digits, _ and - only',
  }).toUpperCase();
  const percentOff = input.percentOff ?? null;
  const amountOff = input.amountOff ?? null;
  if (percentOff === null && amountOff === null) throw badInput(`Promo code ${code} needs percentOff or amountOff`);
  // Which applies first would change the discount; a promo code gives one or the other.
  if (percentOff !== null && amountOff !== null) throw badInput(`Promo code ${code}: give percentOff or amountOff, not both`);
  if (percentOff !== null && (percentOff <= 0 || percentOff > HUNDRED_PERCENT)) {
    throw badInput(`Promo code ${code}: percentOff must be more than 0 and at most 100`);
  }
  if (amountOff !== null && amountOff <= 0) throw badInput(`Promo code ${code}: amountOff must be more than 0`);
  checkPeriod(input.validFrom, input.validTo, `Promo code ${code}`);
  if (input.maxRedemptions !== null && input.maxRedemptions !== undefined) {
    requireInt(input.maxRedemptions, `Promo code ${code} maxRedemptions`, 1, 1_000_000_000);
  }
  return Object.assign(new PromoCode(), {
    code,
    description: optionalText(input.description, 'Promo code description', 255),
    percentOff,
    amountOff,
    validFrom: input.validFrom ?? null,
    validTo: input.validTo ?? null,
    maxRedemptions: input.maxRedemptions ?? null,
    redemptions: 0,
    active: true,
  });
}

export function validateIncentive(input: IncentiveInput): Incentive {
  if (input.value <= 0) throw badInput('Incentive value must be more than 0');
  return Object.assign(new Incentive(), {
    kind: input.kind,
    description: requireText(input.description, 'Incentive description', 255),
    value: input.value,
  });
}

export function checkCount(list: unknown[] | null | undefined, what: string): void {
  if (list && list.length > MAX_ITEMS) throw badInput(`At most ${MAX_ITEMS} ${what} in one call; got ${list.length}`);
}

export function checkPromoCodesUnique(existing: PromoCode[], added: PromoCode[]): void {
  const seen = new Set(existing.map((p) => p.code));
  for (const promo of added) {
    if (seen.has(promo.code)) throw badInput(`Promo code ${promo.code} already exists on this product`);
    seen.add(promo.code);
  }
}
