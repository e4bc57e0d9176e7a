import { defineLoader, groupBy, indexBy } from '../../common/loaders/loaders';
import type { PathBook } from './collections-path.service';
import type { CollectionsAction, CollectionsRun, CollectionsStep } from './collections.entity';

export const stepsByPath = defineLoader<string, CollectionsStep[]>('collections.stepsByPath', async (s, ids) =>
  groupBy(ids, await s.collectionsPaths.currentSteps(ids), (step) => step.pathId),
);
export const stepById = defineLoader<string, CollectionsStep | null>('collections.stepById', async (s, ids) =>
  indexBy(ids, await s.collectionsPaths.stepsByIds(ids), (step) => step.id),
);
export const actionsByAccount = defineLoader<string, CollectionsAction[]>('collections.actionsByAccount', async (s, ids) =>
  groupBy(ids, await s.collectionsRuns.actionsFor(ids), (a) => a.accountId),
);
/** The paths in force, read once per request whatever the number of accounts asking (the key is ignored). */
export const pathBookLoader = defineLoader<'book', PathBook>('collections.pathBook', async (s, keys) => {
  const book = await s.collectionsPaths.book();
  return keys.map(() => book);
});
export const runById = defineLoader<string, CollectionsRun | null>('collections.runById', async (s, ids) =>
  indexBy(ids, await s.collectionsRuns.byIds(ids), (run) => run.id),
);
