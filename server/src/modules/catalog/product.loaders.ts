import { defineLoader, groupBy, indexBy } from '../../common/loaders/loaders';
import type { Incentive, Product, PromoCode, Rate } from './product.entity';

export const productById = defineLoader<string, Product | null>('catalog.productById', async (s, ids) =>
  indexBy(ids, await s.catalog.productsByIds(ids), (p) => p.id),
);
export const ratesByProduct = defineLoader<string, Rate[]>('catalog.ratesByProduct', async (s, ids) =>
  groupBy(ids, await s.catalog.ratesFor(ids), (r) => r.productId),
);
export const promoCodesByProduct = defineLoader<string, PromoCode[]>('catalog.promoCodesByProduct', async (s, ids) =>
  groupBy(ids, await s.catalog.promoCodesFor(ids), (p) => p.productId),
);
export const incentivesByProduct = defineLoader<string, Incentive[]>('catalog.incentivesByProduct', async (s, ids) =>
  groupBy(ids, await s.catalog.incentivesFor(ids), (i) => i.productId),
);
export const rateBilled = defineLoader<string, boolean>('catalog.rateBilled', async (s, ids) => {
  const billed = await s.catalog.edits.billedRateIds(ids);
  return ids.map((id) => billed.has(id));
});
