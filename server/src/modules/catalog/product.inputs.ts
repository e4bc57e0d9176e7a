import { Field, InputType, Int } from 'type-graphql';
import { DateScalar, DecimalScalar, MoneyScalar } from '../../common/scalars';
import { IncentiveKind } from './product.entity';

@InputType({ description: 'One block of a tiered rate.' })
export class RateTierInput {
  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'Upper bound of the tier per 30 days of usage (prorated by days), more than the previous one; leave it out on the last tier.',
  })
  upTo?: number | null;

  @Field(() => DecimalScalar, { description: 'Price of one unit inside this tier, zero or more.' })
  unitPrice!: number;
}

@InputType({ description: 'The flat price of reads on one register.' })
export class RegisterPriceInput {
  @Field({ description: 'The register (ON_PEAK, OFF_PEAK, DEMAND...): 1 to 16 characters A-Z, 0-9 and _, not TOTAL.' })
  register!: string;

  @Field(() => DecimalScalar, { description: 'Price of one unit read on that register, zero or more.' })
  unitPrice!: number;
}

@InputType({
  description:
    "A rate to add or to give a new product: a unit price over a half-open period that must not overlap the product's other rates.",
})
export class RateInput {
  @Field(() => DateScalar, { description: 'First day the rate prices.' })
  effectiveFrom!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The day after its last day (half-open), after effectiveFrom; leave it out for a rate with no end.',
  })
  effectiveTo?: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Flat price of TOTAL reads; omit it when tiers are given. Zero or more, up to six fraction digits.',
  })
  unitPrice?: number | null;

  @Field(() => [RateTierInput], {
    nullable: true,
    description: 'Block tiers for TOTAL reads instead of unitPrice: upTo ascending, the last one without upTo.',
  })
  tiers?: RateTierInput[] | null;

  @Field(() => [RegisterPriceInput], {
    nullable: true,
    description: 'Flat prices of reads on other registers (ON_PEAK, OFF_PEAK...), one per register; never TOTAL.',
  })
  registerPrices?: RegisterPriceInput[] | null;
}

@InputType({ description: 'A promo code to add to a product: give percentOff or amountOff (or both).' })
export class PromoCodeInput {
  @Field({
    description: 'The code customers give: letters, digits, _ and -, at most 32 characters; stored upper-case; unique per product.',
  })
  code!: string;

  @Field(() => String, { nullable: true, description: 'Free text for operators, at most 255 characters.' })
  description?: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: `Percent off the usage charges of every invoice whose period starts inside the code's validity: more than 0 and at most 100 ("10" is 10 %).`,
  })
  percentOff?: number | null;

  @Field(() => MoneyScalar, { nullable: true, description: "One-time credit on the enrollment's first invoice; more than 0." })
  amountOff?: number | null;

  @Field(() => DateScalar, { nullable: true, description: 'First day an enrollment may start with it; leave it out for no first day.' })
  validFrom?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The day from which it may no longer be used (half-open), after validFrom; leave it out for no end.',
  })
  validTo?: string | null;

  @Field(() => Int, { nullable: true, description: 'How many enrollments may use it in all, 1 or more; leave it out for no limit.' })
  maxRedemptions?: number | null;
}

@InputType({ description: 'An incentive to add to a product.' })
export class IncentiveInput {
  @Field(() => IncentiveKind, { description: 'What the incentive gives.' })
  kind!: IncentiveKind;

  @Field({ description: 'What the customer gets, in words; at most 255 characters.' })
  description!: string;

  @Field(() => MoneyScalar, { description: 'What it is worth; more than 0.' })
  value!: number;
}

@InputType({ description: 'A new product, created as a DRAFT, with its first rates, promo codes and incentives (at most 500 of each).' })
export class CreateProductInput {
  @Field({
    description:
      'Unique code: letters, digits, _ and -, starting with a letter or digit; at most 32 characters. A code already taken answers CONFLICT.',
  })
  code!: string;

  @Field({ description: 'Name shown to customers and partners; at most 128 characters.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Longer text about the product, at most 1000 characters.' })
  description?: string | null;

  @Field({ description: 'Unit of consumption, e.g. kWh or therm; at most 16 characters.' })
  unit!: string;

  @Field(() => MoneyScalar, { description: 'Charged once per invoice; zero or more.' })
  fixedCharge!: number;

  @Field(() => Int, { nullable: true, description: 'Contract term in months, 1 to 600.' })
  termMonths?: number | null;

  @Field(() => DateScalar, { nullable: true, description: 'Planned first day on sale; publishProduct may set another.' })
  salesStart?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The day it is no longer on sale (half-open), after salesStart.' })
  salesEnd?: string | null;

  @Field(() => [RateInput], { nullable: true, description: 'Its first rates; they must not overlap one another.' })
  rates?: RateInput[] | null;

  @Field(() => [PromoCodeInput], { nullable: true, description: 'Its first promo codes; their codes must differ.' })
  promoCodes?: PromoCodeInput[] | null;

  @Field(() => [IncentiveInput], { nullable: true, description: 'Its first incentives.' })
  incentives?: IncentiveInput[] | null;
}

@InputType({ description: 'Changes to a product: a field left out keeps its value, a null clears it where the product allows it.' })
export class UpdateProductInput {
  @Field(() => String, { nullable: true, description: 'New name, at most 128 characters; cannot be cleared.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New description, at most 1000 characters; null clears it.' })
  description?: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'New fixed charge, zero or more; cannot be cleared.' })
  fixedCharge?: number | null;

  @Field(() => Int, { nullable: true, description: 'New term in months, 1 to 600; null clears it.' })
  termMonths?: number | null;

  @Field(() => DateScalar, { nullable: true, description: 'New first day on sale; a published product keeps one.' })
  salesStart?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'New day it leaves sale (half-open), after salesStart; null removes the end.' })
  salesEnd?: string | null;
}
