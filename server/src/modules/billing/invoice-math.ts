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
import { Decimal, formatDecimal, formatMoneyExactly, MICROS_PER_UNIT } from '../../common/money';
import { addCredits, covers, productOf } from './invoice-math-credits';
import { fillTiers, flatPriceOf, isTiered, isTotal, tierAmount, TOTAL_REGISTER } from './invoice-math-rates';
import {
  type ReadInput,
  type EnrollmentInput,
  type RateInput,
  type ProductInput,
  type InvoiceInput,
  type ComputedLine,
  type UncoveredSpan,
  type CriticalProblem,
  type InvoiceComputation,
  type BlockedInvoice,
  type ComputedInvoice,
} from './invoice-math-types';

export * from './invoice-math-types';
export * from './threshold-tests';

// ---------------------------------------------------------------- computation

/** Micro-units of quantity times micro-units of price, in cents: 10^6 * 10^6 / 100. */
const MICRO_MICRO_PER_CENT = new Decimal(MICROS_PER_UNIT).times(MICROS_PER_UNIT).dividedBy(100);

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

const readLabel = (s: UncoveredSpan) => `read ${s.readPeriodStart} to ${s.readPeriodEnd}`;

function criticalProblems(spans: UncoveredSpan[], products: Map<string, ProductInput>): CriticalProblem[] {
  const problems: CriticalProblem[] = [];
  const missingRate = spans.filter((s) => s.productId !== null);
  if (missingRate.length > 0) {
    const parts = missingRate.map((s) => {
      const product = products.get(s.productId as string);
      const what = s.register ? `price for register ${s.register}` : 'rate';
      return `Product ${product?.code ?? s.productId} has no ${what} from ${s.periodStart} to ${s.periodEnd} (${readLabel(s)})`;
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
  // One span covers the whole read (most reads): its share is the read's quantity, nothing to divide.
  if (spanDays.length === 1) return [read.quantity];
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

/** A USAGE line's words: what it prices, and whether the read was estimated or corrects an earlier bill. */
function usageDescription(read: ReadInput, text: string): string {
  const register = read.register && read.register !== 'TOTAL' ? read.register : null;
  const notes = [register, read.estimated ? 'estimated' : null, read.correction ?? null].filter((n): n is string => n !== null);
  return `${text}${notes.length ? ` (${notes.join('; ')})` : ''}`;
}

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
      else if (flatPriceOf(span.rate, read.register) === null)
        uncovered.push({ ...where, productId: span.product.id, register: read.register });
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
      const base = {
        kind: 'USAGE' as const,
        periodStart: s.start,
        periodEnd: s.end,
        readId: read.id,
        register: read.register ?? TOTAL_REGISTER,
        estimated: read.estimated ?? false,
        rateId: s.rate.id,
        enrollmentId: s.enrollment.id,
        productId: s.product.id,
      };
      const what = (quantity: number, price: number) =>
        `${s.product.name} ${s.start} to ${s.end}: ${formatDecimal(quantity)} ${s.product.unit} at ${formatDecimal(price)}`;
      const days = daysBetween(s.start, s.end);
      if (isTotal(read.register) && isTiered(s.rate)) {
        for (const part of fillTiers(quantities[i], days, s.rate.tiers ?? [])) {
          lines.push({
            ...base,
            description: usageDescription(read, `${what(part.quantity, part.unitPrice)}, tier ${part.tier} of ${part.tiers}`),
            quantity: part.quantity,
            unitPrice: part.unitPrice,
            amount: tierAmount(part.quantity, part.unitPrice),
          });
        }
        return;
      }
      const price = flatPriceOf(s.rate, read.register) as number;
      lines.push({
        ...base,
        description: usageDescription(read, what(quantities[i], price)),
        quantity: quantities[i],
        unitPrice: price,
        amount: usageAmount(read, days, price),
      });
    });
  }

  // The fixed charge follows the product the customer is on at the end of the
  // period: after a switch, the next invoice starts on the new product anyway.
  const lastDay = addDays(periodEnd, -1);
  const closing = [...priced].reverse().find((s) => s.start <= lastDay && lastDay < s.end) ?? priced[priced.length - 1];
  // A pure rebill (every read corrects one billed on an issued invoice): that period's fixed charge was billed and not credited.
  const rebill = reads.every((r) => r.correction);
  if (!rebill)
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

  const { earned, carryForward } = addCredits(lines, enrollments, products, periodStart, periodEnd);

  // Use (quantity, days) is TOTAL reads only: HIGH_CONSUMPTION compares TOTAL quantities.
  const totalReads = reads.filter((r) => isTotal(r.register));
  const quantity = totalReads.reduce((sum, r) => sum.plus(r.quantity), new Decimal(0)).toNumber();
  const total = lines.reduce((sum, l) => sum.plus(l.amount), new Decimal(0)).toNumber();
  const invoice: ComputedInvoice = {
    outcome: 'COMPUTED',
    periodStart,
    periodEnd,
    days: totalReads.reduce((sum, r) => sum + daysBetween(r.periodStart, r.periodEnd), 0),
    quantity,
    unit: closing.product.unit,
    total,
    lines,
    earned,
    carryForward,
    enrollmentIds: enrollments.map((e) => e.id),
    rebill,
  };
  return unstorable(invoice) ?? invoice;
}

/**
 * Every integer the hub stores stays below 2^53 (past it SQLite keeps a
 * rounded float and MySQL's BIGINT refuses the row). An invoice that would
 * pass it (a read or a rate entered many orders of magnitude too large) is
 * blocked like a missing rate, as a critical HIGH_AMOUNT: nothing is billed
 * until its reads or rates are corrected.
 */
export function unstorable(invoice: ComputedInvoice): BlockedInvoice | null {
  const values = [invoice.quantity, invoice.total, ...invoice.lines.flatMap((l) => [l.amount, l.quantity ?? 0])];
  if (values.every((v) => Number.isSafeInteger(v))) return null;
  const { periodStart, periodEnd } = invoice;
  return {
    outcome: 'BLOCKED',
    periodStart,
    periodEnd,
    problems: [
      {
        code: 'HIGH_AMOUNT',
        message: `The invoice for ${periodStart} to ${periodEnd} comes to more than an invoice can hold (${formatMoneyExactly(Number.MAX_SAFE_INTEGER)} and a quantity of ${formatDecimal(Number.MAX_SAFE_INTEGER)} at most): correct its reads or its product's rates`,
        spans: [],
      },
    ],
  };
}
