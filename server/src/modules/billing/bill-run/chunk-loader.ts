import type { EntityManager } from 'typeorm';
import { groupInto } from '../../../common/grouping';
import { columnsOf, hydrateAll, type Database, type Statement } from '../../../db/database';
import { runTogether } from '../../../db/round-trips';
import { Account, AccountStatus, Enrollment } from '../../accounts/account.entity';
import type { PromoCode } from '../../catalog/product.entity';
import { UsageRead } from '../../usage/usage.entity';
import { BillingException, ExceptionSeverity, ExceptionStatus, InvoiceKind, InvoiceStatus } from '../billing.entity';
import type { PastInvoice, ProductInput } from '../invoice-math';
import type { ChunkCredits, PendingCreditService } from '../pending-credit.service';
import { HISTORY_INVOICES } from '../threshold-tests';
import { RunCatalogs } from './run-catalog';
import { marks } from './sql';
import { taxRatesOf, taxRatesStatement } from '../../taxes/tax-rate.service';
import type { TaxRateTerms } from '../../taxes/tax-math';

/** Everything billing a chunk's accounts needs from the database. */
export interface ChunkData {
  accounts: Map<string, Account>;
  reads: Map<string, UsageRead[]>;
  enrollments: Map<string, Enrollment[]>;
  products: Map<string, ProductInput>;
  promos: Map<string, PromoCode>;
  history: Map<string, PastInvoice[]>;
  /** OPEN critical exceptions: resolved when the account's invoice is generated. */
  openCritical: Map<string, BillingException[]>;
  credits: ChunkCredits;
  /** Every zone's tax rates, read once per chunk. */
  taxRates: TaxRateTerms[];
}

/** Reads a chunk's accounts and all that pricing them needs, in a fixed handful of statements whatever its size. */
export class ChunkLoader {
  constructor(
    private readonly db: Database,
    private readonly pendingCredits: PendingCreditService,
    private readonly catalogs = new RunCatalogs(),
  ) {}

  /**
   * `lock: false` (a preview) reads without locking anything, so it neither
   * waits for nor holds up a run, a payment or a catalog edit. `runId`: the
   * run billing the chunk, whose catalog is kept between its chunks (see RunCatalogs).
   */
  async load(
    em: EntityManager,
    ids: string[],
    asOf: string,
    { lock = true, runId = null }: { lock?: boolean; runId?: string | null } = {},
  ): Promise<ChunkData> {
    const locking = lock && this.db.dialect === 'mysql';
    const idMarks = marks(ids.length);
    const idParams = ids.map(Number);
    // One round trip on MySQL, each statement over the chunk's ids. The accounts are locked as they are read (in id
    // order), so a concurrent run or import on them waits, and the statements after it, run once the locks are held,
    // see what it committed. The embedded database runs one transaction at a time: there is nothing to lock.
    // Plain rows made entities column by column (see hydrateAll): TypeORM's general result transformer cost more
    // than the rest of reading a chunk. Rows of accounts that are not active are left out below.
    const [accountRows, readRows, enrollmentRows, criticalRows, historyRows, taxRows] = await readTogether(em, [
      {
        sql: `SELECT ${columnsOf(em, Account, 'a')} FROM account a WHERE a.id IN (${idMarks}) AND a.status = ?
          ORDER BY a.id${locking ? ' FOR UPDATE' : ''}`,
        params: [...idParams, AccountStatus.ACTIVE],
      },
      // Unary plus: SQLite's planner would otherwise walk every unbilled read rather than these accounts' (a no-op for MySQL).
      {
        sql: `SELECT ${columnsOf(em, UsageRead, 'r')} FROM usage_read r
          WHERE r.account_id IN (${idMarks}) AND +r.invoice_id IS NULL AND r.live = 1 AND r.period_end <= ?
          ORDER BY r.account_id, r.period_start`,
        params: [...idParams, asOf],
      },
      {
        sql: `SELECT ${columnsOf(em, Enrollment, 'e')} FROM enrollment e WHERE e.account_id IN (${idMarks}) ORDER BY e.start_date`,
        params: idParams,
      },
      {
        sql: `SELECT ${columnsOf(em, BillingException, 'x')} FROM billing_exception x
          WHERE x.account_id IN (${idMarks}) AND x.severity = ? AND x.status = ?`,
        params: [...idParams, ExceptionSeverity.CRITICAL, ExceptionStatus.OPEN],
      },
      historyStatement(idMarks, idParams),
      taxRatesStatement(em),
    ]);
    const accounts = hydrateAll(em, Account, accountRows);
    const active = new Set(accounts.map((a) => a.id));
    const ofActive = <T extends { accountId: string }>(rows: T[]): T[] => rows.filter((row) => active.has(row.accountId));
    const activeIds = accounts.map((a) => a.id);
    const reads = ofActive(hydrateAll(em, UsageRead, readRows));
    await this.checkCorrections(em, reads);
    const enrollments = ofActive(hydrateAll(em, Enrollment, enrollmentRows));
    const productIds = [...new Set(enrollments.map((e) => e.productId))];
    const promoIds = enrollments.map((e) => e.promoCodeId).filter((id): id is string => id !== null);
    // A shared lock on the products (MySQL; the embedded database runs one transaction at a time): a catalog edit,
    // which locks its product first, waits for the chunk to commit and then sees the lines it priced, and a chunk
    // that waited for an edit prices with it.
    const catalog = await this.catalogs.read(em, productIds, promoIds, { lock: locking, runId });
    return {
      accounts: new Map(accounts.map((a) => [a.id, a])),
      reads: groupInto(reads, (r) => r.accountId),
      enrollments: groupInto(enrollments, (e) => e.accountId),
      products: catalog.products,
      promos: catalog.promos,
      history: historyOf(historyRows, active),
      openCritical: groupInto(ofActive(hydrateAll(em, BillingException, criticalRows)), (x) => x.accountId),
      credits: await this.pendingCredits.load(em, activeIds, enrollments),
      taxRates: activeIds.length === 0 ? [] : taxRatesOf(em, taxRows),
    };
  }

