/**
 * What the arithmetic of an invoice takes and gives back (see invoice-math.ts
 * for the units): reads, enrollments and products in; the computed invoice, or
 * the problems that block it, out.
 */

// ---------------------------------------------------------------- input

export interface ReadInput {
  id: string;
  periodStart: string;
  periodEnd: string;
  /** Micro-units of the product's unit. */
  quantity: number;
  /** An estimated read: its lines say so. */
  estimated?: boolean;
  /** Default TOTAL. */
  register?: string;
  /**
   * What the read corrects, when it replaces a read billed on an issued
   * invoice ("Corrects INV-00000123: actual read replaces estimate"): its
   * lines say so, and an invoice of such reads only carries no FIXED line.
   */
  correction?: string | null;
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
  /** Micro-units of money per unit: the flat price of TOTAL reads. */
  unitPrice: number;
  /** Block tiers for TOTAL reads (micro-units; upTo per 30 days, the last null); null or empty: flat. */
  tiers?: { upTo: number | null; unitPrice: number }[] | null;
  /** Flat prices of the other registers (micro-units). */
  registerPrices?: { register: string; unitPrice: number }[] | null;
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

export type ComputedLineKind = 'USAGE' | 'FIXED' | 'CREDIT' | 'CHARGE' | 'TAX';

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
  /** USAGE lines: the read's register and quality. */
  register?: string;
  estimated?: boolean;
  /** A CREDIT line that is a share of its enrollment's USAGE lines (a percent-off promo). */
  onUsage?: boolean;
  /** The rate a USAGE line is priced by. */
  rateId?: string;
  /** The tax code of a TAX line. */
  taxCode?: string;
  /** False on a charge added as not taxable: no tax's base counts it, whatever its kind. */
  taxable?: boolean;
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
  /** A non-TOTAL register the product's rate has no price for (MISSING_RATE). */
  register?: string;
}

/** HIGH_AMOUNT, as a critical problem: the invoice comes to more than the hub can store (see `unstorable`). */
export type CriticalCode = 'MISSING_RATE' | 'NO_ENROLLMENT' | 'HIGH_AMOUNT';

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
  /**
   * Every read corrects one billed on an issued invoice: the invoice bills
   * again what a credit note took back, with no fixed charge, so its total is
   * not a month's bill.
   */
  rebill: boolean;
}

export type InvoiceComputation = BlockedInvoice | ComputedInvoice;
