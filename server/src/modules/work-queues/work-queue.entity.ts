import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Entity } from 'typeorm';
import { DateTimeScalar } from '../../common/scalars';
import { IdColumn, IntegerColumn, RefColumn, TextColumn, TimestampColumn } from '../../db/entity-columns';

export enum WorkItemStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  RESOLVED = 'RESOLVED',
}
registerEnumType(WorkItemStatus, { name: 'WorkItemStatus' });

/** The statuses of an item someone still has to work. */
export const UNRESOLVED: WorkItemStatus[] = [WorkItemStatus.OPEN, WorkItemStatus.IN_PROGRESS];

/** The built-in queues the migration creates; other modules file work into them by key. */
export const BuiltInQueue = {
  INVOICING: 'INVOICING',
  INVOICE_REVIEW: 'INVOICE_REVIEW',
  COLLECTIONS_CALLS: 'COLLECTIONS_CALLS',
  MARKET_DROPS: 'MARKET_DROPS',
} as const;

@ObjectType()
@Entity('work_queue')
export class WorkQueue {
  @Field(() => ID)
  @IdColumn()
  id!: string;

  @Field()
  @TextColumn('queue_key', { length: 32 })
  key!: string;

  @Field()
  @TextColumn('name', { length: 128 })
  name!: string;

  @Field(() => Int, { description: "Minutes from an item's creation to its dueAt. A change applies to items created afterwards." })
  @IntegerColumn('sla_minutes')
  slaMinutes!: number;
}

@ObjectType()
@Entity('work_item')
export class WorkItem {
  @Field(() => ID)
  @IdColumn()
  id!: string;

  @RefColumn('queue_id')
  queueId!: string;

  @Field({ description: 'What kind of work, e.g. MISSING_RATE, HIGH_AMOUNT, CALL_REQUEST, MARKET_DROP.' })
  @TextColumn('kind', { length: 64 })
  kind!: string;

  @Field()
  @TextColumn('title', { length: 255 })
  title!: string;

  @Field(() => Int, { description: '1 (most urgent) to 5; 3 unless the creator says otherwise.' })
  @IntegerColumn('priority')
  priority!: number;

  @Field(() => WorkItemStatus)
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

  @Field(() => DateTimeScalar)
  @TimestampColumn('due_at')
  dueAt!: Date;

  @Field(() => DateTimeScalar)
  @TimestampColumn('created_at')
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  @TimestampColumn('resolved_at', { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => String, { nullable: true })
  @TextColumn('resolution', { length: 2000, nullable: true })
  resolution!: string | null;

  /** When the SLA sweep announced the breach; set once, so SLA_BREACHED goes out once per item. */
  @TimestampColumn('sla_breached_at', { nullable: true })
  slaBreachedAt!: Date | null;
}

@ObjectType()
@Entity('work_note')
export class WorkNote {
  @IdColumn()
  id!: string;

  @RefColumn('work_item_id')
  workItemId!: string;

  @Field()
  @TextColumn('author', { length: 128 })
  author!: string;

  @Field()
  @TextColumn('text', { length: 2000 })
  text!: string;

  @Field(() => DateTimeScalar)
  @TimestampColumn('created_at')
  createdAt!: Date;
}
