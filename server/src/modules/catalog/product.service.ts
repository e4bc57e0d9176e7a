import { In, type EntityManager } from 'typeorm';
import type { HubConfig } from '../../config/env';
import { Role, type Principal } from '../../common/auth/roles';
import { todayIn } from '../../common/dates';
import { badInput, conflict, invalidState, notFound } from '../../common/errors/hub-error';
import { paginate, type Connection, type PageArgs } from '../../common/pagination/connection';
import { optionalText, parseId, requireInt, requireText } from '../../common/validation';
import { insertChunked, type Database, type Tx } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { EventType, type HubEvent } from '../../events/event-types';
import { markAnnouncedIfCome } from './sales-calendar';
import { Incentive, Product, ProductChange, ProductStatus, PromoCode, Rate, type ProductEvent } from './product.entity';
import type { CreateProductInput, IncentiveInput, PromoCodeInput, RateInput, UpdateProductInput } from './product.inputs';

const PRODUCT_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const PROMO_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const MAX_ITEMS = 500;
const HUNDRED_PERCENT = 100_000_000; // micro-units

interface Period {
  from: string;
  to: string | null;
}

/** Half-open periods [from, to) overlap when each starts before the other ends (null: open-ended). */
export function periodsOverlap(a: Period, b: Period): boolean {
  return (b.to === null || a.from < b.to) && (a.to === null || b.from < a.to);
}

function checkPeriod(
  from: string | null | undefined,
  to: string | null | undefined,
  what: string,
  opts: { allowEmpty?: boolean } = {},
): void {
  if (from && to && (to < from || (to === from && !opts.allowEmpty)))
    throw badInput(`${what}: the end ${to} must be after the start ${from}`);
}

function validateRate(input: RateInput): Rate {
  checkPeriod(input.effectiveFrom, input.effectiveTo, 'Rate');
  if (input.unitPrice < 0) throw badInput('Rate unitPrice must not be negative');
  return Object.assign(new Rate(), {
    effectiveFrom: input.effectiveFrom,
    effectiveTo: input.effectiveTo ?? null,
    unitPrice: input.unitPrice,
  });
}

function checkNoOverlap(existing: Rate[], added: Rate[]): void {
  const all = [...existing];
  for (const rate of added) {
    const clash = all.find((r) =>
      periodsOverlap({ from: r.effectiveFrom, to: r.effectiveTo }, { from: rate.effectiveFrom, to: rate.effectiveTo }),
    );
    if (clash) {
      throw badInput(
        `The rate from ${rate.effectiveFrom} to ${rate.effectiveTo ?? 'open end'} overlaps the rate from ${clash.effectiveFrom} to ${
          clash.effectiveTo ?? 'open end'
        }; rates of one product must not overlap`,
      );
    }
    all.push(rate);
  }
}

function validatePromo(input: PromoCodeInput): PromoCode {
  const code = requireText(input.code, 'Promo code', 32, {
    pattern: PROMO_CODE,
    hint: 'may use letters, digits, _ and - only',
  }).toUpperCase();
  const percentOff = input.percentOff ?? null;
  const amountOff = input.amountOff ?? null;
  if (percentOff === null && amountOff === null) throw badInput(`Promo code ${code} needs percentOff or amountOff`);
  // Which applies first would change the discount; a promo code gives one or the other.
  if (percentOff !== null && amountOff !== null) throw badInput(`Promo code ${code}: give percentOff or amountOff, not both`);
  if (percentOff !== null && (percentOff <= 0 || percentOff > HUNDRED_PERCENT)) {
    throw badInput(`Promo code ${code}: percentOff must be more than 0 and at most 100`);
  }
  if (amountOff !== null && amountOff <= 0) throw badInput(`Promo code ${code}: amountOff must be more than 0`);
  checkPeriod(input.validFrom, input.validTo, `Promo code ${code}`);
  if (input.maxRedemptions !== null && input.maxRedemptions !== undefined) {
    requireInt(input.maxRedemptions, `Promo code ${code} maxRedemptions`, 1, 1_000_000_000);
  }
  return Object.assign(new PromoCode(), {
    code,
    description: optionalText(input.description, 'Promo code description', 255),
    percentOff,
    amountOff,
    validFrom: input.validFrom ?? null,
    validTo: input.validTo ?? null,
    maxRedemptions: input.maxRedemptions ?? null,
    redemptions: 0,
  });
}

