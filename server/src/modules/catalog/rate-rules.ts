/**
 * The shape of a rate's prices: a flat unitPrice, or block tiers, for TOTAL
 * reads; and flat prices per other register. Pure checks, no database.
 */
import { badInput } from '../../common/errors/hub-error';
import type { RateTier, RegisterPrice } from './product.entity';
import type { RateTierInput, RegisterPriceInput } from './product.inputs';

const REGISTER = /^[A-Z0-9_]{1,16}$/;
const MAX_TIERS = 20;
const MAX_REGISTERS = 20;

export interface RatePrices {
  /** Micro-units; the first tier's price for a tiered rate. */
  unitPrice: number;
  tiers: RateTier[] | null;
  registerPrices: RegisterPrice[] | null;
}

export interface RatePricesInput {
  unitPrice?: number | null;
  tiers?: RateTierInput[] | null;
  registerPrices?: RegisterPriceInput[] | null;
}

function checkTiers(tiers: RateTierInput[]): RateTier[] {
  if (tiers.length === 0) throw badInput('Rate tiers: give at least one tier, or a unitPrice instead');
  if (tiers.length > MAX_TIERS) throw badInput(`Rate tiers: at most ${MAX_TIERS} tiers`);
  let previous = 0;
  return tiers.map((t, i) => {
    const last = i === tiers.length - 1;
    const upTo = t.upTo ?? null;
    if (t.unitPrice < 0) throw badInput(`Rate tiers[${i}].unitPrice must not be negative`);
    if (last && upTo !== null) throw badInput(`Rate tiers: the last tier must be open (leave its upTo out)`);
    if (!last && upTo === null) throw badInput(`Rate tiers[${i}]: only the last tier may leave upTo out`);
    if (upTo !== null) {
      if (upTo <= previous)
        throw badInput(`Rate tiers[${i}].upTo must be more than ${i === 0 ? 'zero' : "the previous tier's upTo"} (tiers ascend)`);
      previous = upTo;
    }
    return { upTo, unitPrice: t.unitPrice };
  });
}

function checkRegisters(prices: RegisterPriceInput[]): RegisterPrice[] {
  if (prices.length > MAX_REGISTERS) throw badInput(`Rate registerPrices: at most ${MAX_REGISTERS} registers`);
  const seen = new Set<string>();
  return prices.map((p, i) => {
    const register = p.register.trim();
    if (!REGISTER.test(register))
      throw badInput(`Rate registerPrices[${i}].register "${p.register.slice(0, 40)}" must be 1 to 16 characters A-Z, 0-9 and _`);
    if (register === 'TOTAL') throw badInput('Rate registerPrices: TOTAL reads are priced by unitPrice or tiers, not by a register price');
    if (seen.has(register)) throw badInput(`Rate registerPrices: register ${register} is given twice`);
    seen.add(register);
    if (p.unitPrice < 0) throw badInput(`Rate registerPrices[${i}].unitPrice must not be negative`);
    return { register, unitPrice: p.unitPrice };
  });
}

/** The prices a rate input gives, checked: exactly one of unitPrice and tiers; register prices apart. */
export function checkRatePrices(input: RatePricesInput): RatePrices {
  const hasTiers = input.tiers !== null && input.tiers !== undefined;
  const hasFlat = input.unitPrice !== null && input.unitPrice !== undefined;
  if (hasTiers && hasFlat) throw badInput('Rate: give either unitPrice or tiers, not both');
  if (!hasTiers && !hasFlat) throw badInput('Rate: give a unitPrice or tiers');
  const registerPrices = input.registerPrices?.length ? checkRegisters(input.registerPrices) : null;
  if (hasTiers) {
    const tiers = checkTiers(input.tiers as RateTierInput[]);
    return { unitPrice: tiers[0].unitPrice, tiers, registerPrices };
  }
  const unitPrice = input.unitPrice as number;
  if (unitPrice < 0) throw badInput('Rate unitPrice must not be negative');
  return { unitPrice, tiers: null, registerPrices };
}
