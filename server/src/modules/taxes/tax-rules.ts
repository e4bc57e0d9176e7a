/** The rules a tax rate must keep, with no database. */
import { badInput } from '../../common/errors/hub-error';
import { requireText } from '../../common/validation';
import { InvoiceLineKind } from '../billing/billing.entity';
import { periodsOverlap } from '../catalog/product-rules';

const TAX_KEY = /^[A-Za-z0-9_]+$/;
/** 100 % in micro-units. */
const HUNDRED_PERCENT = 100_000_000;

/** A zone or code: letters, digits and _, stored upper-case. */
export function normalizeTaxKey(value: string, field: string): string {
  return requireText(value, field, 32, { pattern: TAX_KEY, hint: 'may use letters, digits and _ only' }).toUpperCase();
}

export interface ValidTaxRate {
  zone: string;
  code: string;
  name: string;
  percent: number;
  appliesTo: InvoiceLineKind[];
  effectiveFrom: string;
  effectiveTo: string | null;
}

export function validateTaxRate(input: {
  zone: string;
  code: string;
  name: string;
  percent: number;
  appliesTo: readonly InvoiceLineKind[];
  effectiveFrom: string;
  effectiveTo?: string | null;
}): ValidTaxRate {
  const zone = normalizeTaxKey(input.zone, 'Tax zone');
  const code = normalizeTaxKey(input.code, 'Tax code');
  const name = requireText(input.name, 'Tax rate name', 128);
  if (!Number.isSafeInteger(input.percent) || input.percent < 0 || input.percent > HUNDRED_PERCENT) {
    throw badInput(`Tax rate ${zone} ${code}: percent must be from 0 to 100`);
  }
  if (input.appliesTo.length === 0) {
    throw badInput(`Tax rate ${zone} ${code}: appliesTo must list at least one line kind (e.g. USAGE, FIXED)`);
  }
  if (input.appliesTo.includes(InvoiceLineKind.TAX)) {
    throw badInput(`Tax rate ${zone} ${code}: appliesTo must not list TAX; a tax is never charged on another tax`);
  }
  const effectiveTo = input.effectiveTo ?? null;
  checkEnd(input.effectiveFrom, effectiveTo, `Tax rate ${zone} ${code}`);
  return {
    zone,
    code,
    name,
    percent: input.percent,
    // Once each, in the enum's order, so equal lists read the same.
    appliesTo: Object.values(InvoiceLineKind).filter((k) => input.appliesTo.includes(k)),
    effectiveFrom: input.effectiveFrom,
    effectiveTo,
  };
}

export function checkEnd(effectiveFrom: string, effectiveTo: string | null, what: string): void {
  if (effectiveTo !== null && effectiveTo <= effectiveFrom) {
    throw badInput(`${what}: effectiveTo ${effectiveTo} must be after effectiveFrom ${effectiveFrom}`);
  }
}

interface Dated {
  id?: string;
  zone: string;
  code: string;
  effectiveFrom: string;
  effectiveTo: string | null;
}

const period = (r: Dated) => `from ${r.effectiveFrom} to ${r.effectiveTo ?? 'open end'}`;

/** BAD_USER_INPUT naming the rate of the same zone and code that `rate` would overlap. */
export function checkNoTaxOverlap(others: readonly Dated[], rate: Dated): void {
  const clash = others.find(
    (r) =>
      r.id !== rate.id &&
      r.zone === rate.zone &&
      r.code === rate.code &&
      periodsOverlap({ from: r.effectiveFrom, to: r.effectiveTo }, { from: rate.effectiveFrom, to: rate.effectiveTo }),
  );
  if (clash) {
    throw badInput(
      `The ${rate.zone} ${rate.code} tax rate ${period(rate)} overlaps tax rate ${clash.id ?? ''} ${period(clash)}; ` +
        'rates of one zone and code must not overlap (end the current one first)',
      { overlaps: clash.id ?? null },
    );
  }
}
