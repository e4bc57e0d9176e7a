import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../common/context';
import { PAGE_AFTER, PAGE_FIRST } from '../../common/descriptions';
import { Account } from '../accounts/account.entity';
import { TimelineConnection } from './timeline.types';

@Resolver(() => Account)
export class AccountTimelineResolver {
  @FieldResolver(() => TimelineConnection, {
    description:
      'Everything that happened on the account, newest first: invoices, payments, credit notes, refunds, usage reads, collections steps, work notes and disputes, each with who did it.',
  })
  timeline(
    @Root() account: Account,
    @Ctx() ctx: HubContext,
    @Arg('first', () => Int, { nullable: true, description: PAGE_FIRST }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_AFTER }) after?: string | null,
  ): Promise<TimelineConnection> {
    return ctx.services.timeline.forAccount(ctx.actor(), account.id, { first, after });
  }
}
