import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { HubContext } from '../../common/context';
import { Access } from '../../common/auth/roles';
import { required } from '../../common/loaders/loaders';
import { connectionDescription, PAGE_AFTER, PAGE_FIRST, rootDescription } from '../../common/descriptions';
import { ConnectionType, type Connection } from '../../common/pagination/connection';
import { EventType, type HubEvent } from '../../events/event-types';
import { User } from '../identity/user.entity';
import { Account } from '../accounts/account.entity';
import { WorkItem, WorkItemStatus, WorkNote, WorkQueue } from './work-queue.entity';
import { CreateWorkQueueInput } from './work-queue.inputs';
import { assigneeById, countsByQueue, notesByWorkItem, workItemById, workQueueById } from './work-queue.loaders';

@ObjectType('WorkItemConnection', { description: connectionDescription('work items') })
export class WorkItemConnection extends ConnectionType(WorkItem) {}

@Resolver(() => WorkQueue)
export class WorkQueueResolver {
  @Authorized(...Access.READ)
  @Query(() => [WorkQueue], { description: rootDescription('Every work queue, by key.', Access.READ) })
  workQueues(@Ctx() ctx: HubContext): Promise<WorkQueue[]> {
    return ctx.services.workQueues.queues();
  }

  @Authorized(...Access.READ)
  @Query(() => WorkQueue, { nullable: true, description: rootDescription('One work queue by key; null when there is none.', Access.READ) })
  workQueue(
    @Arg('key', { description: "The queue's key, e.g. INVOICE_REVIEW." }) key: string,
    @Ctx() ctx: HubContext,
  ): Promise<WorkQueue | null> {
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

  @FieldResolver(() => WorkItemConnection, { description: 'The items in the queue, oldest first: the order to work them in.' })
  items(
    @Root() queue: WorkQueue,
    @Ctx() ctx: HubContext,
    @Arg('status', () => WorkItemStatus, { nullable: true, description: 'Only items with this status.' }) status?: WorkItemStatus | null,
    @Arg('first', () => Int, { nullable: true, description: PAGE_FIRST }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_AFTER }) after?: string | null,
  ): Promise<Connection<WorkItem>> {
    return ctx.services.workQueues.items({ queueId: queue.id }, { status, first, after });
  }

  // DESIGN's role table: operators may do everything but users and API keys, queues included.
  @Authorized(...Access.OPERATE)
  @Mutation(() => WorkQueue, {
    description: rootDescription(
      'Fails with CONFLICT when the key is taken.',
      Access.OPERATE,
      'BAD_USER_INPUT for a key, name or SLA out of bounds.',
    ),
  })
  createWorkQueue(
    @Arg('input', () => CreateWorkQueueInput, { description: 'The queue to create.' }) input: CreateWorkQueueInput,
    @Ctx() ctx: HubContext,
  ): Promise<WorkQueue> {
    return ctx.services.workQueues.createQueue(ctx.actor(), input);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => WorkQueue, {
    description: rootDescription(
      'Renames a queue or changes its SLA; items already in it keep their dueAt. Given the name and SLA it already has, answers with it (no audit entry).',
      Access.OPERATE,
      'NOT_FOUND when there is no such queue; BAD_USER_INPUT when neither name nor slaMinutes is given, or one is out of bounds.',
    ),
  })
  updateWorkQueue(
    @Arg('key', { description: "The queue's key." }) key: string,
    @Ctx() ctx: HubContext,
    @Arg('slaMinutes', () => Int, { nullable: true, description: 'New SLA in minutes, 1 to 525600; left out, unchanged.' })
    slaMinutes?: number | null,
    @Arg('name', () => String, { nullable: true, description: 'New name, at most 128 characters; left out, unchanged.' })
    name?: string | null,
  ): Promise<WorkQueue> {
    return ctx.services.workQueues.updateQueue(ctx.actor(), key, { slaMinutes, name });
  }
}

