import { daysBetween } from '../../../common/dates';
import { CollectionsActionType } from '../collections.entity';

/** The actions a protection holds back: each asks an operator instead (queue PROTECTED_ACCOUNTS). */
export const PROTECTED_ACTIONS: readonly CollectionsActionType[] = [
  CollectionsActionType.MARKET_DROP,
  CollectionsActionType.AGENCY_REFERRAL,
  CollectionsActionType.LATE_FEE,
];

/** What the controls know of one account as of a run's day. */
export interface AccountControls {
  /** The account's hold, if any: no action before until. */
  hold: { until: string } | null;
  /** Its protections; one lasts through its until (null: open-ended). */
  protections: ReadonlyArray<{ code: string; until: string | null }>;
}

/** One step due by daysPastDue and minPastDue, with what its delinquency has done so far. */
export interface DueStep {
  action: CollectionsActionType;
  /** Days the notice step must have been taken before; null when the step names no notice step. */
  noticeDays: number | null;
  /** The asOf of the run that took the notice step in this delinquency; null when it has not been taken. */
  noticeTakenOn: string | null;
  /** Already referred to an operator in this delinquency (whatever they decided). */
  referred: boolean;
}

/**
 * What the run does with a due step:
 * TAKE it; HELD (the account is on hold); AWAITING_NOTICE (its notice step was
 * not taken long enough before); BLACKOUT (a market drop on a blackout date:
 * the first run after takes it); REFER (protected account: ask an operator);
 * REFERRED (already asked in this delinquency: the operator's answer stands).
 */
export type StepDecision = 'TAKE' | 'HELD' | 'AWAITING_NOTICE' | 'BLACKOUT' | 'REFER' | 'REFERRED';

export function isHeld(hold: AccountControls['hold'], asOf: string): boolean {
  return hold !== null && asOf < hold.until;
}

/** The protections in force on the day. */
export function protectionsInForce<P extends { until: string | null }>(protections: readonly P[], asOf: string): P[] {
  return protections.filter((p) => p.until === null || p.until >= asOf);
}

/**
 * The collections controls, in order: a hold stops everything; a step waits
 * for its notice; a market drop waits out a blackout date; a protected account
 * has its MARKET_DROP, AGENCY_REFERRAL and LATE_FEE steps referred, once per
 * delinquency, instead of taken. A referral is made only for a step that would
 * otherwise be taken that day, so the operator is never asked too early.
 */
export function decideStep(args: { asOf: string; controls: AccountControls; blackout: boolean; step: DueStep }): StepDecision {
  const { asOf, controls, blackout, step } = args;
  if (isHeld(controls.hold, asOf)) return 'HELD';
  if (step.noticeDays !== null) {
    if (step.noticeTakenOn === null || daysBetween(step.noticeTakenOn, asOf) < step.noticeDays) return 'AWAITING_NOTICE';
  }
  if (blackout && step.action === CollectionsActionType.MARKET_DROP) return 'BLACKOUT';
  // Once asked, the operator's answer stands for the delinquency, even if the protection has ended since.
  if (step.referred) return 'REFERRED';
  if (PROTECTED_ACTIONS.includes(step.action) && protectionsInForce(controls.protections, asOf).length > 0) return 'REFER';
  return 'TAKE';
}
