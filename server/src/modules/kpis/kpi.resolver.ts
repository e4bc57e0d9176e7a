import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../common/context';
import { Access } from '../../common/auth/roles';
import { rootDescription } from '../../common/descriptions';
import { DateScalar } from '../../common/scalars';
import { KpiMonth, Kpis, QueueSlaMonth } from './kpi.types';

@Resolver(() => Kpis)
export class KpiResolver {
  @Authorized(...Access.READ)
  @Query(() => Kpis, { description: rootDescription('Receivables, aging, DSO and work-queue figures as of a day.', Access.READ) })
  kpis(
    @Ctx() ctx: HubContext,
    @Arg('asOf', () => DateScalar, { nullable: true, description: "The day the figures are for; default today in the hub's time zone." })
    asOf?: string | null,
  ): Promise<Kpis> {
    return ctx.services.kpis.compute(asOf);
  }

  @FieldResolver(() => [KpiMonth], {
    description:
      'Invoiced (net of credit notes), collected, receivables and past due at month end, and DSO, for each calendar month ending with the month of asOf, oldest first. Payments count in the month of their UTC receipt time. BAD_USER_INPUT when months is not 1..36.',
  })
  monthly(
    @Root() kpis: Kpis,
    @Ctx() ctx: HubContext,
    @Arg('months', () => Int, { defaultValue: 12, description: 'How many months, 1 to 36 (default 12).' }) months: number,
  ): Promise<KpiMonth[]> {
    return ctx.services.kpiSeries.months(kpis.asOf, months);
  }

  @FieldResolver(() => [QueueSlaMonth], {
    description:
      'SLA attainment per work queue and calendar month (by UTC resolution time), for the months ending with the month of asOf; a queue is listed for a month only when it resolved items in it. BAD_USER_INPUT when months is not 1..36.',
  })
  slaByQueue(
    @Root() kpis: Kpis,
    @Ctx() ctx: HubContext,
    @Arg('months', () => Int, { defaultValue: 6, description: 'How many months, 1 to 36 (default 6).' }) months: number,
  ): Promise<QueueSlaMonth[]> {
    return ctx.services.kpiSeries.slaByQueue(kpis.asOf, months);
  }
}
