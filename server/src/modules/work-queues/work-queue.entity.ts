import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Entity } from 'typeorm';
import { DateTimeScalar } from '../../common/scalars';
import { IdColumn, IntegerColumn, RefColumn, TextColumn, TimestampColumn } from '../../db/entity-columns';

export enum WorkItemStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  RESOLVED = 'RESOLVED',
}
registerEnumType(WorkItemStatus, {
  name: 'WorkItemStatus',
  description: 'Where a work item stands.',
  valuesConfig: {
    OPEN: { description: 'Waiting for someone to claim it.' },
    IN_PROGRESS: { description: 'Claimed: its assignee is working it.' },
    RESOLVED: { description: 'Done, with a resolution.' },
  },
});

/** The statuses of an item someone still has to work. */
export const UNRESOLVED: WorkItemStatus[] = [WorkItemStatus.OPEN, WorkItemStatus.IN_PROGRESS];

/** The built-in queues the migration creates; other modules file work into them by key. */
export const BuiltInQueue = {
  INVOICING: 'INVOICING',
  INVOICE_REVIEW: 'INVOICE_REVIEW',
  COLLECTIONS_CALLS: 'COLLECTIONS_CALLS',
  MARKET_DROPS: 'MARKET_DROPS',
  INTEGRATIONS: 'INTEGRATIONS',
  UNAPPLIED_CASH: 'UNAPPLIED_CASH',
  DISPUTES: 'DISPUTES',
  DOCUMENT_DELIVERY: 'DOCUMENT_DELIVERY',
} as const;

@ObjectType({
  description:
    'A queue of work items with an SLA: built-in INVOICING (24 h), INVOICE_REVIEW (24 h), COLLECTIONS_CALLS (8 h) and MARKET_DROPS (48 h), and any an operator adds.',
})
@Entity('work_queue')
export class WorkQueue {
  @Field(() => ID, { description: "The queue's id." })
  @IdColumn()
  id!: string;

  @Field({ description: 'Its key, e.g. INVOICE_REVIEW: upper-case letters, digits and _; how collections steps and the hub name it.' })
  @TextColumn('queue_key', { length: 32 })
  key!: string;

  @Field({ description: 'Its name in the console, at most 128 characters.' })
  @TextColumn('name', { length: 128 })
  name!: string;

  @Field(() => Int, { description: "Minutes from an item's creation to its dueAt. A change applies to items created afterwards." })
  @IntegerColumn('sla_minutes')
  slaMinutes!: number;
}

@ObjectType({
  description:
    'Something an operator must look at: a blocked or held invoice, a call to make, a market drop to confirm. Due SLA minutes after it is created; SLA_BREACHED goes out once if it is still unresolved then.',
})
@Entity('work_item')
export class WorkItem {
  @Field(() => ID, { description: "The item's id." })
  @IdColumn()
  id!: string;

  @RefColumn('queue_id')
  queueId!: string;

  @Field({ description: 'What kind of work, e.g. MISSING_RATE, HIGH_AMOUNT, CALL_REQUEST, MARKET_DROP.' })
  @TextColumn('kind', { length: 64 })
  kind!: string;

  @Field({ description: 'One line saying what to do.' })
  @TextColumn('title', { length: 255 })
  title!: string;

  @Field(() => Int, { description: '1 (most urgent) to 5; 3 unless the creator says otherwise.' })
  @IntegerColumn('priority')
  priority!: number;

  @Field(() => WorkItemStatus, { description: 'OPEN, IN_PROGRESS or RESOLVED.' })
  @TextColumn('status', { length: 16 })
  status!: WorkItemStatus;

  @RefColumn('account_id', { nullable: true })
  accountId!: string | null;

  /** Kept with the item so that every event about it carries the account number integrators filter on. */
  @TextColumn('account_number', { length: 64, nullable: true })
  accountNumber!: string | null;

  @RefColumn('invoice_id', { nullable: true })
  invoiceId!: string | null;

  @RefColumn('exception_id', { nullable: true })
  exceptionId!: string | null;

  @RefColumn('assignee_user_id', { nullable: true })
  assigneeUserId!: string | null;

  @Field(() => DateTimeScalar, { description: "When its SLA runs out: createdAt plus the queue's slaMinutes at creation." })
  @TimestampColumn('due_at')
  dueAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When it was created.' })
  @TimestampColumn('created_at')
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was resolved; null until then.' })
  @TimestampColumn('resolved_at', { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'What was done, as the resolver wrote it; null until resolved.' })
  @TextColumn('resolution', { length: 2000, nullable: true })
  resolution!: string | null;

  /** When the SLA sweep announced the breach; set once, so SLA_BREACHED goes out once per item. */
  @TimestampColumn('sla_breached_at', { nullable: true })
  slaBreachedAt!: Date | null;
}

@ObjectType({ description: 'A note someone added to a work item.' })
@Entity('work_note')
export class WorkNote {
  @IdColumn()
  id!: string;

  @RefColumn('work_item_id')
  workItemId!: string;

  @Field({ description: 'Who wrote it: a username.' })
  @TextColumn('author', { length: 128 })
  author!: string;

  @Field({ description: 'The note, at most 2000 characters.' })
  @TextColumn('text', { length: 2000 })
  text!: string;

  @Field(() => DateTimeScalar, { description: 'When it was written.' })
  @TimestampColumn('created_at')
  createdAt!: Date;
}
