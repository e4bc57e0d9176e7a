import { randomUUID } from 'node:crypto';

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
