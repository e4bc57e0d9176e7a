import { Field, ID, ObjectType } from 'type-graphql';
import { Entity } from 'typeorm';
import { DateScalar, DecimalScalar } from '../../common/scalars';
import { DateColumn, IdColumn, IntegerColumn, JsonColumn, TextColumn, TimestampColumn } from '../../db/entity-columns';
import { InvoiceLineKind } from '../billing/billing.entity';

@ObjectType({
  description:
    'A tax of one zone over a half-open period [effectiveFrom, effectiveTo): an invoice of an account in the zone gets a TAX line for it when its last day of service falls in the period. Rates of one zone and code never overlap.',
})
@Entity('tax_rate')
export class TaxRate {
  @Field(() => ID, { description: "The tax rate's id." })
  @IdColumn()
  id!: string;

  @Field({ description: 'The tax zone: upper-case letters, digits and _; accounts name it in taxZone.' })
  @TextColumn('zone', { length: 32 })
  zone!: string;

  @Field({ description: 'The tax code within the zone (e.g. STATE, CITY_UTILITY): upper-case letters, digits and _; on the TAX lines.' })
  @TextColumn('code', { length: 32 })
  code!: string;

  @Field({ description: 'The name the bill shows on the TAX line, e.g. "State sales tax".' })
  @TextColumn('name', { length: 128 })
  name!: string;

  /** Percent in micro-units: 8.25 % is 8_250_000. */
  @Field(() => DecimalScalar, { description: 'The percentage of the base the tax takes, from 0 to 100 (e.g. "8.25").' })
  @IntegerColumn('percent')
  percent!: number;

  @Field(() => [InvoiceLineKind], {
    description: 'Line kinds whose amounts make the base (list CREDIT to let discounts reduce it).',
  })
  @JsonColumn('applies_to')
  appliesTo!: InvoiceLineKind[];

  @Field(() => DateScalar, { description: 'First day of service the rate taxes.' })
  @DateColumn('effective_from')
  effectiveFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'The day after the last day it taxes (half-open); null while it has no end.' })
  @DateColumn('effective_to', { nullable: true })
  effectiveTo!: string | null;

  @TextColumn('created_by', { length: 128 })
  createdBy!: string;

  @TimestampColumn('created_at')
  createdAt!: Date;
}
