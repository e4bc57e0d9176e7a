import { In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../../common/auth/roles';
import { badInput, conflict, invalidState, notFound } from '../../common/errors/hub-error';
import { paginate, type Connection, type PageArgs } from '../../common/pagination/connection';
import { optionalText, parseId, requireText } from '../../common/validation';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { Product, ProductStatus, PromoCode } from '../catalog/product.entity';
import { normalizeTaxKey } from '../taxes/tax-rules';
import { Account, AccountStatus, Enrollment } from './account.entity';
import { ACCOUNT_NUMBER, DEFAULT_TAX_ZONE, EMAIL, normalizeSegment, PHONE } from './account-fields';
import type { CreateAccountInput, UpdateAccountInput } from './account.inputs';
import { addressColumns } from './postal-address';
import { checkDelivery, initialDelivery } from './delivery-method';
import { changesNothing } from '../../common/changes';

/** Escapes LIKE wildcards with '!' (a backslash means different things to MySQL and SQLite string literals). */
function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}

/**
 * Reads an account and locks its row until the transaction ends (SELECT ... FOR
 * UPDATE on MySQL; the embedded database runs one transaction at a time), so
 * changes to one account's enrollments or money queue up instead of racing.
 * One statement; null when there is no such account.
 */
export function findAndLockAccount(em: EntityManager, where: { id: string } | { number: string }): Promise<Account | null> {
  return lockedAccountQuery(em, where).getOne();
}

/** The query findAndLockAccount runs (account alias `a`), for callers that read more of the account in the same statement. */
export function lockedAccountQuery(em: EntityManager, where: { id: string } | { number: string }): SelectQueryBuilder<Account> {
  const qb = em.getRepository(Account).createQueryBuilder('a');
  if ('id' in where) qb.where('a.id = :id', { id: where.id });
  else qb.where('a.number = :number', { number: where.number });
  if (em.connection.driver.options.type === 'mysql') qb.setLock('pessimistic_write');
  return qb;
}

/** findAndLockAccount by id; NOT_FOUND when there is no such account. */
export async function lockAccount(em: EntityManager, id: string): Promise<Account> {
  const account = await findAndLockAccount(em, { id });
  if (!account) throw notFound(`Account ${id}`);
  return account;
}

/**
 * Locks many accounts' rows as findAndLockAccount does, in id order so that two
 * commands touching the same accounts queue up instead of deadlocking.
 */
export async function lockAccounts(em: EntityManager, ids: readonly string[]): Promise<void> {
  if (em.connection.driver.options.type !== 'mysql') return;
  const sorted = [...ids].sort((a, b) => Number(a) - Number(b));
  for (let i = 0; i < sorted.length; i += 1000) {
    await em
      .getRepository(Account)
      .createQueryBuilder('a')
      .select('a.id')
      .where('a.id IN (:...ids)', { ids: sorted.slice(i, i + 1000) })
      .orderBy('a.id')
      .setLock('pessimistic_write')
      .getRawMany();
  }
}

export interface AccountFilter extends PageArgs {
  search?: string | null;
  segment?: string | null;
  status?: AccountStatus | null;
}

/** Customer accounts and their enrollments in products. */
export class AccountService {
  constructor(private readonly db: Database) {}

  list(filter: AccountFilter): Promise<Connection<Account>> {
    const qb = this.db.manager.getRepository(Account).createQueryBuilder('a');
    const search = filter.search?.trim();
    if (search) {
      const like = `%${escapeLike(search.slice(0, 128))}%`;
      // Account numbers compare exactly (binary collation); a search is for people, so it ignores case there too.
      qb.andWhere("(LOWER(a.number) LIKE :lower ESCAPE '!' OR a.name LIKE :like ESCAPE '!' OR a.email LIKE :like ESCAPE '!')", {
        like,
        lower: like.toLowerCase(),
      });
    }
    if (filter.segment) qb.andWhere('a.segment = :segment', { segment: filter.segment.trim().toUpperCase().slice(0, 32) });
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    return paginate(qb, filter);
  }

  async find(args: { id?: string | null; number?: string | null }): Promise<Account | null> {
    if (!args.id && !args.number) throw badInput('Give the account id or number');
    const repo = this.db.manager.getRepository(Account);
    const account = args.id
      ? await repo.findOneBy({ id: parseId(args.id, 'Account') })
      : await repo.findOneBy({ number: String(args.number).slice(0, 32) });
    if (!account || (args.id && args.number && account.number !== args.number)) return null;
    return account;
  }

