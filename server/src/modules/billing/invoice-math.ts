/**
 * The arithmetic of one account's invoice, with no database: the billing
 * service loads the account's unbilled reads, enrollments and products, calls
 * `computeInvoice`, and stores what comes back (or raises the exceptions).
 *
 * Units throughout: quantities and unit prices in integer micro-units, money in
 * integer cents, days as 'YYYY-MM-DD' strings, every period half-open
 * [start, end) as in the contract. All arithmetic goes through decimal.js.
 */
import { addDays, daysBetween } from '../../common/dates';
import { Decimal, formatDecimal, formatMoney, MICROS_PER_UNIT } from '../../common/money';

// ---------------------------------------------------------------- input

export interface ReadInput {
  id: string;
  periodStart: string;
  periodEnd: string;
  /** Micro-units of the product's unit. */
  quantity: number;
}

export interface PromoInput {
  code: string;
  /** Percent in micro-units: 10% is 10_000_000. */
  percentOff: number | null;
  /** Cents. */
  amountOff: number | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface EnrollmentInput {
  id: string;
  productId: string;
  startDate: string;
  endDate: string | null;
  promo: PromoInput | null;
  /** True while the enrollment has never been on a (non-void) invoice. */
  firstInvoice: boolean;
  /**
   * Cents of each one-time credit (by `creditKey`) already carried forward
   * from an earlier first invoice of this enrollment that was since voided:
   * that part lives on as a pending credit of the account, so a new first
   * invoice asks only for the rest and a credit is never given twice.
   */
  carried?: Record<string, number>;
}

/** Names one of an enrollment's one-time credits: its promo's amountOff (null) or a BILL_CREDIT incentive. */
export const creditKey = (incentiveId: string | null): string => (incentiveId === null ? 'promo' : `incentive:${incentiveId}`);

export interface RateInput {
  /** The catalog rate, recorded on the USAGE lines it prices. */
  id?: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  /** Micro-units of money per unit. */
  unitPrice: number;
}

export type IncentiveKindName = 'BILL_CREDIT' | 'GIFT_CARD' | 'BUNDLE' | 'OTHER';

export interface IncentiveInput {
  id: string;
  kind: IncentiveKindName;
  description: string;
  /** Cents. */
  value: number;
}

export interface ProductInput {
  id: string;
  code: string;
  name: string;
  unit: string;
  /** Cents. */
  fixedCharge: number;
  rates: RateInput[];
  incentives: IncentiveInput[];
}

export interface InvoiceInput {
  reads: ReadInput[];
  enrollments: EnrollmentInput[];
  products: ProductInput[];
}

// ---------------------------------------------------------------- output

export type ComputedLineKind = 'USAGE' | 'FIXED' | 'CREDIT';

export interface ComputedLine {
  kind: ComputedLineKind;
  description: string;
  /** Micro-units; USAGE lines only. */
  quantity: number | null;
  /** Micro-units; USAGE lines only. */
  unitPrice: number | null;
  /** Cents; negative on CREDIT lines. */
  amount: number;
  periodStart: string;
  periodEnd: string;
  /** The read a USAGE line prices. */
  readId: string | null;
  /** The rate a USAGE line is priced by. */
  rateId?: string;
  /** Null on a credit carried forward from an earlier invoice. */
  enrollmentId: string | null;
  productId: string | null;
}

/**
 * The part of a one-time credit (a promo's amountOff, a BILL_CREDIT incentive)
 * that the enrollment's first invoice could not use: it becomes a pending
 * credit of the account, for its next invoices.
 */
export interface CarryForward {
  enrollmentId: string;
  /** The BILL_CREDIT incentive; null for the enrollment's promo code. */
  incentiveId: string | null;
  /** Cents, more than 0. */
  amount: number;
  description: string;
}

/** A GIFT_CARD, BUNDLE or OTHER incentive earned on this invoice: the caller emits INCENTIVE_EARNED. */
export interface EarnedIncentive {
  enrollmentId: string;
  productId: string;
  incentiveId: string;
  kind: IncentiveKindName;
  description: string;
  value: number;
}

export interface UncoveredSpan {
  readId: string;
  readPeriodStart: string;
  readPeriodEnd: string;
  periodStart: string;
  periodEnd: string;
  /** The product without a rate (MISSING_RATE); null for NO_ENROLLMENT. */
  productId: string | null;
}

export type CriticalCode = 'MISSING_RATE' | 'NO_ENROLLMENT';

export interface CriticalProblem {
  code: CriticalCode;
  message: string;
  spans: UncoveredSpan[];
}

export interface BlockedInvoice {
  outcome: 'BLOCKED';
  periodStart: string;
  periodEnd: string;
  /** At most one per code, MISSING_RATE first. */
  problems: CriticalProblem[];
}

export interface ComputedInvoice {
  outcome: 'COMPUTED';
  periodStart: string;
  periodEnd: string;
  /** Days the reads cover; equals the period's length when the reads leave no gap. */
  days: number;
  /** Sum of the reads' quantities, micro-units. */
  quantity: number;
  /** Unit of the product that carries the FIXED line, for threshold messages. */
  unit: string;
  /** Cents: the sum of the lines' amounts. */
  total: number;
  lines: ComputedLine[];
  earned: EarnedIncentive[];
  /** One-time credits not used up on this invoice: each carries forward as a pending credit. */
  carryForward: CarryForward[];
  /** Enrollments that priced at least one day, in order of first use: they have now had their first invoice. */
  enrollmentIds: string[];
}

export type InvoiceComputation = BlockedInvoice | ComputedInvoice;

// ---------------------------------------------------------------- computation

/** Micro-units of quantity times micro-units of price, in cents: 10^6 * 10^6 / 100. */
const MICRO_MICRO_PER_CENT = new Decimal(MICROS_PER_UNIT).times(MICROS_PER_UNIT).dividedBy(100);
/** percentOff is a percentage in micro-units. */
const MICRO_PERCENT_PER_WHOLE = new Decimal(MICROS_PER_UNIT).times(100);

interface Span {
  start: string;
  end: string;
  enrollment: EnrollmentInput | null;
  product: ProductInput | null;
  rate: RateInput | null;
}

interface PricedSpan {
  read: ReadInput;
  start: string;
  end: string;
  enrollment: EnrollmentInput;
  product: ProductInput;
  rate: RateInput;
}

const covers = (from: string, to: string | null, day: string): boolean => from <= day && (to === null || day < to);

/**
 * When enrollments overlap (a switch recorded before the old one was ended),
 * the one that started last is the customer's current choice; on equal start
 * days the later in the input wins, so the choice is deterministic.
 */
function enrollmentOn(enrollments: EnrollmentInput[], day: string): EnrollmentInput | null {
  let chosen: EnrollmentInput | null = null;
  for (const e of enrollments) {
    if (covers(e.startDate, e.endDate, day) && (chosen === null || e.startDate >= chosen.startDate)) chosen = e;
  }
  return chosen;
}

/**
 * Cuts a read at every day on which an enrollment or a rate starts or ends, so
 * that each piece has one enrollment and one rate throughout, then joins
 * neighbours that share both.
 */
function splitRead(read: ReadInput, enrollments: EnrollmentInput[], products: Map<string, ProductInput>): Span[] {
  const cuts = new Set<string>([read.periodStart, read.periodEnd]);
  const inside = (day: string | null) => {
    if (day !== null && day > read.periodStart && day < read.periodEnd) cuts.add(day);
  };
  for (const e of enrollments) {
    inside(e.startDate);
    inside(e.endDate);
  }
  for (const p of products.values()) {
    for (const r of p.rates) {
      inside(r.effectiveFrom);
      inside(r.effectiveTo);
    }
  }
  const days = [...cuts].sort();
  const spans: Span[] = [];
  for (let i = 0; i + 1 < days.length; i++) {
    const [start, end] = [days[i], days[i + 1]];
    const enrollment = enrollmentOn(enrollments, start);
    const product = enrollment ? productOf(products, enrollment) : null;
    const rate = product?.rates.find((r) => covers(r.effectiveFrom, r.effectiveTo, start)) ?? null;
    const last = spans[spans.length - 1];
    if (last && last.enrollment === enrollment && last.rate === rate) last.end = end;
    else spans.push({ start, end, enrollment, product, rate });
  }
  return spans;
}

function productOf(products: Map<string, ProductInput>, enrollment: EnrollmentInput): ProductInput {
  const product = products.get(enrollment.productId);
  // The caller loads every enrolled product; a missing one is a loading bug, not a billing exception.
  if (!product) throw new Error(`Product ${enrollment.productId} of enrollment ${enrollment.id} was not loaded`);
  return product;
}

const readLabel = (s: UncoveredSpan) => `read ${s.readPeriodStart} to ${s.readPeriodEnd}`;

function criticalProblems(spans: UncoveredSpan[], products: Map<string, ProductInput>): CriticalProblem[] {
  const problems: CriticalProblem[] = [];
  const missingRate = spans.filter((s) => s.productId !== null);
  if (missingRate.length > 0) {
    const parts = missingRate.map((s) => {
      const product = products.get(s.productId as string);
      return `Product ${product?.code ?? s.productId} has no rate from ${s.periodStart} to ${s.periodEnd} (${readLabel(s)})`;
    });
    problems.push({ code: 'MISSING_RATE', message: parts.join('; '), spans: missingRate });
  }
  const noEnrollment = spans.filter((s) => s.productId === null);
  if (noEnrollment.length > 0) {
    const parts = noEnrollment.map((s) => `from ${s.periodStart} to ${s.periodEnd} (${readLabel(s)})`);
    problems.push({ code: 'NO_ENROLLMENT', message: `No enrollment covers ${parts.join('; ')}`, spans: noEnrollment });
  }
  return problems;
}

/**
 * The micro-units of a read that fall on each of its priced spans. Each span's
 * exact share (quantity x days / periodDays) is rarely a whole micro-unit;
 * the shares are floored and the micro-units left over go to the largest
 * remainders, so the lines of a read add up to exactly the read's quantity.
 */
function allocateQuantity(read: ReadInput, spanDays: number[]): number[] {
  const periodDays = new Decimal(daysBetween(read.periodStart, read.periodEnd));
  const shares = spanDays.map((days, index) => {
    const numerator = new Decimal(read.quantity).times(days);
    const floor = numerator.dividedBy(periodDays).floor();
    return { index, floor, remainder: numerator.minus(floor.times(periodDays)) };
  });
  let leftover = shares.reduce((sum, s) => sum.minus(s.floor), new Decimal(read.quantity)).toNumber();
  const byRemainder = [...shares].sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
  const result = shares.map((s) => s.floor.toNumber());
  for (const s of byRemainder) {
    if (leftover <= 0) break;
    result[s.index] += 1;
    leftover -= 1;
  }
  return result;
}

/**
 * quantity x days/periodDays x unitPrice in cents, rounded half-up once: the
 * share is never rounded first, so a read split at a rate change costs the
 * same to the cent as the exact arithmetic says.
 */
function usageAmount(read: ReadInput, days: number, unitPrice: number): number {
  const periodDays = daysBetween(read.periodStart, read.periodEnd);
  return new Decimal(read.quantity)
    .times(days)
    .times(unitPrice)
    .dividedBy(MICRO_MICRO_PER_CENT.times(periodDays))
    .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
    .toNumber();
}

const negate = (cents: number): number => (cents === 0 ? 0 : -cents);

/**
 * Prices one account's unbilled reads. Blocked when some day of a read has no
 * enrollment or no rate; then nothing is billed and the reads stay unbilled.
 */
export function computeInvoice(input: InvoiceInput): InvoiceComputation {
  if (input.reads.length === 0) throw new Error('computeInvoice needs at least one read');
  for (const read of input.reads) {
    if (read.periodEnd <= read.periodStart) throw new Error(`Read ${read.id} has an empty period`);
  }
  const reads = [...input.reads].sort((a, b) => (a.periodStart < b.periodStart ? -1 : a.periodStart > b.periodStart ? 1 : 0));
  const products = new Map(input.products.map((p) => [p.id, p]));
  const periodStart = reads[0].periodStart;
  const periodEnd = reads.reduce((end, r) => (r.periodEnd > end ? r.periodEnd : end), reads[0].periodEnd);

  const uncovered: UncoveredSpan[] = [];
  const priced: PricedSpan[] = [];
  for (const read of reads) {
    for (const span of splitRead(read, input.enrollments, products)) {
      const where = {
        readId: read.id,
        readPeriodStart: read.periodStart,
        readPeriodEnd: read.periodEnd,
        periodStart: span.start,
        periodEnd: span.end,
      };
      if (!span.enrollment || !span.product) uncovered.push({ ...where, productId: null });
      else if (!span.rate) uncovered.push({ ...where, productId: span.product.id });
      else priced.push({ read, start: span.start, end: span.end, enrollment: span.enrollment, product: span.product, rate: span.rate });
    }
  }
  if (uncovered.length > 0) {
    return { outcome: 'BLOCKED', periodStart, periodEnd, problems: criticalProblems(uncovered, products) };
  }

  const lines: ComputedLine[] = [];
  for (const read of reads) {
    const spans = priced.filter((s) => s.read === read);
    const quantities = allocateQuantity(
      read,
      spans.map((s) => daysBetween(s.start, s.end)),
    );
    spans.forEach((s, i) => {
      lines.push({
        kind: 'USAGE',
        description: `${s.product.name} ${s.start} to ${s.end}: ${formatDecimal(quantities[i])} ${s.product.unit} at ${formatDecimal(s.rate.unitPrice)}`,
        quantity: quantities[i],
        unitPrice: s.rate.unitPrice,
        amount: usageAmount(read, daysBetween(s.start, s.end), s.rate.unitPrice),
        periodStart: s.start,
        periodEnd: s.end,
        readId: read.id,
        rateId: s.rate.id,
        enrollmentId: s.enrollment.id,
        productId: s.product.id,
      });
    });
  }

  // The fixed charge follows the product the customer is on at the end of the
  // period: after a switch, the next invoice starts on the new product anyway.
  const lastDay = addDays(periodEnd, -1);
  const closing = [...priced].reverse().find((s) => s.start <= lastDay && lastDay < s.end) ?? priced[priced.length - 1];
  lines.push({
    kind: 'FIXED',
    description: `${closing.product.name} fixed charge ${periodStart} to ${periodEnd}`,
    quantity: null,
    unitPrice: null,
    amount: closing.product.fixedCharge,
    periodStart,
    periodEnd,
    readId: null,
    enrollmentId: closing.enrollment.id,
    productId: closing.product.id,
  });

  const enrollments: EnrollmentInput[] = [];
  for (const s of priced) if (!enrollments.includes(s.enrollment)) enrollments.push(s.enrollment);

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

  const quantity = reads.reduce((sum, r) => sum.plus(r.quantity), new Decimal(0)).toNumber();
  const total = lines.reduce((sum, l) => sum.plus(l.amount), new Decimal(0)).toNumber();
  // Every stored integer stays below 2^53: past it SQLite keeps a rounded float and MySQL's BIGINT refuses the row.
  for (const value of [quantity, total, ...lines.map((l) => l.amount)]) {
    if (!Number.isSafeInteger(value)) {
      throw new Error(
        `The invoice for ${periodStart} to ${periodEnd} comes to more than the hub can store (quantity ${quantity}, total ${total})`,
      );
    }
  }
  return {
    outcome: 'COMPUTED',
    periodStart,
    periodEnd,
    days: reads.reduce((sum, r) => sum + daysBetween(r.periodStart, r.periodEnd), 0),
    quantity,
    unit: closing.product.unit,
    total,
    lines,
    earned,
    carryForward,
    enrollmentIds: enrollments.map((e) => e.id),
  };
}

// ---------------------------------------------------------------- threshold tests

export type ThresholdCode = 'HIGH_CONSUMPTION' | 'BILL_SWING' | 'HIGH_AMOUNT';

export interface ThresholdFailure {
  code: ThresholdCode;
  message: string;
}

/** Use over a stretch of days: an invoice's `quantity` (micro-units) and `days`. */
export interface Consumption {
  quantity: number;
  days: number;
}

export interface PastInvoice extends Consumption {
  /** Cents. */
  total: number;
}

export interface ThresholdRules {
  /** Micro-units: 2 is 2_000_000. */
  highConsumptionFactor: number;
  /** Percent in micro-units: 50% is 50_000_000. */
  swingPercent: number;
  /** Cents; null disables HIGH_AMOUNT. */
  maxInvoiceAmount: number | null;
}

const HISTORY_INVOICES = 3;

const micros = (value: number) => new Decimal(value).dividedBy(MICROS_PER_UNIT);
/** At most two fraction digits, trailing zeros dropped. */
const plain = (value: Decimal) => value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed();
/**
 * Ratios and percentages in messages round away from the limit, so a value
 * just over a limit of at most two fraction digits never reads as equal to it.
 */
const overLimit = (value: Decimal) => value.toDecimalPlaces(2, Decimal.ROUND_UP).toFixed();

/**
 * HIGH_CONSUMPTION: the invoice's average daily quantity exceeds `factor` times
 * the average daily quantity of the account's last three non-void invoices,
 * taken over all their days together (a short invoice weighs less). Fewer than
 * three past invoices: those there are. None, or none with use: no test,
 * because there is nothing to compare with.
 *
 * `history` is newest first; only its first three count.
 */
export function testHighConsumption(current: Consumption, history: Consumption[], factor: number, unit: string): ThresholdFailure | null {
  const past = history.slice(0, HISTORY_INVOICES);
  const pastQuantity = past.reduce((sum, h) => sum.plus(h.quantity), new Decimal(0));
  const pastDays = past.reduce((sum, h) => sum + h.days, 0);
  if (pastDays <= 0 || pastQuantity.lessThanOrEqualTo(0) || current.days <= 0) return null;
  // Cross-multiplied so the boundary is exact: q/d > f x pq/pd.
  const lhs = new Decimal(current.quantity).times(pastDays).times(MICROS_PER_UNIT);
  const rhs = new Decimal(factor).times(pastQuantity).times(current.days);
  if (!lhs.greaterThan(rhs)) return null;
  const average = micros(current.quantity).dividedBy(current.days);
  const pastAverage = pastQuantity.dividedBy(MICROS_PER_UNIT).dividedBy(pastDays);
  const which = past.length === 1 ? "the last invoice's" : `the last ${past.length === 3 ? 'three' : 'two'} invoices'`;
  return {
    code: 'HIGH_CONSUMPTION',
    message:
      `Average daily use ${plain(average)} ${unit} is ${overLimit(average.dividedBy(pastAverage))} x ` +
      `${which} ${plain(pastAverage)} ${unit}; limit ${formatDecimal(factor)} x`,
  };
}

/**
 * BILL_SWING: |total - previous| / previous x 100 > swingPercent. No previous
 * invoice, or one of zero: no test (no percentage of nothing). A previous
 * credit total is measured by its size, so the swing is never negative.
 */
export function testBillSwing(total: number, previousTotal: number | null, swingPercent: number): ThresholdFailure | null {
  if (previousTotal === null || previousTotal === 0) return null;
  const change = new Decimal(total).minus(previousTotal);
  const base = new Decimal(previousTotal).abs();
  // Cross-multiplied: |change| x 100 x 10^6 > swingPercent(micros) x |previous|.
  if (!change.abs().times(100).times(MICROS_PER_UNIT).greaterThan(new Decimal(swingPercent).times(base))) return null;
  const percent = change.abs().times(100).dividedBy(base);
  return {
    code: 'BILL_SWING',
    message:
      `Total ${formatMoney(total)} is ${overLimit(percent)}% ${change.isNegative() ? 'below' : 'above'} ` +
      `the previous invoice's ${formatMoney(previousTotal)}; limit ${formatDecimal(swingPercent)}%`,
  };
}

/** HIGH_AMOUNT: total > maxInvoiceAmount; null disables it. */
export function testHighAmount(total: number, maxInvoiceAmount: number | null): ThresholdFailure | null {
  if (maxInvoiceAmount === null || total <= maxInvoiceAmount) return null;
  return {
    code: 'HIGH_AMOUNT',
    message: `Total ${formatMoney(total)} is over the maximum invoice amount of ${formatMoney(maxInvoiceAmount)}`,
  };
}

/**
 * Every threshold test on a computed invoice; the invoice is HELD when the
 * result is not empty. `history` holds the account's non-void invoices before
 * this one, newest first.
 */
export function runThresholdTests(invoice: ComputedInvoice, rules: ThresholdRules, history: PastInvoice[]): ThresholdFailure[] {
  const failures = [
    testHighConsumption(invoice, history, rules.highConsumptionFactor, invoice.unit),
    testBillSwing(invoice.total, history.length > 0 ? history[0].total : null, rules.swingPercent),
    testHighAmount(invoice.total, rules.maxInvoiceAmount),
  ];
  return failures.filter((f): f is ThresholdFailure => f !== null);
}
