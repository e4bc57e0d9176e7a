import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../../common/context';
import { Access } from '../../common/auth/roles';
import { rootDescription } from '../../common/descriptions';
import { DateScalar } from '../../common/scalars';
import { Kpis } from './kpi.types';

@Resolver()
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
}
