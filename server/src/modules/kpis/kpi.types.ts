import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar, DecimalScalar, MoneyScalar } from '../../common/scalars';

@ObjectType({
  description: 'Open amounts of issued invoices by days past their due date, as of a day: for a past day, as they stood at its end.',
})
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

@ObjectType({ description: 'Receivables figures for one calendar month (the month of asOf counts through asOf).' })
export class KpiMonth {
  @Field(() => String, { description: 'The month, YYYY-MM.' })
  month!: string;

  @Field(() => DateScalar, { description: 'The last day counted: the last day of the month, or asOf for the month of asOf.' })
  endDate!: string;

  @Field(() => MoneyScalar, {
    description: 'Totals of the invoices issued in the month (ISSUED or PAID now), less the credit notes issued in the month.',
  })
  invoiced!: number;

  @Field(() => MoneyScalar, {
    description: 'Payments received in the month that still count (not reversed; credits from credit notes are no payment).',
  })
  collected!: number;

  @Field(() => MoneyScalar, {
    description: 'What was open on issued invoices at the end of endDate: totals less payments and credits applied by then.',
  })
  receivables!: number;

  @Field(() => MoneyScalar, {
    description: 'The part of receivables at the end of endDate on invoices past their due date (1 day late or more).',
  })
  pastDue!: number;

  @Field(() => DecimalScalar, {
    description: 'Days sales outstanding for the month: receivables / invoiced x days in the month; 0 when nothing was invoiced.',
  })
  dso!: number;
}

@ObjectType({ description: 'How one work queue kept its SLA in one calendar month.' })
export class QueueSlaMonth {
  @Field(() => String, { description: 'The key of the work queue, e.g. INVOICE_REVIEW.' })
  queueKey!: string;

  @Field(() => String, { description: 'The month the items were resolved in, YYYY-MM.' })
  month!: string;

  @Field(() => Int, { description: 'Items of the queue resolved in the month.' })
  resolved!: number;

  @Field(() => Int, { description: 'Of those, items resolved by their due time.' })
  resolvedInTime!: number;

  @Field(() => DecimalScalar, { description: 'resolvedInTime / resolved, 0..1, to 4 places.' })
  attainment!: number;
}
