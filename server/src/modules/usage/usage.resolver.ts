import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../common/context';
import { Access } from '../../common/auth/roles';
import { connectionDescription, PAGE_AFTER, PAGE_FIRST, rootDescription } from '../../common/descriptions';
import { required } from '../../common/loaders/loaders';
import { ConnectionType, type Connection } from '../../common/pagination/connection';
import { acceptInvalidItems } from '../../common/scalars/validate-args';
import { Account } from '../accounts/account.entity';
import { accountById } from '../accounts/account.loaders';
import { Invoice } from '../billing/billing.entity';
import { invoiceById } from '../billing/billing.loaders';
import { readStatus, UsageRead, UsageReadStatus } from './usage.entity';
import { usageReadById } from './usage.loaders';
import { UsageImportResult, UsageInput } from './usage.types';

@ObjectType('UsageReadConnection', { description: connectionDescription('usage reads') })
export class UsageReadConnection extends ConnectionType(UsageRead) {}

@Resolver(() => UsageRead)
export class UsageResolver {
  @Authorized(...Access.INGEST)
  @Mutation(() => UsageImportResult, {
    description: rootDescription(
      'Stores usage reads, up to 10,000 per call. A bad read is rejected with its index and reason and never costs the good ones beside it; a read identical to a stored one is counted as a duplicate and ignored, so a call can be sent again safely. An actual read replaces a stored estimate of the same account, register and period, and so does any read sent with replace: true; a billed read replaced this way is credited and billed again.',
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

  @Authorized(...Access.READ)
  @Query(() => UsageRead, { nullable: true, description: rootDescription('One usage read by id; null when there is none.', Access.READ) })
  usageRead(@Arg('id', () => ID, { description: "The read's id." }) id: string, @Ctx() ctx: HubContext): Promise<UsageRead | null> {
    return ctx.services.usageReads.find(id);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => UsageRead, {
    description: rootDescription(
      'Cancels a read entered by mistake: it stops counting. Unbilled, it is simply never billed; on a HELD invoice, that invoice is voided and its other reads return to unbilled; on an ISSUED or PAID invoice, a credit note credits the charges it produced there.',
      Access.OPERATE,
      'NOT_FOUND when there is no such read; INVALID_STATE when it is already REPLACED or CANCELLED; BAD_USER_INPUT for an empty reason.',
    ),
  })
  cancelUsageRead(
    @Arg('id', () => ID, { description: 'The read to cancel.' }) id: string,
    @Arg('reason', { description: 'Why, kept on the read and in the audit log (at most 2000 characters).' }) reason: string,
    @Ctx() ctx: HubContext,
  ): Promise<UsageRead> {
    return ctx.services.usageReads.cancel(ctx.actor(), id, reason);
  }

  @FieldResolver(() => Account, { description: 'The account that consumed.' })
  account(@Root() read: UsageRead, @Ctx() ctx: HubContext): Promise<Account> {
    return required(ctx.loaders.load(accountById, read.accountId), `account of usage read ${read.id}`);
  }

  @FieldResolver(() => UsageReadStatus, { description: 'UNBILLED, BILLED, REPLACED or CANCELLED.' })
  status(@Root() read: UsageRead): UsageReadStatus {
    return readStatus(read);
  }

  @FieldResolver(() => Invoice, {
    nullable: true,
    description: 'The invoice that billed it; kept on a read replaced or cancelled after it was billed on an issued invoice.',
  })
  invoice(@Root() read: UsageRead, @Ctx() ctx: HubContext): Promise<Invoice | null> {
    return read.invoiceId ? ctx.loaders.load(invoiceById, read.invoiceId) : Promise.resolve(null);
  }

  @FieldResolver(() => UsageRead, { nullable: true, description: 'The read that replaced it; null unless REPLACED.' })
  replacedBy(@Root() read: UsageRead, @Ctx() ctx: HubContext): Promise<UsageRead | null> {
    return read.replacedById ? ctx.loaders.load(usageReadById, read.replacedById) : Promise.resolve(null);
  }
}

/** An account's usage reads. */
@Resolver(() => Account)
export class AccountUsageReadsResolver {
  @FieldResolver(() => UsageReadConnection, { description: 'Its usage reads, newest first, by status.' })
  usageReads(
    @Root() account: Account,
    @Ctx() ctx: HubContext,
    @Arg('status', () => UsageReadStatus, { nullable: true, description: 'Only reads with this status.' }) status?: UsageReadStatus | null,
    @Arg('first', () => Int, { nullable: true, description: PAGE_FIRST }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_AFTER }) after?: string | null,
  ): Promise<Connection<UsageRead>> {
    return ctx.services.usageReads.list({ accountId: account.id, status, first, after });
  }
}
