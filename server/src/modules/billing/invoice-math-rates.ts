/**
 * The prices of one span (one read, one rate): a flat price, a register's
 * price, or block tiers. Pure arithmetic on micro-units.
 */
import { Decimal } from 'decimal.js';
import { MICROS_PER_UNIT } from '../../common/money';
import type { RateInput } from './invoice-math-types';

export const TOTAL_REGISTER = 'TOTAL';
/** Tier limits are per this many days, prorated by the span's days. */
export const TIER_DAYS = 30;

export const isTotal = (register: string | undefined): boolean => register === undefined || register === TOTAL_REGISTER;

/**
 * The flat price of a read on `register` at `rate`: the rate's unitPrice for
 * TOTAL, the register's price otherwise; null when the rate has no price for
 * that register (MISSING_RATE).
 */
export function flatPriceOf(rate: RateInput, register: string | undefined): number | null {
  if (isTotal(register)) return rate.unitPrice;
  return rate.registerPrices?.find((p) => p.register === register)?.unitPrice ?? null;
}

/** True when TOTAL reads at this rate are priced by block tiers. */
export const isTiered = (rate: RateInput): boolean => (rate.tiers?.length ?? 0) > 0;

export interface TierPart {
  /** 1-based. */
  tier: number;
  tiers: number;
  /** Micro-units. */
  quantity: number;
  /** Micro-units of money per unit. */
  unitPrice: number;
}

/**
 * Fills the tiers in order with a span's quantity (micro-units) over `days`
 * days. A tier's limit is upTo x days / 30, exact, taken down to the whole
 * micro-unit. Tiers that get nothing are left out; a span of no quantity
 * gives one empty part at the first tier, so it still has a line.
 */
export function fillTiers(quantity: number, days: number, tiers: NonNullable<RateInput['tiers']>): TierPart[] {
  const parts: TierPart[] = [];
  let filled = 0;
  for (let i = 0; i < tiers.length && filled < quantity; i++) {
    const upTo = tiers[i].upTo;
    const limit = upTo === null ? quantity : Math.min(quantity, new Decimal(upTo).times(days).dividedBy(TIER_DAYS).floor().toNumber());
    if (limit > filled) {
      parts.push({ tier: i + 1, tiers: tiers.length, quantity: limit - filled, unitPrice: tiers[i].unitPrice });
      filled = limit;
    }
  }
  if (parts.length === 0) parts.push({ tier: 1, tiers: tiers.length, quantity, unitPrice: tiers[0].unitPrice });
  return parts;
}

/** A tier's quantity x its price (micro-units both), in cents, rounded half-up. */
export function tierAmount(quantity: number, unitPrice: number): number {
  return new Decimal(quantity)
    .times(unitPrice)
    .dividedBy(MICROS_PER_UNIT * MICROS_PER_UNIT)
    .times(100)
    .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
    .toNumber();
}