@Resolver(() => WorkItem)
export class WorkItemResolver {
  @Authorized(...Access.READ)
  @Query(() => WorkItem, { nullable: true, description: rootDescription('One work item by id; null when there is none.', Access.READ) })
  workItem(@Arg('id', () => ID, { description: "The item's id." }) id: string, @Ctx() ctx: HubContext): Promise<WorkItem | null> {
    return ctx.services.workQueues.item(id);
  }

  @Authorized(...Access.READ)
  @Query(() => WorkItemConnection, {
    description: rootDescription(
      'Work items across queues, oldest first, page by page; every filter given must hold. An unknown queue key matches nothing.',
      Access.READ,
      'BAD_USER_INPUT for a malformed assigneeId, first or after.',
    ),
  })
  workItems(
    @Ctx() ctx: HubContext,
    @Arg('queueKey', () => String, { nullable: true, description: 'Only items of the queue with this key.' }) queueKey?: string | null,
    @Arg('status', () => WorkItemStatus, { nullable: true, description: 'Only items with this status.' }) status?: WorkItemStatus | null,
    @Arg('assigneeId', () => ID, { nullable: true, description: 'Only items assigned to this user.' }) assigneeId?: string | null,
    @Arg('search', () => String, {
      nullable: true,
      description: 'Only items whose title or account number contains this text, ignoring case.',
    })
    search?: string | null,
    @Arg('first', () => Int, { nullable: true, description: PAGE_FIRST }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_AFTER }) after?: string | null,
  ): Promise<Connection<WorkItem>> {
    return ctx.services.workQueues.list({ queueKey, status, assigneeId, search, first, after });
  }

  @FieldResolver(() => WorkQueue, { description: 'The queue it is in.' })
  async queue(@Root() item: WorkItem, @Ctx() ctx: HubContext): Promise<WorkQueue> {
    const queue = await ctx.loaders.load(workQueueById, item.queueId);
    if (!queue) throw new Error(`work item ${item.id} names a missing queue ${item.queueId}`);
    return queue;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user who claimed it; null while nobody has.' })
  assignee(@Root() item: WorkItem, @Ctx() ctx: HubContext): Promise<User | null> | null {
    return item.assigneeUserId ? ctx.loaders.load(assigneeById, item.assigneeUserId) : null;
  }

  @FieldResolver(() => [WorkNote], { description: 'Notes added to the item, oldest first.' })
  notes(@Root() item: WorkItem, @Ctx() ctx: HubContext): Promise<WorkNote[]> {
    return ctx.loaders.load(notesByWorkItem, item.id);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => WorkItem, {
    description: rootDescription(
      'Fails with CONFLICT when another user holds the item. Needs a console user: an API key cannot hold work items. Of many concurrent claims exactly one wins: OPEN to IN_PROGRESS with the caller as assignee; emits WORK_ITEM_UPDATED.',
      Access.OPERATE,
      'NOT_FOUND when there is no such item; INVALID_STATE when it is resolved; BAD_USER_INPUT for an API key.',
    ),
  })
  claimWorkItem(@Arg('id', () => ID, { description: 'The item to claim.' }) id: string, @Ctx() ctx: HubContext): Promise<WorkItem> {
    return ctx.services.workItemActions.claim(ctx.actor(), id);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => WorkItem, {
    description: rootDescription(
      'Adds a note to a work item; emits WORK_ITEM_UPDATED.',
      Access.OPERATE,
      'NOT_FOUND when there is no such item; BAD_USER_INPUT for an empty note or one over 2000 characters.',
    ),
  })
  addWorkItemNote(
    @Arg('id', () => ID, { description: 'The item to add the note to.' }) id: string,
    @Arg('text', { description: 'The note, at most 2000 characters.' }) text: string,
    @Ctx() ctx: HubContext,
  ): Promise<WorkItem> {
    return ctx.services.workItemActions.addNote(ctx.actor(), id, text);
  }

  @Authorized(...Access.OPERATE)
  @Mutation(() => WorkItem, {
    description: rootDescription(
      'Fails with INVALID_STATE when the item is already resolved. Records the resolution and emits WORK_ITEM_UPDATED. Never leaves the cause the item was filed for half done: refused while its invoice is HELD (releaseInvoice or voidInvoice settles it) or its account DROP_PENDING (confirmMarketDrop or cancelMarketDrop), which resolve the item; a MISSING_RATE or NO_ENROLLMENT item resolves its exception with it, and the next bill run raises it anew if the rate or enrollment is still missing.',
      Access.OPERATE,
      'NOT_FOUND when there is no such item; INVALID_STATE naming the action to take while its cause is open; BAD_USER_INPUT for an empty resolution or one over 2000 characters.',
    ),
  })
  resolveWorkItem(
    @Arg('id', () => ID, { description: 'The item to resolve.' }) id: string,
    @Arg('resolution', { description: 'What was done, at most 2000 characters.' }) resolution: string,
    @Ctx() ctx: HubContext,
  ): Promise<WorkItem> {
    return ctx.services.workItemActions.resolve(ctx.actor(), id, resolution);
  }

  @Authorized(...Access.ADMIN)
  @Mutation(() => WorkItem, {
    description: rootDescription(
      'An admin hands an open or claimed item to an active admin or operator: it is IN_PROGRESS with them; emits WORK_ITEM_UPDATED.',
      Access.ADMIN,
      'NOT_FOUND when there is no such item or user; INVALID_STATE when the item is resolved or the user deactivated; BAD_USER_INPUT when the user is a partner or integrator; CONFLICT when the item changed meanwhile.',
    ),
  })
  reassignWorkItem(
    @Arg('id', () => ID, { description: 'The item to hand over.' }) id: string,
    @Arg('userId', () => ID, { description: 'The user to hand it to.' }) userId: string,
    @Ctx() ctx: HubContext,
  ): Promise<WorkItem> {
    return ctx.services.workItemActions.reassign(ctx.actor(), id, userId);
  }

  @Authorized(...Access.READ)
  @Subscription(() => WorkItem, {
    description: rootDescription(
      'Items as they are created, claimed, annotated, resolved or breach their SLA; only those of queueKey when given.',
      Access.READ,
    ),
    subscribe: async ({ args, context }) => {
      const ctx = context as HubContext;
      const queueKey = (args as { queueKey?: string | null }).queueKey ?? null;
      return ctx.services.events.subscribe({
        types: [EventType.WORK_ITEM_CREATED, EventType.WORK_ITEM_UPDATED, EventType.SLA_BREACHED],
        // Every work item event names its queue.
        where: queueKey ? (event) => event.payload.queueKey === queueKey : undefined,
      });
    },
  })
  workItemChanged(
    @Root() event: HubEvent,
    @Ctx() ctx: HubContext,
    @Arg('queueKey', () => String, { nullable: true, description: 'Only items of the queue with this key.' }) _queueKey?: string | null,
  ): Promise<WorkItem> {
    return required(ctx.loaders.load(workItemById, event.subjectId), `Work item ${event.subjectId}`);
  }
}

/** An account's work items, whatever queue they sit in. */
@Resolver(() => Account)
export class AccountWorkItemsResolver {
  @FieldResolver(() => WorkItemConnection, { description: 'Work items about this account in every queue, oldest first.' })
  workItems(
    @Root() account: Account,
    @Ctx() ctx: HubContext,
    @Arg('status', () => WorkItemStatus, { nullable: true, description: 'Only items with this status.' }) status?: WorkItemStatus | null,
    @Arg('first', () => Int, { nullable: true, description: PAGE_FIRST }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_AFTER }) after?: string | null,
  ): Promise<Connection<WorkItem>> {
    return ctx.services.workQueues.items({ accountId: account.id }, { status, first, after });
  }
}
