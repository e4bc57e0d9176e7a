import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Entity } from 'typeorm';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../../common/scalars';
import { BoolColumn, DateColumn, IdColumn, IntegerColumn, RefColumn, TextColumn, TimestampColumn } from '../../db/entity-columns';

export enum UsageReadStatus {
  UNBILLED = 'UNBILLED',
  BILLED = 'BILLED',
  REPLACED = 'REPLACED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(UsageReadStatus, {
  name: 'UsageReadStatus',
  description: 'Where a usage read stands.',
  valuesConfig: {
    UNBILLED: { description: 'Counts, and waits for the next run whose asOf is on or after its periodEnd.' },
    BILLED: { description: 'Counts, and is on a HELD, ISSUED or PAID invoice.' },
    REPLACED: { description: 'A later read of the same account, register and period replaced it (replacedBy); it no longer counts.' },
    CANCELLED: { description: 'Cancelled as entered by mistake; it no longer counts.' },
  },
});

export const DEFAULT_REGISTER = 'TOTAL';

/** One meter read: consumption over [periodStart, periodEnd) on one register, billed once (invoiceId set while on a live invoice). */
@ObjectType({
  description:
    'One meter read: how much an account consumed on one register over [periodStart, periodEnd), actual or estimated. A replaced or cancelled read stays listed but no longer counts.',
})
@Entity('usage_read')
export class UsageRead {
  @Field(() => ID, { description: "The read's id." })
  @IdColumn()
  id!: string;

  @RefColumn('account_id')
  accountId!: string;

  @Field({ description: 'The register read: TOTAL, or another code such as ON_PEAK, OFF_PEAK, DEMAND.' })
  @TextColumn('register', { length: 16 })
  register: string = DEFAULT_REGISTER;

  @Field(() => DateScalar, { description: 'First day the read covers.' })
  @DateColumn('period_start')
  periodStart!: string;

  @Field(() => DateScalar, { description: 'The day after the last day it covers (half-open).' })
  @DateColumn('period_end')
  periodEnd!: string;

  /** Micro-units of the product's unit. */
  @Field(() => DecimalScalar, { description: "How much was consumed over the period, in the product's unit." })
  @IntegerColumn('quantity')
  quantity!: number;

  @Field({ description: 'True for an estimated read, false for an actual one.' })
  @BoolColumn('estimated')
  estimated!: boolean;

  /** The invoice that billed it; kept on a replaced or cancelled read billed on an issued invoice. */
  @RefColumn('invoice_id', { nullable: true })
  invoiceId!: string | null;

  /** 1 while the read counts; null once replaced or cancelled (see the migration). */
  @IntegerColumn('live', { nullable: true })
  live: number | null = 1;

  @RefColumn('replaced_by_id', { nullable: true })
  replacedById!: string | null;

  /** The issued invoice whose charges for the period this read's billing corrects. */
  @RefColumn('corrects_invoice_id', { nullable: true })
  correctsInvoiceId!: string | null;

  /** How, in words for the invoice lines: "Corrects INV-00000123: actual read replaces estimate". */
  @TextColumn('correction', { length: 255, nullable: true })
  correction!: string | null;

  @TimestampColumn('cancelled_at', { nullable: true })
  cancelledAt!: Date | null;

  @TextColumn('cancel_reason', { length: 2000, nullable: true })
  cancelReason!: string | null;

  @TextColumn('cancelled_by', { length: 128, nullable: true })
  cancelledBy!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the read was stored.' })
  @TimestampColumn('created_at')
  createdAt!: Date;
}

/** A read's status, from what it holds: cancelled, replaced, on an invoice, or waiting. */
export function readStatus(read: Pick<UsageRead, 'cancelledAt' | 'replacedById' | 'live' | 'invoiceId'>): UsageReadStatus {
  if (read.cancelledAt) return UsageReadStatus.CANCELLED;
  if (read.replacedById || read.live === null) return UsageReadStatus.REPLACED;
  return read.invoiceId ? UsageReadStatus.BILLED : UsageReadStatus.UNBILLED;
}
