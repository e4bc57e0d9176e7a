import { Field, ID, ObjectType, UseMiddleware } from 'type-graphql';
import { ActorAsSeen } from '../../common/auth/actor-names';
import { Entity } from 'typeorm';
import { DateScalar, DateTimeScalar, MoneyScalar } from '../../common/scalars';
import { BoolColumn, DateColumn, IdColumn, IntegerColumn, RefColumn, TextColumn, TimestampColumn } from '../../db/entity-columns';
import { InvoiceLineKind } from '../billing/billing.entity';

@ObjectType({
  description:
    'A credit of one invoice, in full or by line: it goes first to what the invoice still owes, the rest is unapplied credit on the account.',
})
@Entity('credit_note')
export class CreditNote {
  @Field(() => ID, { description: "The credit note's id." })
  @IdColumn()
  id!: string;

  @RefColumn('account_id')
  accountId!: string;

  @RefColumn('invoice_id')
  invoiceId!: string;

  @Field({ description: 'Why it was issued, as the operator wrote it.' })
  @TextColumn('reason', { length: 2000 })
  reason!: string;

  @Field(() => MoneyScalar, { description: 'What it credits: the sum of its lines, more than 0.' })
  @IntegerColumn('total')
  total!: number;

  @Field(() => MoneyScalar, { description: "The part that reduced the invoice's amountDue; the rest became unapplied credit." })
  @IntegerColumn('applied_to_invoice')
  appliedToInvoice!: number;

  /** Every line of the invoice, netting it to zero (else by line). */
  @BoolColumn('full_credit')
  fullCredit!: boolean;

  /** A full credit whose invoice's reads were returned to unbilled. */
  @BoolColumn('rebill')
  rebill!: boolean;

  @Field(() => DateScalar, { description: 'The day it was issued (today in the hub time zone).' })
  @DateColumn('issue_date')
  issueDate!: string;

  @Field({ description: 'Who issued it.' })
  @UseMiddleware(ActorAsSeen)
  @TextColumn('created_by', { length: 128 })
  createdBy!: string;

  @Field(() => DateTimeScalar, { description: 'When it was issued.' })
  @TimestampColumn('created_at')
  createdAt!: Date;
}

@ObjectType({ description: 'What a credit note credits of one invoice line.' })
@Entity('credit_note_line')
export class CreditNoteLine {
  @IdColumn()
  id!: string;

  @RefColumn('credit_note_id')
  creditNoteId!: string;

  @RefColumn('invoice_line_id', { nullable: true })
  invoiceLineId!: string | null;

  @IntegerColumn('position')
  position!: number;

  @Field(() => InvoiceLineKind, { description: 'The kind of the invoice line credited.' })
  @TextColumn('kind', { length: 16 })
  kind!: InvoiceLineKind;

  @Field({ description: 'What is credited, in words, as the credit note shows it.' })
  @TextColumn('description', { length: 255 })
  description!: string;

  @Field(() => MoneyScalar, {
    description: 'Positive: the amount credited. Negative only where a full credit takes back a CREDIT line (a discount the invoice gave).',
  })
  @IntegerColumn('amount')
  amount!: number;
}