  accountsByIds(ids: readonly string[]): Promise<Account[]> {
    return this.db.manager.getRepository(Account).findBy({ id: In([...ids]) });
  }

  enrollmentsFor(accountIds: readonly string[]): Promise<Enrollment[]> {
    return this.db.manager.getRepository(Enrollment).find({ where: { accountId: In([...accountIds]) }, order: { startDate: 'ASC' } });
  }

  async create(actor: Principal, input: CreateAccountInput): Promise<Account> {
    const number = requireText(input.number, 'Account number', 32, {
      pattern: ACCOUNT_NUMBER,
      hint: 'may use letters, digits, _ and - only',
    });
    const fields = {
      number,
      name: requireText(input.name, 'Account name', 128),
      email: optionalText(input.email, 'email', 254, { pattern: EMAIL, hint: 'is not an email address' }),
      phone: optionalText(input.phone, 'phone', 32, { pattern: PHONE, hint: 'may use digits, spaces and +()-. only' }),
      segment: normalizeSegment(input.segment),
      taxZone: !input.taxZone?.trim() ? DEFAULT_TAX_ZONE : normalizeTaxKey(input.taxZone, 'taxZone'),
      taxExempt: input.taxExempt ?? false,
      taxExemptionRef: optionalText(input.taxExemptionRef, 'taxExemptionRef', 128),
      ...addressColumns(input.address ?? null),
    };
    const delivery = initialDelivery(input.delivery, fields.email);
    try {
      return await this.db.transaction(async (tx) => {
        const repo = tx.em.getRepository(Account);
        if (await repo.existsBy({ number })) throw conflict(`Account number ${number} is taken`);
        const now = new Date();
        const account = await repo.save(
          Object.assign(new Account(), {
            ...fields,
            delivery,
            status: AccountStatus.ACTIVE,
            collectionsPathId: null,
            createdAt: now,
            updatedAt: now,
          }),
        );
        tx.audit({ actor: actor.name, action: 'createAccount', subjectType: 'Account', subjectId: account.id, after: { ...account } });
        return account;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`Account number ${number} is taken`);
      throw error;
    }
  }

  async update(actor: Principal, id: string, input: UpdateAccountInput): Promise<Account> {
    parseId(id, 'Account');
    const changes: Partial<Account> = {};
    if (input.name !== undefined) {
      if (input.name === null) throw badInput('name cannot be cleared');
      changes.name = requireText(input.name, 'Account name', 128);
    }
    if (input.email !== undefined)
      changes.email = optionalText(input.email, 'email', 254, { pattern: EMAIL, hint: 'is not an email address' });
    if (input.phone !== undefined)
      changes.phone = optionalText(input.phone, 'phone', 32, { pattern: PHONE, hint: 'may use digits, spaces and +()-. only' });
    if (input.segment !== undefined) {
      if (input.segment === null) throw badInput('segment cannot be cleared');
      changes.segment = normalizeSegment(input.segment);
    }
    if (input.taxZone !== undefined) {
      if (input.taxZone === null) throw badInput('taxZone cannot be cleared (DEFAULT is the default zone)');
      changes.taxZone = normalizeTaxKey(input.taxZone, 'taxZone');
    }
    if (input.taxExempt !== undefined) {
      if (input.taxExempt === null) throw badInput('taxExempt cannot be cleared; give true or false');
      changes.taxExempt = input.taxExempt;
    }
    if (input.taxExemptionRef !== undefined) changes.taxExemptionRef = optionalText(input.taxExemptionRef, 'taxExemptionRef', 128);
    if (input.address !== undefined) Object.assign(changes, addressColumns(input.address));
    if (input.delivery !== undefined) {
      if (input.delivery === null) throw badInput('delivery cannot be cleared; choose EMAIL, PRINT or NONE');
      changes.delivery = input.delivery;
    }
    if (Object.keys(changes).length === 0) {
      throw badInput(
        'Nothing to update: give at least one of name, email, phone, segment, taxZone, taxExempt, taxExemptionRef, address, delivery',
      );
    }
    return this.db.transaction(async (tx) => {
      const before = await lockAccount(tx.em, id);
      if (changesNothing(before, changes)) return before;
      // An email cleared from an account sent by email would leave its bills with nowhere to go.
      if (changes.delivery !== undefined || changes.email !== undefined) {
        checkDelivery(changes.delivery ?? before.delivery, changes.email !== undefined ? changes.email : before.email);
      }
      await tx.em.getRepository(Account).update({ id }, changes);
      const after = await tx.em.getRepository(Account).findOneByOrFail({ id });
      tx.audit({
        actor: actor.name,
        action: 'updateAccount',
        subjectType: 'Account',
        subjectId: id,
        before: { ...before },
        after: { ...after },
      });
      return after;
    });
  }

  /**
   * Enrolls the account in a product from startDate. The product must be on
   * sale that day and the promo code valid that day with redemptions left. An
   * open enrollment that started earlier ends where the new one starts (a
   * product switch).
   */
  async enroll(
    actor: Principal,
    accountId: string,
    productCode: string,
    startDate: string,
    promoCode: string | null | undefined,
  ): Promise<Enrollment> {
    parseId(accountId, 'Account');
    const code = requireText(productCode, 'productCode', 32);
    const promo = optionalText(promoCode, 'promoCode', 32)?.toUpperCase() ?? null;

    return this.db.transaction(async (tx) => {
      const account = await lockAccount(tx.em, accountId);
      if (account.status !== AccountStatus.ACTIVE)
        throw invalidState(`Account ${account.number} is ${account.status}; only an ACTIVE account can be enrolled`);
      const product = await tx.em.getRepository(Product).findOneBy({ code });
      if (!product) throw notFound(`Product ${code}`);
      const onSale =
        product.status !== ProductStatus.DRAFT &&
        product.salesStart !== null &&
        product.salesStart <= startDate &&
        (product.salesEnd === null || startDate < product.salesEnd);
      if (!onSale) {
        const window = product.salesStart ? `from ${product.salesStart}${product.salesEnd ? ` until ${product.salesEnd}` : ''}` : 'not yet';
        throw badInput(`Product ${code} is not on sale on ${startDate} (on sale ${window})`);
      }

      let promoRow: PromoCode | null = null;
      if (promo) {
        promoRow = await tx.em.getRepository(PromoCode).findOneBy({ productId: product.id, code: promo });
        if (!promoRow) throw badInput(`Promo code ${promo} does not exist for product ${code}`);
        const deactivated = () => badInput(`Promo code ${promo} has been deactivated; enroll without it or with another code`);
        if (!promoRow.active) throw deactivated();
        if ((promoRow.validFrom && startDate < promoRow.validFrom) || (promoRow.validTo && startDate >= promoRow.validTo)) {
          throw badInput(
            `Promo code ${promo} is not valid on ${startDate} (valid ${promoRow.validFrom ?? 'always'} to ${promoRow.validTo ?? 'open end'})`,
          );
        }
        // Counted with a conditional UPDATE: two enrollments racing for the last redemption can't both get it,
        // and none gets a code deactivated meanwhile.
        const taken = await tx.em
          .createQueryBuilder()
          .update(PromoCode)
          .set({ redemptions: () => 'redemptions + 1' })
          .where('id = :id', { id: promoRow.id })
          .andWhere('(max_redemptions IS NULL OR redemptions < max_redemptions)')
          .andWhere('active = :active', { active: 1 })
          .execute();
        if (!taken.affected) {
          const now = await tx.em.getRepository(PromoCode).findOneByOrFail({ id: promoRow.id });
          if (!now.active) throw deactivated();
          throw badInput(`Promo code ${promo} has no redemptions left (limit ${promoRow.maxRedemptions})`);
        }
      }

      const repo = tx.em.getRepository(Enrollment);
      const existing = await repo.findBy({ accountId });
      const clash = existing.find((e) => e.startDate >= startDate || (e.endDate !== null && e.endDate > startDate));
      if (clash) {
        throw badInput(
          `Account ${account.number} already has an enrollment from ${clash.startDate} to ${clash.endDate ?? 'open end'}; a new one must start after it`,
        );
      }
      const previous = existing.find((e) => e.endDate === null);
      if (previous) await repo.update({ id: previous.id }, { endDate: startDate });

      const enrollment = await repo.save(
        Object.assign(new Enrollment(), {
          accountId,
          productId: product.id,
          promoCodeId: promoRow?.id ?? null,
          promoCode: promoRow?.code ?? null,
          startDate,
          endDate: null,
          firstInvoiceId: null,
          createdAt: new Date(),
        }),
      );
      tx.audit({
        actor: actor.name,
        action: 'enroll',
        subjectType: 'Account',
        subjectId: accountId,
        before: previous ? { enrollment: { ...previous } } : null,
        after: { enrollment: { ...enrollment }, productCode: code },
      });
      return enrollment;
    });
  }
}
