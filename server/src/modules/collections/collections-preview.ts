import { formatMoney } from '../../common/money';
import { PreviewTally, type PreviewItem } from '../runs/preview-tally';
import { RunKind, type RunPreviewData } from '../runs/run-preview.types';
import { CollectionsActionType, type CollectionsStep } from './collections.entity';
import { lateFeeOf } from './collections-actions';
import type { Assessment, CollectionsEvaluation } from './collections-evaluation';

/** One step a run would take: the fee for a LATE_FEE, else the past-due amount it is taken for. */
export function collectionsPreviewItem(step: CollectionsStep, a: Pick<Assessment, 'account' | 'facts' | 'episode' | 'path'>): PreviewItem {
  const fee = step.action === CollectionsActionType.LATE_FEE ? lateFeeOf(step, a.facts) : null;
  const owed = `${formatMoney(a.facts.pastDue)} past due for ${a.facts.daysPastDue} days`;
  const path = a.path ? ` on path "${a.path.name}"` : '';
  return {
    accountId: a.account.id,
    key: step.action,
    amount: fee ?? a.facts.pastDue,
    detail: `${step.name}${path}: ${owed}${fee !== null ? `; fee ${formatMoney(fee)}` : ''}${a.episode ? '' : ' (a new delinquency)'}`,
  };
}

/**
 * What kept a due step from the run, each counted under its own key beside the actions: a hold, a notice not yet
 * old enough, a blackout date, a protection (the step goes to an operator), an ACTIVE payment plan, and an
 * OPEN dispute (a step the run would take were no dispute open, and does not take).
 */
export const PREVENTED_KEYS = ['HELD', 'WAITING_FOR_NOTICE', 'BLACKOUT_DATE', 'PROTECTED', 'PAYMENT_PLAN', 'DISPUTED'] as const;

/** A due step a control kept from the run, with the past-due amount it would have been taken for. */
function preventedItem(step: CollectionsStep, a: Assessment, control: (typeof PREVENTED_KEYS)[number]): PreviewItem {
  return {
    accountId: a.account.id,
    key: control,
    amount: a.facts.pastDue,
    detail: `${step.name} (${step.action}) not taken: ${control.toLowerCase().replace(/_/g, ' ')}; ${formatMoney(a.facts.pastDue)} past due`,
  };
}

/** Counts a chunk's assessments into the tally; returns how many accounts the run would evaluate. */
export function tallyAssessments(tally: PreviewTally, found: Assessment[]): number {
  let evaluated = 0;
  for (const a of found) {
    if (a.paused) {
      for (const step of a.due) tally.add(preventedItem(step, a, 'PAYMENT_PLAN'));
      continue;
    }
    evaluated++;
    for (const step of a.due) tally.add(collectionsPreviewItem(step, a));
    for (const { step, control } of a.prevented) tally.add(preventedItem(step, a, control));
  }
  return evaluated;
}

/**
 * Counts under DISPUTED the steps a dispute keeps from the run: those the run would take for an account
 * were no dispute open (asIfUndisputed) that it does not take (taken). An account an ACTIVE plan
 * pauses takes nothing either way: its steps count under PAYMENT_PLAN only.
 */
export function tallyDisputed(tally: PreviewTally, taken: Assessment[], asIfUndisputed: Assessment[]): void {
  const takenKeys = new Set(taken.filter((a) => !a.paused).flatMap((a) => a.due.map((s) => `${a.account.id}:${s.stepKey}`)));
  for (const a of asIfUndisputed) {
    if (a.paused) continue;
    for (const step of a.due) if (!takenKeys.has(`${a.account.id}:${step.stepKey}`)) tally.add(preventedItem(step, a, 'DISPUTED'));
  }
}

/**
 * What runCollections(asOf) would do now, with the run's own evaluation in
 * its read-only mode, chunk by chunk as a run goes. Nothing is written.
 */
export async function previewCollections(evaluation: CollectionsEvaluation, asOf: string, chunk: number): Promise<RunPreviewData> {
  const ids = await evaluation.candidates(asOf);
  const tally = new PreviewTally([...Object.values(CollectionsActionType), ...PREVENTED_KEYS]);
  let accounts = 0;
  for (let i = 0; i < ids.length; i += chunk) accounts += tallyAssessments(tally, await evaluation.preview(asOf, ids.slice(i, i + chunk)));
  const disputed = await evaluation.disputed(asOf);
  for (let i = 0; i < disputed.length; i += chunk) {
    const some = disputed.slice(i, i + chunk);
    tallyDisputed(tally, await evaluation.preview(asOf, some), await evaluation.preview(asOf, some, true));
  }
  return { kind: RunKind.COLLECTIONS, asOf, accounts, ...tally.result() };
}
