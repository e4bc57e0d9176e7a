import { defineLoader, groupBy, indexBy } from '../../../common/loaders/loaders';
import type { CollectionsStep } from '../collections.entity';
import type { AccountProtection, CollectionsHold } from './controls.entity';

export const holdByAccount = defineLoader<string, CollectionsHold | null>('collections.holdByAccount', async (s, ids) =>
  indexBy(ids, await s.collectionsControls.holdsFor(ids), (h) => h.accountId),
);
export const protectionsByAccount = defineLoader<string, AccountProtection[]>('collections.protectionsByAccount', async (s, ids) =>
  groupBy(ids, await s.collectionsControls.protectionsFor(ids), (p) => p.accountId),
);
/** The notice step of each step, keyed by the step itself: the step at its notice position in the same version of its path. */
export const noticeStepOf = defineLoader<CollectionsStep, CollectionsStep | null>('collections.noticeStepOf', async (s, steps) => {
  const siblings = await s.collectionsPaths.stepsOfPaths([...new Set(steps.map((step) => step.pathId))]);
  const same = (a: Date | null, b: Date | null) => (a === null ? b === null : b !== null && a.getTime() === b.getTime());
  return steps.map(
    (step) =>
      siblings.find((o) => o.pathId === step.pathId && o.position === step.noticePosition && same(o.retiredAt, step.retiredAt)) ?? null,
  );
});
