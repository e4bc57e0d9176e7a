import { Field, InputType, Int } from 'type-graphql';
import { DecimalScalar, MoneyScalar } from '../../common/scalars';

@InputType({ description: "A segment's billing rules, or the default rules; they replace the ones stored for it." })
export class BillingRulesInput {
  @Field(() => String, {
    nullable: true,
    description: 'The segment they are for (stored upper-case); null or empty for the default rules.',
  })
  segment?: string | null;

  @Field(() => DecimalScalar, { description: 'HIGH_CONSUMPTION factor, more than 0, e.g. "2" for twice the usual daily use.' })
  highConsumptionFactor!: number;

  @Field(() => DecimalScalar, { description: 'BILL_SWING threshold in percent, zero or more, e.g. "50".' })
  swingPercent!: number;

  @Field(() => MoneyScalar, { nullable: true, description: 'HIGH_AMOUNT threshold, more than 0; null disables the test.' })
  maxInvoiceAmount?: number | null;

  @Field(() => Int, { description: 'Days from issue date to due date, 0 to 365.' })
  paymentTermsDays!: number;

  @Field(() => MoneyScalar, { nullable: true, description: 'Fee for a returned payment, more than 0; null or omitted charges none.' })
  returnedPaymentFee?: number | null;
}
