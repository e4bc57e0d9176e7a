import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Entity } from 'typeorm';
import { DateScalar, DateTimeScalar, MoneyScalar } from '../../common/scalars';
import { DateColumn, IdColumn, IntegerColumn, RefColumn, TextColumn, TimestampColumn } from '../../db/entity-columns';

export enum PaymentChannel {
  CARD = 'CARD',
  ACH = 'ACH',
  WIRE = 'WIRE',
  CHECK = 'CHECK',
  CASH = 'CASH',
  ONLINE = 'ONLINE',
  OTHER = 'OTHER',
}
registerEnumType(PaymentChannel, {
  name: 'PaymentChannel',
  description: 'How a payment or refund was made.',
  valuesConfig: {
    CARD: { description: 'A debit or credit card.' },
    ACH: { description: 'An ACH bank transfer or direct debit.' },
    WIRE: { description: 'A wire transfer.' },
    CHECK: { description: 'A paper check.' },
    CASH: { description: 'Cash, e.g. at a payment agent.' },
    ONLINE: { description: 'An online payment page or wallet.' },
    OTHER: { description: 'Any other way.' },
  },
});

export enum PaymentStatus {
  APPLIED = 'APPLIED',
  REVERSED = 'REVERSED',
}
registerEnumType(PaymentStatus, {
  name: 'PaymentStatus',
  description: 'Whether a payment still counts.',
  valuesConfig: {
    APPLIED: { description: 'It counts: applied to invoices, the rest unapplied on the account.' },
    REVERSED: { description: 'Reversed (a returned check, a chargeback): its allocations were removed and its invoices reopened.' },
  },
});

export enum PaymentPlanStatus {
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  BROKEN = 'BROKEN',
  CANCELLED = 'CANCELLED',
}
registerEnumType(PaymentPlanStatus, {
  name: 'PaymentPlanStatus',
  description: 'Where a payment plan stands.',
  valuesConfig: {
    ACTIVE: { description: 'Running: collections take no action on the account.' },
    COMPLETED: { description: 'Every installment was paid.' },
    BROKEN: { description: 'An installment was missed; collections resume.' },
    CANCELLED: { description: 'Cancelled by an operator; collections resume.' },
  },
});

export enum InstallmentStatus {
  DUE = 'DUE',
  PAID = 'PAID',
  MISSED = 'MISSED',
}
registerEnumType(InstallmentStatus, {
  name: 'InstallmentStatus',
  description: 'Where an installment of a payment plan stands.',
  valuesConfig: {
    DUE: { description: 'Not paid in full yet.' },
    PAID: { description: 'Paid in full.' },
    MISSED: { description: 'A collections run after its dueDate found it unpaid; the plan is BROKEN.' },
  },
});

@ObjectType({
  description:
    'Money received for an account, applied to its ISSUED invoices oldest dueDate first; what is left stays unapplied and goes to the next invoice issued.',
})
@Entity('payment')
export class Payment {
  @Field(() => ID, { description: "The payment's id." })
  @IdColumn()
  id!: string;

  @RefColumn('account_id')
  accountId!: string;

  @Field(() => MoneyScalar, { description: 'What was received; more than 0.' })
  @IntegerColumn('amount')
  amount!: number;

  @Field(() => PaymentChannel, { description: 'How it was paid.' })
  @TextColumn('channel', { length: 16 })
  channel!: PaymentChannel;

  @Field(() => DateTimeScalar, { description: 'When the money was received, as the payer says; default the time it was recorded.' })
  @TimestampColumn('received_at')
  receivedAt!: Date;

  @Field(() => String, { nullable: true, description: "The payer's or bank's reference, e.g. a check number; null when none." })
  @TextColumn('reference', { length: 128, nullable: true })
  reference!: string | null;

  @Field(() => PaymentStatus, { description: 'APPLIED or REVERSED.' })
  @TextColumn('status', { length: 16 })
  status!: PaymentStatus;

  /** What no invoice has taken yet; applied to the account's next issued invoice. */
  @Field(() => MoneyScalar, { description: 'What no invoice has taken yet; it goes to the next invoice issued to the account.' })
  @IntegerColumn('unapplied')
  unapplied!: number;

  @TextColumn('idempotency_key', { length: 128 })
  idempotencyKey!: string;

  /** Digest of the request, to tell a retry (same input) from a conflicting reuse of the key. */
  @TextColumn('request_digest', { length: 64 })
  requestDigest!: string;

  @Field(() => DateTimeScalar, { description: 'When it was recorded.' })
  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('reversed_at', { nullable: true })
  reversedAt!: Date | null;

  @TextColumn('reversal_reason', { length: 500, nullable: true })
  reversalReason!: string | null;

  /**
   * Set on the credit a credit note gives the account: it is applied, kept
   * unapplied and refunded like a payment, but it is no payment (never
   * listed, reversed or counted as one).
   */
  @RefColumn('credit_note_id', { nullable: true })
  creditNoteId!: string | null;

  /** What refunds paid back of its unapplied money: amount = allocations + unapplied + refunded. */
  @Field(() => MoneyScalar, {
    description: "What refunds paid back of its unapplied money: amount is the allocations' amounts plus unapplied plus refunded.",
  })
  @IntegerColumn('refunded', { default: 0 })
  refunded!: number;
}

@ObjectType({ description: 'The part of a payment applied to one invoice.' })
@Entity('payment_allocation')
export class PaymentAllocation {
  @IdColumn()
  id!: string;

  @RefColumn('payment_id')
  paymentId!: string;

  @RefColumn('invoice_id')
  invoiceId!: string;

  @Field(() => MoneyScalar, { description: 'How much of the payment went to the invoice.' })
  @IntegerColumn('amount')
  amount!: number;

  @TimestampColumn('created_at')
  createdAt!: Date;
}

@ObjectType({
  description: "An agreement to pay an account's past-due amount in installments; while ACTIVE, collections take no action on the account.",
})
@Entity('payment_plan')
export class PaymentPlan {
  @Field(() => ID, { description: "The plan's id." })
  @IdColumn()
  id!: string;

  @RefColumn('account_id')
  accountId!: string;

  @Field(() => PaymentPlanStatus, { description: 'ACTIVE, COMPLETED, BROKEN or CANCELLED.' })
  @TextColumn('status', { length: 16 })
  status!: PaymentPlanStatus;

  @Field(() => MoneyScalar, { description: "The account's pastDue when the plan was made, spread over the installments." })
  @IntegerColumn('total')
  total!: number;

  @Field(() => DateTimeScalar, { description: 'When the plan was made.' })
  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}

@ObjectType({ description: 'One payment a plan expects; payments count toward the installments in order.' })
@Entity('installment')
export class Installment {
  @IdColumn()
  id!: string;

  @RefColumn('plan_id')
  planId!: string;

  @IntegerColumn('position')
  position!: number;

  @Field(() => DateScalar, { description: 'The day it is due.' })
  @DateColumn('due_date')
  dueDate!: string;

  @Field(() => MoneyScalar, { description: 'What it asks for; the last installment takes the rounding remainder.' })
  @IntegerColumn('amount')
  amount!: number;

  @Field(() => MoneyScalar, { description: 'What payments have paid of it so far.' })
  @IntegerColumn('paid')
  paid!: number;

  @Field(() => InstallmentStatus, { description: 'DUE, PAID or MISSED.' })
  @TextColumn('status', { length: 16 })
  status!: InstallmentStatus;
}
