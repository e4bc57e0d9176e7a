import type { EntityManager } from 'typeorm';
import { runWrite, type Database } from '../db/database';
import { isRetryable } from '../db/errors';
import { timeParam } from '../db/stored-time';
import { ChunkStatus, type RunKind } from './run-kind';

/** Chunk rows written per INSERT while a run is planned. */
const CHUNK_ROWS_PER_INSERT = 20;
const RUNNING = 'RUNNING';

const marks = (n: number): string => Array<string>(n).fill('?').join(', ');

export interface ClaimedChunk {
  id: string;
  runId: string;
  accountIds: string[];
}

/** The SQL of chunked runs, the same for every kind (its tables named by the kind). */
export class ChunkStore {
  private readonly run: string;
  private readonly chunk: string;

  constructor(
    private readonly db: Database,
    private readonly kind: Pick<RunKind<unknown>, 'runTable' | 'chunkTable' | 'workerColumn'>,
  ) {
    this.run = kind.runTable;
    this.chunk = kind.chunkTable;
  }

  /** The plan as a chunk no worker claims (PLANNING): the run cannot complete before the plan is closed. */
  async openPlan(em: EntityManager, runId: string): Promise<void> {
    await this.insert(em, runId, [{ position: -1, ids: '', status: ChunkStatus.PLANNING }]);
  }

  /** Writes chunks of account ids from position `from`, PENDING. */
  async writeChunks(em: EntityManager, runId: string, chunks: string[][], from = 0): Promise<void> {
    for (let i = 0; i < chunks.length; i += CHUNK_ROWS_PER_INSERT) {
      const rows = chunks.slice(i, i + CHUNK_ROWS_PER_INSERT).map((ids, j) => ({
        position: from + i + j,
        ids: ids.join(','),
        status: ChunkStatus.PENDING,
      }));
      await this.insert(em, runId, rows);
    }
  }

  /** The plan is written whole: from now on, the run completes when its last chunk closes. */
  async closePlan(em: EntityManager, runId: string): Promise<void> {
    await runWrite(em, `UPDATE ${this.chunk} SET status = ?, finished_at = ? WHERE run_id = ? AND status = ?`, [
      ChunkStatus.DONE,
      new Date(),
      Number(runId),
      ChunkStatus.PLANNING,
    ]);
  }

  /** Whether any chunk waits to be claimed: a plain read, so an idle process's polls cost no transaction. */
  async anyPending(): Promise<boolean> {
    const rows = (await this.db.manager.query(`SELECT 1 AS x FROM ${this.chunk} WHERE status = ? LIMIT 1`, [
      ChunkStatus.PENDING,
    ])) as unknown[];
    return rows.length > 0;
  }

  /**
   * Claims the oldest PENDING chunk for the transaction: the given one, or
   * one of the given runs, or of any run. SKIP LOCKED: a chunk another worker
   * holds is passed over, not waited for. The embedded database runs one
   * transaction at a time, so there the plain SELECT is already exclusive.
   */
  async claim(em: EntityManager, opts: { chunkId?: string; runIds?: string[] }): Promise<ClaimedChunk | null> {
    const lock = this.db.dialect === 'mysql' ? ' FOR UPDATE SKIP LOCKED' : '';
    const where = ['status = ?'];
    const params: Array<string | number> = [ChunkStatus.PENDING];
    if (opts.chunkId) {
      where.push('id = ?');
      params.push(Number(opts.chunkId));
    } else if (opts.runIds) {
      if (opts.runIds.length === 0) return null;
      where.push(`run_id IN (${marks(opts.runIds.length)})`);
      params.push(...opts.runIds.map(Number));
    }
    const rows = (await em.query(
      `SELECT id, run_id AS runId, account_ids AS accountIds FROM ${this.chunk} WHERE ${where.join(' AND ')} ORDER BY id LIMIT 1${lock}`,
      params,
    )) as Array<{ id: string | number; runId: string | number; accountIds: string }>;
    const row = rows[0];
    if (!row) return null;
    return { id: String(row.id), runId: String(row.runId), accountIds: row.accountIds.split(',').filter((s) => s !== '') };
  }

