import { Field, ID, ObjectType, UseMiddleware } from 'type-graphql';
import { ActorAsSeen } from '../../common/auth/actor-names';
import { Entity } from 'typeorm';
import { DateTimeScalar, MoneyScalar } from '../../common/scalars';
import { BoolColumn, IdColumn, IntegerColumn, RefColumn, TextColumn, TimestampColumn } from '../../db/entity-columns';

/**
 * An amount waiting for the account's next regular invoice. Today these are
 * sign-up credits carried forward (negative amounts): what a promo's amountOff
 * or a BILL_CREDIT incentive could not use on the enrollment's first invoice.
 * A row is billed whole: when an invoice uses only part of a credit, the row
 * keeps the part used and a new row carries the rest, so every row's amount
 * is exactly what its invoice shows.
 */
@ObjectType({
  description:
    "A one-off charge or credit waiting for the account's next regular invoice (addCharge), or a sign-up credit carried forward to it.",
})
@Entity('pending_charge')
export class PendingCharge {
  @Field(() => ID, { description: "The pending charge's id." })
  @IdColumn()
  id!: string;

  @RefColumn('account_id')
  accountId!: string;

  /** Cents: positive for a charge, negative for a credit. */
  @Field(() => MoneyScalar, { description: 'Positive for a charge, negative for a credit.' })
  @IntegerColumn('amount')
  amount!: number;

  @Field({ description: 'What it is for, as the invoice line will show it.' })
  @TextColumn('description', { length: 255 })
  description!: string;

  @Field({ description: 'Whether tax applies to it on the invoice.' })
  @BoolColumn('taxable')
  taxable!: boolean;

  @RefColumn('source_enrollment_id', { nullable: true })
  sourceEnrollmentId!: string | null;

  @RefColumn('source_promo_code_id', { nullable: true })
  sourcePromoCodeId!: string | null;

  @RefColumn('source_incentive_id', { nullable: true })
  sourceIncentiveId!: string | null;

  /** The invoice it was left over from. */
  @RefColumn('from_invoice_id', { nullable: true })
  fromInvoiceId!: string | null;

  /** The invoice that billed it; null while pending. */
  @RefColumn('invoice_id', { nullable: true })
  invoiceId!: string | null;

  @Field({ description: "Who added it; 'system' for a sign-up credit carried forward." })
  @UseMiddleware(ActorAsSeen)
  @TextColumn('created_by', { length: 128 })
  createdBy!: string;

  @Field(() => DateTimeScalar, { description: 'When it was added.' })
  @TimestampColumn('created_at')
  createdAt!: Date;
}
