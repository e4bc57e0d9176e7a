import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar, DecimalScalar, MoneyScalar } from '../../common/scalars';

@ObjectType()
export class AgingBuckets {
  @Field(() => MoneyScalar)
  current!: number;

  @Field(() => MoneyScalar)
  days1to30!: number;

  @Field(() => MoneyScalar)
  days31to60!: number;

  @Field(() => MoneyScalar)
  days61to90!: number;

  @Field(() => MoneyScalar)
  over90!: number;
}

@ObjectType()
export class Kpis {
  @Field(() => DateScalar)
  asOf!: string;

  @Field(() => MoneyScalar)
  receivables!: number;

  @Field(() => AgingBuckets)
  aging!: AgingBuckets;

  @Field(() => DecimalScalar, { description: 'Days sales outstanding over the 90 days before asOf.' })
  dso!: number;

  @Field(() => Int)
  heldInvoices!: number;

  @Field(() => Int)
  openExceptions!: number;

  @Field(() => Int)
  openWorkItems!: number;

  @Field(() => Int)
  overdueWorkItems!: number;

  @Field(() => DecimalScalar, { description: 'Share of work items resolved within their SLA, 0..1, over the 30 days before asOf.' })
  slaAttainment!: number;
}
