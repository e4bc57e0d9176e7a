import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Entity } from 'typeorm';
import { DateScalar, DateTimeScalar, DecimalScalar, MoneyScalar } from '../../common/scalars';
import { BoolColumn, DateColumn, IdColumn, IntegerColumn, RefColumn, TextColumn, TimestampColumn } from '../../db/entity-columns';

export { BillRun, BillRunStatus } from './bill-run.entity';

export enum InvoiceStatus {
  HELD = 'HELD',
  ISSUED = 'ISSUED',
  PAID = 'PAID',
  VOID = 'VOID',
}
registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  description: 'Where an invoice stands.',
  valuesConfig: {
    HELD: {
      description: 'Computed but failed a threshold test: not issued, no issue or due date, until an operator releases or voids it.',
    },
    ISSUED: { description: 'Issued to the customer and not fully paid: it counts in the balance, and once past its dueDate in pastDue.' },
    PAID: { description: 'Its amountDue reached 0.' },
    VOID: { description: 'Voided: it counts for nothing and its usage became billable again.' },
  },
});

export enum InvoiceLineKind {
  USAGE = 'USAGE',
  FIXED = 'FIXED',
  CREDIT = 'CREDIT',
  FEE = 'FEE',
  CHARGE = 'CHARGE',
  TAX = 'TAX',
}
registerEnumType(InvoiceLineKind, {
  name: 'InvoiceLineKind',
  description: 'What an invoice line charges or credits.',
  valuesConfig: {
    USAGE: {
      description: 'Consumption: one line per read and rate it spans, quantity x days/periodDays x unitPrice, rounded half-up to cents.',
    },
    FIXED: { description: "The product's fixed charge, once per invoice." },
    CREDIT: { description: 'A promo code or incentive credit; its amount is negative.' },
    FEE: { description: 'A collections late fee, on a fee invoice of its own.' },
    CHARGE: { description: 'A one-off charge (positive) or credit (negative) an operator added to the account (addCharge).' },
    TAX: {
      description:
        "A tax: one line per tax code of the account's zone in effect on the invoice's last day of service, its rate's percent of the lines it applies to, rounded half-up to cents.",
    },
  },
});

export enum ExceptionSeverity {
  CRITICAL = 'CRITICAL',
  THRESHOLD = 'THRESHOLD',
}
registerEnumType(ExceptionSeverity, {
  name: 'ExceptionSeverity',
  valuesConfig: {
    CRITICAL: { description: 'Blocks the invoice: nothing is billed until the cause is fixed.' },
    THRESHOLD: { description: 'The invoice is generated but HELD for an operator to release or void.' },
  },
  description: 'How a billing exception affects the invoice.',
});

export enum ExceptionCode {
  MISSING_RATE = 'MISSING_RATE',
  NO_ENROLLMENT = 'NO_ENROLLMENT',
  HIGH_CONSUMPTION = 'HIGH_CONSUMPTION',
  BILL_SWING = 'BILL_SWING',
  HIGH_AMOUNT = 'HIGH_AMOUNT',
}
registerEnumType(ExceptionCode, {
  name: 'ExceptionCode',
  description: 'Why a bill run raised an exception.',
  valuesConfig: {
    MISSING_RATE: { description: "Some day of a read has no rate of the enrolled product: the account's invoice is blocked (CRITICAL)." },
    NO_ENROLLMENT: { description: 'Some day of a read has no enrollment: the invoice is blocked (CRITICAL).' },
    HIGH_CONSUMPTION: {
      description:
        "The average daily quantity exceeds the rules' factor times that of the account's last three invoices: the invoice is HELD (THRESHOLD).",
    },
    BILL_SWING: {
      description: "The total differs from the previous invoice's by more than the rules' swingPercent: the invoice is HELD (THRESHOLD).",
    },
    HIGH_AMOUNT: { description: "The total exceeds the rules' maxInvoiceAmount: the invoice is HELD (THRESHOLD)." },
  },
});

export enum ExceptionStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
}
registerEnumType(ExceptionStatus, {
  name: 'ExceptionStatus',
  description: 'Whether an exception still needs attention.',
  valuesConfig: {
    OPEN: { description: 'Its cause is not dealt with yet.' },
    RESOLVED: { description: 'A later run found the cause fixed, or the held invoice was released or voided.' },
  },
});

/** What an invoice bills: usage from a bill run, a collections fee, or a balance carried over from the previous system. */
export enum InvoiceKind {
  USAGE = 'USAGE',
  FEE = 'FEE',
  OPENING_BALANCE = 'OPENING_BALANCE',
}