function validateIncentive(input: IncentiveInput): Incentive {
  if (input.value <= 0) throw badInput('Incentive value must be more than 0');
  return Object.assign(new Incentive(), {
    kind: input.kind,
    description: requireText(input.description, 'Incentive description', 255),
    value: input.value,
  });
}

function checkCount(list: unknown[] | null | undefined, what: string): void {
  if (list && list.length > MAX_ITEMS) throw badInput(`At most ${MAX_ITEMS} ${what} in one call; got ${list.length}`);
}

function checkPromoCodesUnique(existing: PromoCode[], added: PromoCode[]): void {
  const seen = new Set(existing.map((p) => p.code));
  for (const promo of added) {
    if (seen.has(promo.code)) throw badInput(`Promo code ${promo.code} already exists on this product`);
    seen.add(promo.code);
  }
}

/** Products, their rates, promo codes and incentives, and the partner catalog. */
export class CatalogService {
  constructor(
    private readonly db: Database,
    private readonly config: HubConfig,
  ) {}

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
    return this.db.manager.getRepository(Incentive).find({ where: { productId: In([...productIds]) }, order: { id: 'ASC' } });
  }

  /** The ProductEvent a PRODUCT_CHANGED event announces, or null when the viewer may not see the product. */
  async productEvent(viewer: Principal, event: HubEvent): Promise<ProductEvent | null> {
    if (event.type !== EventType.PRODUCT_CHANGED) return null;
    const product = await this.db.manager.getRepository(Product).findOneBy({ id: event.subjectId });
    if (!product || !this.visibleTo(viewer, product)) return null;
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
        await this.insertParts(tx.em, product.id, rates, promos, incentives);
        return this.changed(tx, actor, 'createProduct', ProductChange.CREATED, product.id, null);
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

    return this.db.transaction(async (tx) => {
      const before = await this.lockForChange(tx.em, id, expectedVersion);
      const beforeSnapshot = await this.snapshot(tx.em, before);
      const after = Object.assign(new Product(), before, changes);
      checkPeriod(after.salesStart, after.salesEnd, 'Sales window');
      if (after.status !== ProductStatus.DRAFT && !after.salesStart) throw badInput('A published product keeps its salesStart');
      await tx.em.getRepository(Product).update({ id }, changes);
      return this.changed(tx, actor, 'updateProduct', ProductChange.UPDATED, id, beforeSnapshot);
    });
  }

  async addRate(actor: Principal, productId: string, input: RateInput): Promise<Product> {
    parseId(productId, 'Product');
    const rate = validateRate(input);
    return this.db.transaction(async (tx) => {
      const beforeSnapshot = await this.snapshot(tx.em, await this.lockForChange(tx.em, productId));
      // The product row is locked by lockForChange, so two overlapping rates added at once can't both pass this check.
      checkNoOverlap(await tx.em.getRepository(Rate).findBy({ productId }), [rate]);
      await this.insertParts(tx.em, productId, [rate], [], []);
      return this.changed(tx, actor, 'addRate', ProductChange.UPDATED, productId, beforeSnapshot);
    });
  }

  async addPromoCode(actor: Principal, productId: string, input: PromoCodeInput): Promise<Product> {
    parseId(productId, 'Product');
    const promo = validatePromo(input);
    return this.db.transaction(async (tx) => {
      const beforeSnapshot = await this.snapshot(tx.em, await this.lockForChange(tx.em, productId));
      checkPromoCodesUnique(await tx.em.getRepository(PromoCode).findBy({ productId }), [promo]);
      await this.insertParts(tx.em, productId, [], [promo], []);
      return this.changed(tx, actor, 'addPromoCode', ProductChange.UPDATED, productId, beforeSnapshot);
    });
  }

  async addIncentive(actor: Principal, productId: string, input: IncentiveInput): Promise<Product> {
    parseId(productId, 'Product');
    const incentive = validateIncentive(input);
    return this.db.transaction(async (tx) => {
      const beforeSnapshot = await this.snapshot(tx.em, await this.lockForChange(tx.em, productId));
      await this.insertParts(tx.em, productId, [], [], [incentive]);
      return this.changed(tx, actor, 'addIncentive', ProductChange.UPDATED, productId, beforeSnapshot);
    });
  }

  /**
   * DRAFT to ACTIVE. The launch day is the one given, else the salesStart planned
   * when the product was created, else today.
   */
  async publish(actor: Principal, id: string, salesStart: string | null | undefined): Promise<Product> {
    parseId(id, 'Product');
    return this.db.transaction(async (tx) => {
      const before = await this.lockForChange(tx.em, id);
      const beforeSnapshot = await this.snapshot(tx.em, before);
      if (before.status !== ProductStatus.DRAFT)
        throw invalidState(`Product ${before.code} is ${before.status}; only a DRAFT product can be published`);
      const start = salesStart ?? before.salesStart ?? this.today();
      checkPeriod(start, before.salesEnd, 'Sales window');
      const changes = { status: ProductStatus.ACTIVE, salesStart: start };
      await tx.em.getRepository(Product).update({ id }, changes);
      await markAnnouncedIfCome(tx, id, 'start', start, this.today());
      return this.changed(tx, actor, 'publishProduct', ProductChange.PUBLISHED, id, beforeSnapshot);
    });
  }

  /** Ends sales at salesEnd (default today): the product leaves availableProducts from that day. */
  async retire(actor: Principal, id: string, salesEnd: string | null | undefined): Promise<Product> {
    parseId(id, 'Product');
    return this.db.transaction(async (tx) => {
      const before = await this.lockForChange(tx.em, id);
      const beforeSnapshot = await this.snapshot(tx.em, before);
      if (before.status !== ProductStatus.ACTIVE)
        throw invalidState(`Product ${before.code} is ${before.status}; only an ACTIVE product can be retired`);
      const end = salesEnd ?? this.today();
      // Pulling a product on its launch day leaves an empty window: it is never offered.
      checkPeriod(before.salesStart, end, 'Sales window', { allowEmpty: true });
      const changes = { status: ProductStatus.RETIRED, salesEnd: end };
      await tx.em.getRepository(Product).update({ id }, changes);
      await markAnnouncedIfCome(tx, id, 'end', end, this.today());
      return this.changed(tx, actor, 'retireProduct', ProductChange.RETIRED, id, beforeSnapshot);
    });
  }

  // ------------------------------------------------------------------ helpers

  /**
   * Bumps the version with a conditional UPDATE before anything else: it fails
   * on a stale expectedVersion, and it holds the product's row lock until
   * commit, so concurrent changes to one product queue up instead of racing.
   */
  private async lockForChange(em: EntityManager, id: string, expectedVersion?: number): Promise<Product> {
    const qb = em
      .createQueryBuilder()
      .update(Product)
      .set({ version: () => 'version + 1', updatedAt: new Date() })
      .where('id = :id', { id });
    if (expectedVersion !== undefined) qb.andWhere('version = :expectedVersion', { expectedVersion });
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

  private async insertParts(
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

  /** Audits the change, emits PRODUCT_CHANGED and returns the product as it now stands. */
  private async changed(
    tx: Tx,
    actor: Principal,
    action: string,
    change: ProductChange,
    id: string,
    before: Record<string, unknown> | null,
  ): Promise<Product> {
    const product = await tx.em.getRepository(Product).findOneByOrFail({ id });
    tx.audit({ actor: actor.name, action, subjectType: 'Product', subjectId: id, before, after: await this.snapshot(tx.em, product) });
    tx.emit({
      type: EventType.PRODUCT_CHANGED,
      subjectId: product.id,
      payload: { change, code: product.code, version: product.version, status: product.status },
    });
    return product;
  }

  private async snapshot(em: EntityManager, product: Product): Promise<Record<string, unknown>> {
    const rates = await em.getRepository(Rate).findBy({ productId: product.id });
    const promoCodes = await em.getRepository(PromoCode).findBy({ productId: product.id });
    const incentives = await em.getRepository(Incentive).findBy({ productId: product.id });
    return { ...product, rates, promoCodes, incentives };
  }
}
