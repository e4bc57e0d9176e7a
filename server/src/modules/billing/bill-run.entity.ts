import { Field, ID, Int, ObjectType, registerEnumType, UseMiddleware } from 'type-graphql';
import { ActorAsSeen } from '../../common/auth/actor-names';
import { Entity } from 'typeorm';
import { DateScalar, DateTimeScalar } from '../../common/scalars';
import { DateColumn, IdColumn, IntegerColumn, TextColumn, TimestampColumn } from '../../db/entity-columns';

export enum BillRunStatus {
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}
registerEnumType(BillRunStatus, {
  name: 'BillRunStatus',
  description: 'Where a bill run stands.',
  valuesConfig: {
    RUNNING: { description: 'Billing its accounts; billRunProgress follows it.' },
    COMPLETED: { description: 'Every account considered was processed.' },
    FAILED: { description: 'It stopped before the end (its process died); a new run bills what it left.' },
  },
});

@ObjectType({
  description: "One run of billing as of a day: every ACTIVE account's unbilled reads with periodEnd <= asOf, and its counters.",
})
@Entity('bill_run')
export class BillRun {
  @Field(() => ID, { description: "The run's id." })
  @IdColumn()
  id!: string;

  @Field(() => DateScalar, {
    description: 'The day the run bills up to: reads with periodEnd <= asOf; the issue date of the invoices it issues.',
  })
  @DateColumn('as_of')
  asOf!: string;

  @Field(() => BillRunStatus, { description: 'RUNNING, COMPLETED or FAILED.' })
  @TextColumn('status', { length: 16 })
  status!: BillRunStatus;

  @Field({ description: 'The user or API key that started it, or SCHEDULE.' })
  @UseMiddleware(ActorAsSeen)
  @TextColumn('started_by', { length: 128 })
  startedBy!: string;

  /** RUNNING_KEY while RUNNING, null after: a unique key, so one bill run at a time. */
  @TextColumn('running_key', { length: 16, nullable: true })
  runningKey!: string | null;

  @Field(() => Int, { description: 'How many accounts the run set out to bill.' })
  @IntegerColumn('accounts_considered')
  accountsConsidered!: number;

  @Field(() => Int, { description: 'Accounts finished so far; equals accountsConsidered when the run is COMPLETED.' })
  @IntegerColumn('accounts_processed')
  accountsProcessed!: number;

  @Field(() => Int, { description: 'How many invoices the run issued.' })
  @IntegerColumn('invoices_issued')
  invoicesIssued!: number;

  @Field(() => Int, { description: 'How many invoices the run held for review (a threshold test failed).' })
  @IntegerColumn('invoices_held')
  invoicesHeld!: number;

  @Field(() => Int, { description: 'How many accounts it could not bill because of a critical exception (MISSING_RATE, NO_ENROLLMENT).' })
  @IntegerColumn('accounts_blocked')
  accountsBlocked!: number;

  /** Accounts whose billing failed unexpectedly in this run (recorded, retried by the next run). */
  @Field(() => Int, { description: 'Accounts whose billing failed unexpectedly; the next run retries them.' })
  @IntegerColumn('accounts_failed')
  accountsFailed!: number;

  @Field(() => DateTimeScalar, { description: 'When the run started.' })
  @TimestampColumn('started_at')
  startedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it ended; null while RUNNING.' })
  @TimestampColumn('finished_at', { nullable: true })
  finishedAt!: Date | null;

  /** When the run started or finished; with its chunks' finish times it tells whether any process still works on it. */
  @TimestampColumn('heartbeat_at')
  heartbeatAt!: Date;
}
