import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
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
registerEnumType(CollectionsActionType, { name: 'CollectionsActionType' });

export enum CollectionsRunStatus {
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}
registerEnumType(CollectionsRunStatus, { name: 'CollectionsRunStatus' });

/** The value default_key holds on the one default path; a unique key lets only one row hold it. */
export const DEFAULT_PATH_KEY = 'DEFAULT';

@ObjectType()
@Entity('collections_path')
export class CollectionsPath {
  @Field(() => ID)
  @IdColumn()
  id!: string;

  @Field()
  @TextColumn('name', { length: 128 })
  name!: string;

  @Field(() => [String])
  @JsonColumn('segments')
  segments!: string[];

  /** DEFAULT on the default path, null on every other (unique: at most one default). */
  @TextColumn('default_key', { length: 16, nullable: true })
  defaultKey!: string | null;

  @Field({ description: 'The path of every account with neither an assigned path nor an active path for its segment.' })
  get isDefault(): boolean {
    return this.defaultKey !== null;
  }

  @Field()
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

@ObjectType()
@Entity('collections_step')
export class CollectionsStep {
  @Field(() => ID)
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

  @Field(() => Int)
  @IntegerColumn('position')
  position!: number;

  @Field()
  @TextColumn('name', { length: 128 })
  name!: string;

  @Field(() => Int, { description: "The step is due once the account's daysPastDue reaches this." })
  @IntegerColumn('days_past_due')
  daysPastDue!: number;

  @Field(() => MoneyScalar, { description: '...and its pastDue reaches this.' })
  @IntegerColumn('min_past_due')
  minPastDue!: number;

  @Field(() => CollectionsActionType)
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

  @Field(() => DecimalScalar, { nullable: true })
  @IntegerColumn('fee_percent', { nullable: true })
  feePercent!: number | null;
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

@ObjectType()
@Entity('collections_run')
export class CollectionsRun {
  @Field(() => ID)
  @IdColumn()
  id!: string;

  @Field(() => DateScalar)
  @DateColumn('as_of')
  asOf!: string;

  @Field(() => CollectionsRunStatus)
  @TextColumn('status', { length: 16 })
  status!: CollectionsRunStatus;

  @Field(() => Int, { description: 'Delinquent accounts evaluated on their path (accounts with an ACTIVE payment plan are passed by).' })
  @IntegerColumn('accounts_evaluated')
  accountsEvaluated!: number;

  @Field(() => Int)
  @IntegerColumn('actions_taken')
  actionsTaken!: number;

  @Field(() => Int, { description: 'Accounts whose evaluation failed unexpectedly; the next run retries them.' })
  @IntegerColumn('accounts_failed')
  accountsFailed!: number;

  @Field(() => DateTimeScalar)
  @TimestampColumn('started_at')
  startedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  @TimestampColumn('finished_at', { nullable: true })
  finishedAt!: Date | null;

  /** Last sign of life; a RUNNING run silent for long died with its process. */
  @TimestampColumn('heartbeat_at')
  heartbeatAt!: Date;
}

@ObjectType()
@Entity('collections_action')
export class CollectionsAction {
  @Field(() => ID)
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

  @Field(() => CollectionsActionType)
  @TextColumn('action', { length: 24 })
  action!: CollectionsActionType;

  @Field(() => DateScalar)
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

  @Field(() => DateTimeScalar)
  @TimestampColumn('created_at')
  createdAt!: Date;
}
