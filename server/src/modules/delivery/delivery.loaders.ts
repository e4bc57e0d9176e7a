import { defineLoader, groupBy } from '../../common/loaders/loaders';
import type { Delivery } from '../documents/document.entity';

export const deliveriesByDocument = defineLoader<string, Delivery[]>('delivery.byDocument', async (s, ids) =>
  groupBy(ids, await s.deliveries.forDocuments(ids), (d) => d.documentId),
);
