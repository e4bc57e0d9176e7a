import { required } from '../../common/loaders/loaders';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { HubContext } from '../../common/context';
import { Access } from '../../common/auth/roles';
import { rootDescription } from '../../common/descriptions';
import { DateScalar } from '../../common/scalars';
import { Account } from '../accounts/account.entity';
import { accountById } from '../accounts/account.loaders';
import { Invoice } from '../billing/billing.entity';
import { invoiceById } from '../billing/billing.loaders';
import { WorkItem } from '../work-queues/work-queue.entity';
import { workItemById } from '../work-queues/work-queue.loaders';
import { CollectionsAction, CollectionsPath, CollectionsRun, CollectionsStep } from './collections.entity';
import { CollectionsPathInput } from './collections.inputs';
import { actionsByAccount, pathBookLoader, runById, stepById, stepsByPath } from './collections.loaders';

@Resolver(() => CollectionsPath)
export class CollectionsPathResolver {
  @Authorized(...Access.READ)
  @Query(() => [CollectionsPath], {
    description: rootDescription('Every collections path, active or not, in the order they were created.', Access.READ),
  })
  collectionsPaths(@Ctx() ctx: HubContext): Promise<CollectionsPath[]> {
    return ctx.services.collectionsPaths.list();
  }

  @FieldResolver(() => [CollectionsStep], { description: 'Its current steps, in the order they run.' })
  steps(@Root() path: CollectionsPath, @Ctx() ctx: HubContext): Promise<CollectionsStep[]> {
    return ctx.loaders.load(stepsByPath, path.id);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => CollectionsPath, {
    description: rootDescription(
      'Fails with BAD_USER_INPUT when a CALL_REQUEST step names a work queue that does not exist.',
      Access.OPERATE,
      'BAD_USER_INPUT also when a step lacks what its action needs, or a default path is not active; CONFLICT when another path is made the default at the same moment.',
    ),
  })
  createCollectionsPath(
    @Arg('input', () => CollectionsPathInput, { description: 'The path to create.' }) input: CollectionsPathInput,
    @Ctx() ctx: HubContext,
  ): Promise<CollectionsPath> {
    return ctx.services.collectionsPaths.create(ctx.actor(), input);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => CollectionsPath, {
    description: rootDescription(
      'Replaces the name, segments and steps; actions already taken keep their history. isDefault and active keep their values when left out. A step that keeps its action and daysPastDue is not taken again in a delinquency that already had it. Given the path as it stands, answers with it (no new version, steps or audit entry).',
      Access.OPERATE,
      'NOT_FOUND when there is no such path; BAD_USER_INPUT as for createCollectionsPath.',
    ),
  })
  updateCollectionsPath(
    @Arg('id', () => ID, { description: 'The path to change.' }) id: string,
    @Arg('input', () => CollectionsPathInput, { description: 'The path as it should be.' }) input: CollectionsPathInput,
    @Ctx() ctx: HubContext,
  ): Promise<CollectionsPath> {
    return ctx.services.collectionsPaths.update(ctx.actor(), id, input);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Account, {
    description: rootDescription(
      "pathId null returns the account to its segment's path or the default path.",
      Access.OPERATE,
      'NOT_FOUND when there is no such account or path; INVALID_STATE when the path is not active.',
    ),
  })
  assignCollectionsPath(
    @Arg('accountId', () => ID, { description: 'The account to assign the path to.' }) accountId: string,
    @Ctx() ctx: HubContext,
    @Arg('pathId', () => ID, { nullable: true, description: 'The path to assign; null removes the assignment.' }) pathId?: string | null,
  ): Promise<Account> {
    return ctx.services.collectionsPaths.assign(ctx.actor(), accountId, pathId);
  }
}

@Resolver(() => CollectionsRun)
export class CollectionsRunResolver {
  @Authorized(...Access.READ)
  @Subscription(() => CollectionsRun, {
    description: rootDescription(
      "The run's counters as it progresses, at least once per finished chunk of accounts, and a last time when it ends (as billRunProgress).",
      Access.READ,
      'NOT_FOUND when there is no such run.',
    ),
    subscribe: ({ args, context }) => (context as HubContext).services.collectionsRuns.progress(String((args as { id: string }).id)),
  })
  collectionsRunProgress(
    @Root() run: CollectionsRun,
    @Arg('id', () => ID, { description: 'The run to follow.' }) _id: string,
  ): CollectionsRun {
    return run;
  }

  @Authorized(...Access.READ)
  @Query(() => CollectionsRun, {
    nullable: true,
    description: rootDescription('One collections run by id, with its counters so far; null when there is none.', Access.READ),
  })
  collectionsRun(
    @Arg('id', () => ID, { description: "The run's id." }) id: string,
    @Ctx() ctx: HubContext,
  ): Promise<CollectionsRun | null> {
    return ctx.services.collectionsRuns.find(id);
  }

