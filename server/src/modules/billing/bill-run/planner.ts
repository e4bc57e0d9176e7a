import { insertChunked, type Database } from '../../../db/database';
import { AccountStatus } from '../../accounts/account.entity';
import { BillRunChunk, BillRunChunkStatus } from '../bill-run-chunk.entity';
import { noCounters } from './run-counters';

/** Chunk rows written per INSERT while a run is planned. */
const CHUNK_ROWS_PER_INSERT = 20;

/** The embedded database's driver handle, for reading a large result row by row. */
interface SqliteHandle {
  prepare(sql: string): { iterate(...params: unknown[]): IterableIterator<unknown> };
}

/** Who bills the chunks as they are written. */
export interface ChunkListener {
  /** Starts workers on the chunks written so far. */
  kick(): void;
  /** Tells the other processes the run has work. */
  announceProgress(runId: string): void;
}

/** Cuts a run into chunks of accounts, written as rows that workers claim. */
export class BillRunPlanner {
  constructor(private readonly db: Database) {}

  /**
   * Writes the run's chunks: the pending accounts in id order, chunkSize
   * at a time, waking the workers as each batch of chunks is written. Returns
   * how many accounts. The ids are read in one pass (streamed on MySQL), so
   * memory stays flat whatever the number of accounts.
   */
  async plan({
    runId,
    asOf,
    chunkSize,
    listener,
  }: {
    runId: string;
    asOf: string;
    chunkSize: number;
    listener: ChunkListener;
  }): Promise<number> {
    // Accounts with unbilled reads, and those with an operator's charge pending: a charge alone makes an account billable.
    const sql = `SELECT b.accountId FROM (
        SELECT r.account_id AS accountId FROM usage_read r WHERE r.invoice_id IS NULL AND r.period_end <= ?
        UNION
        SELECT p.account_id AS accountId FROM pending_charge p WHERE p.invoice_id IS NULL AND p.source_enrollment_id IS NULL AND p.amount > 0
      ) b JOIN account a ON a.id = b.accountId
      WHERE a.status = ? ORDER BY b.accountId`;
    const params = [asOf, AccountStatus.ACTIVE];
    let position = 0;
    let total = 0;
    const chunkOf = (ids: string): BillRunChunk => {
      const accounts = ids.split(',').length;
      total += accounts;
      return Object.assign(new BillRunChunk(), {
        runId,
        position: position++,
        accounts,
        accountIds: ids,
        status: BillRunChunkStatus.PENDING,
        ...noCounters(),
        finishedAt: null,
      });
    };

    if (this.db.dialect === 'sqlite') {
      // One connection: the plan is written in one transaction, its ids read synchronously
      // from the driver's cursor (each chunk's ids kept as one string, a few bytes per account).
      await this.db.transaction(async (tx) => {
        const handle = (this.db.ds.driver as unknown as { databaseConnection: SqliteHandle }).databaseConnection;
        const chunks: string[] = [];
        let current: string[] = [];
        for (const row of handle.prepare(sql).iterate(...params)) {
          current.push(String((row as { accountId: number | string }).accountId));
          if (current.length === chunkSize) {
            chunks.push(current.join(','));
            current = [];
          }
        }
        if (current.length > 0) chunks.push(current.join(','));
        for (let i = 0; i < chunks.length; i += CHUNK_ROWS_PER_INSERT) {
          await insertChunked(tx.em, BillRunChunk, chunks.slice(i, i + CHUNK_ROWS_PER_INSERT).map(chunkOf));
        }
      });
      listener.kick();
      return total;
    }

    // MySQL: the ids stream over a connection of their own while workers bill the chunks already written.
    const runner = this.db.ds.createQueryRunner();
    try {
      const stream = await runner.stream(sql, params);
      let batch: BillRunChunk[] = [];
      let current: string[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        await insertChunked(this.db.manager, BillRunChunk, batch);
        batch = [];
        listener.kick();
        // Other processes join in as soon as there is work.
        listener.announceProgress(runId);
      };
      for await (const row of stream as AsyncIterable<{ accountId: string | number }>) {
        current.push(String(row.accountId));
        if (current.length === chunkSize) {
          batch.push(chunkOf(current.join(',')));
          current = [];
          // The first chunk goes out alone, so billing starts at once.
          if (batch.length >= CHUNK_ROWS_PER_INSERT || position === 1) await flush();
        }
      }
      if (current.length > 0) batch.push(chunkOf(current.join(',')));
      await flush();
      return total;
    } finally {
      await runner.release();
    }
  }
}
