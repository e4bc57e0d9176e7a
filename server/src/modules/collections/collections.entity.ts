import { Field, ID, Int, ObjectType, registerEnumType, UseMiddleware } from 'type-graphql';
import { ActorAsSeen } from '../../common/auth/actor-names';
import { Column, Entity } from 'typeorm';
import { DateScalar, DateTimeScalar, DecimalScalar, MoneyScalar } from '../../common/scalars';
import {
  BoolColumn,
  DateColumn,
  IdColumn,
  IntegerColumn,
  JsonColumn,
  RefColumn,
  TextColumn,
  TimestampColumn,
} from '../../db/entity-columns';

export enum CollectionsActionType {
  REMINDER = 'REMINDER',
  LETTER = 'LETTER',
  CALL_REQUEST = 'CALL_REQUEST',
  DIALER_EXPORT = 'DIALER_EXPORT',
  LATE_FEE = 'LATE_FEE',
  AGENCY_REFERRAL = 'AGENCY_REFERRAL',
  MARKET_DROP = 'MARKET_DROP',
}
registerEnumType(CollectionsActionType, {
  name: 'CollectionsActionType',
  description: 'What a collections step does when it is due. Each action taken emits COLLECTIONS_ACTION_TAKEN.',
  valuesConfig: {
    REMINDER: { description: "Renders the step's template into the action's detail: a gentle reminder." },
    LETTER: { description: "Renders the step's template into the action's detail: a dunning letter." },
    CALL_REQUEST: { description: "Creates a work item in the step's queue asking someone to call the customer." },
    DIALER_EXPORT: { description: "Adds the account to the run's dialerCsv, for an outbound dialer." },
    LATE_FEE: {
      description: "Issues a fee invoice with one FEE line, due on the run's asOf: the step's feeAmount, or its feePercent of pastDue.",
    },
    AGENCY_REFERRAL: { description: 'Records that the debt is referred to a collection agency.' },
    MARKET_DROP: {
      description: 'Sets the account DROP_PENDING and creates a work item in MARKET_DROPS for an operator to confirm or cancel.',
    },
  },
});

export enum CollectionsRunStatus {
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}
registerEnumType(CollectionsRunStatus, {
  name: 'CollectionsRunStatus',
  description: 'Where a collections run stands.',
  valuesConfig: {
    RUNNING: { description: 'Evaluating its accounts.' },
    COMPLETED: { description: 'Every delinquent account was evaluated.' },
    FAILED: { description: 'It stopped before the end (its process died); a new run takes the actions it left.' },
  },
});

/** The value default_key holds on the one default path; a unique key lets only one row hold it. */
export const DEFAULT_PATH_KEY = 'DEFAULT';

@ObjectType({
  description:
    'A sequence of collections steps for the accounts of some segments: a gentle one for VIP customers, a fast one for high-risk ones. Each step runs at most once per delinquency.',
})
@Entity('collections_path')
export class CollectionsPath {
  @Field(() => ID, { description: "The path's id." })
  @IdColumn()
  id!: string;

  @Field({ description: 'Its name, at most 128 characters.' })
  @TextColumn('name', { length: 128 })
  name!: string;

  @Field(() => [String], { description: 'The segments whose accounts it applies to (unless an account has a path assigned).' })
  @JsonColumn('segments')
  segments!: string[];

  /** DEFAULT on the default path, null on every other (unique: at most one default). */
  @TextColumn('default_key', { length: 16, nullable: true })
  defaultKey!: string | null;

  @Field({ description: 'The path of every account with neither an assigned path nor an active path for its segment.' })
  get isDefault(): boolean {
    return this.defaultKey !== null;
  }

  @Field({ description: 'False when switched off: it applies to no account by segment and cannot be assigned.' })
  @BoolColumn('active')
  active!: boolean;

  /** Bumped by every update; the update's conditional UPDATE on it serializes concurrent edits. */
  @IntegerColumn('version')
  version!: number;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}

@ObjectType({
  description: "One step of a collections path: an action taken once an account's delinquency reaches daysPastDue and minPastDue.",
})
@Entity('collections_step')
export class CollectionsStep {
  @Field(() => ID, { description: "The step's id." })
  @IdColumn()
  id!: string;

  @RefColumn('path_id')
  pathId!: string;

  /**
   * The step's identity across path updates: a step that keeps its action and
   * daysPastDue keeps its key, so an edited letter is not sent a second time in
   * a delinquency that already had it. Actions are unique per episode and key.
   */
  @TextColumn('step_key', { length: 40 })
  stepKey!: string;

  /** Set when an update replaced the path's steps; actions taken keep pointing at the retired row. */
  @TimestampColumn('retired_at', { nullable: true })
  retiredAt!: Date | null;

  @Field(() => Int, { description: 'Its place in the path, from 1.' })
  @IntegerColumn('position')
  position!: number;

  @Field({ description: 'Its name, at most 128 characters.' })
  @TextColumn('name', { length: 128 })
  name!: string;

  @Field(() => Int, { description: "The step is due once the account's daysPastDue reaches this." })
  @IntegerColumn('days_past_due')
  daysPastDue!: number;

  @Field(() => MoneyScalar, { description: '...and its pastDue reaches this.' })
  @IntegerColumn('min_past_due')
  minPastDue!: number;

  @Field(() => CollectionsActionType, { description: 'What it does.' })
  @TextColumn('action', { length: 24 })
  action!: CollectionsActionType;

  @Field(() => String, {
    nullable: true,
    description: 'Letter and reminder text; {{name}}, {{accountNumber}}, {{pastDue}}, {{daysPastDue}} are filled in.',
  })
  @TextColumn('template', { length: 4000, nullable: true })
  template!: string | null;

