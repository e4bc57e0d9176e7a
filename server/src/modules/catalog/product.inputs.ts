import { Field, InputType, Int } from 'type-graphql';
import { DateScalar, DecimalScalar, MoneyScalar } from '../../common/scalars';
import { IncentiveKind } from './product.entity';

@InputType()
export class RateInput {
  @Field(() => DateScalar)
  effectiveFrom!: string;

  @Field(() => DateScalar, { nullable: true })
  effectiveTo?: string | null;

  @Field(() => DecimalScalar)
  unitPrice!: number;
}

@InputType()
export class PromoCodeInput {
  @Field()
  code!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  percentOff?: number | null;

  @Field(() => MoneyScalar, { nullable: true })
  amountOff?: number | null;

  @Field(() => DateScalar, { nullable: true })
  validFrom?: string | null;

  @Field(() => DateScalar, { nullable: true })
  validTo?: string | null;

  @Field(() => Int, { nullable: true })
  maxRedemptions?: number | null;
}

@InputType()
export class IncentiveInput {
  @Field(() => IncentiveKind)
  kind!: IncentiveKind;

  @Field()
  description!: string;

  @Field(() => MoneyScalar)
  value!: number;
}

@InputType()
export class CreateProductInput {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field()
  unit!: string;

  @Field(() => MoneyScalar)
  fixedCharge!: number;

  @Field(() => Int, { nullable: true })
  termMonths?: number | null;

  @Field(() => DateScalar, { nullable: true })
  salesStart?: string | null;

  @Field(() => DateScalar, { nullable: true })
  salesEnd?: string | null;

  @Field(() => [RateInput], { nullable: true })
  rates?: RateInput[] | null;

  @Field(() => [PromoCodeInput], { nullable: true })
  promoCodes?: PromoCodeInput[] | null;

  @Field(() => [IncentiveInput], { nullable: true })
  incentives?: IncentiveInput[] | null;
}

@InputType()
export class UpdateProductInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => MoneyScalar, { nullable: true })
  fixedCharge?: number | null;

  @Field(() => Int, { nullable: true })
  termMonths?: number | null;

  @Field(() => DateScalar, { nullable: true })
  salesStart?: string | null;

  @Field(() => DateScalar, { nullable: true })
  salesEnd?: string | null;
}