  /**
   * A read that corrects an issued invoice is billed as a correction (its lines
   * say so, and an invoice of corrections only carries no fixed charge) only
   * while that invoice stands with its fixed charge: one since voided, or
   * credited in full to be billed again, no longer bills the period's fixed
   * charge, so the read is billed as an ordinary one. Rare: one statement, and
   * only for a chunk that has corrections.
   */
  private async checkCorrections(em: EntityManager, reads: UsageRead[]): Promise<void> {
    const corrected = [...new Set(reads.map((r) => r.correctsInvoiceId).filter((id): id is string => id !== null))];
    if (corrected.length === 0) return;
    const rows = (await em.query(
      `SELECT i.id FROM invoice i
        WHERE i.id IN (${marks(corrected.length)}) AND i.status IN (?, ?)
          AND NOT EXISTS (SELECT 1 FROM credit_note c WHERE c.invoice_id = i.id AND c.rebill = 1)`,
      [...corrected.map(Number), InvoiceStatus.ISSUED, InvoiceStatus.PAID],
    )) as Array<{ id: string | number }>;
    const standing = new Set(rows.map((r) => String(r.id)));
    for (const read of reads) {
      if (read.correctsInvoiceId && !standing.has(read.correctsInvoiceId)) read.correction = null;
    }
  }
}

/**
 * Past invoices read per account: the three the tests compare with, and as
 * many again, so that an invoice billed again for an earlier month (after a
 * void) still finds the three before it when later ones stand.
 */
const HISTORY_ROWS = 2 * HISTORY_INVOICES;

/**
 * The latest non-void usage invoices of each account, newest first, whatever
 * the length of its history: the window function keeps the rest in the
 * database.
 */
function historyStatement(idMarks: string, idParams: number[]): Statement {
  return {
    sql: `SELECT account_id AS accountId, total, quantity, days, period_end AS periodEnd FROM (
         SELECT account_id, total, quantity, days, period_end,
                ROW_NUMBER() OVER (PARTITION BY account_id ORDER BY period_end DESC, id DESC) AS n
         FROM invoice
         WHERE account_id IN (${idMarks}) AND kind = ? AND status <> ?
       ) recent WHERE n <= ${HISTORY_ROWS} ORDER BY account_id, n`,
    params: [...idParams, InvoiceKind.USAGE, InvoiceStatus.VOID],
  };
}

/** The rows of historyStatement by account, the active ones'. */
function historyOf(rows: Array<Record<string, unknown>>, active: Set<string>): Map<string, PastInvoice[]> {
  const history = new Map<string, PastInvoice[]>();
  for (const r of rows) {
    const key = String(r.accountId);
    if (!active.has(key)) continue;
    const past = { total: Number(r.total), quantity: Number(r.quantity), days: Number(r.days), periodEnd: String(r.periodEnd) };
    const list = history.get(key);
    if (list) list.push(past);
    else history.set(key, [past]);
  }
  return history;
}

/**
 * Statements that need none of one another's answers: in one round trip inside
 * a transaction on MySQL (see runTogether), else one after the other (a
 * preview reads outside any transaction). The rows each read.
 */
async function readTogether(em: EntityManager, statements: Statement[]): Promise<Array<Array<Record<string, unknown>>>> {
  if (em.queryRunner?.isTransactionActive) return (await runTogether(em, statements)).map((r) => r.rows);
  const rows: Array<Array<Record<string, unknown>>> = [];
  for (const { sql, params } of statements) rows.push((await em.query(sql, params)) as Array<Record<string, unknown>>);
  return rows;
}
