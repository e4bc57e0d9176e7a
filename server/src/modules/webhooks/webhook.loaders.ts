import { defineLoader, indexBy } from '../../common/loaders/loaders';
import type { ApiKey } from '../identity/api-key.entity';

export const apiKeyById = defineLoader<string, ApiKey | null>('webhooks.apiKeyById', async (s, ids) =>
  indexBy(ids, await s.webhooks.apiKeysByIds(ids), (k) => k.id),
);
