import { Not, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { Principal } from '../../common/auth/roles';
import { changesNothing } from '../../common/changes';
import { badInput, invalidState, notFound } from '../../common/errors/hub-error';
import { parseId } from '../../common/validation';
import type { Database, Tx } from '../../db/database';
import { invoiceNumber } from '../billing/invoice-number';
import { changed, lockForChange, snapshot } from './product-changes';
import { checkNoOverlap, checkPeriod, checkPromoCodesUnique, validatePromo, validateRate } from './product-rules';
import { Incentive, Product, ProductChange, ProductStatus, PromoCode, Rate } from './product.entity';
import type { PromoCodeInput, RateInput } from './product.inputs';

/** How far non-void invoices used a rate. */
interface RateUse {
  /** One of the invoices, to name in messages. */
  invoiceId: string;
  /** The end (exclusive) of the last day billed at this rate. */
  billedTo: string;
}

type Part = typeof Rate | typeof PromoCode | typeof Incentive;

const LABEL = new Map<Part, string>([
  [Rate, 'Rate'],
  [PromoCode, 'Promo code'],
  [Incentive, 'Incentive'],
]);

const rateLabel = (rate: Rate): string => `The rate from ${rate.effectiveFrom} to ${rate.effectiveTo ?? 'open end'}`;

/**
 * Changing and removing what a product already holds. The catalog is editable
 * until it bills:
 * - a rate is used once a line of a non-void invoice was priced by it (a held
 *   invoice counts; a voided one frees it again). A used rate is never changed
 *   or removed, only ended, and never before the last day it billed.
 * - a promo code is used once an enrollment redeemed it (its redemptions are
 *   counted once per enrollment and never given back). A used code is never
 *   changed, only deactivated: the enrollments that have it keep their
 *   discount, no new enrollment may use it.
 * - an incentive is granted on an enrollment's first invoice, which carries
 *   its own copy (the credit line, the INCENTIVE_EARNED event): removing it
 *   stops it for invoices still to come and changes none already made. The
 *   row stays, marked removed, for the credits it granted and carried forward.
 * Each edit bumps the product's version (checking expectedVersion when given)
 * and emits PRODUCT_CHANGED, like every other catalog change. An update that
 * gives only the part's stored values answers with the product as it stands.
 */
export class CatalogEditService {
  constructor(private readonly db: Database) {}

  /** The ids, among those asked, of the rates a non-void invoice used. */
  async billedRateIds(ids: readonly string[], em: EntityManager = this.db.manager): Promise<Set<string>> {
    return new Set((await this.rateUse(em, ids)).keys());
  }

  async updateRate(actor: Principal, id: string, input: RateInput, expectedVersion?: number | null): Promise<Product> {
    const rate = validateRate(input);
    const { effectiveFrom, effectiveTo, unitPrice, tiers, registerPrices } = rate;
    const values = { effectiveFrom, effectiveTo, unitPrice, tiers, registerPrices };
    const update = async (tx: Tx, before: Rate) => {
      await this.refuseBilledRate(tx.em, before, 'changed');
      checkNoOverlap(await this.otherRates(tx.em, before), [rate]);
      await tx.em.getRepository(Rate).update({ id }, values);
    };
    return this.edit(actor, Rate, id, expectedVersion, 'updateRate', update, (found) => changesNothing(found, values));
  }

  async removeRate(actor: Principal, id: string, expectedVersion?: number | null): Promise<Product> {
    return this.edit(actor, Rate, id, expectedVersion, 'removeRate', async (tx, before, product) => {
      await this.refuseBilledRate(tx.em, before, 'removed');
      if (product.status !== ProductStatus.DRAFT && (await this.otherRates(tx.em, before)).length === 0) {
        throw invalidState(
          `${rateLabel(before)} is the only rate of ${product.status} product ${product.code}; add the rate that replaces it first`,
        );
      }
      await tx.em.getRepository(Rate).delete({ id });
    });
  }

  /** Ends the rate at effectiveTo (exclusive): never before a day an invoice billed at it, never into another rate. */
  async endRate(actor: Principal, id: string, effectiveTo: string, expectedVersion?: number | null): Promise<Product> {
    return this.edit(actor, Rate, id, expectedVersion, 'endRate', async (tx, before) => {
      checkPeriod(before.effectiveFrom, effectiveTo, 'Rate');
      const use = (await this.rateUse(tx.em, [id])).get(id);
      if (use && effectiveTo < use.billedTo) {
        throw badInput(
          `Invoice ${invoiceNumber(use.invoiceId)} billed ${rateLabel(before).toLowerCase()} up to ${use.billedTo}; ` +
            `end it on ${use.billedTo} or later (billed days keep their rate)`,
        );
      }
      checkNoOverlap(await this.otherRates(tx.em, before), [Object.assign(new Rate(), before, { effectiveTo })]);
      await tx.em.getRepository(Rate).update({ id }, { effectiveTo });
    });
  }

  async updatePromoCode(actor: Principal, id: string, input: PromoCodeInput, expectedVersion?: number | null): Promise<Product> {
    const promo = validatePromo(input);
    const { code, description, percentOff, amountOff, validFrom, validTo, maxRedemptions } = promo;
    const values = { code, description, percentOff, amountOff, validFrom, validTo, maxRedemptions };
    const update = async (tx: Tx, before: PromoCode) => {
      const others = await tx.em.getRepository(PromoCode).findBy({ productId: before.productId, id: Not(id) });
      checkPromoCodesUnique(others, [promo]);
      // Conditional on no redemption: an enrollment redeeming the code at this moment (which locks the code's
      // row, not the product's) either lands first and the change is refused, or waits and gets the new terms.
      const result = await tx.em
        .createQueryBuilder()
        .update(PromoCode)
        .set(values)
        .where('id = :id', { id })
        .andWhere('redemptions = 0')
        .execute();
      if (!result.affected) throw this.redeemed(await tx.em.getRepository(PromoCode).findOneByOrFail({ id }));
    };
    return this.edit(actor, PromoCode, id, expectedVersion, 'updatePromoCode', update, (found) => changesNothing(found, values));
  }

  async deactivatePromoCode(actor: Principal, id: string, expectedVersion?: number | null): Promise<Product> {
    return this.edit(actor, PromoCode, id, expectedVersion, 'deactivatePromoCode', async (tx, before) => {
      if (!before.active) throw invalidState(`Promo code ${before.code} is already deactivated`);
      await tx.em.getRepository(PromoCode).update({ id }, { active: false });
    });
  }

  async removeIncentive(actor: Principal, id: string, expectedVersion?: number | null): Promise<Product> {
    return this.edit(actor, Incentive, id, expectedVersion, 'removeIncentive', async (tx, before) => {
      if (before.removedAt) throw notFound(`Incentive ${id}`);
      // Kept, marked removed: credits it granted and carried forward still name it.
      await tx.em.getRepository(Incentive).update({ id }, { removedAt: new Date() });
    });
  }

  // ------------------------------------------------------------------ helpers

  /**
   * One edit of a product's part: finds the part's product, locks the product
   * for the change (so edits of one product queue up), reads the part again
   * under the lock, applies the change and emits PRODUCT_CHANGED. When
   * `unchanged` says the part already holds what the edit gives, the product is
   * answered as it stands (at the version the caller expects), with no new
   * version or event.
   */
  private async edit<P extends Part>(
    actor: Principal,
    part: P,
    id: string,
    expectedVersion: number | null | undefined,
    action: string,
    apply: (tx: Tx, before: InstanceType<P>, product: Product) => Promise<void>,
    unchanged?: (found: InstanceType<P>) => boolean,
  ): Promise<Product> {
    const label = LABEL.get(part) as string;
    parseId(id, label);
    // Read before the transaction: a part never moves to another product, and the lock comes first inside it.
    const byId = { id } as FindOptionsWhere<InstanceType<P>>;
    const found = await this.db.manager.getRepository<InstanceType<P>>(part).findOneBy(byId);
    if (!found) throw notFound(`${label} ${id}`);
    if (unchanged?.(found)) {
      const product = await this.db.manager.getRepository(Product).findOneBy({ id: found.productId });
      if (product && (expectedVersion === undefined || expectedVersion === null || product.version === expectedVersion)) return product;
    }
    return this.db.transaction(async (tx) => {
      const product = await lockForChange(tx.em, found.productId, expectedVersion);
      const before = await tx.em.getRepository<InstanceType<P>>(part).findOneBy(byId);
      if (!before) throw notFound(`${label} ${id}`);
      const beforeSnapshot = await snapshot(tx.em, product);
      await apply(tx, before, product);
      return changed(tx, actor, action, ProductChange.UPDATED, product.id, beforeSnapshot);
    });
  }

  private async refuseBilledRate(em: EntityManager, rate: Rate, verb: 'changed' | 'removed'): Promise<void> {
    const use = (await this.rateUse(em, [rate.id])).get(rate.id);
    if (!use) return;
    throw invalidState(
      `${rateLabel(rate)} was used by invoice ${invoiceNumber(use.invoiceId)} (billed up to ${use.billedTo}), so it cannot be ${verb}; ` +
        `end it instead (endRate, on ${use.billedTo} or later) and add a new rate from that day`,
    );
  }

  private redeemed(promo: PromoCode): Error {
    return invalidState(
      `Promo code ${promo.code} was redeemed by ${promo.redemptions} enrollment${promo.redemptions === 1 ? '' : 's'}, so it cannot be changed; ` +
        'deactivate it instead (deactivatePromoCode) and add a new code with the new terms',
    );
  }

  private otherRates(em: EntityManager, rate: Rate): Promise<Rate[]> {
    return em.getRepository(Rate).findBy({ productId: rate.productId, id: Not(rate.id) });
  }

  /** The rates among ids that lines of non-void invoices were priced by, with how far. */
  private async rateUse(em: EntityManager, ids: readonly string[]): Promise<Map<string, RateUse>> {
    if (ids.length === 0) return new Map();
    const rows = (await em
      .createQueryBuilder()
      .select('l.rate_id', 'rateId')
      .addSelect('MIN(l.invoice_id)', 'invoiceId')
      .addSelect('MAX(l.period_end)', 'billedTo')
      .from('invoice_line', 'l')
      .innerJoin('invoice', 'i', 'i.id = l.invoice_id')
      .where('l.rate_id IN (:...ids)', { ids: [...ids] })
      .andWhere('i.status <> :void', { void: 'VOID' })
      .groupBy('l.rate_id')
      .getRawMany()) as Array<{ rateId: string | number; invoiceId: string | number; billedTo: string }>;
    return new Map(rows.map((r) => [String(r.rateId), { invoiceId: String(r.invoiceId), billedTo: r.billedTo }]));
  }
}
