import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar, DecimalScalar, MoneyScalar } from '../../common/scalars';

@ObjectType({ description: 'Open amounts of issued invoices by days past their due date, as of a day.' })
export class AgingBuckets {
  @Field(() => MoneyScalar, { description: 'Not yet due (due on or after the day).' })
  current!: number;

  @Field(() => MoneyScalar, { description: '1 to 30 days past due.' })
  days1to30!: number;

  @Field(() => MoneyScalar, { description: '31 to 60 days past due.' })
  days31to60!: number;

  @Field(() => MoneyScalar, { description: '61 to 90 days past due.' })
  days61to90!: number;

  @Field(() => MoneyScalar, { description: 'More than 90 days past due.' })
  over90!: number;
}

@ObjectType({ description: 'Receivables and back-office figures as of a day, for the dashboard.' })
export class Kpis {
  @Field(() => DateScalar, { description: 'The day the figures are for.' })
  asOf!: string;

  @Field(() => MoneyScalar, { description: 'Everything open on issued invoices: the sum of the aging buckets.' })
  receivables!: number;

  @Field(() => AgingBuckets, { description: 'Receivables by days past due.' })
  aging!: AgingBuckets;

  @Field(() => DecimalScalar, { description: 'Days sales outstanding over the 90 days before asOf.' })
  dso!: number;

  @Field(() => Int, { description: 'Invoices HELD for review now.' })
  heldInvoices!: number;

  @Field(() => Int, { description: 'Billing exceptions OPEN now.' })
  openExceptions!: number;

  @Field(() => Int, { description: 'Work items OPEN or IN_PROGRESS now, in every queue.' })
  openWorkItems!: number;

  @Field(() => Int, { description: 'Unresolved work items whose dueAt has passed.' })
  overdueWorkItems!: number;

  @Field(() => DecimalScalar, { description: 'Share of work items resolved within their SLA, 0..1, over the 30 days before asOf.' })
  slaAttainment!: number;
}
