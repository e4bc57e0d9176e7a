import { IsNull, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/roles';
import { conflict, notFound } from '../../common/errors/hub-error';
import { insertChunked, type Tx } from '../../db/database';
import { EventType } from '../../events/event-types';
import { Incentive, Product, PromoCode, Rate, type ProductChange } from './product.entity';

/**
 * Bumps the version with a conditional UPDATE before anything else: it fails
 * on a stale expectedVersion, and it holds the product's row lock until
 * commit, so concurrent changes to one product queue up instead of racing.
 * Returns the product as it was before the change.
 */
export async function lockForChange(em: EntityManager, id: string, expectedVersion?: number | null): Promise<Product> {
  const qb = em
    .createQueryBuilder()
    .update(Product)
    .set({ version: () => 'version + 1', updatedAt: new Date() })
    .where('id = :id', { id });
  if (expectedVersion !== undefined && expectedVersion !== null) qb.andWhere('version = :expectedVersion', { expectedVersion });
  const result = await qb.execute();
  const product = await em.getRepository(Product).findOneBy({ id });
  if (!product) throw notFound(`Product ${id}`);
  if (!result.affected) {
    throw conflict(
      `Product ${product.code} is at version ${product.version}, not ${expectedVersion}: someone changed it; reload and try again`,
    );
  }
  return Object.assign(new Product(), product, { version: product.version - 1 });
}

export async function insertParts(
  em: EntityManager,
  productId: string,
  rates: Rate[],
  promos: PromoCode[],
  incentives: Incentive[],
): Promise<void> {
  await insertChunked(
    em,
    Rate,
    rates.map((r) => Object.assign(r, { productId })),
  );
  await insertChunked(
    em,
    PromoCode,
    promos.map((p) => Object.assign(p, { productId })),
  );
  await insertChunked(
    em,
    Incentive,
    incentives.map((i) => Object.assign(i, { productId })),
  );
}

/** The product with its rates, promo codes and incentives, as the audit log records it. */
export async function snapshot(em: EntityManager, product: Product): Promise<Record<string, unknown>> {
  const rates = await em.getRepository(Rate).findBy({ productId: product.id });
  const promoCodes = await em.getRepository(PromoCode).findBy({ productId: product.id });
  const incentives = await em.getRepository(Incentive).findBy({ productId: product.id, removedAt: IsNull() });
  return { ...product, rates, promoCodes, incentives };
}

/** Audits the change, emits PRODUCT_CHANGED (through the outbox) and returns the product as it now stands. */
export async function changed(
  tx: Tx,
  actor: Principal,
  action: string,
  change: ProductChange,
  id: string,
  before: Record<string, unknown> | null,
): Promise<Product> {
  const product = await tx.em.getRepository(Product).findOneByOrFail({ id });
  tx.audit({ actor: actor.name, action, subjectType: 'Product', subjectId: id, before, after: await snapshot(tx.em, product) });
  tx.emit({
    type: EventType.PRODUCT_CHANGED,
    subjectId: product.id,
    payload: { change, code: product.code, version: product.version, status: product.status },
  });
  return product;
}