  @Field(() => String, { nullable: true, description: 'Work queue for CALL_REQUEST.' })
  @TextColumn('queue_key', { length: 32, nullable: true })
  queueKey!: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'LATE_FEE: a fixed amount, or a percentage of pastDue.' })
  @IntegerColumn('fee_amount', { nullable: true })
  feeAmount!: number | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'LATE_FEE: the percentage of pastDue charged, more than 0 and at most 100; null for a fixed fee.',
  })
  @IntegerColumn('fee_percent', { nullable: true })
  feePercent!: number | null;

  /** The position, in the same path, of the step that must have been taken noticeDays before this one; null for none. */
  @IntegerColumn('notice_position', { nullable: true })
  noticePosition!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Days the notice step must have been taken before this one; null when there is no notice step.',
  })
  @IntegerColumn('notice_days', { nullable: true })
  noticeDays!: number | null;
}

/** One delinquency of an account: from pastDue > 0 until it is back to 0. Each path step runs at most once in it. */
@Entity('collections_episode')
export class CollectionsEpisode {
  @IdColumn()
  id!: string;

  @RefColumn('account_id')
  accountId!: string;

  /** The account's id while the episode is open, null once ended: a unique key allows one open episode per account. */
  @RefColumn('open_account_id', { nullable: true })
  openAccountId!: string | null;

  @DateColumn('started_on')
  startedOn!: string;

  @DateColumn('ended_on', { nullable: true })
  endedOn!: string | null;

  @TimestampColumn('created_at')
  createdAt!: Date;
}

@ObjectType({ description: "One run of collections as of a day: every delinquent account's due steps, and its counters." })
@Entity('collections_run')
export class CollectionsRun {
  @Field(() => ID, { description: "The run's id." })
  @IdColumn()
  id!: string;

  @Field(() => DateScalar, { description: 'The day the run evaluates pastDue and daysPastDue as of.' })
  @DateColumn('as_of')
  asOf!: string;

  @Field(() => CollectionsRunStatus, { description: 'RUNNING, COMPLETED or FAILED.' })
  @TextColumn('status', { length: 16 })
  status!: CollectionsRunStatus;

  @Field({ description: 'The user or API key that started it, or SCHEDULE.' })
  @UseMiddleware(ActorAsSeen)
  @TextColumn('started_by', { length: 128 })
  startedBy!: string;

  /** RUNNING_KEY while RUNNING, null after: a unique key, so one collections run at a time. */
  @TextColumn('running_key', { length: 16, nullable: true })
  runningKey!: string | null;

  @Field(() => Int, { description: 'Delinquent accounts evaluated on their path (accounts with an ACTIVE payment plan are passed by).' })
  @IntegerColumn('accounts_evaluated')
  accountsEvaluated!: number;

  @Field(() => Int, { description: 'How many actions the run took.' })
  @IntegerColumn('actions_taken')
  actionsTaken!: number;

  @Field(() => Int, { description: 'Accounts whose evaluation failed unexpectedly; the next run retries them.' })
  @IntegerColumn('accounts_failed')
  accountsFailed!: number;

  @Field(() => DateTimeScalar, { description: 'When the run started.' })
  @TimestampColumn('started_at')
  startedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it ended; null while RUNNING.' })
  @TimestampColumn('finished_at', { nullable: true })
  finishedAt!: Date | null;

  /** Last sign of life; a RUNNING run silent for long died with its process. */
  @TimestampColumn('heartbeat_at')
  heartbeatAt!: Date;
}

@ObjectType({ description: 'One action a collections run took on an account, from one step of its path.' })
@Entity('collections_action')
export class CollectionsAction {
  @Field(() => ID, { description: "The action's id." })
  @IdColumn()
  id!: string;

  @RefColumn('account_id')
  accountId!: string;

  @RefColumn('episode_id')
  episodeId!: string;

  @RefColumn('step_id')
  stepId!: string;

  /** The step's key: unique with episode_id, so a step runs once per delinquency whatever runs overlap. */
  @TextColumn('step_key', { length: 40 })
  stepKey!: string;

  @RefColumn('run_id')
  runId!: string;

  @Field(() => CollectionsActionType, { description: 'What was done.' })
  @TextColumn('action', { length: 24 })
  action!: CollectionsActionType;

  @Field(() => DateScalar, { description: 'The asOf of the run that took it.' })
  @DateColumn('as_of')
  asOf!: string;

  @Field({ description: 'The rendered letter, the fee charged, the dialer row: what was done.' })
  @Column({ name: 'detail', type: 'text' })
  detail!: string;

  @RefColumn('work_item_id', { nullable: true })
  workItemId!: string | null;

  /** The fee invoice of a LATE_FEE action. */
  @RefColumn('invoice_id', { nullable: true })
  invoiceId!: string | null;

  @Field(() => MoneyScalar, {
    nullable: true,
    description: 'The past-due amount the action was taken on (disputed amounts left out); null for actions taken before it was kept.',
  })
  @IntegerColumn('past_due', { nullable: true })
  pastDue!: number | null;

  @Field(() => Int, { nullable: true, description: 'The days past due the action was taken on; null as for pastDue.' })
  @IntegerColumn('days_past_due', { nullable: true })
  daysPastDue!: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The operator who took it on a protected account's work item (decideProtectedStep); null when the run took it (its run's startedBy).",
  })
  @UseMiddleware(ActorAsSeen)
  @TextColumn('taken_by', { length: 128, nullable: true })
  takenBy!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was taken.' })
  @TimestampColumn('created_at')
  createdAt!: Date;
}
