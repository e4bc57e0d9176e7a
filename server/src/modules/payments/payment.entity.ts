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
registerEnumType(PaymentChannel, { name: 'PaymentChannel' });

export enum PaymentStatus {
  APPLIED = 'APPLIED',
  REVERSED = 'REVERSED',
}
registerEnumType(PaymentStatus, { name: 'PaymentStatus' });

export enum PaymentPlanStatus {
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  BROKEN = 'BROKEN',
  CANCELLED = 'CANCELLED',
}
registerEnumType(PaymentPlanStatus, { name: 'PaymentPlanStatus' });

export enum InstallmentStatus {
  DUE = 'DUE',
  PAID = 'PAID',
  MISSED = 'MISSED',
}
registerEnumType(InstallmentStatus, { name: 'InstallmentStatus' });

@ObjectType()
@Entity('payment')
export class Payment {
  @Field(() => ID)
  @IdColumn()
  id!: string;

  @RefColumn('account_id')
  accountId!: string;

  @Field(() => MoneyScalar)
  @IntegerColumn('amount')
  amount!: number;

  @Field(() => PaymentChannel)
  @TextColumn('channel', { length: 16 })
  channel!: PaymentChannel;

  @Field(() => DateTimeScalar)
  @TimestampColumn('received_at')
  receivedAt!: Date;

  @Field(() => String, { nullable: true })
  @TextColumn('reference', { length: 128, nullable: true })
  reference!: string | null;

  @Field(() => PaymentStatus)
  @TextColumn('status', { length: 16 })
  status!: PaymentStatus;

  /** What no invoice has taken yet; applied to the account's next issued invoice. */
  @Field(() => MoneyScalar)
  @IntegerColumn('unapplied')
  unapplied!: number;

  @TextColumn('idempotency_key', { length: 128 })
  idempotencyKey!: string;

  /** Digest of the request, to tell a retry (same input) from a conflicting reuse of the key. */
  @TextColumn('request_digest', { length: 64 })
  requestDigest!: string;

  @Field(() => DateTimeScalar)
  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('reversed_at', { nullable: true })
  reversedAt!: Date | null;

  @TextColumn('reversal_reason', { length: 500, nullable: true })
  reversalReason!: string | null;
}

@ObjectType()
@Entity('payment_allocation')
export class PaymentAllocation {
  @IdColumn()
  id!: string;

  @RefColumn('payment_id')
  paymentId!: string;

  @RefColumn('invoice_id')
  invoiceId!: string;

  @Field(() => MoneyScalar)
  @IntegerColumn('amount')
  amount!: number;

  @TimestampColumn('created_at')
  createdAt!: Date;
}

@ObjectType()
@Entity('payment_plan')
export class PaymentPlan {
  @Field(() => ID)
  @IdColumn()
  id!: string;

  @RefColumn('account_id')
  accountId!: string;

  @Field(() => PaymentPlanStatus)
  @TextColumn('status', { length: 16 })
  status!: PaymentPlanStatus;

  @Field(() => MoneyScalar)
  @IntegerColumn('total')
  total!: number;

  @Field(() => DateTimeScalar)
  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}

@ObjectType()
@Entity('installment')
export class Installment {
  @IdColumn()
  id!: string;

  @RefColumn('plan_id')
  planId!: string;

  @IntegerColumn('position')
  position!: number;

  @Field(() => DateScalar)
  @DateColumn('due_date')
  dueDate!: string;

  @Field(() => MoneyScalar)
  @IntegerColumn('amount')
  amount!: number;

  @Field(() => MoneyScalar)
  @IntegerColumn('paid')
  paid!: number;

  @Field(() => InstallmentStatus)
  @TextColumn('status', { length: 16 })
  status!: InstallmentStatus;
}