@ObjectType({ description: "An account's bill: its usage over [periodStart, periodEnd), fixed charge and credits, or a late fee." })
@Entity('invoice')
export class Invoice {
  @Field(() => ID, { description: "The invoice's id." })
  @IdColumn()
  id!: string;

  @RefColumn('account_id')
  accountId!: string;

  @RefColumn('bill_run_id', { nullable: true })
  billRunId!: string | null;

  @TextColumn('kind', { length: 16 })
  kind!: InvoiceKind;

  /**
   * Unique while the invoice stands (cleared when voided): the database itself
   * refuses a second invoice for the same account and reads.
   */
  @TextColumn('billing_key', { length: 96, nullable: true })
  billingKey!: string | null;

  @Field(() => DateScalar, { description: 'First day billed.' })
  @DateColumn('period_start')
  periodStart!: string;

  @Field(() => DateScalar, { description: 'The day after the last day billed (half-open).' })
  @DateColumn('period_end')
  periodEnd!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: "The day it was issued (the run's asOf, or the day it was released); null while HELD.",
  })
  @DateColumn('issue_date', { nullable: true })
  issueDate!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "The day it is due: issueDate plus the segment's paymentTermsDays; null while HELD.",
  })
  @DateColumn('due_date', { nullable: true })
  dueDate!: string | null;

  @Field(() => InvoiceStatus, { description: 'HELD, ISSUED, PAID or VOID.' })
  @TextColumn('status', { length: 16 })
  status!: InvoiceStatus;

  @Field(() => MoneyScalar, { description: 'Sum of its lines.' })
  @IntegerColumn('total')
  total!: number;

  /**
   * Every allocation to it: payments, unapplied credit, and the part of its own
   * credit notes that went to it. amountDue = total - amountPaid (this column);
   * the field amountPaid leaves out its own credit notes' part.
   */
  @IntegerColumn('amount_paid')
  amountPaid!: number;

  @Field(() => MoneyScalar, { description: 'Sum of the credit notes on this invoice.' })
  @IntegerColumn('amount_credited', { default: 0 })
  amountCredited!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Why it was voided; null unless VOID (and for invoices voided before reasons were kept).',
  })
  @TextColumn('void_reason', { length: 2000, nullable: true })
  voidReason!: string | null;

  /** Micro-units consumed, and the days they cover: the history the HIGH_CONSUMPTION test compares with. */
  @IntegerColumn('quantity')
  quantity!: number;

  @IntegerColumn('days')
  days!: number;

  @Field(() => DateTimeScalar, { description: 'When the invoice was computed.' })
  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}

@ObjectType({ description: 'One line of an invoice.' })
@Entity('invoice_line')
export class InvoiceLine {
  @Field(() => ID, { description: "The line's id, as credit notes name it (CreditItemInput.invoiceLineId)." })
  @IdColumn()
  id!: string;

  @RefColumn('invoice_id')
  invoiceId!: string;

  @IntegerColumn('position')
  position!: number;

  @Field(() => InvoiceLineKind, { description: 'What the line charges or credits.' })
  @TextColumn('kind', { length: 16 })
  kind!: InvoiceLineKind;

  @Field({ description: 'What the line is for, in words, as the bill shows it.' })
  @TextColumn('description', { length: 255 })
  description!: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: "USAGE lines: the quantity billed, in the product's unit; null on other lines.",
  })
  @IntegerColumn('quantity', { nullable: true })
  quantity!: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'USAGE lines: the price per unit; null on other lines.' })
  @IntegerColumn('unit_price', { nullable: true })
  unitPrice!: number | null;

  @Field(() => MoneyScalar, { description: 'What the line adds to the total; negative on CREDIT lines.' })
  @IntegerColumn('amount')
  amount!: number;

  @Field(() => DateScalar, { nullable: true, description: 'First day the line covers; null when it covers no period.' })
  @DateColumn('period_start', { nullable: true })
  periodStart!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The day after the last day it covers (half-open); null when it covers no period.',
  })
  @DateColumn('period_end', { nullable: true })
  periodEnd!: string | null;

  @Field(() => String, { nullable: true, description: 'TAX lines: the tax code.' })
  @TextColumn('tax_code', { length: 32, nullable: true })
  taxCode!: string | null;

  /** The rate that priced a USAGE line; null on other lines. */
  @RefColumn('rate_id', { nullable: true })
  rateId!: string | null;

  /** The read a USAGE line prices; null on other lines. */
  @RefColumn('usage_read_id', { nullable: true })
  usageReadId!: string | null;

  @Field(() => String, { nullable: true, description: "USAGE lines: the read's register." })
  @TextColumn('register', { length: 16, nullable: true })
  register!: string | null;

  @Field({ description: 'USAGE lines priced from an estimated read.' })
  // Initialised, so a line built without it (a FIXED, FEE or CREDIT line) is stored as not estimated.
  @BoolColumn('estimated')
  estimated: boolean = false;

  /** USAGE lines: the enrollment that priced it; CREDIT lines: the enrollment whose usage a percent-off promo discounts. */
  @RefColumn('enrollment_id', { nullable: true })
  enrollmentId!: string | null;
}

