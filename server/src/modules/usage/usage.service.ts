import { In, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/roles';
import { badInput } from '../../common/errors/hub-error';
import { formatDecimal } from '../../common/money';
import { InvalidValue } from '../../common/scalars';
import { insertChunked, type Database } from '../../db/database';
import { Account } from '../accounts/account.entity';
import { lockAccounts } from '../accounts/account.service';
import { UsageRead } from './usage.entity';
import type { UsageImportResult, UsageInput, UsageRejection } from './usage.types';

export const MAX_READS_PER_CALL = 10_000;
const ID_CHUNK = 1000;

export enum UsageRejectionCode {
  INVALID_VALUE = 'INVALID_VALUE',
  UNKNOWN_ACCOUNT = 'UNKNOWN_ACCOUNT',
  INVALID_PERIOD = 'INVALID_PERIOD',
  NEGATIVE_QUANTITY = 'NEGATIVE_QUANTITY',
  OVERLAP = 'OVERLAP',
}

interface Candidate {
  index: number;
  accountId: string;
  periodStart: string;
  periodEnd: string;
  quantity: number;
  estimated: boolean;
}

type Period = Pick<UsageRead, 'periodStart' | 'periodEnd'>;

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function describe(p: Period): string {
  return `${p.periodStart} to ${p.periodEnd}`;
}

/** Meter reads pushed in by integrators, validated one by one. */
export class UsageService {
  constructor(private readonly db: Database) {}

  /**
   * Stores every good read; a bad one is rejected with its index and a reason
   * and never costs the good ones beside it. A read with the same account and
   * period as a stored one is a duplicate (ignored, counted); one that overlaps
   * a stored read otherwise is rejected.
   */
  async record(actor: Principal, reads: UsageInput[]): Promise<UsageImportResult> {
    if (reads.length > MAX_READS_PER_CALL) {
      throw badInput(`At most ${MAX_READS_PER_CALL} reads in one call; got ${reads.length}. Split the import into several calls.`);
    }
    const rejected: UsageRejection[] = [];
    const reject = (index: number, code: UsageRejectionCode, message: string) => rejected.push({ index, code, message });

    const valid: Array<{ index: number; input: UsageInput; periodStart: string; periodEnd: string; quantity: number }> = [];
    reads.forEach((input, index) => {
      const bad = [input.periodStart, input.periodEnd, input.quantity].find((v): v is InvalidValue => v instanceof InvalidValue);
      const [periodStart, periodEnd, quantity] = [input.periodStart as string, input.periodEnd as string, input.quantity as number];
      if (bad) reject(index, UsageRejectionCode.INVALID_VALUE, bad.message);
      else if (periodEnd <= periodStart)
        reject(index, UsageRejectionCode.INVALID_PERIOD, `periodEnd ${periodEnd} must be after periodStart ${periodStart}`);
      else if (quantity < 0)
        reject(index, UsageRejectionCode.NEGATIVE_QUANTITY, `quantity ${formatDecimal(quantity)} must not be negative`);
      else valid.push({ index, input, periodStart, periodEnd, quantity });
    });

    const result = await this.db.transaction(async (tx) => {
      const accounts = await this.accountIds(tx.em, [...new Set(valid.map((v) => v.input.accountNumber.trim()))]);
      const candidates: Candidate[] = [];
      for (const v of valid) {
        const accountId = accounts.get(v.input.accountNumber.trim());
        if (!accountId) {
          reject(v.index, UsageRejectionCode.UNKNOWN_ACCOUNT, `No account numbered ${v.input.accountNumber.slice(0, 40)}`);
          continue;
        }
        candidates.push({
          index: v.index,
          accountId,
          periodStart: v.periodStart,
          periodEnd: v.periodEnd,
          quantity: v.quantity,
          estimated: v.input.estimated ?? false,
        });
      }
      await lockAccounts(tx.em, [...new Set(candidates.map((c) => c.accountId))]);
      const stored = await this.storedReads(tx.em, candidates);

      let duplicates = 0;
      const accepted: UsageRead[] = [];
      for (const c of candidates) {
        const existing = stored.get(c.accountId) ?? [];
        if (existing.some((r) => r.periodStart === c.periodStart && r.periodEnd === c.periodEnd)) {
          duplicates++;
          continue;
        }
        const overlap = existing.find((r) => r.periodStart < c.periodEnd && c.periodStart < r.periodEnd);
        if (overlap) {
          reject(
            c.index,
            UsageRejectionCode.OVERLAP,
            `The read ${describe(c)} overlaps the stored read ${describe(overlap)} of this account`,
          );
          continue;
        }
        const read = Object.assign(new UsageRead(), {
          accountId: c.accountId,
          periodStart: c.periodStart,
          periodEnd: c.periodEnd,
          quantity: c.quantity,
          estimated: c.estimated,
          invoiceId: null,
          createdAt: new Date(),
        });
        accepted.push(read);
        // Later reads of the same call are checked against this one too.
        stored.set(c.accountId, [...existing, read]);
      }
      await insertChunked(tx.em, UsageRead, accepted);
      const summary = { accepted: accepted.length, duplicates, rejected: rejected.length, reads: reads.length };
      tx.audit({
        actor: actor.name,
        action: 'recordUsage',
        subjectType: 'UsageImport',
        subjectId: new Date().toISOString(),
        after: summary,
      });
      return { accepted: accepted.length, duplicates };
    });
    rejected.sort((a, b) => a.index - b.index);
    return { ...result, rejected };
  }

  private async accountIds(em: EntityManager, numbers: string[]): Promise<Map<string, string>> {
    const map = new Map<string, string>();
    for (const chunk of chunks(numbers, ID_CHUNK)) {
      const rows = await em.getRepository(Account).find({ select: { id: true, number: true }, where: { number: In(chunk) } });
      for (const row of rows) map.set(row.number, row.id);
    }
    return map;
  }

  /** The stored reads of these accounts that could collide with the candidates, by account. */
  private async storedReads(em: EntityManager, candidates: Candidate[]): Promise<Map<string, UsageRead[]>> {
    const byAccount = new Map<string, UsageRead[]>();
    if (candidates.length === 0) return byAccount;
    const minStart = candidates.reduce((m, c) => (c.periodStart < m ? c.periodStart : m), candidates[0].periodStart);
    const maxEnd = candidates.reduce((m, c) => (c.periodEnd > m ? c.periodEnd : m), candidates[0].periodEnd);
    const ids = [...new Set(candidates.map((c) => c.accountId))];
    for (const chunk of chunks(ids, ID_CHUNK)) {
      const rows = await em
        .getRepository(UsageRead)
        .createQueryBuilder('r')
        .select(['r.id', 'r.accountId', 'r.periodStart', 'r.periodEnd'])
        .where('r.account_id IN (:...ids)', { ids: chunk })
        .andWhere('r.period_start < :maxEnd AND r.period_end > :minStart', { maxEnd, minStart })
        .getMany();
      for (const row of rows) {
        const list = byAccount.get(row.accountId);
        if (list) list.push(row);
        else byAccount.set(row.accountId, [row]);
      }
    }
    return byAccount;
  }
}
