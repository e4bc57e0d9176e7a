import { In, IsNull } from 'typeorm';
import type { HubConfig } from '../../config/env';
import { Role, type Principal } from '../../common/auth/roles';
import { todayIn } from '../../common/dates';
import { badInput, conflict, invalidState } from '../../common/errors/hub-error';
import { paginate, type Connection, type PageArgs } from '../../common/pagination/connection';
import { optionalText, parseId, requireInt, requireText } from '../../common/validation';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { EventType, type HubEvent } from '../../events/event-types';
import { CatalogEditService } from './catalog-edits.service';
import { changed, insertParts, lockForChange, snapshot } from './product-changes';
import {
  checkCount,
  checkNoOverlap,
  checkPeriod,
  checkPromoCodesUnique,
  validateIncentive,
  validatePromo,
  validateRate,
} from './product-rules';
import { markAnnouncedIfCome } from './sales-calendar';
import { Incentive, Product, ProductChange, ProductStatus, PromoCode, Rate, type ProductEvent } from './product.entity';
import type { CreateProductInput, IncentiveInput, PromoCodeInput, RateInput, UpdateProductInput } from './product.inputs';
import { changesNothing } from '../../common/changes';

const PRODUCT_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Products, their rates, promo codes and incentives, and the partner catalog. */
export class CatalogService {
  /** Changing and removing what the catalog already holds, under the rule that what billed stays as billed. */
  readonly edits: CatalogEditService;

  constructor(
    private readonly db: Database,
    private readonly config: HubConfig,
  ) {
    this.edits = new CatalogEditService(db);
  }

  today(): string {
    return todayIn(this.config.timezone);
  }

  // ------------------------------------------------------------------ reads

  list(filter: PageArgs & { status?: ProductStatus | null }): Promise<Connection<Product>> {
    const qb = this.db.manager.getRepository(Product).createQueryBuilder('p');
    if (filter.status) qb.where('p.status = :status', { status: filter.status });
    return paginate(qb, filter);
  }

  /** One product by id or code. Partners see only products that have been published. */
  async find(viewer: Principal, args: { id?: string | null; code?: string | null }): Promise<Product | null> {
    if (!args.id && !args.code) throw badInput('Give the product id or code');
    const repo = this.db.manager.getRepository(Product);
    const product = args.id
      ? await repo.findOneBy({ id: parseId(args.id, 'Product') })
      : await repo.findOneBy({ code: String(args.code).slice(0, 32) });
    if (!product || (args.id && args.code && product.code !== args.code)) return null;
    return this.visibleTo(viewer, product) ? product : null;
  }

  /** ACTIVE (or since RETIRED) products with salesStart <= on < salesEnd. */
  available(on: string | null | undefined): Promise<Product[]> {
    const day = on ?? this.today();
    return this.db.manager
      .getRepository(Product)
      .createQueryBuilder('p')
      .where('p.status IN (:...statuses)', { statuses: [ProductStatus.ACTIVE, ProductStatus.RETIRED] })
      .andWhere('p.sales_start <= :day', { day })
      .andWhere('(p.sales_end IS NULL OR p.sales_end > :day)', { day })
      .orderBy('p.code', 'ASC')
      .getMany();
  }

  private visibleTo(viewer: Principal, product: Product): boolean {
    return viewer.role !== Role.PARTNER || product.status !== ProductStatus.DRAFT;
  }

  productsByIds(ids: readonly string[]): Promise<Product[]> {
    return this.db.manager.getRepository(Product).findBy({ id: In([...ids]) });
  }

  ratesFor(productIds: readonly string[]): Promise<Rate[]> {
    return this.db.manager.getRepository(Rate).find({ where: { productId: In([...productIds]) }, order: { effectiveFrom: 'ASC' } });
  }

  promoCodesFor(productIds: readonly string[]): Promise<PromoCode[]> {
    return this.db.manager.getRepository(PromoCode).find({ where: { productId: In([...productIds]) }, order: { id: 'ASC' } });
  }

  incentivesFor(productIds: readonly string[]): Promise<Incentive[]> {
    return this.db.manager
      .getRepository(Incentive)
      .find({ where: { productId: In([...productIds]), removedAt: IsNull() }, order: { id: 'ASC' } });
  }

  /** The ProductEvent a PRODUCT_CHANGED event announces, or null when the viewer may not see the product. */
  /** A partner is not sent the changes of a DRAFT product: told by the status the change left it in, with no read. */
  changeVisibleTo(viewer: Principal, event: HubEvent): boolean {
    return viewer.role !== Role.PARTNER || event.payload.status !== ProductStatus.DRAFT;
  }

