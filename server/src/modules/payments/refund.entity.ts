import { Field, ID, ObjectType } from 'type-graphql';
import { Entity } from 'typeorm';
import { DateTimeScalar, MoneyScalar } from '../../common/scalars';
import { IdColumn, IntegerColumn, RefColumn, TextColumn, TimestampColumn } from '../../db/entity-columns';
import { PaymentChannel } from './payment.entity';

@ObjectType({ description: "Unapplied credit paid back to the customer; never more than the account's unapplied credit." })
@Entity('refund')
export class Refund {
  @Field(() => ID, { description: "The refund's id." })
  @IdColumn()
  id!: string;

  @RefColumn('account_id')
  accountId!: string;

  @Field(() => MoneyScalar, { description: 'What was paid back; more than 0.' })
  @IntegerColumn('amount')
  amount!: number;

  @Field(() => PaymentChannel, { description: 'How it was paid back.' })
  @TextColumn('channel', { length: 16 })
  channel!: PaymentChannel;

  @Field(() => String, { nullable: true, description: "The bank's or check's reference; null when none." })
  @TextColumn('reference', { length: 128, nullable: true })
  reference!: string | null;

  @TextColumn('idempotency_key', { length: 128 })
  idempotencyKey!: string;

  /** Digest of the request, to tell a retry (same input) from a conflicting reuse of the key. */
  @TextColumn('request_digest', { length: 64 })
  requestDigest!: string;

  @TextColumn('created_by', { length: 128 })
  createdBy!: string;

  @Field(() => DateTimeScalar, { description: 'When it was recorded.' })
  @TimestampColumn('created_at')
  createdAt!: Date;
}