  @FieldResolver(() => String, {
    description: 'Header accountNumber,name,phone,pastDue,daysPastDue and one row per DIALER_EXPORT action of this run.',
  })
  dialerCsv(@Root() run: CollectionsRun, @Ctx() ctx: HubContext): Promise<string> {
    return ctx.services.collectionsRuns.dialerCsv(run.id);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => CollectionsRun, {
    description: rootDescription(
      "Runs every due step of every delinquent account once per delinquency; again for the same asOf it takes no action twice. `wait` as for runBilling. Accounts with an ACTIVE payment plan, DROPPED or CLOSED are passed by; one account's failure never stops the run. A held account gets no action; a step waits for its notice step; no MARKET_DROP is taken on a blackout date; a protected account's MARKET_DROP, AGENCY_REFERRAL and LATE_FEE steps go to queue PROTECTED_ACCOUNTS instead.",
      Access.OPERATE,
      'CONFLICT when a collections run is still RUNNING: one runs at a time, and the message names it (id, asOf, who started it and when); BAD_USER_INPUT when asOf is after today (previewCollections looks ahead).',
    ),
  })
  runCollections(
    @Arg('asOf', () => DateScalar, { description: 'The day to evaluate pastDue and daysPastDue as of.' }) asOf: string,
    @Ctx() ctx: HubContext,
    @Arg('wait', () => Boolean, {
      nullable: true,
      defaultValue: true,
      description: 'True (the default): answer when the run has finished; false: answer at once, RUNNING.',
    })
    wait?: boolean | null,
  ): Promise<CollectionsRun> {
    return ctx.services.collectionsRuns.start(ctx.actor(), asOf, wait !== false);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Account, {
    description: rootDescription(
      'DROP_PENDING to DROPPED; resolves the market-drop work item.',
      Access.OPERATE,
      'NOT_FOUND when there is no such account; INVALID_STATE when it is not DROP_PENDING, or when a collections control stands in the way today (a hold, an ACTIVE payment plan, nothing past due but disputed amounts, a blackout date, a protection given since the drop was requested): the message says which.',
    ),
  })
  confirmMarketDrop(
    @Arg('accountId', () => ID, { description: 'The account to drop.' }) accountId: string,
    @Ctx() ctx: HubContext,
  ): Promise<Account> {
    return ctx.services.collectionsRuns.confirmMarketDrop(ctx.actor(), accountId);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => Account, {
    description: rootDescription(
      'DROP_PENDING back to ACTIVE; resolves the market-drop work item with the reason. The delinquency goes on; its market-drop step is not taken again.',
      Access.OPERATE,
      'NOT_FOUND when there is no such account; INVALID_STATE when it is not DROP_PENDING; BAD_USER_INPUT for an empty reason or one over 1000 characters.',
    ),
  })
  cancelMarketDrop(
    @Arg('accountId', () => ID, { description: 'The account whose market drop to cancel.' }) accountId: string,
    @Arg('reason', { description: 'Why the customer stays, at most 1000 characters.' }) reason: string,
    @Ctx() ctx: HubContext,
  ): Promise<Account> {
    return ctx.services.collectionsRuns.cancelMarketDrop(ctx.actor(), accountId, reason);
  }
}

@Resolver(() => CollectionsAction)
export class CollectionsActionResolver {
  @FieldResolver(() => Account, { description: 'The account acted on.' })
  account(@Root() action: CollectionsAction, @Ctx() ctx: HubContext): Promise<Account> {
    return required(ctx.loaders.load(accountById, action.accountId), `account of collections action ${action.id}`);
  }

  @FieldResolver(() => CollectionsStep, { description: 'The step as it was when the action was taken (a later path update retires it).' })
  step(@Root() action: CollectionsAction, @Ctx() ctx: HubContext): Promise<CollectionsStep> {
    return required(ctx.loaders.load(stepById, action.stepId), `step of collections action ${action.id}`);
  }

  @FieldResolver(() => WorkItem, { nullable: true, description: 'The work item it created (CALL_REQUEST, MARKET_DROP); null otherwise.' })
  workItem(@Root() action: CollectionsAction, @Ctx() ctx: HubContext): Promise<WorkItem | null> {
    return action.workItemId ? ctx.loaders.load(workItemById, action.workItemId) : Promise.resolve(null);
  }

  @FieldResolver(() => Invoice, { nullable: true, description: 'The fee invoice of a LATE_FEE action.' })
  invoice(@Root() action: CollectionsAction, @Ctx() ctx: HubContext): Promise<Invoice | null> {
    return action.invoiceId ? ctx.loaders.load(invoiceById, action.invoiceId) : Promise.resolve(null);
  }

  @FieldResolver(() => CollectionsRun, {
    description: 'The run that took it, or, for a step an operator took on a protected account, the run that referred it.',
  })
  run(@Root() action: CollectionsAction, @Ctx() ctx: HubContext): Promise<CollectionsRun> {
    return required(ctx.loaders.load(runById, action.runId), `run of collections action ${action.id}`);
  }
}

/** An account's collections path and the actions taken on it. */
@Resolver(() => Account)
export class AccountCollectionsResolver {
  @FieldResolver(() => CollectionsPath, {
    nullable: true,
    description:
      'The path that applies now: the explicit assignment, else the first active path listing this segment, else the default path.',
  })
  async collectionsPath(@Root() account: Account, @Ctx() ctx: HubContext): Promise<CollectionsPath | null> {
    return (await ctx.loaders.load(pathBookLoader, 'book')).pathFor(account);
  }

  @FieldResolver(() => [CollectionsAction], { description: 'The collections actions taken on the account, oldest first.' })
  collectionsActions(@Root() account: Account, @Ctx() ctx: HubContext): Promise<CollectionsAction[]> {
    return ctx.loaders.load(actionsByAccount, account.id);
  }
}
