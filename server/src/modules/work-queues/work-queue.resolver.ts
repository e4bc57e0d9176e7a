import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { HubContext } from '../../app/context';
import { Access } from '../../common/auth/roles';
import { ConnectionType, type Connection } from '../../common/pagination/connection';
import { EventType } from '../../events/event-types';
import { mapStream } from '../../events/stream';
import { User } from '../identity/user.entity';
import { Account } from '../accounts/account.entity';
import { WorkItem, WorkItemStatus, WorkNote, WorkQueue } from './work-queue.entity';
import { CreateWorkQueueInput } from './work-queue.inputs';
import { assigneeById, countsByQueue, notesByWorkItem, workQueueById } from './work-queue.loaders';

@ObjectType('WorkItemConnection')
export class WorkItemConnection extends ConnectionType(WorkItem) {}

@Resolver(() => WorkQueue)
export class WorkQueueResolver {
  @Authorized(...Access.READ)
  @Query(() => [WorkQueue])
  workQueues(@Ctx() ctx: HubContext): Promise<WorkQueue[]> {
    return ctx.services.workQueues.queues();
  }

  @Authorized(...Access.READ)
  @Query(() => WorkQueue, { nullable: true })
  workQueue(@Arg('key') key: string, @Ctx() ctx: HubContext): Promise<WorkQueue | null> {
    return ctx.services.workQueues.queue(key);
  }

  @FieldResolver(() => Int, { description: 'Items OPEN or IN_PROGRESS.' })
  async openCount(@Root() queue: WorkQueue, @Ctx() ctx: HubContext): Promise<number> {
    return (await ctx.loaders.load(countsByQueue, queue.id)).open;
  }

  @FieldResolver(() => Int, { description: 'Unresolved items whose dueAt has passed.' })
  async overdueCount(@Root() queue: WorkQueue, @Ctx() ctx: HubContext): Promise<number> {
    return (await ctx.loaders.load(countsByQueue, queue.id)).overdue;
  }

  @FieldResolver(() => WorkItemConnection, { description: 'Oldest first.' })
  items(
    @Root() queue: WorkQueue,
    @Ctx() ctx: HubContext,
    @Arg('status', () => WorkItemStatus, { nullable: true }) status?: WorkItemStatus | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<Connection<WorkItem>> {
    return ctx.services.workQueues.items({ queueId: queue.id }, { status, first, after });
  }

  // DESIGN's role table: operators may do everything but users and API keys, queues included.
  @Authorized(...Access.OPERATE)
  @Mutation(() => WorkQueue, { description: 'Fails with CONFLICT when the key is taken.' })
  createWorkQueue(@Arg('input', () => CreateWorkQueueInput) input: CreateWorkQueueInput, @Ctx() ctx: HubContext): Promise<WorkQueue> {
    return ctx.services.workQueues.createQueue(ctx.actor(), input);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => WorkQueue, { description: 'Renames a queue or changes its SLA; items already in it keep their dueAt.' })
  updateWorkQueue(
    @Arg('key') key: string,
    @Ctx() ctx: HubContext,
    @Arg('slaMinutes', () => Int, { nullable: true }) slaMinutes?: number | null,
    @Arg('name', () => String, { nullable: true }) name?: string | null,
  ): Promise<WorkQueue> {
    return ctx.services.workQueues.updateQueue(ctx.actor(), key, { slaMinutes, name });
  }
}

@Resolver(() => WorkItem)
export class WorkItemResolver {
  @Authorized(...Access.READ)
  @Query(() => WorkItem, { nullable: true })
  workItem(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext): Promise<WorkItem | null> {
    return ctx.services.workQueues.item(id);
  }

  @FieldResolver(() => WorkQueue)
  async queue(@Root() item: WorkItem, @Ctx() ctx: HubContext): Promise<WorkQueue> {
    const queue = await ctx.loaders.load(workQueueById, item.queueId);
    if (!queue) throw new Error(`work item ${item.id} names a missing queue ${item.queueId}`);
    return queue;
  }

  @FieldResolver(() => User, { nullable: true })
  assignee(@Root() item: WorkItem, @Ctx() ctx: HubContext): Promise<User | null> | null {
    return item.assigneeUserId ? ctx.loaders.load(assigneeById, item.assigneeUserId) : null;
  }

  @FieldResolver(() => [WorkNote], { description: 'Oldest first.' })
  notes(@Root() item: WorkItem, @Ctx() ctx: HubContext): Promise<WorkNote[]> {
    return ctx.loaders.load(notesByWorkItem, item.id);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => WorkItem, {
    description: 'Fails with CONFLICT when another user holds the item. Needs a console user: an API key cannot hold work items.',
  })
  claimWorkItem(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext): Promise<WorkItem> {
    return ctx.services.workQueues.claim(ctx.actor(), id);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => WorkItem)
  addWorkItemNote(@Arg('id', () => ID) id: string, @Arg('text') text: string, @Ctx() ctx: HubContext): Promise<WorkItem> {
    return ctx.services.workQueues.addNote(ctx.actor(), id, text);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => WorkItem, { description: 'Fails with INVALID_STATE when the item is already resolved.' })
  resolveWorkItem(@Arg('id', () => ID) id: string, @Arg('resolution') resolution: string, @Ctx() ctx: HubContext): Promise<WorkItem> {
    return ctx.services.workQueues.resolve(ctx.actor(), id, resolution);
  }

  @Authorized(...Access.READ)
  @Subscription(() => WorkItem, {
    description: 'Items as they are created, claimed, annotated, resolved or breach their SLA; only those of queueKey when given.',
    subscribe: async ({ args, context }) => {
      const ctx = context as HubContext;
      const queueKey = (args as { queueKey?: string | null }).queueKey ?? null;
      const events = await ctx.services.events.subscribe({
        types: [EventType.WORK_ITEM_CREATED, EventType.WORK_ITEM_UPDATED, EventType.SLA_BREACHED],
      });
      return mapStream(events, (event) => ctx.services.workQueues.itemForEvent(event, queueKey));
    },
  })
  workItemChanged(@Root() item: WorkItem, @Arg('queueKey', () => String, { nullable: true }) _queueKey?: string | null): WorkItem {
    return item;
  }
}

/** An account's work items, whatever queue they sit in. */
@Resolver(() => Account)
export class AccountWorkItemsResolver {
  @FieldResolver(() => WorkItemConnection, { description: 'Work items about this account in every queue, oldest first.' })
  workItems(
    @Root() account: Account,
    @Ctx() ctx: HubContext,
    @Arg('status', () => WorkItemStatus, { nullable: true }) status?: WorkItemStatus | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<Connection<WorkItem>> {
    return ctx.services.workQueues.items({ accountId: account.id }, { status, first, after });
  }
}
