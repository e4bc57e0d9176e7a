import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Entity } from 'typeorm';
import { DateScalar, DateTimeScalar, DecimalScalar, MoneyScalar } from '../../common/scalars';
import {
  BoolColumn,
  DateColumn,
  IdColumn,
  IntegerColumn,
  JsonColumn,
  RefColumn,
  TextColumn,
  TimestampColumn,
} from '../../db/entity-columns';

export enum ProductStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  RETIRED = 'RETIRED',
}
registerEnumType(ProductStatus, {
  name: 'ProductStatus',
  description: 'Where a product is in its life: DRAFT until published, ACTIVE while it may be sold, RETIRED once its sales end is set.',
  valuesConfig: {
    DRAFT: { description: 'Being set up: not offered to partners, cannot be enrolled in; publishProduct makes it ACTIVE.' },
    ACTIVE: { description: 'Published: on sale from salesStart, and until salesEnd when one is set.' },
    RETIRED: {
      description: 'retireProduct set its salesEnd: it leaves availableProducts from that day, existing enrollments keep being billed.',
    },
  },
});

export enum IncentiveKind {
  BILL_CREDIT = 'BILL_CREDIT',
  GIFT_CARD = 'GIFT_CARD',
  BUNDLE = 'BUNDLE',
  OTHER = 'OTHER',
}
registerEnumType(IncentiveKind, {
  name: 'IncentiveKind',
  description: 'What an incentive gives the customer who enrolls.',
  valuesConfig: {
    BILL_CREDIT: {
      description: "A credit of its value on the enrollment's first invoice (what the invoice cannot take carries forward to the next).",
    },
    GIFT_CARD: { description: 'A gift card of its value, fulfilled outside the hub: the first invoice emits INCENTIVE_EARNED.' },
    BUNDLE: { description: 'Something bundled with the product, fulfilled outside the hub: the first invoice emits INCENTIVE_EARNED.' },
    OTHER: { description: 'Any other reward, fulfilled outside the hub: the first invoice emits INCENTIVE_EARNED.' },
  },
});

export enum ProductChange {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  PUBLISHED = 'PUBLISHED',
  RETIRED = 'RETIRED',
  SALES_STARTED = 'SALES_STARTED',
  SALES_ENDED = 'SALES_ENDED',
}
registerEnumType(ProductChange, {
  name: 'ProductChange',
  description: 'What happened to a product, in a productChanged event.',
  valuesConfig: {
    CREATED: { description: 'The product was created (as a DRAFT).' },
    UPDATED: { description: 'Its details, rates, promo codes or incentives changed.' },
    PUBLISHED: { description: 'It was published: DRAFT to ACTIVE, with its salesStart.' },
    RETIRED: { description: 'Its sales end was set: ACTIVE to RETIRED.' },
    SALES_STARTED: { description: "The day of salesStart has come (in the hub's time zone): the product is now in availableProducts." },
    SALES_ENDED: { description: 'The day of salesEnd has come: the product has left availableProducts.' },
  },
});

@ObjectType({ description: 'One block of a tiered rate: the units up to upTo (per 30 days) are priced at unitPrice.' })
export class RateTier {
  /** Micro-units of quantity per 30 days; null on the last tier. */
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Upper bound of the tier per 30 days of usage (prorated by days); null for the last tier.',
  })
  upTo!: number | null;

  /** Micro-units of money per unit. */
  @Field(() => DecimalScalar, { description: 'Price of one unit inside this tier.' })
  unitPrice!: number;
}

@ObjectType({ description: 'The flat price of reads on one register (ON_PEAK, OFF_PEAK, DEMAND...).' })
export class RegisterPrice {
  @Field({ description: 'The register it prices; never TOTAL.' })
  register!: string;

  /** Micro-units of money per unit. */
  @Field(() => DecimalScalar, { description: 'Price of one unit read on that register.' })
  unitPrice!: number;
}

@ObjectType({
  description:
    "A unit price of a product over a half-open period [effectiveFrom, effectiveTo). A product's rates never overlap; a day no rate covers blocks billing of that day (MISSING_RATE).",
})
@Entity('rate')
export class Rate {
  @Field(() => ID, { description: "The rate's id." })
  @IdColumn()
  id!: string;

  @RefColumn('product_id')
  productId!: string;

  @Field(() => DateScalar, { description: 'First day the rate prices.' })
  @DateColumn('effective_from')
  effectiveFrom!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The day after the last day the rate prices (half-open); null while it has no end.',
  })
  @DateColumn('effective_to', { nullable: true })
  effectiveTo!: string | null;

  /** Price per unit in micro-units of money. */
  @Field(() => DecimalScalar, {
    description:
      "The flat price of TOTAL reads; for a tiered rate, the first tier's price. Per unit of the product's consumption (e.g. per kWh), exact, up to six fraction digits.",
  })
  @IntegerColumn('unit_price')
  unitPrice!: number;

  /** Null for a flat rate; served as a list by RateResolver. */
  @JsonColumn('tiers', { nullable: true })
  tiers!: RateTier[] | null;

  /** Null when none; served as a list by RateResolver. */
  @JsonColumn('register_prices', { nullable: true })
  registerPrices!: RegisterPrice[] | null;
}

