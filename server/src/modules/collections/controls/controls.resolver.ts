import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../../common/context';
import { Access } from '../../../common/auth/roles';
import { rootDescription } from '../../../common/descriptions';
import { DateScalar } from '../../../common/scalars';
import { Account } from '../../accounts/account.entity';
import { WorkItem } from '../../work-queues/work-queue.entity';
import { CollectionsStep } from '../collections.entity';
import { AccountProtection, BlackoutDate, CollectionsHold } from './controls.entity';
import { AccountProtectionInput } from './controls.inputs';
import { holdByAccount, noticeStepOf, protectionsByAccount } from './controls.loaders';

const ACCOUNT_ID = 'The account.';

/** Holds, protections, blackout dates and the answers to protected steps. */
@Resolver()
export class CollectionsControlsResolver {
  @Authorized(...Access.READ)
  @Query(() => [BlackoutDate], { description: rootDescription('Every blackout date, earliest first.', Access.READ) })
  blackoutDates(@Ctx() ctx: HubContext): Promise<BlackoutDate[]> {
    return ctx.services.collectionsControls.blackoutDates();
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Account, {
    description: rootDescription(
      'No collections action is taken on the account before `until`; replaces any hold it had. An ACTIVE payment plan pauses collections anyway.',
      Access.OPERATE,
      'BAD_USER_INPUT when until is not after today or the reason is empty or over 255 characters; NOT_FOUND when there is no such account.',
    ),
  })
  holdCollections(
    @Arg('accountId', () => ID, { description: ACCOUNT_ID }) accountId: string,
    @Arg('until', () => DateScalar, { description: 'The first day actions may be taken again; after today.' }) until: string,
    @Arg('reason', { description: 'Why, at most 255 characters.' }) reason: string,
    @Ctx() ctx: HubContext,
  ): Promise<Account> {
    return ctx.services.collectionsControls.hold(ctx.actor(), accountId, until, reason);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Account, {
    description: rootDescription(
      'Ends the hold: the next collections run takes the steps due.',
      Access.OPERATE,
      'NOT_FOUND when there is no such account; INVALID_STATE when it has no hold.',
    ),
  })
  releaseCollectionsHold(
    @Arg('accountId', () => ID, { description: ACCOUNT_ID }) accountId: string,
    @Ctx() ctx: HubContext,
  ): Promise<Account> {
    return ctx.services.collectionsControls.release(ctx.actor(), accountId);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Account, {
    description: rootDescription(
      "Replaces the account's protections (an empty list removes them all). While one is in force, MARKET_DROP, AGENCY_REFERRAL and LATE_FEE steps are referred to an operator in queue PROTECTED_ACCOUNTS instead of taken.",
      Access.OPERATE,
      'BAD_USER_INPUT for a malformed or repeated code, an until before today, a note over 255 characters or more than 20 protections; NOT_FOUND when there is no such account.',
    ),
  })
  setAccountProtections(
    @Arg('accountId', () => ID, { description: ACCOUNT_ID }) accountId: string,
    @Arg('protections', () => [AccountProtectionInput], { description: 'Every protection the account carries from now on.' })
    protections: AccountProtectionInput[],
    @Ctx() ctx: HubContext,
  ): Promise<Account> {
    return ctx.services.collectionsControls.setProtections(ctx.actor(), accountId, protections);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => BlackoutDate, {
    description: rootDescription(
      'No MARKET_DROP is taken by a run dated that day; the first run after takes it.',
      Access.OPERATE,
      'CONFLICT when the day is already a blackout date; BAD_USER_INPUT when the reason is empty or over 255 characters.',
    ),
  })
  addBlackoutDate(
    @Arg('date', () => DateScalar, { description: 'The day.' }) date: string,
    @Arg('reason', { description: 'Why (extreme weather, a holiday), at most 255 characters.' }) reason: string,
    @Ctx() ctx: HubContext,
  ): Promise<BlackoutDate> {
    return ctx.services.collectionsControls.addBlackoutDate(ctx.actor(), date, reason);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Boolean, {
    description: rootDescription(
      'Market drops may be taken that day again.',
      Access.OPERATE,
      'NOT_FOUND when the day is not a blackout date.',
    ),
  })
  removeBlackoutDate(@Arg('date', () => DateScalar, { description: 'The day.' }) date: string, @Ctx() ctx: HubContext): Promise<boolean> {
    return ctx.services.collectionsControls.removeBlackoutDate(ctx.actor(), date);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => WorkItem, {
    description: rootDescription(
      "Answers a PROTECTED_ACCOUNTS work item: take=true takes the held-back step now (as of today, recorded as the operator's action), take=false leaves it untaken for the rest of the delinquency. Resolves the item.",
      Access.OPERATE,
      'NOT_FOUND when the item is not a protected step; INVALID_STATE when it was already answered or resolved, or (take=true) the delinquency has ended or another collections control stands in the way today (a hold, an ACTIVE payment plan, nothing past due but disputed amounts, a blackout date for a MARKET_DROP): the message says which, and nothing is decided.',
    ),
  })
  decideProtectedStep(
    @Arg('workItemId', () => ID, { description: 'The PROTECTED_ACCOUNTS work item.' }) workItemId: string,
    @Arg('take', () => Boolean, { description: 'True to take the step anyway, false not to.' }) take: boolean,
    @Arg('reason', { description: 'Why, at most 500 characters; kept in the resolution.' }) reason: string,
    @Ctx() ctx: HubContext,
  ): Promise<WorkItem> {
    return ctx.services.protectedSteps.decide(ctx.actor(), workItemId, take, reason);
  }
}

/** An account's hold and protections. */
@Resolver(() => Account)
export class AccountControlsResolver {
  @FieldResolver(() => [AccountProtection], { description: 'Its protections (ended ones included until replaced), by code.' })
  protections(@Root() account: Account, @Ctx() ctx: HubContext): Promise<AccountProtection[]> {
    return ctx.loaders.load(protectionsByAccount, account.id);
  }

  @FieldResolver(() => CollectionsHold, { nullable: true, description: 'The hold in force; null when there is none or its day has come.' })
  async collectionsHold(@Root() account: Account, @Ctx() ctx: HubContext): Promise<CollectionsHold | null> {
    const hold = await ctx.loaders.load(holdByAccount, account.id);
    return hold && hold.until > ctx.services.invoices.today() ? hold : null;
  }
}

/** A step's notice step. */
@Resolver(() => CollectionsStep)
export class CollectionsStepNoticeResolver {
  @FieldResolver(() => CollectionsStep, {
    nullable: true,
    description: 'Not taken until this step of the path was taken at least noticeDays earlier in the same delinquency.',
  })
  noticeStep(@Root() step: CollectionsStep, @Ctx() ctx: HubContext): Promise<CollectionsStep | null> {
    return step.noticePosition === null ? Promise.resolve(null) : ctx.loaders.load(noticeStepOf, step);
  }
}
