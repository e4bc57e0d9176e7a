import type { EntityManager } from 'typeorm';
import type { Principal } from '../../../common/auth/roles';
import { badInput } from '../../../common/errors/hub-error';
import type { Database, Tx } from '../../../db/database';
import { isUniqueViolation } from '../../../db/errors';
import { Product, PromoCode } from '../../catalog/product.entity';
import { CollectionsPath } from '../../collections/collections.entity';
import {
  AccountImportCode,
  enrollmentProblem,
  firstRowPerNumber,
  isRejection,
  MAX_ACCOUNT_ROWS_PER_CALL,
  normalizeImportRow,
  type ImportRow,
  type RowRejection,
} from './account-import.rules';
import type { AccountImportInput, AccountImportResult } from './account-import.types';
import { accountsByNumber, writeImportedAccounts, type RowToWrite } from './account-import.writer';

/** Thrown out of a dry run's transaction to roll it back, carrying what the import would have done. */
class DryRun extends Error {
  constructor(readonly outcome: Outcome) {
    super('dry run');
  }
}

interface Outcome {
  accepted: number;
  duplicates: number;
  rejected: RowRejection[];
}

/** Attempts when a concurrent import takes one of the call's numbers between our read and our insert. */
const ATTEMPTS = 3;

/**
 * Accounts brought over from the previous system in bulk: each row with its
 * enrollment, collections path and open invoices. A bad row is refused with its
 * index and never costs the good ones beside it; a row sent again is counted as
 * a duplicate, so a call can be retried safely. The good rows are written with a
 * few statements per 500 rows, in one transaction.
 */
export class AccountImportService {
  constructor(
    private readonly db: Database,
    private readonly today: () => string,
  ) {}

  async importAccounts(actor: Principal, inputs: AccountImportInput[], opts: { dryRun?: boolean } = {}): Promise<AccountImportResult> {
    if (inputs.length > MAX_ACCOUNT_ROWS_PER_CALL) {
      throw badInput(`At most ${MAX_ACCOUNT_ROWS_PER_CALL} rows in one call; got ${inputs.length}. Split the import into several calls.`);
    }
    const today = this.today();
    const rejected: RowRejection[] = [];
    const valid: ImportRow[] = [];
    inputs.forEach((input, index) => {
      const row = normalizeImportRow(input, index, today);
      if (isRejection(row)) rejected.push(row);
      else valid.push(row);
    });
    const split = firstRowPerNumber(valid);
    rejected.push(...split.rejected);

    const outcome = await this.writeWithRetry(actor, split.unique, opts.dryRun ?? false);
    rejected.push(...outcome.rejected);
    rejected.sort((a, b) => a.index - b.index);
    return { accepted: outcome.accepted, duplicates: split.duplicates + outcome.duplicates, rejected };
  }