  async productEvent(viewer: Principal, event: HubEvent): Promise<ProductEvent | null> {
    if (event.type !== EventType.PRODUCT_CHANGED) return null;
    const product = await this.db.manager.getRepository(Product).findOneBy({ id: event.subjectId });
    // Visibility follows the product as the change left it: a DRAFT's changes stay hidden from partners
    // even when the push is read after the product was published.
    const status = (event.payload.status as ProductStatus | undefined) ?? product?.status;
    if (!product || !this.visibleTo(viewer, Object.assign(new Product(), product, { status }))) return null;
    return { change: event.payload.change as ProductChange, product };
  }

  // ------------------------------------------------------------------ changes

  async create(actor: Principal, input: CreateProductInput): Promise<Product> {
    const code = requireText(input.code, 'Product code', 32, { pattern: PRODUCT_CODE, hint: 'may use letters, digits, _ and - only' });
    const name = requireText(input.name, 'Product name', 128);
    const description = optionalText(input.description, 'Product description', 1000);
    const unit = requireText(input.unit, 'Product unit', 16);
    if (input.fixedCharge < 0) throw badInput('fixedCharge must not be negative');
    if (input.termMonths !== null && input.termMonths !== undefined) requireInt(input.termMonths, 'termMonths', 1, 600);
    checkPeriod(input.salesStart, input.salesEnd, 'Sales window');
    checkCount(input.rates, 'rates');
    checkCount(input.promoCodes, 'promo codes');
    checkCount(input.incentives, 'incentives');
    const rates = (input.rates ?? []).map(validateRate);
    checkNoOverlap([], rates);
    const promos = (input.promoCodes ?? []).map(validatePromo);
    checkPromoCodesUnique([], promos);
    const incentives = (input.incentives ?? []).map(validateIncentive);

    try {
      return await this.db.transaction(async (tx) => {
        const repo = tx.em.getRepository(Product);
        if (await repo.existsBy({ code })) throw conflict(`A product with code ${code} already exists`);
        const now = new Date();
        const product = await repo.save(
          Object.assign(new Product(), {
            code,
            name,
            description,
            unit,
            status: ProductStatus.DRAFT,
            salesStart: input.salesStart ?? null,
            salesEnd: input.salesEnd ?? null,
            termMonths: input.termMonths ?? null,
            fixedCharge: input.fixedCharge,
            version: 1,
            createdAt: now,
            updatedAt: now,
          }),
        );
        await insertParts(tx.em, product.id, rates, promos, incentives);
        return changed(tx, actor, 'createProduct', ProductChange.CREATED, product.id, null);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`A product with code ${code} already exists`);
      throw error;
    }
  }

  async update(actor: Principal, id: string, input: UpdateProductInput, expectedVersion: number): Promise<Product> {
    parseId(id, 'Product');
    const changes: Partial<Product> = {};
    if (input.name !== undefined) {
      if (input.name === null) throw badInput('name cannot be cleared');
      changes.name = requireText(input.name, 'Product name', 128);
    }
    if (input.description !== undefined) changes.description = optionalText(input.description, 'Product description', 1000);
    if (input.fixedCharge !== undefined) {
      if (input.fixedCharge === null || input.fixedCharge < 0) throw badInput('fixedCharge must be zero or more');
      changes.fixedCharge = input.fixedCharge;
    }
    if (input.termMonths !== undefined) {
      changes.termMonths = input.termMonths === null ? null : requireInt(input.termMonths, 'termMonths', 1, 600);
    }
    if (input.salesStart !== undefined) changes.salesStart = input.salesStart;
    if (input.salesEnd !== undefined) changes.salesEnd = input.salesEnd;
    if (Object.keys(changes).length === 0) {
      throw badInput('Nothing to update: give at least one of name, description, fixedCharge, termMonths, salesStart, salesEnd');
    }

    // The values it already has: the product as it stands, at the version the caller expects, with no new version or event.
    const current = await this.db.manager.getRepository(Product).findOneBy({ id });
    if (current && current.version === expectedVersion && changesNothing(current, changes)) return current;

    return this.db.transaction(async (tx) => {
      const before = await lockForChange(tx.em, id, expectedVersion);
      const beforeSnapshot = await snapshot(tx.em, before);
      const after = Object.assign(new Product(), before, changes);
      checkPeriod(after.salesStart, after.salesEnd, 'Sales window');
      if (after.status !== ProductStatus.DRAFT && !after.salesStart) throw badInput('A published product keeps its salesStart');
      // Sales reopened past today: the product is on sale again, so ACTIVE (an end brought to today or before is
      // announced and retired by the sales calendar).
      if (after.status === ProductStatus.RETIRED && (after.salesEnd === null || after.salesEnd > this.today())) {
        changes.status = ProductStatus.ACTIVE;
      }
      await tx.em.getRepository(Product).update({ id }, changes);
      return changed(tx, actor, 'updateProduct', ProductChange.UPDATED, id, beforeSnapshot);
    });
  }

  async addRate(actor: Principal, productId: string, input: RateInput): Promise<Product> {
    parseId(productId, 'Product');
    const rate = validateRate(input);
    return this.db.transaction(async (tx) => {
      const beforeSnapshot = await snapshot(tx.em, await lockForChange(tx.em, productId));
      // The product row is locked by lockForChange, so two overlapping rates added at once can't both pass this check.
      checkNoOverlap(await tx.em.getRepository(Rate).findBy({ productId }), [rate]);
      await insertParts(tx.em, productId, [rate], [], []);
      return changed(tx, actor, 'addRate', ProductChange.UPDATED, productId, beforeSnapshot);
    });
  }

  async addPromoCode(actor: Principal, productId: string, input: PromoCodeInput): Promise<Product> {
    parseId(productId, 'Product');
    const promo = validatePromo(input);
    return this.db.transaction(async (tx) => {
      const beforeSnapshot = await snapshot(tx.em, await lockForChange(tx.em, productId));
      checkPromoCodesUnique(await tx.em.getRepository(PromoCode).findBy({ productId }), [promo]);
      await insertParts(tx.em, productId, [], [promo], []);
      return changed(tx, actor, 'addPromoCode', ProductChange.UPDATED, productId, beforeSnapshot);
    });
  }

  async addIncentive(actor: Principal, productId: string, input: IncentiveInput): Promise<Product> {
    parseId(productId, 'Product');
    const incentive = validateIncentive(input);
    return this.db.transaction(async (tx) => {
      const beforeSnapshot = await snapshot(tx.em, await lockForChange(tx.em, productId));
      await insertParts(tx.em, productId, [], [], [incentive]);
      return changed(tx, actor, 'addIncentive', ProductChange.UPDATED, productId, beforeSnapshot);
    });
  }

  /**
   * DRAFT to ACTIVE. The launch day is the one given, else the salesStart planned
   * when the product was created, else today.
   */
  async publish(actor: Principal, id: string, salesStart: string | null | undefined): Promise<Product> {
    parseId(id, 'Product');
    return this.db.transaction(async (tx) => {
      const before = await lockForChange(tx.em, id);
      const beforeSnapshot = await snapshot(tx.em, before);
      if (before.status !== ProductStatus.DRAFT)
        throw invalidState(`Product ${before.code} is ${before.status}; only a DRAFT product can be published`);
      if (!(await tx.em.getRepository(Rate).existsBy({ productId: id })))
        throw invalidState(`Product ${before.code} has no rate; add a rate (addRate) before publishing it`);
      const start = salesStart ?? before.salesStart ?? this.today();
      checkPeriod(start, before.salesEnd, 'Sales window');
      const changes = { status: ProductStatus.ACTIVE, salesStart: start };
      await tx.em.getRepository(Product).update({ id }, changes);
      await markAnnouncedIfCome(tx, id, 'start', start, this.today());
      return changed(tx, actor, 'publishProduct', ProductChange.PUBLISHED, id, beforeSnapshot);
    });
  }

  /**
   * Ends sales at salesEnd (default today): the product leaves availableProducts
   * from that day, and is RETIRED from then on (the sales calendar retires it
   * on a later day; see SalesCalendar).
   */
  async retire(actor: Principal, id: string, salesEnd: string | null | undefined): Promise<Product> {
    parseId(id, 'Product');
    return this.db.transaction(async (tx) => {
      const before = await lockForChange(tx.em, id);
      const beforeSnapshot = await snapshot(tx.em, before);
      if (before.status !== ProductStatus.ACTIVE)
        throw invalidState(`Product ${before.code} is ${before.status}; only an ACTIVE product can be retired`);
      const end = salesEnd ?? this.today();
      // Pulling a product on its launch day leaves an empty window: it is never offered.
      checkPeriod(before.salesStart, end, 'Sales window', { allowEmpty: true });
      // RETIRED once sales have ended: until a later end comes, the product is still ACTIVE and on sale.
      const ended = end <= this.today() || (before.salesStart !== null && end <= before.salesStart);
      const changes = { status: ended ? ProductStatus.RETIRED : ProductStatus.ACTIVE, salesEnd: end };
      await tx.em.getRepository(Product).update({ id }, changes);
      await markAnnouncedIfCome(tx, id, 'end', end, this.today());
      return changed(tx, actor, 'retireProduct', ProductChange.RETIRED, id, beforeSnapshot);
    });
  }
}
