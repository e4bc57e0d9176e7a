import type { EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/roles';
import { assertCalendarDate } from '../../common/dates';
import { notFound } from '../../common/errors/hub-error';
import { parseId } from '../../common/validation';
import { columnsOf, hydrateAll, type Database, type Statement } from '../../db/database';
import { Setting } from '../../db/setting.entity';
import { storedSetting } from '../../db/settings';
import type { TaxRateTerms } from './tax-math';
import { TaxRate } from './tax-rate.entity';
import type { TaxRateInput } from './tax-rate.inputs';
import { checkEnd, checkNoTaxOverlap, normalizeTaxKey, validateTaxRate } from './tax-rules';

/** A stored rate as the tax computation takes it. */
export const taxTerms = (r: TaxRate): TaxRateTerms => ({
  id: r.id,
  zone: r.zone,
  code: r.code,
  name: r.name,
  percent: r.percent,
  appliesTo: r.appliesTo,
  effectiveFrom: r.effectiveFrom,
  effectiveTo: r.effectiveTo,
});

/**
 * Every tax rate, as billing reads them: once per bill-run chunk, or per fee
 * invoice. The table holds a few rows per zone and code, so reading it whole
 * is cheaper than asking for the zones of each chunk.
 */
export async function loadTaxRates(em: EntityManager): Promise<TaxRateTerms[]> {
  return taxRatesOf(em, (await em.query(taxRatesStatement(em).sql)) as Array<Record<string, unknown>>);
}

/** The statement loadTaxRates sends, for a caller that sends it with others (by zone, code and start). */
export const taxRatesStatement = (em: EntityManager): Statement => ({
  sql: `SELECT ${columnsOf(em, TaxRate, 't')} FROM tax_rate t ORDER BY t.zone, t.code, t.effective_from`,
  params: [],
});

/** The rates from the rows of taxRatesStatement. */
export const taxRatesOf = (em: EntityManager, rows: Array<Record<string, unknown>>): TaxRateTerms[] =>
  hydrateAll(em, TaxRate, rows).map(taxTerms);

/** The `setting` row every change of tax rates locks first (see lockCode). */
const TAX_RATES_LOCK = 'tax-rates-lock';

/** Effective-dated tax rates per zone and code. */
export class TaxRateService {
  constructor(private readonly db: Database) {}

  /** By zone, code and start; one zone's when given. */
  list(zone?: string | null): Promise<TaxRate[]> {
    const where = zone === null || zone === undefined || zone.trim() === '' ? {} : { zone: normalizeTaxKey(zone, 'zone') };
    return this.db.manager.getRepository(TaxRate).find({ where, order: { zone: 'ASC', code: 'ASC', effectiveFrom: 'ASC' } });
  }

  async add(actor: Principal, input: TaxRateInput): Promise<TaxRate> {
    const rate = validateTaxRate(input);
    return this.db.transaction(async (tx) => {
      const others = await this.lockCode(tx.em, rate.zone, rate.code);
      checkNoTaxOverlap(others, rate);
      const saved = await tx.em
        .getRepository(TaxRate)
        .save(Object.assign(new TaxRate(), { ...rate, createdBy: actor.name, createdAt: new Date() }));
      tx.audit({ actor: actor.name, action: 'addTaxRate', subjectType: 'TaxRate', subjectId: saved.id, after: { ...saved } });
      return saved;
    });
  }

  /**
   * Ends the rate at effectiveTo (exclusive), or moves its end. Invoices
   * already made keep their TAX lines; later ones follow the new end.
   */
  async end(actor: Principal, id: string, effectiveTo: string): Promise<TaxRate> {
    parseId(id, 'TaxRate');
    assertCalendarDate(effectiveTo, 'effectiveTo');
    return this.db.transaction(async (tx) => {
      const before = await tx.em.getRepository(TaxRate).findOneBy({ id });
      if (!before) throw notFound(`Tax rate ${id}`);
      const others = await this.lockCode(tx.em, before.zone, before.code);
      checkEnd(before.effectiveFrom, effectiveTo, `Tax rate ${before.zone} ${before.code}`);
      checkNoTaxOverlap(others, { ...before, effectiveTo });
      await tx.em.getRepository(TaxRate).update({ id }, { effectiveTo });
      const after = await tx.em.getRepository(TaxRate).findOneByOrFail({ id });
      tx.audit({
        actor: actor.name,
        action: 'endTaxRate',
        subjectType: 'TaxRate',
        subjectId: id,
        before: { ...before },
        after: { ...after },
      });
      return after;
    });
  }

  /**
   * The rates of one zone and code, read after taking the tax rates' lock on
   * MySQL: a row of its own in `setting`, since under READ COMMITTED locking
   * the rates read would not stop a concurrent add of the first rate of a
   * code. So a concurrent add or end waits, then sees this one and is refused
   * as overlapping. The embedded database runs one transaction at a time.
   */
  private async lockCode(em: EntityManager, zone: string, code: string): Promise<TaxRate[]> {
    if (this.db.dialect === 'mysql') {
      await storedSetting(this.db, TAX_RATES_LOCK, () => 'tax rate changes wait for this row');
      await em
        .createQueryBuilder()
        .update(Setting)
        .set({ value: () => '`value`' })
        .where('`key` = :key', { key: TAX_RATES_LOCK })
        .execute();
    }
    return em
      .getRepository(TaxRate)
      .createQueryBuilder('t')
      .where('t.zone = :zone AND t.code = :code', { zone, code })
      .orderBy('t.effective_from', 'ASC')
      .getMany();
  }
}
