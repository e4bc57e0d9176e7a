import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Entity } from 'typeorm';
import { ImportRejection } from '../../common/import-rejection';
import { DateTimeScalar, MoneyScalar } from '../../common/scalars';
import { IdColumn, IntegerColumn, RefColumn, TextColumn, TimestampColumn } from '../../db/entity-columns';
import { PaymentChannel } from '../payments/payment.entity';

export enum SuspenseStatus {
  OPEN = 'OPEN',
  APPLIED = 'APPLIED',
}
registerEnumType(SuspenseStatus, {
  name: 'SuspenseStatus',
  description: 'Whether a suspense payment still waits for an operator.',
  valuesConfig: {
    OPEN: { description: 'Waiting in UNAPPLIED_CASH to be applied to an account.' },
    APPLIED: { description: 'Applied: recorded as a payment of the account the operator chose.' },
  },
});

/** A remittance line that matched no account, held until an operator applies it. */
@ObjectType({ description: 'A remittance line that matched no account or invoice, held in queue UNAPPLIED_CASH until applied.' })
@Entity('suspense_payment')
export class SuspensePayment {
  @Field(() => ID, { description: "The suspense payment's id." })
  @IdColumn()
  id!: string;

  @Field({ description: "The line's reference; its payment, once applied, is idempotent by it." })
  @TextColumn('reference', { length: 128 })
  reference!: string;

  @Field(() => MoneyScalar, { description: 'The amount of the line.' })
  @IntegerColumn('amount')
  amount!: number;

  @Field(() => DateTimeScalar, { description: 'When the money was received, as the line says; else when it was imported.' })
  @TimestampColumn('received_at')
  receivedAt!: Date;

  @Field(() => PaymentChannel, { description: 'The channel of the import.' })
  @TextColumn('channel', { length: 16 })
  channel!: PaymentChannel;

  @Field({ description: 'What the line said: the unknown account or invoice number.' })
  @TextColumn('detail', { length: 255 })
  detail!: string;

  @Field(() => SuspenseStatus, { description: 'OPEN until applied, then APPLIED.' })
  @TextColumn('status', { length: 16 })
  status!: SuspenseStatus;

  @RefColumn('payment_id', { nullable: true })
  paymentId!: string | null;

  @RefColumn('work_item_id', { nullable: true })
  workItemId!: string | null;

  @TimestampColumn('created_at')
  createdAt!: Date;
}

@InputType({ description: 'One line of a bank or lockbox file.' })
export class RemittanceLineInput {
  @Field({ description: "The bank's or lockbox's reference of the line; recording is idempotent by it." })
  reference!: string;

  @Field(() => MoneyScalar, { description: 'The amount of the line, more than 0.' })
  amount!: number;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the money was received; default the time of the import.' })
  receivedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'The account the line pays; tried first.' })
  accountNumber?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The invoice the line pays (INV-00000042); its account is paid when no account number matched.',
  })
  invoiceNumber?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'A returned payment (NSF, chargeback): reverses the payment recorded with returnedReference.',
  })
  returned?: boolean | null;

  @Field(() => String, { nullable: true, description: 'For a returned line: the reference of the payment it returns.' })
  returnedReference?: string | null;
}

@ObjectType({ description: 'What importRemittances did with the lines.' })
export class RemittanceImportResult {
  @Field(() => Int, { description: 'Lines recorded as payments to an account.' })
  matched!: number;

  @Field(() => Int, { description: 'Lines held in UNAPPLIED_CASH for an operator.' })
  suspense!: number;

  @Field(() => Int, { description: 'Returned-payment lines that reversed a payment.' })
  returned!: number;

  @Field(() => Int, { description: 'Lines already imported (by reference): nothing was recorded again.' })
  duplicates!: number;

  @Field(() => [ImportRejection], {
    description:
      'Lines refused, with their index: INVALID_LINE, REFERENCE_CONFLICT (the reference was recorded with other data), UNKNOWN_RETURNED_PAYMENT.',
  })
  rejected!: ImportRejection[];
}