  private async writeWithRetry(actor: Principal, rows: ImportRow[], dryRun: boolean): Promise<Outcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(async (tx) => {
          const outcome = await this.write(tx, actor, rows);
          if (dryRun) throw new DryRun(outcome);
          return outcome;
        });
      } catch (error) {
        if (error instanceof DryRun) return error.outcome;
        // Another import created one of these numbers meanwhile: the next attempt finds it and judges the row again.
        if (attempt < ATTEMPTS && isUniqueViolation(error)) continue;
        throw error;
      }
    }
  }

  private async write(tx: Tx, actor: Principal, rows: ImportRow[]): Promise<Outcome> {
    const rejected: RowRejection[] = [];
    const reject = (row: ImportRow, code: AccountImportCode, message: string) => rejected.push({ index: row.index, code, message });
    let duplicates = 0;

    const existing = await accountsByNumber(
      tx.em,
      rows.map((r) => r.number),
    );
    const fresh: ImportRow[] = [];
    for (const row of rows) {
      const found = existing.get(row.number);
      if (!found) fresh.push(row);
      else if (found.fingerprint === row.fingerprint) duplicates++;
      else
        reject(
          row,
          AccountImportCode.ACCOUNT_EXISTS,
          found.fingerprint
            ? `Account ${row.number} was imported with other details; change it with updateAccount`
            : `Account number ${row.number} is taken by an account created in the hub`,
        );
    }

    const catalog = await this.catalogFor(tx.em, fresh);
    const paths = await this.pathsFor(tx.em, fresh);
    const accepted: RowToWrite[] = [];
    const redeemed = new Map<string, number>();
    for (const row of fresh) {
      if (row.collectionsPathId) {
        const path = paths.get(row.collectionsPathId);
        if (!path || !path.active) {
          const why = path
            ? `Collections path "${path.name}" is inactive; activate it first`
            : `No collections path ${row.collectionsPathId}`;
          reject(row, AccountImportCode.UNKNOWN_COLLECTIONS_PATH, why);
          continue;
        }
      }
      if (!row.enrollment) {
        accepted.push({ row, productId: null, promoCodeId: null });
        continue;
      }
      const product = catalog.products.get(row.enrollment.productCode);
      const promo = product && row.enrollment.promoCode ? catalog.promos.get(`${product.id}:${row.enrollment.promoCode}`) : undefined;
      const problem = enrollmentProblem(row.enrollment, product, promo);
      if (problem) {
        reject(row, problem.code, problem.message);
        continue;
      }
      if (promo) {
        const used = promo.redemptions + (redeemed.get(promo.id) ?? 0);
        if (promo.maxRedemptions !== null && used >= promo.maxRedemptions) {
          reject(
            row,
            AccountImportCode.INVALID_PROMO_CODE,
            `Promo code ${promo.code} has no redemptions left (limit ${promo.maxRedemptions})`,
          );
          continue;
        }
        redeemed.set(promo.id, (redeemed.get(promo.id) ?? 0) + 1);
      }
      accepted.push({ row, productId: product?.id ?? null, promoCodeId: promo?.id ?? null });
    }

    await writeImportedAccounts(tx, actor.name, accepted);
    for (const [id, count] of redeemed) {
      await tx.em
        .createQueryBuilder()
        .update(PromoCode)
        .set({ redemptions: () => `redemptions + ${count}` })
        .where('id = :id', { id })
        .execute();
    }
    if (rows.length > 0) {
      tx.audit({
        actor: actor.name,
        action: 'importAccounts',
        subjectType: 'AccountImport',
        subjectId: new Date().toISOString(),
        after: { rows: rows.length, accepted: accepted.length, duplicates, rejected: rejected.length },
      });
    }
    return { accepted: accepted.length, duplicates, rejected };
  }

  /**
   * The products and promo codes the rows name. The promo codes' rows are
   * locked (MySQL) until the import commits, so redemptions counted here
   * cannot be taken meanwhile by an enrollment or another import.
   */
  private async catalogFor(
    em: EntityManager,
    rows: ImportRow[],
  ): Promise<{ products: Map<string, Product>; promos: Map<string, PromoCode> }> {
    const codes = [...new Set(rows.flatMap((r) => (r.enrollment ? [r.enrollment.productCode] : [])))];
    const products = new Map<string, Product>();
    const promos = new Map<string, PromoCode>();
    if (codes.length === 0) return { products, promos };
    for (const p of await em.getRepository(Product).createQueryBuilder('p').where('p.code IN (:...codes)', { codes }).getMany())
      products.set(p.code, p);
    const promoCodes = [...new Set(rows.flatMap((r) => (r.enrollment?.promoCode ? [r.enrollment.promoCode] : [])))];
    if (promoCodes.length === 0 || products.size === 0) return { products, promos };
    const qb = em
      .getRepository(PromoCode)
      .createQueryBuilder('c')
      .where('c.product_id IN (:...ids)', { ids: [...products.values()].map((p) => p.id) })
      .andWhere('c.code IN (:...codes)', { codes: promoCodes })
      .orderBy('c.id');
    if (em.connection.driver.options.type === 'mysql') qb.setLock('pessimistic_write');
    for (const c of await qb.getMany()) promos.set(`${c.productId}:${c.code}`, c);
    return { products, promos };
  }

  private async pathsFor(em: EntityManager, rows: ImportRow[]): Promise<Map<string, CollectionsPath>> {
    const ids = [...new Set(rows.flatMap((r) => (r.collectionsPathId ? [r.collectionsPathId] : [])))];
    if (ids.length === 0) return new Map();
    const paths = await em.getRepository(CollectionsPath).createQueryBuilder('p').where('p.id IN (:...ids)', { ids }).getMany();
    return new Map(paths.map((p) => [p.id, p]));
  }
}
