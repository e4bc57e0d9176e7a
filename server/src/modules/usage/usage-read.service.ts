import { In } from 'typeorm';
import type { Principal } from '../../common/auth/roles';
import { invalidState, notFound } from '../../common/errors/hub-error';
import { formatDecimal } from '../../common/money';
import { paginate, type Connection, type PageArgs } from '../../common/pagination/connection';
import { parseId, requireText } from '../../common/validation';
import type { Database, Tx } from '../../db/database';
import { lockAccounts } from '../accounts/account.service';
import { ReadStore } from './read-store';
import { readStatus, UsageRead, UsageReadStatus } from './usage.entity';
import type { UsageService } from './usage.service';

export interface ReadFilter extends PageArgs {
  accountId: string;
  status?: UsageReadStatus | null;
}

/** The SQL condition of each status (see readStatus). */
const STATUS_WHERE: Record<UsageReadStatus, string> = {
  [UsageReadStatus.UNBILLED]: 'r.live = 1 AND r.invoice_id IS NULL',
  [UsageReadStatus.BILLED]: 'r.live = 1 AND r.invoice_id IS NOT NULL',
  [UsageReadStatus.REPLACED]: 'r.live IS NULL AND r.cancelled_at IS NULL',
  [UsageReadStatus.CANCELLED]: 'r.cancelled_at IS NOT NULL',
};

function snapshot(read: UsageRead): Record<string, unknown> {
  return { ...read, quantity: formatDecimal(read.quantity), status: readStatus(read) };
}

/** Reading usage reads, and cancelling one entered by mistake. */
export class UsageReadService {
  private readonly store: ReadStore;

  constructor(
    private readonly db: Database,
    private readonly usage: UsageService,
  ) {
    this.store = new ReadStore(db);
  }

  find(id: string): Promise<UsageRead | null> {
    return this.db.manager.getRepository(UsageRead).findOneBy({ id: parseId(id, 'UsageRead') });
  }

  byIds(ids: readonly string[]): Promise<UsageRead[]> {
    return this.db.manager.getRepository(UsageRead).findBy({ id: In([...ids]) });
  }

  /** An account's reads, newest first, by status. */
  list(filter: ReadFilter): Promise<Connection<UsageRead>> {
    const qb = this.db.manager
      .getRepository(UsageRead)
      .createQueryBuilder('r')
      .where('r.account_id = :accountId', { accountId: filter.accountId });
    if (filter.status) qb.andWhere(STATUS_WHERE[filter.status]);
    return paginate(qb, filter, { order: 'DESC' });
  }

  /**
   * Cancels a read entered by mistake: it stops counting. One on a HELD invoice
   * voids it (its other reads return to unbilled); one on an ISSUED or PAID
   * invoice gets a credit note for the charges it produced there.
   */
  async cancel(actor: Principal, id: string, reason: string): Promise<UsageRead> {
    parseId(id, 'UsageRead');
    const why = requireText(reason, 'reason', 2000);
    return this.db.transaction(async (tx) => {
      const found = await tx.em.getRepository(UsageRead).findOneBy({ id });
      if (!found) throw notFound(`Usage read ${id}`);
      await lockAccounts(tx.em, [found.accountId]);
      const before = await tx.em.getRepository(UsageRead).findOneByOrFail({ id });
      const status = readStatus(before);
      if (status === UsageReadStatus.CANCELLED || status === UsageReadStatus.REPLACED) {
        throw invalidState(`Usage read ${id} is ${status}; only a read that counts (UNBILLED or BILLED) can be cancelled`);
      }
      await this.cancelInTx(tx, actor, [before], why);
      return tx.em.getRepository(UsageRead).findOneByOrFail({ id });
    });
  }

  /**
   * Cancels counting reads in the caller's transaction (the accounts locked),
   * with an audit entry each; billing hears of those on an invoice unless
   * `quiet` (the caller is voiding that invoice itself).
   */
  async cancelInTx(tx: Tx, actor: Principal, reads: UsageRead[], why: string, opts: { quiet?: boolean } = {}): Promise<void> {
    if (reads.length === 0) return;
    if (
      !(await this.store.retire(
        tx.em,
        reads.map((r) => r.id),
      ))
    ) {
      throw invalidState('A read was replaced or cancelled meanwhile; look at it again');
    }
    const cancelledAt = new Date();
    await tx.em
      .getRepository(UsageRead)
      .update({ id: In(reads.map((r) => r.id)) }, { cancelledAt, cancelReason: why, cancelledBy: actor.name.slice(0, 128) });
    for (const read of reads) {
      tx.audit({
        actor: actor.name,
        action: 'cancelUsageRead',
        subjectType: 'UsageRead',
        subjectId: read.id,
        before: snapshot(read),
        after: { ...snapshot({ ...read, live: null, cancelledAt } as UsageRead), reason: why },
      });
    }
    if (!opts.quiet) await this.usage.withdraw(tx, actor, reads, `read cancelled: ${why}`);
  }
}