@ObjectType({
  description:
    'A reason a bill run could not bill an account as usual: CRITICAL ones block the invoice, THRESHOLD ones hold it. Each comes with a work item.',
})
@Entity('billing_exception')
export class BillingException {
  @Field(() => ID, { description: "The exception's id." })
  @IdColumn()
  id!: string;

  @RefColumn('account_id')
  accountId!: string;

  @Field(() => ExceptionCode, { description: 'What went wrong.' })
  @TextColumn('code', { length: 32 })
  code!: ExceptionCode;

  @Field(() => ExceptionSeverity, { description: 'CRITICAL (invoice blocked) or THRESHOLD (invoice held).' })
  @TextColumn('severity', { length: 16 })
  severity!: ExceptionSeverity;

  @Field({ description: 'What went wrong, in words, with the figures that made the test fail.' })
  @TextColumn('message', { length: 1000 })
  message!: string;

  @Field(() => ExceptionStatus, { description: 'OPEN or RESOLVED.' })
  @TextColumn('status', { length: 16 })
  status!: ExceptionStatus;

  @RefColumn('invoice_id', { nullable: true })
  invoiceId!: string | null;

  @RefColumn('bill_run_id', { nullable: true })
  billRunId!: string | null;

  @RefColumn('work_item_id', { nullable: true })
  workItemId!: string | null;

  /** One exception per account, code and period (critical) or per invoice and code (threshold). */
  @TextColumn('dedupe_key', { length: 128 })
  dedupeKey!: string;

  @Field(() => DateScalar, { nullable: true, description: 'First day of the period concerned; null when none.' })
  @DateColumn('period_start', { nullable: true })
  periodStart!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The day after the last day of the period concerned (half-open); null when none.',
  })
  @DateColumn('period_end', { nullable: true })
  periodEnd!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was raised.' })
  @TimestampColumn('created_at')
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was resolved; null while OPEN.' })
  @TimestampColumn('resolved_at', { nullable: true })
  resolvedAt!: Date | null;
}

/** The key under which the default rules are stored (the contract shows them with segment null). */
export const DEFAULT_RULES_SEGMENT = '*';

@ObjectType({
  description:
    'The thresholds a computed invoice is tested against, and the payment terms: per segment, else the default rules (factor 2, swing 50 %, no maximum, 21 days).',
})
@Entity('billing_rules')
export class BillingRules {
  @IdColumn()
  id!: string;

  @TextColumn('segment', { length: 32 })
  segmentKey!: string;

  @Field(() => String, { nullable: true, description: 'null for the default rules that apply to every segment without its own.' })
  get segment(): string | null {
    return this.segmentKey === DEFAULT_RULES_SEGMENT ? null : this.segmentKey;
  }

  @Field(() => DecimalScalar, {
    description:
      "HIGH_CONSUMPTION when the invoice's average daily quantity exceeds this factor times the average over the account's last three invoices.",
  })
  @IntegerColumn('high_consumption_factor')
  highConsumptionFactor!: number;

  @Field(() => DecimalScalar, {
    description: "BILL_SWING when the total differs from the previous invoice's total by more than this percentage.",
  })
  @IntegerColumn('swing_percent')
  swingPercent!: number;

  @Field(() => MoneyScalar, { nullable: true, description: 'HIGH_AMOUNT when the total exceeds this; null disables the test.' })
  @IntegerColumn('max_invoice_amount', { nullable: true })
  maxInvoiceAmount!: number | null;

  @Field(() => Int, { description: "Days from an invoice's issue date to its due date." })
  @IntegerColumn('payment_terms_days')
  paymentTermsDays!: number;

  @Field(() => MoneyScalar, {
    nullable: true,
    description: 'The fee a returned payment (NSF, chargeback) of a remittance file charges, on a FEE invoice; null charges none.',
  })
  @IntegerColumn('returned_payment_fee', { nullable: true })
  returnedPaymentFee!: number | null;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}
