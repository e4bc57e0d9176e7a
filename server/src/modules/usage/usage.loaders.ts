import { defineLoader, indexBy } from '../../common/loaders/loaders';
import type { UsageRead } from './usage.entity';

export const usageReadById = defineLoader<string, UsageRead | null>('usage.usageReadById', async (s, ids) =>
  indexBy(ids, await s.usageReads.byIds(ids), (r) => r.id),
);
