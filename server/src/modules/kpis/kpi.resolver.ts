import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../../app/context';
import { Access } from '../../common/auth/roles';
import { DateScalar } from '../../common/scalars';
import { Kpis } from './kpi.types';

@Resolver()
export class KpiResolver {
  @Authorized(...Access.READ)
  @Query(() => Kpis)
  kpis(@Ctx() ctx: HubContext, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string | null): Promise<Kpis> {
    return ctx.services.kpis.compute(asOf);
  }
}
