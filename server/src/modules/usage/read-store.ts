import type { EntityManager } from 'typeorm';
import { runWrite, type Database } from '../../db/database';
import { UsageRead } from './usage.entity';

const ID_CHUNK = 1000;
/** Rows of one CASE update: two bound parameters each, plus the IN list. */
const CASE_CHUNK = 500;

export function chunks<T>(list: T[], size: number = ID_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const marks = (n: number): string => Array<string>(n).fill('?').join(', ');

/** A counting read as an import weighs incoming reads against it. */
export interface StoredRead {
  id: string;
  accountId: string;
  register: string;
  periodStart: string;
  periodEnd: string;
  quantity: number;
  estimated: boolean;
  invoiceId: string | null;
  correctsInvoiceId: string | null;
  correction: string | null;
}

interface RawRead {
  id: string | number;
  account_id: string | number;
  register: string;
  period_start: string;
  period_end: string;
  quantity: string | number;
  estimated: string | number | boolean;
  invoice_id: string | number | null;
  corrects_invoice_id: string | number | null;
  correction: string | null;
}

/** The identity of a counting read: one per account, register and period. */
export const readKey = (r: { accountId: string; register: string; periodStart: string; periodEnd: string }): string =>
  `${r.accountId}|${r.register}|${r.periodStart}|${r.periodEnd}`;

/** Set-based reads and writes of usage reads for an import: a handful of statements whatever its size. */
export class ReadStore {
  constructor(private readonly db: Database) {}

  /** Ids bound as integers: on SQLite a string would bind as TEXT and miss the integer key. */
  private ids(ids: readonly string[]): Array<string | bigint> {
    return ids.map((id) => (this.db.dialect === 'sqlite' ? BigInt(id) : id));
  }

  /**
   * The counting reads of these accounts that touch [minStart, maxEnd), as
   * plain rows (10,000 of them hydrate as entities in a second; as rows in a
   * fraction of that).
   */
  async liveReads(em: EntityManager, accountIds: string[], minStart: string, maxEnd: string): Promise<StoredRead[]> {
    const out: StoredRead[] = [];
    for (const chunk of chunks(accountIds)) {
      const rows = (await em.query(
        `SELECT id, account_id, register, period_start, period_end, quantity, estimated, invoice_id, corrects_invoice_id, correction
           FROM usage_read
          WHERE account_id IN (${marks(chunk.length)}) AND period_start < ? AND period_end > ? AND live = 1`,
        [...this.ids(chunk), maxEnd, minStart],
      )) as RawRead[];
      for (const r of rows) {
        out.push({
          id: String(r.id),
          accountId: String(r.account_id),
          register: r.register,
          periodStart: r.period_start,
          periodEnd: r.period_end,
          quantity: Number(r.quantity),
          estimated: Boolean(Number(r.estimated)),
          invoiceId: r.invoice_id === null ? null : String(r.invoice_id),
          correctsInvoiceId: r.corrects_invoice_id === null ? null : String(r.corrects_invoice_id),
          correction: r.correction,
        });
      }
    }
    return out;
  }

  /** The ids of the accounts with these numbers, by number (the account table by name, as plain rows: no entities to hydrate). */
  async accountIds(em: EntityManager, numbers: string[]): Promise<Map<string, string>> {
    return this.pairs(em, 'number', 'id', numbers);
  }

  /** The numbers of these accounts, by id. */
  async accountNumbers(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
    return this.pairs(em, 'id', 'number', this.ids([...new Set(ids)]));
  }

  private async pairs(
    em: EntityManager,
    by: 'id' | 'number',
    value: 'id' | 'number',
    keys: Array<string | bigint>,
  ): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const chunk of chunks(keys)) {
      const rows = (await em.query(`SELECT id, number FROM account WHERE ${by} IN (${marks(chunk.length)})`, chunk)) as Array<{
        id: string | number;
        number: string;
      }>;
      for (const row of rows) out.set(String(row[by]), String(row[value]));
    }
    return out;
  }

  /** Status of each invoice named. */
  async invoiceStatuses(em: EntityManager, invoiceIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const chunk of chunks([...new Set(invoiceIds)])) {
      // The invoice table by name: usage reads it without depending on the billing module's entities.
      const rows = (await em.query(`SELECT id, status FROM invoice WHERE id IN (${marks(chunk.length)})`, this.ids(chunk))) as Array<{
        id: string | number;
        status: string;
      }>;
      for (const row of rows) out.set(String(row.id), row.status);
    }
    return out;
  }

  /**
   * Takes these reads out of the count (live = NULL), checking that each still
   * counted: a short count means another import or cancellation got there first.
   */
  async retire(em: EntityManager, readIds: string[]): Promise<boolean> {
    let affected = 0;
    for (const chunk of chunks(readIds)) {
      affected += (
        await runWrite(em, `UPDATE usage_read SET live = NULL WHERE id IN (${marks(chunk.length)}) AND live = 1`, this.ids(chunk))
      ).affected;
    }
    return affected === readIds.length;
  }

  /** The ids of the counting reads with these keys (just inserted), by key. */
  async liveIds(em: EntityManager, rows: UsageRead[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (rows.length === 0) return out;
    const minStart = rows.reduce((m, r) => (r.periodStart < m ? r.periodStart : m), rows[0].periodStart);
    const maxStart = rows.reduce((m, r) => (r.periodStart > m ? r.periodStart : m), rows[0].periodStart);
    for (const chunk of chunks([...new Set(rows.map((r) => r.accountId))])) {
      const found = (await em.query(
        `SELECT id, account_id, register, period_start, period_end FROM usage_read
          WHERE account_id IN (${marks(chunk.length)}) AND period_start >= ? AND period_start <= ? AND live = 1`,
        [...this.ids(chunk), minStart, maxStart],
      )) as RawRead[];
      for (const r of found) {
        out.set(
          readKey({ accountId: String(r.account_id), register: r.register, periodStart: r.period_start, periodEnd: r.period_end }),
          String(r.id),
        );
      }
    }
    return out;
  }

  /** Links each replaced read to its replacement, a CASE per few hundred reads. */
  async linkReplacements(em: EntityManager, links: Array<{ oldId: string; newId: string }>): Promise<void> {
    for (const chunk of chunks(links, CASE_CHUNK)) {
      const cases = chunk.map(() => 'WHEN ? THEN ?').join(' ');
      await runWrite(em, `UPDATE usage_read SET replaced_by_id = CASE id ${cases} END WHERE id IN (${marks(chunk.length)})`, [
        ...chunk.flatMap((l) => this.ids([l.oldId, l.newId])),
        ...this.ids(chunk.map((l) => l.oldId)),
      ]);
    }
  }
}
