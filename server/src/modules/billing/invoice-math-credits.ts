/**
 * The credits of one account's invoice (promo codes, bill credits) and the
 * incentives it earns: the part of the invoice arithmetic that follows its
 * charges. Same units as invoice-math.ts: money in integer cents.
 */
import { Decimal, formatDecimal, formatMoney, MICROS_PER_UNIT } from '../../common/money';
import {
  creditKey,
  type CarryForward,
  type ComputedLine,
  type EarnedIncentive,
  type EnrollmentInput,
  type ProductInput,
} from './invoice-math-types';

/** percentOff is a percentage in micro-units. */
const MICRO_PERCENT_PER_WHOLE = new Decimal(MICROS_PER_UNIT).times(100);

export const covers = (from: string, to: string | null, day: string): boolean => from <= day && (to === null || day < to);

const negate = (cents: number): number => (cents === 0 ? 0 : -cents);

export function productOf(products: Map<string, ProductInput>, enrollment: EnrollmentInput): ProductInput {
  const product = products.get(enrollment.productId);
  // The caller loads every enrolled product; a missing one is a loading bug, not a billing exception.
  if (!product) throw new Error(`Product ${enrollment.productId} of enrollment ${enrollment.id} was not loaded`);
  return product;
}

/**
 * Adds the CREDIT lines of the enrollments billed to lines (which hold the
 * invoice's charges) and returns what the invoice earns and carries forward.
 */
export function addCredits(
  lines: ComputedLine[],
  enrollments: EnrollmentInput[],
  products: Map<string, ProductInput>,
  periodStart: string,
  periodEnd: string,
): { earned: EarnedIncentive[]; carryForward: CarryForward[] } {
  /*
   * Credits never take the invoice below zero: each is capped at what is left
   * of the invoice's charges after the credits before it. A negative invoice
   * would have to become an account credit balance, which the hub keeps only
   * as unapplied payments; a credit is a discount on bills, not cash owed to
   * the customer. A one-time credit's unused part is not lost: it carries
   * forward to the account's next invoices (`carryForward`), as a retailer's
   * "$100 off" promise means $100 whatever the first bill comes to. A
   * percentOff credit is a share of this invoice's usage and has nothing to
   * carry. The line still appears, with the amount asked and what became of
   * the rest in its description, so an operator sees why.
   */
  let room = Math.max(
    0,
    lines.reduce((sum, l) => sum + l.amount, 0),
  );
  const carryForward: CarryForward[] = [];
  const credit = (
    enrollment: EnrollmentInput,
    product: ProductInput,
    asked: number,
    description: string,
    carry?: { incentiveId: string | null },
    onUsage = false,
  ) => {
    const applied = Math.min(asked, room);
    room -= applied;
    let suffix = '';
    if (applied < asked && carry) {
      suffix = ` (${formatMoney(applied)} of ${formatMoney(asked)}; ${formatMoney(asked - applied)} carried forward)`;
      carryForward.push({
        enrollmentId: enrollment.id,
        incentiveId: carry.incentiveId,
        amount: asked - applied,
        description: `${description} carried forward`,
      });
    } else if (applied < asked) {
      suffix = ` (${formatMoney(asked)} capped at the invoice's charges)`;
    }
    lines.push({
      kind: 'CREDIT',
      description: `${description}${suffix}`,
      quantity: null,
      unitPrice: null,
      amount: negate(applied),
      periodStart,
      periodEnd,
      readId: null,
      enrollmentId: enrollment.id,
      productId: product.id,
      onUsage,
    });
  };

  const earned: EarnedIncentive[] = [];
  for (const enrollment of enrollments) {
    const product = productOf(products, enrollment);
    const promo = enrollment.promo;
    if (promo?.percentOff != null && covers(promo.validFrom ?? periodStart, promo.validTo, periodStart)) {
      const usage = lines.filter((l) => l.kind === 'USAGE' && l.enrollmentId === enrollment.id).reduce((sum, l) => sum + l.amount, 0);
      const asked = new Decimal(usage)
        .times(promo.percentOff)
        .dividedBy(MICRO_PERCENT_PER_WHOLE)
        .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
        .toNumber();
      if (asked > 0) {
        credit(
          enrollment,
          product,
          asked,
          `Promo ${promo.code}: ${formatDecimal(promo.percentOff)}% off ${product.name} usage of ${formatMoney(usage)}`,
          undefined,
          true,
        );
      }
    }
    if (!enrollment.firstInvoice) continue;
    // What an earlier, voided first invoice already carried forward is still pending: only the rest is asked again.
    const oneTime = (value: number, incentiveId: string | null, description: string) => {
      const carried = enrollment.carried?.[creditKey(incentiveId)] ?? 0;
      if (value - carried > 0) credit(enrollment, product, value - carried, description, { incentiveId });
    };
    if (promo?.amountOff != null && promo.amountOff > 0) {
      oneTime(promo.amountOff, null, `Promo ${promo.code}: one-time credit`);
    }
    for (const incentive of product.incentives) {
      if (incentive.kind === 'BILL_CREDIT') {
        oneTime(incentive.value, incentive.id, `Bill credit: ${incentive.description}`);
      } else {
        earned.push({
          enrollmentId: enrollment.id,
          productId: product.id,
          incentiveId: incentive.id,
          kind: incentive.kind,
          description: incentive.description,
          value: incentive.value,
        });
      }
    }
  }
  return { earned, carryForward };
}
