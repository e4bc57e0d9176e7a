import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Entity } from 'typeorm';
import { DateScalar, DateTimeScalar } from '../../common/scalars';
import { DateColumn, IdColumn, RefColumn, TextColumn, TimestampColumn } from '../../db/entity-columns';

export enum AccountStatus {
  ACTIVE = 'ACTIVE',
  DROP_PENDING = 'DROP_PENDING',
  DROPPED = 'DROPPED',
  CLOSED = 'CLOSED',
}
registerEnumType(AccountStatus, { name: 'AccountStatus' });

@ObjectType()
@Entity('account')
export class Account {
  @Field(() => ID)
  @IdColumn()
  id!: string;

  @Field()
  @TextColumn('number', { length: 32 })
  number!: string;

  @Field()
  @TextColumn('name', { length: 128 })
  name!: string;

  @Field(() => String, { nullable: true })
  @TextColumn('email', { length: 254, nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  @TextColumn('phone', { length: 32, nullable: true })
  phone!: string | null;

  @Field({
    description: 'Free-form segment key, e.g. RESIDENTIAL, COMMERCIAL, VIP, HIGH_RISK. Billing rules and collections paths match on it.',
  })
  @TextColumn('segment', { length: 32 })
  segment!: string;

  @Field(() => AccountStatus)
  @TextColumn('status', { length: 16 })
  status!: AccountStatus;

  /** The collections path assigned explicitly, if any (else the segment's or the default path applies). */
  @RefColumn('collections_path_id', { nullable: true })
  collectionsPathId!: string | null;

  @Field(() => DateTimeScalar)
  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}

@ObjectType()
@Entity('enrollment')
export class Enrollment {
  @Field(() => ID)
  @IdColumn()
  id!: string;

  @RefColumn('account_id')
  accountId!: string;

  @RefColumn('product_id')
  productId!: string;

  @RefColumn('promo_code_id', { nullable: true })
  promoCodeId!: string | null;

  @Field(() => String, { nullable: true })
  @TextColumn('promo_code', { length: 32, nullable: true })
  promoCode!: string | null;

  @Field(() => DateScalar)
  @DateColumn('start_date')
  startDate!: string;

  @Field(() => DateScalar, { nullable: true })
  @DateColumn('end_date', { nullable: true })
  endDate!: string | null;

  /** Set once the enrollment's first invoice is issued: one-time credits apply only before. */
  @RefColumn('first_invoice_id', { nullable: true })
  firstInvoiceId!: string | null;

  @TimestampColumn('created_at')
  createdAt!: Date;
}
