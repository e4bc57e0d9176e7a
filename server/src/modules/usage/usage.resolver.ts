import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { HubContext } from '../../common/context';
import { Access } from '../../common/auth/roles';
import { rootDescription } from '../../common/descriptions';
import { acceptInvalidItems } from '../../common/scalars/validate-args';
import { UsageImportResult, UsageInput } from './usage.types';

@Resolver()
export class UsageResolver {
  @Authorized(...Access.INGEST)
  @Mutation(() => UsageImportResult, {
    description: rootDescription(
      'Stores usage reads, up to 10,000 per call. A bad read is rejected with its index and reason and never costs the good ones beside it; a read identical to a stored one is counted as a duplicate and ignored, so a call can be sent again safely.',
      Access.INGEST,
      'BAD_USER_INPUT (nothing stored) for more than 10,000 reads.',
    ),
  })
  recordUsage(
    @Arg('reads', () => [UsageInput], { validateFn: acceptInvalidItems, description: 'The reads, at most 10,000.' }) reads: UsageInput[],
    @Ctx() ctx: HubContext,
  ): Promise<UsageImportResult> {
    return ctx.services.usage.record(ctx.actor(), reads);
  }
}