@ObjectType({
  description:
    'A code a customer gives when enrolling, for a percentage off the usage charges or a one-time credit. Codes are stored upper-case and unique per product.',
})
@Entity('promo_code')
export class PromoCode {
  @Field(() => ID, { description: "The promo code's id." })
  @IdColumn()
  id!: string;

  @RefColumn('product_id')
  productId!: string;

  @Field({ description: 'The code the customer gives, upper-case letters, digits, _ and -; at most 32 characters.' })
  @TextColumn('code', { length: 32 })
  code!: string;

  @Field(() => String, { nullable: true, description: 'Free text shown to operators; null when none was given.' })
  @TextColumn('description', { length: 255, nullable: true })
  description!: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: "Percentage off the usage charges of every invoice whose period starts inside the promo's validity.",
  })
  @IntegerColumn('percent_off', { nullable: true })
  percentOff!: number | null;

  @Field(() => MoneyScalar, { nullable: true, description: "One-time credit on the enrollment's first invoice." })
  @IntegerColumn('amount_off', { nullable: true })
  amountOff!: number | null;

  @Field(() => DateScalar, { nullable: true, description: 'First day an enrollment may start with this code; null: no first day.' })
  @DateColumn('valid_from', { nullable: true })
  validFrom!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The day from which enrollments may no longer use it (half-open); null: no end.',
  })
  @DateColumn('valid_to', { nullable: true })
  validTo!: string | null;

  @Field(() => Int, { nullable: true, description: 'How many enrollments may use it in all; null: no limit.' })
  @IntegerColumn('max_redemptions', { nullable: true })
  maxRedemptions!: number | null;

  @Field(() => Int, { description: 'How many enrollments have used it; each enrollment counts once.' })
  @IntegerColumn('redemptions')
  redemptions!: number;

  @Field({ description: 'False once deactivated: no new enrollment may use it.' })
  @BoolColumn('active')
  active!: boolean;
}

@ObjectType({ description: "A reward for enrolling in a product, granted on the enrollment's first invoice." })
@Entity('incentive')
export class Incentive {
  @Field(() => ID, { description: "The incentive's id." })
  @IdColumn()
  id!: string;

  @RefColumn('product_id')
  productId!: string;

  @Field(() => IncentiveKind, { description: 'What the incentive gives.' })
  @TextColumn('kind', { length: 16 })
  kind!: IncentiveKind;

  @Field({ description: 'What the customer gets, in words; at most 255 characters.' })
  @TextColumn('description', { length: 255 })
  description!: string;

  @Field(() => MoneyScalar, { description: 'What it is worth; a BILL_CREDIT credits this much. More than 0.' })
  @IntegerColumn('value')
  value!: number;

  /**
   * When it was removed from the product: it is no longer listed or granted,
   * and the row stays for the credits it already granted and carried forward.
   */
  @TimestampColumn('removed_at', { nullable: true })
  removedAt!: Date | null;
}

@ObjectType({
  description:
    'A product customers enroll in: its unit, fixed charge, rates, promo codes and incentives, and the window in which it is on sale. A DRAFT until published; every change bumps version and is pushed to partners through productChanged.',
})
@Entity('product')
export class Product {
  @Field(() => ID, { description: "The product's id." })
  @IdColumn()
  id!: string;

  @Field({ description: 'Unique code of the product, used to enroll in it: letters, digits, _ and -; at most 32 characters.' })
  @TextColumn('code', { length: 32 })
  code!: string;

  @Field({ description: 'Name shown to customers and partners; at most 128 characters.' })
  @TextColumn('name', { length: 128 })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Longer text about the product, at most 1000 characters; null when none was given.' })
  @TextColumn('description', { length: 1000, nullable: true })
  description!: string | null;

  @Field({ description: 'Unit of consumption, e.g. kWh or therm.' })
  @TextColumn('unit', { length: 16 })
  unit!: string;

  @Field(() => ProductStatus, { description: 'DRAFT, ACTIVE or RETIRED.' })
  @TextColumn('status', { length: 16 })
  status!: ProductStatus;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'First day it is on sale (in availableProducts, open to enrollment); null while a DRAFT has none planned.',
  })
  @DateColumn('sales_start', { nullable: true })
  salesStart!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The day it is no longer on sale (half-open: on sale while salesStart <= day < salesEnd); null while it has no end.',
  })
  @DateColumn('sales_end', { nullable: true })
  salesEnd!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Contract term in months, 1 to 600, for partners to show; null when the product has none.',
  })
  @IntegerColumn('term_months', { nullable: true })
  termMonths!: number | null;

  @Field(() => MoneyScalar, { description: 'Charged once per invoice.' })
  @IntegerColumn('fixed_charge')
  fixedCharge!: number;

  @Field(() => Int, { description: 'Starts at 1 and grows by one on every change.' })
  @IntegerColumn('version')
  version!: number;

  @Field(() => DateTimeScalar, { description: 'When the product was created.' })
  @TimestampColumn('created_at')
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When the product last changed.' })
  @TimestampColumn('updated_at')
  updatedAt!: Date;
}

@ObjectType({ description: 'A change to a product, as productChanged pushes it.' })
export class ProductEvent {
  @Field(() => ProductChange, { description: 'What happened.' })
  change!: ProductChange;

  @Field(() => Product, { description: 'The product as it is when the event is delivered.' })
  product!: Product;
}
