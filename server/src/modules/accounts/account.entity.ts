import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Entity } from 'typeorm';
import { DateScalar, DateTimeScalar } from '../../common/scalars';
import { BoolColumn, DateColumn, IdColumn, RefColumn, TextColumn, TimestampColumn } from '../../db/entity-columns';
import { DeliveryMethod } from './delivery-method';

export enum AccountStatus {
  ACTIVE = 'ACTIVE',
  DROP_PENDING = 'DROP_PENDING',
  DROPPED = 'DROPPED',
  CLOSED = 'CLOSED',
}
registerEnumType(AccountStatus, {
  name: 'AccountStatus',
  description: 'Where a customer account stands.',
  valuesConfig: {
    ACTIVE: { description: 'Billed and served as usual.' },
    DROP_PENDING: {
      description: 'A collections MARKET_DROP step asked to drop it; a work item in MARKET_DROPS waits for an operator to confirm.',
    },
    DROPPED: { description: 'Dropped for non-payment (confirmMarketDrop); no longer billed or taken through collections.' },
    CLOSED: { description: 'Closed; no longer billed or taken through collections.' },
  },
});

@ObjectType({ description: 'A customer account: who is billed, what they are enrolled in, what they owe and how collections treat them.' })
@Entity('account')
export class Account {
  @Field(() => ID, { description: "The account's id." })
  @IdColumn()
  id!: string;

  @Field({
    description:
      'The account number customers, usage reads and payments name it by: letters, digits, _ and -, at most 32 characters; unique.',
  })
  @TextColumn('number', { length: 32 })
  number!: string;

  @Field({ description: "The customer's name, at most 128 characters." })
  @TextColumn('name', { length: 128 })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Email address for bills and letters; null when none is known.' })
  @TextColumn('email', { length: 254, nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Phone number for call requests and the dialer; null when none is known.' })
  @TextColumn('phone', { length: 32, nullable: true })
  phone!: string | null;

  @Field({
    description: 'Free-form segment key, e.g. RESIDENTIAL, COMMERCIAL, VIP, HIGH_RISK. Billing rules and collections paths match on it.',
  })
  @TextColumn('segment', { length: 32 })
  segment!: string;

  @Field(() => AccountStatus, { description: 'ACTIVE, DROP_PENDING, DROPPED or CLOSED.' })
  @TextColumn('status', { length: 16 })
  status!: AccountStatus;

  @Field({ description: "The tax zone whose tax rates apply to the account's invoices (see taxRates); DEFAULT unless set." })
  @TextColumn('tax_zone', { length: 32 })
  taxZone!: string;

  @Field({ description: 'True when the account pays no tax: its invoices get no TAX lines.' })
  @BoolColumn('tax_exempt')
  taxExempt!: boolean;

  @Field(() => String, { nullable: true, description: "The exemption certificate's reference, kept with the account; null when none." })
  @TextColumn('tax_exemption_ref', { length: 128, nullable: true })
  taxExemptionRef!: string | null;

  /** The collections path assigned explicitly, if any (else the segment's or the default path applies). */
  @RefColumn('collections_path_id', { nullable: true })
  collectionsPathId!: string | null;

  /** The postal address, printed on bills and letters (see postal-address.ts); all null when none was given. */
  @TextColumn('address_line1', { length: 128, nullable: true })
  addressLine1!: string | null;

  @TextColumn('address_line2', { length: 128, nullable: true })
  addressLine2!: string | null;

  @TextColumn('address_city', { length: 64, nullable: true })
  addressCity!: string | null;

  @TextColumn('address_region', { length: 64, nullable: true })
  addressRegion!: string | null;

  @TextColumn('address_postal_code', { length: 16, nullable: true })
  addressPostalCode!: string | null;

  @TextColumn('address_country', { length: 64, nullable: true })
  addressCountry!: string | null;

  @Field(() => DeliveryMethod, { description: 'How bills and letters reach the customer.' })
  @TextColumn('delivery', { length: 8 })
  delivery!: DeliveryMethod;

  @Field(() => DateTimeScalar, { description: 'When the account was created.' })
  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}

@ObjectType({
  description:
    "An account's enrollment in a product over a half-open period [startDate, endDate): the product that prices its usage on those days.",
})
@Entity('enrollment')
export class Enrollment {
  @Field(() => ID, { description: "The enrollment's id." })
  @IdColumn()
  id!: string;

  @RefColumn('account_id')
  accountId!: string;

  @RefColumn('product_id')
  productId!: string;

  @RefColumn('promo_code_id', { nullable: true })
  promoCodeId!: string | null;

  @Field(() => String, { nullable: true, description: 'The promo code given when enrolling, upper-case; null when none.' })
  @TextColumn('promo_code', { length: 32, nullable: true })
  promoCode!: string | null;

  @Field(() => DateScalar, { description: "First day the product prices the account's usage." })
  @DateColumn('start_date')
  startDate!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The day the next enrollment takes over (half-open); null while it is the current one.',
  })
  @DateColumn('end_date', { nullable: true })
  endDate!: string | null;

  /** Set once the enrollment's first invoice is issued: one-time credits apply only before. */
  @RefColumn('first_invoice_id', { nullable: true })
  firstInvoiceId!: string | null;

  @TimestampColumn('created_at')
  createdAt!: Date;
}
