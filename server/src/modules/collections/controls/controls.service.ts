import { In, type EntityManager } from 'typeorm';
import { signatureOf, type Principal } from '../../../common/auth/roles';
import { assertCalendarDate } from '../../../common/dates';
import { badInput, conflict, invalidState, notFound } from '../../../common/errors/hub-error';
import { optionalText, parseId, requireText } from '../../../common/validation';
import type { Database } from '../../../db/database';
import { isUniqueViolation } from '../../../db/errors';
import type { Account } from '../../accounts/account.entity';
import { lockAccount } from '../../accounts/account.service';
import { AccountProtection, BlackoutDate, CollectionsHold } from './controls.entity';
import type { AccountProtectionInput } from './controls.inputs';
import type { AccountControls } from './collections-controls';
import type { WorkQueueService } from '../../work-queues/work-queue.service';

const CODE = /^[A-Z][A-Z0-9_]*$/;
const MAX_PROTECTIONS = 20;

type ProtectionValues = Pick<AccountProtection, 'code' | 'until' | 'note'>;

const holdSnapshot = (h: CollectionsHold | null) => (h ? { until: h.until, reason: h.reason, createdBy: h.createdBy } : null);
const protectionSnapshot = (list: ProtectionValues[]) => list.map((p) => ({ code: p.code, until: p.until, note: p.note }));
const sameProtection = (a: ProtectionValues, b: ProtectionValues) => a.code === b.code && a.until === b.until && a.note === b.note;

/**
 * The collections controls an operator sets: holds and protections on
 * accounts, blackout dates. What they mean for a run is decideStep's business;
 * this service keeps them and hands them to the run.
 */
export class CollectionsControlsService {
  constructor(
    private readonly db: Database,
    private readonly today: () => string,
    private readonly workQueues: WorkQueueService,
  ) {}

  // ------------------------------------------------------------------ reads

  holdsFor(accountIds: readonly string[], em: EntityManager = this.db.manager): Promise<CollectionsHold[]> {
    if (accountIds.length === 0) return Promise.resolve([]);
    return em.getRepository(CollectionsHold).findBy({ accountId: In([...accountIds]) });
  }

  protectionsFor(accountIds: readonly string[], em: EntityManager = this.db.manager): Promise<AccountProtection[]> {
    if (accountIds.length === 0) return Promise.resolve([]);
    return em.getRepository(AccountProtection).find({ where: { accountId: In([...accountIds]) }, order: { code: 'ASC' } });
  }

  /** Each account's controls, for a run's chunk, read in its transaction. */
  async controlsFor(em: EntityManager, accountIds: readonly string[]): Promise<Map<string, AccountControls>> {
    const holds = new Map((await this.holdsFor(accountIds, em)).map((h) => [h.accountId, h]));
    const protections = await this.protectionsFor(accountIds, em);
    return new Map(
      accountIds.map((id) => [
        id,
        { hold: holds.get(id) ?? null, protections: protections.filter((p) => p.accountId === id) } satisfies AccountControls,
      ]),
    );
  }

  blackoutDates(): Promise<BlackoutDate[]> {
    return this.db.manager.getRepository(BlackoutDate).find({ order: { date: 'ASC' } });
  }

  async isBlackout(em: EntityManager, day: string): Promise<boolean> {
    return (await em.getRepository(BlackoutDate).countBy({ date: day })) > 0;
  }

  // ------------------------------------------------------------------ holds

  /** Places (or replaces) the account's hold: no collections action before until, which must be after today. */
  async hold(actor: Principal, accountId: string, until: string, reason: string): Promise<Account> {
    parseId(accountId, 'Account');
    assertCalendarDate(until, 'until');
    const today = this.today();
    if (until <= today) throw badInput(`until ${until} is not after today (${today}); a hold must end on a later day`);
    const why = requireText(reason, 'reason', 255);
    return this.db.transaction(async (tx) => {
      const account = await lockAccount(tx.em, accountId);
      const repo = tx.em.getRepository(CollectionsHold);
      const before = await repo.findOneBy({ accountId });
      if (before) await repo.delete({ id: before.id });
      const after = await repo.save(
        Object.assign(new CollectionsHold(), { accountId, until, reason: why, createdBy: actor.name, createdAt: new Date() }),
      );
      // A call a run asked for is not made while the account is held: its item is answered, saying why.
      await this.workQueues.resolveItemsFor(
        tx,
        { accountId, kind: 'CALL_REQUEST' },
        `Not called: collections held until ${until} by ${signatureOf(actor)} (${why})`,
        actor.name,
      );
      tx.audit({
        actor: actor.name,
        action: 'holdCollections',
        subjectType: 'Account',
        subjectId: accountId,
        before: { collectionsHold: holdSnapshot(before) },
        after: { collectionsHold: holdSnapshot(after) },
      });
      return account;
    });
  }