  /** Closes a claimed chunk with what it did. The run's row is not written: concurrent chunks would queue on it. */
  async close(em: EntityManager, chunkId: string, status: ChunkStatus, worker: string, columns: Record<string, number>): Promise<void> {
    const names = Object.keys(columns);
    const { affected } = await runWrite(
      em,
      `UPDATE ${this.chunk} SET status = ?, finished_at = ?, ${this.kind.workerColumn} = ?${names.map((n) => `, ${n} = ?`).join('')}
       WHERE id = ? AND status = ?`,
      [status, new Date(), worker, ...names.map((n) => columns[n]), Number(chunkId), ChunkStatus.PENDING],
    );
    if (affected !== 1) throw new Error(`chunk ${chunkId} of ${this.chunk} was closed by another worker`);
  }

  /** Chunks of the run still to be written (PLANNING) or worked (PENDING). */
  async openChunks(runId: string): Promise<number> {
    const rows = (await this.db.manager.query(`SELECT COUNT(*) AS n FROM ${this.chunk} WHERE run_id = ? AND status IN (?, ?)`, [
      Number(runId),
      ChunkStatus.PENDING,
      ChunkStatus.PLANNING,
    ])) as Array<{ n: number | string }>;
    return Number(rows[0]?.n ?? 0);
  }

  /** The runs' chunks not worked yet are cancelled: their accounts go to a later run. */
  async cancelOpen(em: EntityManager, runIds: string[]): Promise<void> {
    await runWrite(em, `UPDATE ${this.chunk} SET status = ? WHERE run_id IN (${marks(runIds.length)}) AND status IN (?, ?)`, [
      ChunkStatus.CANCELLED,
      ...runIds.map(Number),
      ChunkStatus.PENDING,
      ChunkStatus.PLANNING,
    ]);
  }

  async status(runId: string): Promise<string | null> {
    const rows = (await this.db.manager.query(`SELECT status FROM ${this.run} WHERE id = ?`, [Number(runId)])) as Array<{ status: string }>;
    return rows[0]?.status ?? null;
  }

  /** Marks the runs alive, as long as they are RUNNING. A beat lost to a deadlock with a chunk writing the run's row is not missed: the next comes soon. */
  async beat(runIds: string[]): Promise<void> {
    if (runIds.length === 0) return;
    await this.db
      .exclusive(() =>
        runWrite(this.db.manager, `UPDATE ${this.run} SET heartbeat_at = ? WHERE id IN (${marks(runIds.length)}) AND status = ?`, [
          new Date(),
          ...runIds.map(Number),
          RUNNING,
        ]),
      )
      .catch((error: unknown) => {
        if (!isRetryable(error)) throw error;
      });
  }

  /**
   * RUNNING runs but `own`, not marked alive for `silentFor` ms (null: all of
   * them), split by whether their plan was written whole (it has chunk rows
   * and no PLANNING one left): those can be resumed, the others not.
   */
  async silentRuns(silentFor: number | null, own: ReadonlySet<string>): Promise<{ planned: string[]; cutOff: string[] }> {
    const where = ['r.status = ?'];
    const params: Array<string | number | Date> = [ChunkStatus.PLANNING, RUNNING];
    if (silentFor !== null) {
      where.push('r.heartbeat_at < ?');
      params.push(timeParam(this.db.dialect, new Date(Date.now() - silentFor)));
    }
    const rows = (await this.db.manager.query(
      `SELECT r.id AS id,
        (SELECT COUNT(*) FROM ${this.chunk} c WHERE c.run_id = r.id) AS chunks,
        (SELECT COUNT(*) FROM ${this.chunk} c WHERE c.run_id = r.id AND c.status = ?) AS planning
       FROM ${this.run} r WHERE ${where.join(' AND ')} ORDER BY r.id`,
      params,
    )) as Array<{ id: string | number; chunks: string | number; planning: string | number }>;
    const found = rows.filter((r) => !own.has(String(r.id)));
    const whole = (r: (typeof rows)[number]) => Number(r.chunks) > 0 && Number(r.planning) === 0;
    return { planned: found.filter(whole).map((r) => String(r.id)), cutOff: found.filter((r) => !whole(r)).map((r) => String(r.id)) };
  }

  private async insert(
    em: EntityManager,
    runId: string,
    rows: Array<{ position: number; ids: string; status: ChunkStatus }>,
  ): Promise<void> {
    await runWrite(
      em,
      `INSERT INTO ${this.chunk} (run_id, position, accounts, account_ids, status) VALUES ${rows.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      rows.flatMap((r) => [Number(runId), r.position, r.ids === '' ? 0 : r.ids.split(',').length, r.ids, r.status]),
    );
  }
}
