import { Field, ObjectType, UseMiddleware } from 'type-graphql';
import { ActorAsSeen } from '../../../common/auth/actor-names';
import { DateScalar, DateTimeScalar } from '../../../common/scalars';
import { DateColumn, IdColumn, RefColumn, TextColumn, TimestampColumn } from '../../../db/entity-columns';
import { Entity } from 'typeorm';

@ObjectType({ description: 'A hold on collections for one account: no collections action is taken on it before `until`.' })
@Entity('collections_hold')
export class CollectionsHold {
  @IdColumn()
  id!: string;

  /** Unique: an account has at most one hold; a new one replaces it. */
  @RefColumn('account_id')
  accountId!: string;

  @Field(() => DateScalar, { description: 'No collections action before this day.' })
  @DateColumn('until')
  until!: string;

  @Field({ description: 'Why the account is held, at most 255 characters.' })
  @TextColumn('reason', { length: 255 })
  reason!: string;

  @Field({ description: 'Who placed the hold.' })
  @UseMiddleware(ActorAsSeen)
  @TextColumn('created_by', { length: 128 })
  createdBy!: string;

  @Field(() => DateTimeScalar, { description: 'When it was placed.' })
  @TimestampColumn('created_at')
  createdAt!: Date;
}

@ObjectType({
  description:
    'A protection on an account (CRITICAL_CARE, MEDICAL, ASSISTANCE_PLEDGE...): while it lasts, MARKET_DROP, AGENCY_REFERRAL and LATE_FEE steps are not taken but referred to an operator in queue PROTECTED_ACCOUNTS.',
})
@Entity('account_protection')
export class AccountProtection {
  @IdColumn()
  id!: string;

  @RefColumn('account_id')
  accountId!: string;

  @Field({ description: 'e.g. CRITICAL_CARE, MEDICAL, ASSISTANCE_PLEDGE.' })
  @TextColumn('code', { length: 32 })
  code!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day it protects; null while it lasts.' })
  @DateColumn('until', { nullable: true })
  until!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was granted (a certificate, a pledge reference), at most 255 characters.' })
  @TextColumn('note', { length: 255, nullable: true })
  note!: string | null;

  @Field({ description: 'Who set it.' })
  @UseMiddleware(ActorAsSeen)
  @TextColumn('created_by', { length: 128 })
  setBy!: string;

  @Field(() => DateTimeScalar, { description: 'When it was set.' })
  @TimestampColumn('created_at')
  setAt!: Date;
}

@ObjectType({ description: 'A day (extreme weather, a holiday) on which no MARKET_DROP is taken; the first run after takes it.' })
@Entity('blackout_date')
export class BlackoutDate {
  @IdColumn()
  id!: string;

  @Field(() => DateScalar, { description: 'The day.' })
  @DateColumn('day')
  date!: string;

  @Field({ description: 'Why no market drop is taken on it, at most 255 characters.' })
  @TextColumn('reason', { length: 255 })
  reason!: string;

  @Field({ description: 'Who added it.' })
  @UseMiddleware(ActorAsSeen)
  @TextColumn('created_by', { length: 128 })
  addedBy!: string;

  @TimestampColumn('created_at')
  createdAt!: Date;
}

export enum ReferralDecision {
  TAKEN = 'TAKEN',
  NOT_TAKEN = 'NOT_TAKEN',
}

/**
 * A step due for a protected account, referred to an operator instead of taken:
 * one per step and delinquency (a unique key on episode and step key), with its
 * work item in PROTECTED_ACCOUNTS and the operator's decision once made.
 */
@Entity('protected_step_referral')
export class ProtectedStepReferral {
  @IdColumn()
  id!: string;

  @RefColumn('account_id')
  accountId!: string;

  @RefColumn('episode_id')
  episodeId!: string;

  @RefColumn('step_id')
  stepId!: string;

  @TextColumn('step_key', { length: 40 })
  stepKey!: string;

  @RefColumn('run_id')
  runId!: string;

  @RefColumn('work_item_id')
  workItemId!: string;

  @TextColumn('decision', { length: 16, nullable: true })
  decision!: ReferralDecision | null;

  @TextColumn('decided_by', { length: 128, nullable: true })
  decidedBy!: string | null;

  @TimestampColumn('decided_at', { nullable: true })
  decidedAt!: Date | null;

  @TimestampColumn('created_at')
  createdAt!: Date;
}
