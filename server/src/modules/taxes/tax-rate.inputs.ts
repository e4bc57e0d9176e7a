import { Field, InputType } from 'type-graphql';
import { DateScalar, DecimalScalar } from '../../common/scalars';
import { InvoiceLineKind } from '../billing/billing.entity';

@InputType({ description: 'A tax rate to add to a zone: it must not overlap the rates of the same zone and code.' })
export class TaxRateInput {
  @Field({ description: 'The tax zone: letters, digits and _, at most 32 characters; stored upper-case.' })
  zone!: string;

  @Field({ description: 'The tax code: letters, digits and _, at most 32 characters; stored upper-case.' })
  code!: string;

  @Field({ description: 'The name the bill shows on the TAX line, at most 128 characters.' })
  name!: string;

  @Field(() => DecimalScalar, { description: 'The percentage of the base, from 0 to 100, up to six fraction digits.' })
  percent!: number;

  @Field(() => [InvoiceLineKind], { description: 'Line kinds whose amounts make the base; at least one (TAX itself is not allowed).' })
  appliesTo!: InvoiceLineKind[];

  @Field(() => DateScalar, { description: 'First day of service the rate taxes.' })
  effectiveFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'The day after the last day it taxes (half-open); omit for no end.' })
  effectiveTo?: string | null;
}
