import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../common/context';
import { Access } from '../../common/auth/roles';
import { connectionDescription, PAGE_AFTER, PAGE_FIRST, rootDescription } from '../../common/descriptions';
import { required } from '../../common/loaders/loaders';
import { ConnectionType, type Connection } from '../../common/pagination/connection';
import { DateScalar } from '../../common/scalars';
import { Account } from '../accounts/account.entity';
import { accountById } from '../accounts/account.loaders';
import { BillRun } from '../billing/billing.entity';
import { CollectionsRun } from '../collections/collections.entity';
import { PreviewSample, RunKind, RunPreview, type RunPreviewData } from './run-preview.types';
import { RunSchedule } from './run-schedule.entity';

@ObjectType('BillRunConnection', { description: connectionDescription('bill runs') })
export class BillRunConnection extends ConnectionType(BillRun) {}

@ObjectType('CollectionsRunConnection', { description: connectionDescription('collections runs') })
export class CollectionsRunConnection extends ConnectionType(CollectionsRun) {}

const PREVIEW_AS_OF = 'The asOf the run would have.';

/** The runs page: past runs, what a run would do now, and the daily schedules. */
@Resolver()
export class RunsResolver {
  @Authorized(...Access.READ)
  @Query(() => BillRunConnection, {
    description: rootDescription('Bill runs, newest first, with who started them and their counters.', Access.READ),
  })
  billRuns(
    @Ctx() ctx: HubContext,
    @Arg('first', () => Int, { nullable: true, description: PAGE_FIRST }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_AFTER }) after?: string | null,
  ): Promise<Connection<BillRun>> {
    return ctx.services.billRuns.list({ first, after });
  }

  @Authorized(...Access.READ)
  @Query(() => CollectionsRunConnection, {
    description: rootDescription(
      'Collections runs, newest first, with who started them, their counters and their dialer files (also at GET /exports/dialer/<id>.csv).',
      Access.READ,
    ),
  })
  collectionsRuns(
    @Ctx() ctx: HubContext,
    @Arg('first', () => Int, { nullable: true, description: PAGE_FIRST }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_AFTER }) after?: string | null,
  ): Promise<Connection<CollectionsRun>> {
    return ctx.services.collectionsRuns.list({ first, after });
  }

  @Authorized(...Access.READ)
  @Query(() => [RunSchedule], { description: rootDescription('The daily schedule of each kind of run, BILLING first.', Access.READ) })
  runSchedules(@Ctx() ctx: HubContext): Promise<RunSchedule[]> {
    return ctx.services.runSchedules.list();
  }

  @Authorized(...Access.READ)
  @Query(() => RunPreview, {
    description: rootDescription(
      'What runBilling(asOf) would do now; writes nothing. The same rules as the run: the accounts it would consider, and for each the invoice it would issue or hold (with the threshold tests that fail) or the problem that blocks it.',
      Access.READ,
    ),
  })
  previewBilling(
    @Arg('asOf', () => DateScalar, { description: PREVIEW_AS_OF }) asOf: string,
    @Ctx() ctx: HubContext,
  ): Promise<RunPreviewData> {
    return ctx.services.billRuns.preview(asOf);
  }

  @Authorized(...Access.READ)
  @Query(() => RunPreview, {
    description: rootDescription(
      'What runCollections(asOf) would do now; writes nothing. The same rules as the run: the delinquent accounts it would evaluate and the actions it would take, by action type.',
      Access.READ,
    ),
  })
  previewCollections(
    @Arg('asOf', () => DateScalar, { description: PREVIEW_AS_OF }) asOf: string,
    @Ctx() ctx: HubContext,
  ): Promise<RunPreviewData> {
    return ctx.services.collectionsRuns.preview(asOf);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => RunSchedule, {
    description: rootDescription(
      "Sets a kind of run's daily schedule: when enabled, a run with asOf = today starts at timeOfDay in the hub's time zone, once per day across all processes, started by SCHEDULE. A time already past today waits for tomorrow. A run of the kind still going on at that time delays it until it has finished.",
      Access.OPERATE,
      'BAD_USER_INPUT when timeOfDay is not HH:MM.',
    ),
  })
  setRunSchedule(
    @Arg('kind', () => RunKind, { description: 'The kind of run.' }) kind: RunKind,
    @Arg('enabled', () => Boolean, { description: 'Whether the schedule starts runs.' }) enabled: boolean,
    @Arg('timeOfDay', () => String, { description: "HH:MM (00:00 to 23:59) in the hub's time zone." }) timeOfDay: string,
    @Ctx() ctx: HubContext,
  ): Promise<RunSchedule> {
    return ctx.services.runSchedules.set(ctx.actor(), kind, enabled, timeOfDay);
  }
}

@Resolver(() => PreviewSample)
export class PreviewSampleResolver {
  @FieldResolver(() => Account, { description: 'The account the run would bill or act on.' })
  account(@Root() sample: PreviewSample, @Ctx() ctx: HubContext): Promise<Account> {
    return required(ctx.loaders.load(accountById, sample.accountId), `account ${sample.accountId} of a preview`);
  }

  @FieldResolver(() => String, { description: 'Billing: ISSUED, HELD or BLOCKED; collections: the action type.' })
  outcome(@Root() sample: PreviewSample): string {
    return sample.key;
  }
}
