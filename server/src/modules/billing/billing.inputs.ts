import { Field, InputType, Int } from 'type-graphql';
import { DecimalScalar, MoneyScalar } from '../../common/scalars';

@InputType()
export class BillingRulesInput {
  @Field(() => String, { nullable: true })
  segment?: string | null;

  @Field(() => DecimalScalar)
  highConsumptionFactor!: number;

  @Field(() => DecimalScalar)
  swingPercent!: number;

  @Field(() => MoneyScalar, { nullable: true })
  maxInvoiceAmount?: number | null;

  @Field(() => Int)
  paymentTermsDays!: number;
}
