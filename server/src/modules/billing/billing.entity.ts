import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Entity } from 'typeorm';
import { DateScalar, DateTimeScalar, DecimalScalar, MoneyScalar } from '../../common/scalars';
import { DateColumn, IdColumn, IntegerColumn, RefColumn, TextColumn, TimestampColumn } from '../../db/entity-columns';

export enum InvoiceStatus {
  HELD = 'HELD',
  ISSUED = 'ISSUED',
  PAID = 'PAID',
  VOID = 'VOID',
}
registerEnumType(InvoiceStatus, { name: 'InvoiceStatus' });

export enum InvoiceLineKind {
  USAGE = 'USAGE',
  FIXED = 'FIXED',
  CREDIT = 'CREDIT',
  FEE = 'FEE',
}
registerEnumType(InvoiceLineKind, { name: 'InvoiceLineKind' });

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
});

export enum ExceptionCode {
  MISSING_RATE = 'MISSING_RATE',
  NO_ENROLLMENT = 'NO_ENROLLMENT',
  HIGH_CONSUMPTION = 'HIGH_CONSUMPTION',
  BILL_SWING = 'BILL_SWING',
  HIGH_AMOUNT = 'HIGH_AMOUNT',
}
registerEnumType(ExceptionCode, { name: 'ExceptionCode' });

export enum ExceptionStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
}
registerEnumType(ExceptionStatus, { name: 'ExceptionStatus' });

export enum BillRunStatus {
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}
registerEnumType(BillRunStatus, { name: 'BillRunStatus' });

/** What an invoice bills: usage from a bill run, or a collections fee. */
export enum InvoiceKind {
  USAGE = 'USAGE',
  FEE = 'FEE',
}

@ObjectType()
@Entity('bill_run')
export class BillRun {
  @Field(() => ID)
  @IdColumn()
  id!: string;

  @Field(() => DateScalar)
  @DateColumn('as_of')
  asOf!: string;

  @Field(() => BillRunStatus)
  @TextColumn('status', { length: 16 })
  status!: BillRunStatus;

  @Field(() => Int)
  @IntegerColumn('accounts_considered')
  accountsConsidered!: number;

  @Field(() => Int, { description: 'Accounts finished so far; equals accountsConsidered when the run is COMPLETED.' })
  @IntegerColumn('accounts_processed')
  accountsProcessed!: number;

  @Field(() => Int)
  @IntegerColumn('invoices_issued')
  invoicesIssued!: number;

  @Field(() => Int)
  @IntegerColumn('invoices_held')
  invoicesHeld!: number;

  @Field(() => Int)
  @IntegerColumn('accounts_blocked')
  accountsBlocked!: number;

  /** Accounts whose billing failed unexpectedly in this run (recorded, retried by the next run). */
  @Field(() => Int, { description: 'Accounts whose billing failed unexpectedly; the next run retries them.' })
  @IntegerColumn('accounts_failed')
  accountsFailed!: number;

  @Field(() => DateTimeScalar)
  @TimestampColumn('started_at')
  startedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  @TimestampColumn('finished_at', { nullable: true })
  finishedAt!: Date | null;

  /** Last sign of life; a RUNNING run silent for long died with its process. */
  @TimestampColumn('heartbeat_at')
  heartbeatAt!: Date;
}

@ObjectType()
@Entity('invoice')
export class Invoice {
  @Field(() => ID)
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

  @Field(() => DateScalar)
  @DateColumn('period_start')
  periodStart!: string;

  @Field(() => DateScalar)
  @DateColumn('period_end')
  periodEnd!: string;

  @Field(() => DateScalar, { nullable: true })
  @DateColumn('issue_date', { nullable: true })
  issueDate!: string | null;

  @Field(() => DateScalar, { nullable: true })
  @DateColumn('due_date', { nullable: true })
  dueDate!: string | null;

  @Field(() => InvoiceStatus)
  @TextColumn('status', { length: 16 })
  status!: InvoiceStatus;

  @Field(() => MoneyScalar)
  @IntegerColumn('total')
  total!: number;

  @Field(() => MoneyScalar)
  @IntegerColumn('amount_paid')
  amountPaid!: number;

  /** Micro-units consumed, and the days they cover: the history the HIGH_CONSUMPTION test compares with. */
  @IntegerColumn('quantity')
  quantity!: number;

  @IntegerColumn('days')
  days!: number;

  @Field(() => DateTimeScalar)
  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}

@ObjectType()
@Entity('invoice_line')
export class InvoiceLine {
  @IdColumn()
  id!: string;

  @RefColumn('invoice_id')
  invoiceId!: string;

  @IntegerColumn('position')
  position!: number;

  @Field(() => InvoiceLineKind)
  @TextColumn('kind', { length: 16 })
  kind!: InvoiceLineKind;

  @Field()
  @TextColumn('description', { length: 255 })
  description!: string;

  @Field(() => DecimalScalar, { nullable: true })
  @IntegerColumn('quantity', { nullable: true })
  quantity!: number | null;

  @Field(() => DecimalScalar, { nullable: true })
  @IntegerColumn('unit_price', { nullable: true })
  unitPrice!: number | null;

  @Field(() => MoneyScalar)
  @IntegerColumn('amount')
  amount!: number;

  @Field(() => DateScalar, { nullable: true })
  @DateColumn('period_start', { nullable: true })
  periodStart!: string | null;

  @Field(() => DateScalar, { nullable: true })
  @DateColumn('period_end', { nullable: true })
  periodEnd!: string | null;

  /** The rate that priced a USAGE line; null on other lines. */
  @RefColumn('rate_id', { nullable: true })
  rateId!: string | null;
}

@ObjectType()
@Entity('billing_exception')
export class BillingException {
  @Field(() => ID)
  @IdColumn()
  id!: string;

  @RefColumn('account_id')
  accountId!: string;

  @Field(() => ExceptionCode)
  @TextColumn('code', { length: 32 })
  code!: ExceptionCode;

  @Field(() => ExceptionSeverity)
  @TextColumn('severity', { length: 16 })
  severity!: ExceptionSeverity;

  @Field()
  @TextColumn('message', { length: 1000 })
  message!: string;

  @Field(() => ExceptionStatus)
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

  @Field(() => DateScalar, { nullable: true })
  @DateColumn('period_start', { nullable: true })
  periodStart!: string | null;

  @Field(() => DateScalar, { nullable: true })
  @DateColumn('period_end', { nullable: true })
  periodEnd!: string | null;

  @Field(() => DateTimeScalar)
  @TimestampColumn('created_at')
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  @TimestampColumn('resolved_at', { nullable: true })
  resolvedAt!: Date | null;
}

/** The key under which the default rules are stored (the contract shows them with segment null). */
export const DEFAULT_RULES_SEGMENT = '*';

@ObjectType()
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

  @Field(() => Int)
  @IntegerColumn('payment_terms_days')
  paymentTermsDays!: number;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}
