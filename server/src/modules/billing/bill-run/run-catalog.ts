import { In, IsNull, type EntityManager } from 'typeorm';
import { groupInto } from '../../../common/grouping';
import { Incentive, Product, PromoCode, Rate } from '../../catalog/product.entity';
import type { ProductInput } from '../invoice-math';
import { marks } from './sql';

/** A product's pricing terms and promo codes, as they stood at one version of the product. */
interface Terms {
  version: number;
  product: ProductInput;
  promos: PromoCode[];
}

/** What a chunk prices with: its products' terms and its enrollments' promo codes. */
export interface ChunkCatalog {
  products: Map<string, ProductInput>;
  promos: Map<string, PromoCode>;
}

/** Runs whose catalog is kept: a process bills a few runs at a time at most. */
const RUNS_KEPT = 4;

/**
 * The catalog the chunks of a run price with. Every change to a product, its
 * rates, promo codes or incentives bumps the product's version in the
 * transaction that makes it (see lockForChange), so terms read at a version
 * are the terms of that version for as long as it stands. Each chunk reads
 * its products' versions, in the statement that locks them on MySQL, and
 * reads again only the products whose version moved since the run last read
 * them: a chunk prices with the catalog as of its own transaction, as when
 * each chunk read it all, in one statement instead of five.
 */
export class RunCatalogs {
  private readonly runs = new Map<string, Map<string, Terms>>();

  /**
   * The chunk's products and promo codes. `lock`: the products are read with a
   * shared lock (MySQL), so a catalog edit waits for the chunk and a chunk
   * that waited for an edit prices with it. `runId`: the run whose terms are
   * kept between its chunks (none for a preview).
   */
  async read(
    em: EntityManager,
    productIds: string[],
    promoIds: string[],
    { lock, runId }: { lock: boolean; runId: string | null },
  ): Promise<ChunkCatalog> {
    if (productIds.length === 0) return { products: new Map(), promos: new Map() };
    const kept = runId === null ? new Map<string, Terms>() : this.keptFor(runId);
    // LOCK IN SHARE MODE is the spelling both MySQL and MariaDB know.
    const rows = (await em.query(
      `SELECT id, version FROM product WHERE id IN (${marks(productIds.length)}) ORDER BY id${lock ? ' LOCK IN SHARE MODE' : ''}`,
      productIds.map(Number),
    )) as Array<{ id: string | number; version: string | number }>;
    const versions = new Map(rows.map((r) => [String(r.id), Number(r.version)]));
    const stale = [...versions].filter(([id, version]) => kept.get(id)?.version !== version).map(([id]) => id);
    if (stale.length > 0) for (const terms of await this.load(em, stale, versions)) kept.set(terms.product.id, terms);

    const products = new Map<string, ProductInput>();
    const promos = new Map<string, PromoCode>();
    for (const id of versions.keys()) {
      const terms = kept.get(id);
      if (!terms) continue;
      products.set(id, terms.product);
      for (const promo of terms.promos) promos.set(promo.id, promo);
    }
    // An enrollment's promo code is one of its product's; any other is read as it is.
    const others = promoIds.filter((id) => !promos.has(id));
    if (others.length > 0) for (const promo of await em.getRepository(PromoCode).findBy({ id: In(others) })) promos.set(promo.id, promo);
    const wanted = new Set(promoIds);
    for (const id of promos.keys()) if (!wanted.has(id)) promos.delete(id);
    return { products, promos };
  }

  private keptFor(runId: string): Map<string, Terms> {
    let kept = this.runs.get(runId);
    if (kept) {
      // Most recently used last: the oldest run is dropped first.
      this.runs.delete(runId);
    } else {
      kept = new Map();
      for (const old of this.runs.keys()) {
        if (this.runs.size < RUNS_KEPT) break;
        this.runs.delete(old);
      }
    }
    this.runs.set(runId, kept);
    return kept;
  }

  /** The products' terms, in four statements whatever their number. */
  private async load(em: EntityManager, ids: string[], versions: Map<string, number>): Promise<Terms[]> {
    const products = await em.getRepository(Product).findBy({ id: In(ids) });
    const rates = groupInto(
      await em.getRepository(Rate).find({ where: { productId: In(ids) }, order: { effectiveFrom: 'ASC' } }),
      (r) => r.productId,
    );
    const incentives = groupInto(
      await em.getRepository(Incentive).find({ where: { productId: In(ids), removedAt: IsNull() }, order: { id: 'ASC' } }),
      (i) => i.productId,
    );
    const promos = groupInto(await em.getRepository(PromoCode).findBy({ productId: In(ids) }), (p) => p.productId);
    return products.map((p) => ({
      version: versions.get(p.id) as number,
      promos: promos.get(p.id) ?? [],
      product: {
        id: p.id,
        code: p.code,
        name: p.name,
        unit: p.unit,
        fixedCharge: p.fixedCharge,
        rates: (rates.get(p.id) ?? []).map((r) => ({
          id: r.id,
          effectiveFrom: r.effectiveFrom,
          effectiveTo: r.effectiveTo,
          unitPrice: r.unitPrice,
          tiers: r.tiers ?? null,
          registerPrices: r.registerPrices ?? null,
        })),
        incentives: (incentives.get(p.id) ?? []).map((i) => ({
          id: i.id,
          kind: i.kind,
          description: i.description,
          value: i.value,
        })),
      },
    }));
  }
}
