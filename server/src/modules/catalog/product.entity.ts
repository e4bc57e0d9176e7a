import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Entity } from 'typeorm';
import { DateScalar, DateTimeScalar, DecimalScalar, MoneyScalar } from '../../common/scalars';
import { BoolColumn, DateColumn, IdColumn, IntegerColumn, RefColumn, TextColumn, TimestampColumn } from '../../db/entity-columns';

export enum ProductStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  RETIRED = 'RETIRED',
}
registerEnumType(ProductStatus, { name: 'ProductStatus' });

export enum IncentiveKind {
  BILL_CREDIT = 'BILL_CREDIT',
  GIFT_CARD = 'GIFT_CARD',
  BUNDLE = 'BUNDLE',
  OTHER = 'OTHER',
}
registerEnumType(IncentiveKind, { name: 'IncentiveKind' });

export enum ProductChange {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  PUBLISHED = 'PUBLISHED',
  RETIRED = 'RETIRED',
}
registerEnumType(ProductChange, { name: 'ProductChange' });

@ObjectType()
@Entity('rate')
export class Rate {
  @Field(() => ID)
  @IdColumn()
  id!: string;

  @RefColumn('product_id')
  productId!: string;

  @Field(() => DateScalar)
  @DateColumn('effective_from')
  effectiveFrom!: string;

  @Field(() => DateScalar, { nullable: true })
  @DateColumn('effective_to', { nullable: true })
  effectiveTo!: string | null;

  /** Price per unit in micro-units of money. */
  @Field(() => DecimalScalar)
  @IntegerColumn('unit_price')
  unitPrice!: number;
}

@ObjectType()
@Entity('promo_code')
export class PromoCode {
  @Field(() => ID)
  @IdColumn()
  id!: string;

  @RefColumn('product_id')
  productId!: string;

  @Field()
  @TextColumn('code', { length: 32 })
  code!: string;

  @Field(() => String, { nullable: true })
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

  @Field(() => DateScalar, { nullable: true })
  @DateColumn('valid_from', { nullable: true })
  validFrom!: string | null;

  @Field(() => DateScalar, { nullable: true })
  @DateColumn('valid_to', { nullable: true })
  validTo!: string | null;

  @Field(() => Int, { nullable: true })
  @IntegerColumn('max_redemptions', { nullable: true })
  maxRedemptions!: number | null;

  @Field(() => Int)
  @IntegerColumn('redemptions')
  redemptions!: number;

  @Field({ description: 'False once deactivated: no new enrollment may use it.' })
  @BoolColumn('active')
  active!: boolean;
}

@ObjectType()
@Entity('incentive')
export class Incentive {
  @Field(() => ID)
  @IdColumn()
  id!: string;

  @RefColumn('product_id')
  productId!: string;

  @Field(() => IncentiveKind)
  @TextColumn('kind', { length: 16 })
  kind!: IncentiveKind;

  @Field()
  @TextColumn('description', { length: 255 })
  description!: string;

  @Field(() => MoneyScalar)
  @IntegerColumn('value')
  value!: number;
}

@ObjectType()
@Entity('product')
export class Product {
  @Field(() => ID)
  @IdColumn()
  id!: string;

  @Field()
  @TextColumn('code', { length: 32 })
  code!: string;

  @Field()
  @TextColumn('name', { length: 128 })
  name!: string;

  @Field(() => String, { nullable: true })
  @TextColumn('description', { length: 1000, nullable: true })
  description!: string | null;

  @Field({ description: 'Unit of consumption, e.g. kWh or therm.' })
  @TextColumn('unit', { length: 16 })
  unit!: string;

  @Field(() => ProductStatus)
  @TextColumn('status', { length: 16 })
  status!: ProductStatus;

  @Field(() => DateScalar, { nullable: true })
  @DateColumn('sales_start', { nullable: true })
  salesStart!: string | null;

  @Field(() => DateScalar, { nullable: true })
  @DateColumn('sales_end', { nullable: true })
  salesEnd!: string | null;

  @Field(() => Int, { nullable: true })
  @IntegerColumn('term_months', { nullable: true })
  termMonths!: number | null;

  @Field(() => MoneyScalar, { description: 'Charged once per invoice.' })
  @IntegerColumn('fixed_charge')
  fixedCharge!: number;

  @Field(() => Int, { description: 'Starts at 1 and grows by one on every change.' })
  @IntegerColumn('version')
  version!: number;

  @Field(() => DateTimeScalar)
  @TimestampColumn('created_at')
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  @TimestampColumn('updated_at')
  updatedAt!: Date;
}

@ObjectType()
export class ProductEvent {
  @Field(() => ProductChange)
  change!: ProductChange;

  @Field(() => Product)
  product!: Product;
}
