import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { HubContext } from '../../app/context';
import { Access } from '../../common/auth/roles';
import { acceptInvalidItems } from '../../common/scalars/validate-args';
import { UsageImportResult, UsageInput } from './usage.types';

@Resolver()
export class UsageResolver {
  @Authorized(...Access.INGEST)
  @Mutation(() => UsageImportResult)
  recordUsage(
    @Arg('reads', () => [UsageInput], { validateFn: acceptInvalidItems }) reads: UsageInput[],
    @Ctx() ctx: HubContext,
  ): Promise<UsageImportResult> {
    return ctx.services.usage.record(ctx.actor(), reads);
  }
}
