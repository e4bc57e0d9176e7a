import { randomUUID } from 'node:crypto';
import { CollectionsActionType } from './collections.entity';

/** A step as its key is matched: what it does and when. */
interface KeyedStep {
  action: string;
  daysPastDue: number;
}

/**
 * The keys of a path's new steps: each takes the key of the old step it
 * continues, so that a delinquency does not take it twice: the old step of
 * the same action and daysPastDue, else the next old step of the same action
 * (its days changed), else a fresh key. Pure but for the fresh keys.
 */
export function continuedKeys(steps: readonly KeyedStep[], old: ReadonlyArray<KeyedStep & { stepKey: string }>): string[] {
  const unclaimed = [...old];
  const claim = (matches: (o: KeyedStep) => boolean): string | undefined => {
    const at = unclaimed.findIndex(matches);
    return at >= 0 ? unclaimed.splice(at, 1)[0].stepKey : undefined;
  };
  const same = steps.map((step) => claim((o) => o.action === step.action && o.daysPastDue === step.daysPastDue));
  return steps.map((step, i) => same[i] ?? claim((o) => o.action === step.action) ?? randomUUID());
}

/** An action a delinquency took under a step its path no longer has (the account moved to another path, or the step was removed). */
export interface EarlierAction {
  action: string;
  /** The days past due it was taken at; null for actions taken before that was kept (it then covers any step). */
  daysPastDue: number | null;
}

/**
 * Which of a path's steps a delinquency took under other steps: a step counts
 * as taken when an earlier action of the same kind was taken at its
 * daysPastDue or more, so that moving an account to another path neither
 * charges a second fee nor sends a second notice for a stage already reached.
 * Each earlier action stands for one step, the step with the fewest days first
 * (the path's order on a tie) claiming the action taken at the fewest days that
 * reaches it. Returns each such step's key and the action that stands for it.
 */
export function carriedOver<A extends EarlierAction>(
  steps: ReadonlyArray<KeyedStep & { stepKey: string }>,
  earlier: readonly A[],
): Map<string, A> {
  // The action taken at the fewest days that reaches a step stands for it, so that a later one is left for a later step.
  const unclaimed = [...earlier].sort((a, b) => (a.daysPastDue ?? Number.MAX_SAFE_INTEGER) - (b.daysPastDue ?? Number.MAX_SAFE_INTEGER));
  const taken = new Map<string, A>();
  const byDays = [...steps.entries()].sort(([i, a], [j, b]) => a.daysPastDue - b.daysPastDue || i - j).map(([, s]) => s);
  for (const step of byDays) {
    const at = unclaimed.findIndex((e) => e.action === step.action && (e.daysPastDue === null || e.daysPastDue >= step.daysPastDue));
    if (at >= 0) taken.set(step.stepKey, unclaimed.splice(at, 1)[0]);
  }
  return taken;
}

/**
 * What an earlier action stands for on another path: what the customer was
 * charged, sent or referred for. Calls and dialer exports are the retailer's
 * own work, and each path's go to its own people: they are taken again.
 */
const CARRIED_OVER: readonly string[] = [
  CollectionsActionType.REMINDER,
  CollectionsActionType.LETTER,
  CollectionsActionType.LATE_FEE,
  CollectionsActionType.AGENCY_REFERRAL,
  CollectionsActionType.MARKET_DROP,
];

/**
 * The steps of a path its delinquency has taken, each to the action that took
 * it: a step taken under its own key, else one an action taken under a step
 * the path does not have stands for (see carriedOver). A step taken under its
 * own key never claims an earlier action, so it leaves each for a later step.
 */
export function takenSteps<A extends EarlierAction & { stepKey: string }>(
  steps: ReadonlyArray<KeyedStep & { stepKey: string }>,
  actions: readonly A[],
): Map<string, A> {
  const keys = new Set(steps.map((s) => s.stepKey));
  const taken = new Map(actions.filter((a) => keys.has(a.stepKey)).map((a) => [a.stepKey, a]));
  const earlier = actions.filter((a) => !keys.has(a.stepKey) && CARRIED_OVER.includes(a.action));
  for (const [key, action] of carriedOver(
    steps.filter((s) => !taken.has(s.stepKey)),
    earlier,
  ))
    taken.set(key, action);
  return taken;
}