  async release(actor: Principal, accountId: string): Promise<Account> {
    parseId(accountId, 'Account');
    return this.db.transaction(async (tx) => {
      const account = await lockAccount(tx.em, accountId);
      const repo = tx.em.getRepository(CollectionsHold);
      const before = await repo.findOneBy({ accountId });
      if (!before) throw invalidState(`Account ${account.number} has no collections hold to release`);
      await repo.delete({ id: before.id });
      tx.audit({
        actor: actor.name,
        action: 'releaseCollectionsHold',
        subjectType: 'Account',
        subjectId: accountId,
        before: { collectionsHold: holdSnapshot(before) },
        after: { collectionsHold: null },
      });
      return account;
    });
  }

  // ------------------------------------------------------------------ protections

  /**
   * Replaces the account's protections. One given again unchanged keeps who
   * set it and when; a new or changed one is recorded as the actor's.
   */
  async setProtections(actor: Principal, accountId: string, input: AccountProtectionInput[]): Promise<Account> {
    parseId(accountId, 'Account');
    const wanted = this.validateProtections(input);
    return this.db.transaction(async (tx) => {
      const account = await lockAccount(tx.em, accountId);
      const repo = tx.em.getRepository(AccountProtection);
      const before = await repo.find({ where: { accountId }, order: { code: 'ASC' } });
      const gone = before.filter((b) => !wanted.some((w) => sameProtection(w, b)));
      const added = wanted.filter((w) => !before.some((b) => sameProtection(w, b)));
      if (gone.length === 0 && added.length === 0) return account;
      if (gone.length > 0) await repo.delete({ id: In(gone.map((p) => p.id)) });
      const now = new Date();
      for (const p of added) await repo.save(Object.assign(new AccountProtection(), { ...p, accountId, setBy: actor.name, setAt: now }));
      tx.audit({
        actor: actor.name,
        action: 'setAccountProtections',
        subjectType: 'Account',
        subjectId: accountId,
        before: { protections: protectionSnapshot(before) },
        after: { protections: protectionSnapshot([...wanted].sort((a, b) => a.code.localeCompare(b.code))) },
      });
      return account;
    });
  }

  private validateProtections(input: AccountProtectionInput[]): ProtectionValues[] {
    if (input.length > MAX_PROTECTIONS) throw badInput(`An account carries at most ${MAX_PROTECTIONS} protections; got ${input.length}`);
    const today = this.today();
    const seen = new Set<string>();
    return input.map((p, i) => {
      const where = `protections[${i}]`;
      const code = requireText(p.code, `${where}.code`, 32).toUpperCase();
      if (!CODE.test(code))
        throw badInput(`${where}.code "${code}" may use letters, digits and _ only, starting with a letter (e.g. CRITICAL_CARE)`);
      if (seen.has(code)) throw badInput(`${where}.code ${code} is given twice; give each protection once`);
      seen.add(code);
      const until = p.until ?? null;
      if (until !== null) {
        assertCalendarDate(until, `${where}.until`);
        if (until < today) throw badInput(`${where}.until ${until} is before today (${today}); leave out a protection that has ended`);
      }
      return { code, until, note: optionalText(p.note, `${where}.note`, 255) };
    });
  }

  // ------------------------------------------------------------------ blackout dates

  async addBlackoutDate(actor: Principal, date: string, reason: string): Promise<BlackoutDate> {
    assertCalendarDate(date, 'date');
    const why = requireText(reason, 'reason', 255);
    const taken = () => conflict(`${date} is already a blackout date; remove it first to change its reason`);
    try {
      return await this.db.transaction(async (tx) => {
        const repo = tx.em.getRepository(BlackoutDate);
        if (await repo.findOneBy({ date })) throw taken();
        const row = await repo.save(Object.assign(new BlackoutDate(), { date, reason: why, addedBy: actor.name, createdAt: new Date() }));
        tx.audit({
          actor: actor.name,
          action: 'addBlackoutDate',
          subjectType: 'BlackoutDate',
          subjectId: date,
          after: { date, reason: why },
        });
        return row;
      });
    } catch (error) {
      // Two operators adding the same day at once: the unique key lets one through.
      if (isUniqueViolation(error)) throw taken();
      throw error;
    }
  }

  async removeBlackoutDate(actor: Principal, date: string): Promise<boolean> {
    assertCalendarDate(date, 'date');
    return this.db.transaction(async (tx) => {
      const repo = tx.em.getRepository(BlackoutDate);
      const before = await repo.findOneBy({ date });
      if (!before) throw notFound(`Blackout date ${date}`);
      await repo.delete({ id: before.id });
      tx.audit({
        actor: actor.name,
        action: 'removeBlackoutDate',
        subjectType: 'BlackoutDate',
        subjectId: date,
        before: { date, reason: before.reason },
      });
      return true;
    });
  }
}
