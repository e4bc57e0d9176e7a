import { randomBytes } from 'node:crypto';
import { formatMoney } from '../../common/money';
import { groupInto } from '../../common/loaders/loaders';
import { invoiceIssuedEvent } from './invoice-events';
import type { InvoiceIssuing, IssuedInvoice } from './invoice-issuing';
import { hostname } from 'node:os';
import { In, type EntityManager } from 'typeorm';
import type { Logger } from '../../app/logger';
import type { Principal } from '../../common/auth/roles';
import { addDays } from '../../common/dates';
import { notFound } from '../../common/errors/hub-error';
import { parseId } from '../../common/validation';
import { inSavepoint, insertChunked, runWrite, type Database, type Tx } from '../../db/database';
import { Channel } from '../../events/channel';
import { EventType } from '../../events/event-types';
import { Topic, type HubPubSub } from '../../events/pubsub';
import { Account, AccountStatus, Enrollment } from '../accounts/account.entity';
import { Incentive, Product, PromoCode, Rate } from '../catalog/product.entity';
import { UsageRead } from '../usage/usage.entity';
import { BillRunChunk, BillRunChunkStatus } from './bill-run-chunk.entity';
import {
  BillingException,
  BillingRules,
  BillRun,
  BillRunStatus,
  ExceptionCode,
  ExceptionSeverity,
  ExceptionStatus,
  Invoice,
  InvoiceKind,
  InvoiceLine,
  InvoiceLineKind,
  InvoiceStatus,
} from './billing.entity';
import { BillingExceptionService, INVOICE_REVIEW_QUEUE } from './billing-exception.service';
import type { BillingRulesService } from './billing-rules.service';
import {
  computeInvoice,
  runThresholdTests,
  type ComputedInvoice,
  type EnrollmentInput,
  type InvoiceComputation,
  type PastInvoice,
  type ProductInput,
  type ThresholdFailure,
} from './invoice-math';
import { invoiceNumber } from './invoice-number';
import { applyCarriedCredits, type CreditUse } from './carried-credits';
import type { ChunkCredits, PendingCreditService } from './pending-credit.service';
import type { WorkQueueService } from '../work-queues/work-queue.service';

/**
 * Accounts per chunk: each chunk is one transaction, so a crash loses at most
 * the chunks in flight. Measured (npm run bench): from 250 to 1,000 a run
 * bills at about the same speed; 500 keeps a chunk's transaction short.
 */
export const BILL_RUN_CHUNK = 500;
/** A RUNNING run without a heartbeat for this long has no process left working on it. */
const STALE_RUN_MS = 10 * 60_000;
const HISTORY_INVOICES = 3;
/** How often an idle process looks for chunks of runs started elsewhere; the run's progress messages usually wake it sooner. */
const CLAIM_POLL_MS = 5_000;
/** Rows per INSERT statement for a chunk's invoice lines (9 columns: well under every bound-parameter limit). */
const LINE_ROWS_PER_INSERT = 2_000;
/**
 * The invoice a bill run (bound first) issued to the account of the row being
 * updated in `table`: a run bills an account once, so it is one row, and a
 * lookup by the invoice's account index is cheaper for the database than a CASE
 * with a branch per account of the chunk.
 */
const RUN_INVOICE_OF = (table: string) => `SELECT i.id FROM invoice i WHERE i.account_id = ${table}.account_id AND +i.bill_run_id = ?`;
/** Chunk rows written per INSERT while a run is planned. */
const CHUNK_ROWS_PER_INSERT = 20;

interface Counters {
  processed: number;
  issued: number;
  held: number;
  blocked: number;
  failed: number;
}

const noCounters = (): Counters => ({ processed: 0, issued: 0, held: 0, blocked: 0, failed: 0 });

const runCounters = (c: Counters) => ({
  accountsProcessed: c.processed,
  invoicesIssued: c.issued,
  invoicesHeld: c.held,
  accountsBlocked: c.blocked,
  accountsFailed: c.failed,
});

interface ChunkData {
  accounts: Map<string, Account>;
  reads: Map<string, UsageRead[]>;
  enrollments: Map<string, Enrollment[]>;
  products: Map<string, ProductInput>;
  promos: Map<string, PromoCode>;
  history: Map<string, PastInvoice[]>;
  /** OPEN critical exceptions: resolved when the account's invoice is generated. */
  openCritical: Map<string, BillingException[]>;
  credits: ChunkCredits;
}

/** One account's outcome in a chunk, in account order. */
type Outcome =
  | { kind: 'BLOCKED'; account: Account; computation: Extract<InvoiceComputation, { outcome: 'BLOCKED' }> }
  | {
      kind: 'INVOICE';
      account: Account;
      reads: UsageRead[];
      computation: ComputedInvoice;
      /** The account's pending credits this invoice took. */
      credits: CreditUse[];
      failures: ThresholdFailure[];
      rules: BillingRules;
      invoice?: Invoice;
    };

/** The embedded database's driver handle, for reading a large result row by row. */
interface SqliteHandle {
  prepare(sql: string): { iterate(...params: unknown[]): IterableIterator<unknown> };
}

interface ClaimedChunk {
  id: string;
  runId: string;
  accountIds: string[];
}

const marks = (n: number): string => Array<string>(n).fill('?').join(', ');

function isRetryable(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || code === 'SQLITE_BUSY';
}

/**
 * Bill runs: every ACTIVE account's unbilled reads with periodEnd <= asOf on
 * one invoice. A run is cut into chunks of accounts when it starts, recorded
 * as rows; every hub process claims PENDING chunks (FOR UPDATE SKIP LOCKED on
 * MySQL) and bills each in one transaction that also marks it DONE, so a chunk
 * is billed once, a crashed worker's chunk is claimed again, and several
 * processes share a large run. One account's failure is recorded and never
 * stops the run; reads are marked billed with a conditional UPDATE and each
 * invoice carries a unique billing key, so two runs at once never bill a read
 * twice.
 */
export class BillRunService {
  private readonly workers = new Set<Promise<void>>();
  /** Woken when a chunk of any run finishes (here or, through the PubSub, elsewhere). */
  private readonly waiters = new Set<() => void>();
  private readonly parallelism: number;
  /** Accounts per chunk of the runs this process plans. */
  chunkSize = BILL_RUN_CHUNK;
  /** Who billed a chunk, as recorded on it: this process among a deployment's. */
  private readonly workerId = `${hostname().slice(0, 40)}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private rekick = false;
  private shared = false;
  /** Runs started here and not finished yet. */
  private readonly started = new Set<string>();
  private stopping = false;
  private poller: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly db: Database,
    private readonly pubsub: HubPubSub,
    private readonly rules: BillingRulesService,
    private readonly exceptions: BillingExceptionService,
    private readonly workQueues: WorkQueueService,
    private readonly pendingCredits: PendingCreditService,
    private readonly issuing: InvoiceIssuing,
    private readonly log: Logger,
  ) {
    // MySQL bills three chunks at once per process: while some wait on the database another computes. Five were
    // measured too: a 100,000-account run was about 7 % faster alone, but two processes then slowed each other down.
    // The embedded database has one connection, so there a second worker would only queue.
    this.parallelism = db.dialect === 'mysql' ? 3 : 1;
  }

  async find(id: string): Promise<BillRun | null> {
    const run = await this.db.manager.getRepository(BillRun).findOneBy({ id: parseId(id, 'Bill run') });
    return run ? (await this.withLiveCounters([run]))[0] : null;
  }

  async byIds(ids: readonly string[]): Promise<BillRun[]> {
    return this.withLiveCounters(await this.db.manager.getRepository(BillRun).findBy({ id: In([...ids]) }));
  }

  /** A RUNNING run's counters are the sums of its finished chunks' (frozen into the run when it ends). */
  private async withLiveCounters(runs: BillRun[]): Promise<BillRun[]> {
    const running = runs.filter((r) => r.status === BillRunStatus.RUNNING);
    if (running.length === 0) return runs;
    const sums = await this.chunkSums(
      this.db.manager,
      running.map((r) => r.id),
    );
    for (const run of running) {
      const sum = sums.get(run.id);
      // While the plan is being written, the accounts considered so far are those of the chunks written.
      Object.assign(run, sum?.counters ?? runCounters(noCounters()), {
        accountsConsidered: Math.max(run.accountsConsidered, sum?.accounts ?? 0),
      });
    }
    return runs;
  }

  private async chunkSums(
    em: EntityManager,
    runIds: string[],
  ): Promise<Map<string, { counters: ReturnType<typeof runCounters>; accounts: number }>> {
    const rows = (await em
      .getRepository(BillRunChunk)
      .createQueryBuilder('c')
      .select('c.run_id', 'runId')
      .addSelect('SUM(c.processed)', 'processed')
      .addSelect('SUM(c.issued)', 'issued')
      .addSelect('SUM(c.held)', 'held')
      .addSelect('SUM(c.blocked)', 'blocked')
      .addSelect('SUM(c.failed)', 'failed')
      .addSelect('SUM(c.accounts)', 'accounts')
      .where('c.run_id IN (:...runIds)', { runIds })
      .groupBy('c.run_id')
      .getRawMany()) as Array<Record<keyof Counters | 'runId' | 'accounts', string | number | null>>;
    return new Map(
      rows.map((r) => [
        String(r.runId),
        {
          counters: runCounters({
            processed: Number(r.processed ?? 0),
            issued: Number(r.issued ?? 0),
            held: Number(r.held ?? 0),
            blocked: Number(r.blocked ?? 0),
            failed: Number(r.failed ?? 0),
          }),
          accounts: Number(r.accounts ?? 0),
        },
      ]),
    );
  }

  /**
   * With `shared` (processes share the database and a Redis PubSub), makes
   * this process a worker for runs started anywhere: it joins a run when its
   * progress is announced, polls every CLAIM_POLL_MS in case a message was
   * missed, and so also takes over the chunks of a process that died. Alone,
   * a process bills the runs it starts, and at start the runs it left
   * RUNNING when it was killed (see resumeOrphanedRuns).
   */
  async startWorker(opts: { shared: boolean }): Promise<void> {
    this.shared = opts.shared;
    this.unsubscribe = await this.pubsub.subscribe(Topic.RUN_PROGRESS, (p) => {
      if (p.kind !== 'BILL_RUN') return;
      this.wake();
      if (this.shared) this.kick();
    });
    if (!this.shared) {
      await this.resumeOrphanedRuns();
      return;
    }
    this.poller = setInterval(() => this.kick(), CLAIM_POLL_MS);
    this.poller.unref();
    this.kick();
  }

  /**
   * Starts a run; with wait it answers when the run has finished, else once
   * its chunks are planned while the billing goes on. Chunks are billed as
   * soon as they are written, while the rest of the plan is still being made.
   */
  async start(actor: Principal, asOf: string, wait: boolean): Promise<BillRun> {
    await this.failStaleRuns();
    const run = await this.db.transaction(async (tx) => {
      const now = new Date();
      const created = await tx.em.getRepository(BillRun).save(
        Object.assign(new BillRun(), {
          asOf,
          status: BillRunStatus.RUNNING,
          accountsConsidered: 0,
          accountsProcessed: 0,
          invoicesIssued: 0,
          invoicesHeld: 0,
          accountsBlocked: 0,
          accountsFailed: 0,
          startedAt: now,
          finishedAt: null,
          heartbeatAt: now,
        }),
      );
      // The plan itself, as a chunk no worker claims: the run cannot complete before it is closed.
      await insertChunked(tx.em, BillRunChunk, [
        Object.assign(new BillRunChunk(), {
          runId: created.id,
          position: -1,
          accounts: 0,
          accountIds: '',
          status: BillRunChunkStatus.PLANNING,
          ...noCounters(),
          finishedAt: null,
        }),
      ]);
      return created;
    });
    this.started.add(run.id);
    try {
      run.accountsConsidered = await this.planChunks(run.id, asOf);
    } catch (error) {
      await this.giveUp([run.id]).catch((e: unknown) => this.log.error(`bill run ${run.id} could not be marked FAILED`, e));
      throw error;
    }
    await this.db.transaction(async (tx) => {
      await tx.em.getRepository(BillRun).update({ id: run.id }, { accountsConsidered: run.accountsConsidered });
      await tx.em
        .getRepository(BillRunChunk)
        .update({ runId: run.id, status: BillRunChunkStatus.PLANNING }, { status: BillRunChunkStatus.DONE, finishedAt: new Date() });
      tx.audit({
        actor: actor.name,
        action: 'runBilling',
        subjectType: 'BillRun',
        subjectId: run.id,
        after: { asOf, accountsConsidered: run.accountsConsidered },
      });
    });
    // With no accounts, or every chunk billed while the plan was made, the run is complete now.
    await this.completeIfDone(run.id);
    if (wait) await this.untilFinished(run.id);
    return (await this.find(run.id)) ?? run;
  }

  /**
   * Stops claiming chunks and lets those in flight finish. Shared, the other
   * processes go on with the runs; alone, the runs this process started are
   * marked FAILED, and a new run finishes their work.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.wake();
    await Promise.all([...this.workers]);
    if (!this.shared && this.started.size > 0) {
      await this.giveUp([...this.started]).catch((error: unknown) => this.log.error('bill runs could not be marked FAILED', error));
    }
  }

  /** The run's counters as it progresses: now, after every chunk, and a last time when it ends. */
  async progress(id: string): Promise<AsyncIterableIterator<BillRun>> {
    parseId(id, 'Bill run');
    let unsubscribe: () => void = () => undefined;
    const out = new Channel<BillRun>(() => unsubscribe());
    let chain: Promise<void> = Promise.resolve();
    const push = () => {
      chain = chain
        .then(async () => {
          const run = await this.find(id);
          if (!run || out.isClosed) return;
          out.push(run);
          if (run.status !== BillRunStatus.RUNNING) await out.return();
        })
        .catch((error: unknown) => out.fail(error));
    };
    unsubscribe = await this.pubsub.subscribe(Topic.RUN_PROGRESS, (p) => {
      if (p.kind === 'BILL_RUN' && p.runId === id) push();
    });
    if (!(await this.find(id))) {
      unsubscribe();
      throw notFound(`Bill run ${id}`);
    }
    push();
    return out;
  }

  // ------------------------------------------------------------------ planning

  /**
   * Writes the run's chunks: the pending accounts in id order, chunkSize
   * at a time, waking the workers as each batch of chunks is written. Returns
   * how many accounts. The ids are read in one pass (streamed on MySQL), so
   * memory stays flat whatever the number of accounts.
   */
  private async planChunks(runId: string, asOf: string): Promise<number> {
    const sql = `SELECT DISTINCT r.account_id AS accountId FROM usage_read r JOIN account a ON a.id = r.account_id
      WHERE r.invoice_id IS NULL AND r.period_end <= ? AND a.status = ? ORDER BY r.account_id`;
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
          if (current.length === this.chunkSize) {
            chunks.push(current.join(','));
            current = [];
          }
        }
        if (current.length > 0) chunks.push(current.join(','));
        for (let i = 0; i < chunks.length; i += CHUNK_ROWS_PER_INSERT) {
          await insertChunked(tx.em, BillRunChunk, chunks.slice(i, i + CHUNK_ROWS_PER_INSERT).map(chunkOf));
        }
      });
      this.kick();
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
        this.kick();
        // Other processes join in as soon as there is work.
        this.announceProgress(runId);
      };
      for await (const row of stream as AsyncIterable<{ accountId: string | number }>) {
        current.push(String(row.accountId));
        if (current.length === this.chunkSize) {
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

  /**
   * Alone on its database, no other process can be billing the RUNNING runs
   * found at start: they were left by this process when it was killed. One
   * whose plan was written is billed on from its PENDING chunks (the chunk in
   * flight at the kill rolled back, so each chunk is still billed once); one
   * whose plan was cut off is given up, and a new run bills its accounts.
   */
  private async resumeOrphanedRuns(): Promise<void> {
    const orphaned = (
      await this.db.manager.getRepository(BillRun).find({ where: { status: BillRunStatus.RUNNING }, select: { id: true } })
    ).map((r) => r.id);
    if (orphaned.length === 0) return;
    const planning = await this.db.manager
      .getRepository(BillRunChunk)
      .find({ where: { runId: In(orphaned), status: BillRunChunkStatus.PLANNING }, select: { runId: true } });
    const cutOff = new Set(planning.map((c) => c.runId));
    if (cutOff.size > 0) await this.giveUp([...cutOff]);
    for (const id of orphaned) if (!cutOff.has(id)) this.started.add(id);
    this.log.info(`bill runs left running by a stopped process: resumed ${orphaned.length - cutOff.size}, given up ${cutOff.size}`);
    this.kick();
  }

  /** Marks runs FAILED with the counters of the chunks they billed; their chunks not yet billed are cancelled. */
  private async giveUp(ids: string[]): Promise<void> {
    for (const id of ids) this.started.delete(id);
    await this.db.transaction(async (tx) => {
      await tx.em
        .getRepository(BillRunChunk)
        .update(
          { runId: In(ids), status: In([BillRunChunkStatus.PENDING, BillRunChunkStatus.PLANNING]) },
          { status: BillRunChunkStatus.CANCELLED },
        );
      const sums = await this.chunkSums(tx.em, ids);
      for (const id of ids) {
        await tx.em
          .getRepository(BillRun)
          .update(
            { id, status: BillRunStatus.RUNNING },
            { status: BillRunStatus.FAILED, finishedAt: new Date(), ...(sums.get(id)?.counters ?? runCounters(noCounters())) },
          );
      }
    });
  }

  /** RUNNING runs on which no chunk has finished for STALE_RUN_MS: no process is left working on them. */
  private async failStaleRuns(): Promise<void> {
    const cutoff = new Date(Date.now() - STALE_RUN_MS);
    const stale = await this.db.manager
      .getRepository(BillRun)
      .createQueryBuilder('r')
      .where('r.status = :running', { running: BillRunStatus.RUNNING })
      .andWhere('r.heartbeat_at < :cutoff', { cutoff })
      .andWhere('NOT EXISTS (SELECT 1 FROM bill_run_chunk c WHERE c.run_id = r.id AND c.finished_at >= :cutoff)')
      .getMany();
    // Their accounts go to the run being started instead.
    if (stale.length > 0) await this.giveUp(stale.map((r) => r.id));
  }

  // ------------------------------------------------------------------ workers

  /** Starts workers up to this process's parallelism; a worker that finds nothing to claim ends. */
  private kick(): void {
    if (this.stopping) return;
    this.rekick = true;
    while (this.workers.size < this.parallelism) {
      const worker: Promise<void> = this.work().finally(() => this.workers.delete(worker));
      this.workers.add(worker);
    }
  }

  /**
   * Bills chunks while there are any. A run is checked for completion (no
   * chunk left: of several workers finishing at once, one completes it) when
   * the worker moves on to another run's chunks and when its streak ends,
   * however it ends, rather than after every chunk: that spares a count per
   * chunk. The runs this process started are checked too, so one whose last
   * chunk was billed by a worker that then failed is still completed.
   */
  private async work(): Promise<void> {
    // The run of the chunk this worker billed last; null before its first and after a claim found none.
    let current: string | null = null;
    try {
      while (!this.stopping) {
        this.rekick = false;
        const runId = await this.billNextChunk(current !== null);
        if (current && runId !== current) await this.completeIfDone(current);
        current = runId;
        if (runId) continue;
        for (const id of [...this.started]) await this.completeIfDone(id);
        if (!this.rekick) return;
      }
    } catch (error) {
      // The chunk stays PENDING; the next poll tries again.
      this.log.error('bill run worker failed', error);
    } finally {
      if (current) await this.completeIfDone(current).catch((error: unknown) => this.log.error('bill run completion check failed', error));
    }
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private async untilFinished(runId: string): Promise<void> {
    for (;;) {
      const run = await this.db.manager.getRepository(BillRun).findOneBy({ id: runId });
      if (!run || run.status !== BillRunStatus.RUNNING || this.stopping) return;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, 1_000);
        this.waiters.add(done);
      });
    }
  }

  /**
   * Claims the oldest PENDING chunk (or the given one) for the transaction:
   * of any run when shared, else of the runs this process started.
   * SKIP LOCKED: a chunk another worker holds is passed over, not waited for.
   * The embedded database runs one transaction at a time, so there the plain
   * SELECT is already exclusive.
   */
  private async claim(em: EntityManager, chunkId?: string): Promise<ClaimedChunk | null> {
    const lock = this.db.dialect === 'mysql' ? ' FOR UPDATE SKIP LOCKED' : '';
    const where = ['status = ?'];
    const params: string[] = [BillRunChunkStatus.PENDING];
    if (chunkId) {
      where.push('id = ?');
      params.push(chunkId);
    } else if (!this.shared) {
      if (this.started.size === 0) return null;
      where.push(`run_id IN (${marks(this.started.size)})`);
      params.push(...this.started);
    }
    const rows = (await em.query(
      `SELECT id, run_id AS runId, account_ids AS accountIds FROM bill_run_chunk WHERE ${where.join(' AND ')} ORDER BY id LIMIT 1${lock}`,
      params,
    )) as Array<{ id: string | number; runId: string | number; accountIds: string }>;
    const row = rows[0];
    if (!row) return null;
    return { id: String(row.id), runId: String(row.runId), accountIds: row.accountIds.split(',').filter((s) => s !== '') };
  }

  /**
   * Bills one chunk of any run; returns its run's id, or null when there was
   * none to claim. `streak`: the last call billed one, so there are likely more.
   */
  private async billNextChunk(streak: boolean): Promise<string | null> {
    if (!this.shared && this.started.size === 0) return null;
    // A plain read first, so an idle process's polls cost no transaction.
    if (!streak && !(await this.db.manager.getRepository(BillRunChunk).exists({ where: { status: BillRunChunkStatus.PENDING } })))
      return null;
    const rulesFor = await this.rules.resolver();
    const state: { chunk: ClaimedChunk | null } = { chunk: null };
    try {
      await this.db.transaction(async (tx) => {
        const chunk = await this.claim(tx.em);
        state.chunk = chunk;
        if (!chunk) return;
        const run = await tx.em.getRepository(BillRun).findOneBy({ id: chunk.runId });
        if (!run || run.status !== BillRunStatus.RUNNING) {
          await this.closeChunk(tx.em, chunk.id, BillRunChunkStatus.CANCELLED);
          return;
        }
        const counters = await this.billAccounts(tx, run, chunk.accountIds, rulesFor);
        await this.closeChunk(tx.em, chunk.id, BillRunChunkStatus.DONE, counters);
      });
    } catch (error) {
      if (!state.chunk) throw error;
      this.log.error(`bill run ${state.chunk.runId}: chunk ${state.chunk.id} failed as a whole; billing its accounts one by one`, error);
      await this.billOneByOne(state.chunk.id, rulesFor);
    }
    const chunk = state.chunk as ClaimedChunk | null;
    if (!chunk) return null;
    this.announceProgress(chunk.runId);
    this.wake();
    return chunk.runId;
  }

  /**
   * A chunk whose batch failed, again, one account at a time, each in a
   * savepoint: only the account at fault is left out (counted as failed; its
   * reads stay unbilled for the next run), and the chunk is still closed in
   * one transaction, so it is billed once.
   */
  private async billOneByOne(chunkId: string, rulesFor: (segment: string) => BillingRules): Promise<void> {
    await this.db.transaction(async (tx) => {
      const chunk = await this.claim(tx.em, chunkId);
      if (!chunk) return;
      const run = await tx.em.getRepository(BillRun).findOneBy({ id: chunk.runId });
      if (!run || run.status !== BillRunStatus.RUNNING) {
        await this.closeChunk(tx.em, chunk.id, BillRunChunkStatus.CANCELLED);
        return;
      }
      const total = { ...noCounters(), processed: chunk.accountIds.length };
      for (const accountId of chunk.accountIds) {
        try {
          const c = await inSavepoint(tx, (sub) => this.billAccounts(sub, run, [accountId], rulesFor));
          total.issued += c.issued;
          total.held += c.held;
          total.blocked += c.blocked;
        } catch (error) {
          // A deadlock undoes the whole transaction, savepoints included: retry it all.
          if (isRetryable(error)) throw error;
          this.log.error(`bill run ${run.id}: account ${accountId} could not be billed`, error);
          total.failed++;
        }
      }
      await this.closeChunk(tx.em, chunk.id, BillRunChunkStatus.DONE, total);
    });
  }

  /** Closes a claimed chunk with what it billed. The run's row is not written: concurrent chunks would queue on it. */
  private async closeChunk(em: EntityManager, chunkId: string, status: BillRunChunkStatus, counters = noCounters()): Promise<void> {
    const result = await em
      .getRepository(BillRunChunk)
      .update(
        { id: chunkId, status: BillRunChunkStatus.PENDING },
        { status, finishedAt: new Date(), billedBy: this.workerId, ...counters },
      );
    if (result.affected !== 1) throw new Error(`chunk ${chunkId} was closed by another worker`);
  }

  /** Completes the run once no chunk is left; of several workers finishing at once, one completes it. */
  private async completeIfDone(runId: string): Promise<void> {
    const left = await this.db.manager
      .getRepository(BillRunChunk)
      .countBy({ runId, status: In([BillRunChunkStatus.PENDING, BillRunChunkStatus.PLANNING]) });
    if (left > 0) return;
    const completed = await this.db.transaction(async (tx) => {
      const now = new Date();
      // Every chunk is closed: their sums are final.
      const counters = (await this.chunkSums(tx.em, [runId])).get(runId)?.counters ?? runCounters(noCounters());
      const result = await tx.em
        .getRepository(BillRun)
        .update(
          { id: runId, status: BillRunStatus.RUNNING },
          { status: BillRunStatus.COMPLETED, finishedAt: now, heartbeatAt: now, ...counters },
        );
      if (result.affected !== 1) return false;
      const done = await tx.em.getRepository(BillRun).findOneByOrFail({ id: runId });
      tx.emit({
        type: EventType.BILL_RUN_COMPLETED,
        subjectId: runId,
        payload: {
          asOf: done.asOf,
          accountsConsidered: done.accountsConsidered,
          accountsProcessed: done.accountsProcessed,
          invoicesIssued: done.invoicesIssued,
          invoicesHeld: done.invoicesHeld,
          accountsBlocked: done.accountsBlocked,
          accountsFailed: done.accountsFailed,
        },
      });
      return true;
    });
    // Completed here or elsewhere, or failed: either way no longer this process's to finish.
    this.started.delete(runId);
    if (completed) {
      this.announceProgress(runId);
      this.wake();
    }
  }

  private announceProgress(runId: string): void {
    this.pubsub
      .publish(Topic.RUN_PROGRESS, { kind: 'BILL_RUN', runId })
      .catch((error: unknown) => this.log.error('progress publish failed', error));
  }

  // ------------------------------------------------------------------ billing

  /**
   * Bills the accounts in tx with a fixed number of set-based statements:
   * compute every invoice in memory, then one multi-row INSERT of the
   * invoices, their lines, one UPDATE marking all the reads billed (checking
   * the count) and one for the enrollments' first invoice. Exceptions, which
   * are rare, are raised account by account.
   */
  private async billAccounts(tx: Tx, run: BillRun, ids: string[], rulesFor: (segment: string) => BillingRules): Promise<Counters> {
    const counters: Counters = { ...noCounters(), processed: ids.length };
    const data = await this.load(tx.em, ids, run.asOf);
    const outcomes: Outcome[] = [];
    for (const [accountId, reads] of data.reads) {
      const account = data.accounts.get(accountId);
      if (!account || reads.length === 0) continue;
      const enrollments = data.enrollments.get(accountId) ?? [];
      const priced = computeInvoice({
        reads: reads.map((r) => ({ id: r.id, periodStart: r.periodStart, periodEnd: r.periodEnd, quantity: r.quantity })),
        enrollments: enrollments.map((e) => this.enrollmentInput(e, data)),
        products: [...new Set(enrollments.map((e) => e.productId))]
          .map((id) => data.products.get(id))
          .filter((p): p is ProductInput => !!p),
      });
      if (priced.outcome === 'BLOCKED') {
        outcomes.push({ kind: 'BLOCKED', account, computation: priced });
        continue;
      }
      // Credits carried forward from earlier invoices go on after the invoice's own, before the threshold tests.
      const { invoice: computation, uses } = applyCarriedCredits(priced, data.credits.pending.get(accountId) ?? []);
      const rules = rulesFor(account.segment);
      const failures = runThresholdTests(computation, rules, data.history.get(accountId) ?? []);
      outcomes.push({ kind: 'INVOICE', account, reads, computation, credits: uses, failures, rules });
    }
    const invoiced = outcomes.filter((o): o is Extract<Outcome, { kind: 'INVOICE' }> => o.kind === 'INVOICE');
    await this.storeInvoices(tx, run, invoiced, data);
    const known = await this.knownCriticalKeys(tx.em, outcomes);

    const issued: IssuedInvoice[] = [];
    for (const outcome of outcomes) {
      const { account } = outcome;
      if (outcome.kind === 'BLOCKED') {
        const { computation } = outcome;
        for (const problem of computation.problems) {
          const dedupeKey = `${account.id}:${problem.code}:${computation.periodStart}:${computation.periodEnd}`;
          if (known.has(dedupeKey)) continue;
          await this.exceptions.raiseCritical(tx, {
            account,
            code: problem.code as ExceptionCode,
            message: problem.message,
            dedupeKey,
            billRunId: run.id,
            periodStart: computation.periodStart,
            periodEnd: computation.periodEnd,
          });
        }
        counters.blocked++;
        continue;
      }
      const invoice = outcome.invoice as Invoice;
      const { failures, computation } = outcome;
      await this.exceptions.resolve(
        tx,
        data.openCritical.get(account.id) ?? [],
        account,
        `Billed on invoice ${invoiceNumber(invoice.id)}`,
        'system',
        invoice.id,
      );
      if (failures.length > 0) {
        await this.hold(tx, run, account, invoice, failures);
        counters.held++;
      } else {
        tx.emit(invoiceIssuedEvent(invoice, account.number));
        issued.push({ invoice, account });
        counters.issued++;
      }
      for (const earned of computation.earned) {
        tx.emit({
          type: EventType.INCENTIVE_EARNED,
          subjectId: earned.incentiveId,
          accountNumber: account.number,
          payload: {
            invoiceId: invoice.id,
            enrollmentId: earned.enrollmentId,
            kind: earned.kind,
            description: earned.description,
            value: formatMoney(earned.value),
          },
        });
      }
    }
    await this.issuing.invoicesIssued(tx, issued);
    return counters;
  }

  /** A held invoice: one THRESHOLD exception per failed test and one work item in INVOICE_REVIEW. */
  private async hold(tx: Tx, run: BillRun, account: Account, invoice: Invoice, failures: ThresholdFailure[]): Promise<void> {
    const raised: BillingException[] = [];
    for (const failure of failures) {
      raised.push(
        await this.exceptions.raise(tx, {
          account,
          code: failure.code as ExceptionCode,
          severity: ExceptionSeverity.THRESHOLD,
          message: failure.message,
          dedupeKey: `${invoice.id}:${failure.code}`,
          invoiceId: invoice.id,
          billRunId: run.id,
          periodStart: invoice.periodStart,
          periodEnd: invoice.periodEnd,
        }),
      );
    }
    const item = await this.workQueues.createItem(tx, {
      queueKey: INVOICE_REVIEW_QUEUE,
      kind: 'HELD_INVOICE',
      title:
        `${account.number} ${account.name}: invoice ${invoiceNumber(invoice.id)} held (${failures.map((f) => f.code).join(', ')})`.slice(
          0,
          255,
        ),
      priority: 3,
      accountId: account.id,
      invoiceId: invoice.id,
      exceptionId: raised[0].id,
      accountNumber: account.number,
    });
    await tx.em.getRepository(BillingException).update({ id: In(raised.map((x) => x.id)) }, { workItemId: item.id });
    tx.emit({
      type: EventType.INVOICE_HELD,
      subjectId: invoice.id,
      accountNumber: account.number,
      payload: { number: invoiceNumber(invoice.id), total: formatMoney(invoice.total), exceptions: failures.map((f) => f.code) },
    });
  }

  /** Dedupe keys of critical exceptions already raised for the blocked accounts' periods: a re-run does not raise them again. */
  private async knownCriticalKeys(em: EntityManager, outcomes: Outcome[]): Promise<Set<string>> {
    const keys: string[] = [];
    for (const o of outcomes) {
      if (o.kind !== 'BLOCKED') continue;
      for (const p of o.computation.problems)
        keys.push(`${o.account.id}:${p.code}:${o.computation.periodStart}:${o.computation.periodEnd}`);
    }
    if (keys.length === 0) return new Set();
    const rows = await em.getRepository(BillingException).find({ select: { dedupeKey: true }, where: { dedupeKey: In(keys) } });
    return new Set(rows.map((r) => r.dedupeKey));
  }

  /**
   * Stores the chunk's invoices with their lines and marks their reads billed,
   * in a fixed handful of statements. The invoices' ids come back through their
   * unique billing keys, which works whatever the auto-increment settings.
   */
  private async storeInvoices(
    tx: Tx,
    run: BillRun,
    outcomes: Array<Extract<Outcome, { kind: 'INVOICE' }>>,
    data: ChunkData,
  ): Promise<void> {
    if (outcomes.length === 0) return;
    const now = new Date();
    const invoices = outcomes.map(({ account, reads, computation, failures, rules }) => {
      const held = failures.length > 0;
      return Object.assign(new Invoice(), {
        accountId: account.id,
        billRunId: run.id,
        kind: InvoiceKind.USAGE,
        // The first read identifies the reads billed: a second run over them collides on this key.
        billingKey: `usage:${account.id}:${reads[0].id}`,
        periodStart: computation.periodStart,
        periodEnd: computation.periodEnd,
        issueDate: held ? null : run.asOf,
        dueDate: held ? null : addDays(run.asOf, rules.paymentTermsDays),
        status: held ? InvoiceStatus.HELD : InvoiceStatus.ISSUED,
        total: computation.total,
        amountPaid: 0,
        quantity: computation.quantity,
        days: computation.days,
        createdAt: now,
        updatedAt: now,
      });
    });
    await insertChunked(tx.em, Invoice, invoices);
    const stored = (await tx.em.getRepository(Invoice).find({
      select: { id: true, billingKey: true },
      where: { billingKey: In(invoices.map((i) => i.billingKey as string)) },
    })) as Array<Pick<Invoice, 'id' | 'billingKey'>>;
    const idByKey = new Map(stored.map((i) => [i.billingKey, i.id]));
    outcomes.forEach((outcome, i) => {
      const id = idByKey.get(invoices[i].billingKey);
      if (!id) throw new Error(`invoice ${invoices[i].billingKey} was not stored`);
      invoices[i].id = id;
      outcome.invoice = invoices[i];
    });

    const lines: InvoiceLine[] = [];
    outcomes.forEach(({ computation }, i) =>
      computation.lines.forEach((line, position) =>
        lines.push(
          Object.assign(new InvoiceLine(), {
            invoiceId: invoices[i].id,
            position,
            kind: line.kind as InvoiceLineKind,
            description: line.description.slice(0, 255),
            quantity: line.quantity,
            unitPrice: line.unitPrice,
            amount: line.amount,
            periodStart: line.periodStart,
            periodEnd: line.periodEnd,
          }),
        ),
      ),
    );
    await insertChunked(tx.em, InvoiceLine, lines, LINE_ROWS_PER_INSERT);

    // Every read of the chunk in one conditional UPDATE: a count short of the reads means another run billed some meanwhile.
    // Each account has one invoice in this run (the one just inserted), found by the account's index.
    const readIds = outcomes.flatMap(({ reads }) => reads.map((r) => r.id));
    const marked = await this.execute(
      tx.em,
      `UPDATE usage_read SET invoice_id = (${RUN_INVOICE_OF('usage_read')})
       WHERE id IN (${marks(readIds.length)}) AND +invoice_id IS NULL`,
      [run.id, ...readIds],
    );
    if (marked !== readIds.length) throw new Error(`reads of run ${run.id}'s chunk were billed by another run meanwhile`);

    // Enrollments that have had their first invoice now, so their first-invoice credits apply once.
    const firsts = new Set<string>();
    for (const { account, computation } of outcomes) {
      const open = new Set((data.enrollments.get(account.id) ?? []).filter((e) => e.firstInvoiceId === null).map((e) => e.id));
      for (const id of computation.enrollmentIds) if (open.has(id)) firsts.add(id);
    }
    if (firsts.size > 0) {
      await this.execute(
        tx.em,
        `UPDATE enrollment SET first_invoice_id = (${RUN_INVOICE_OF('enrollment')})
         WHERE id IN (${marks(firsts.size)}) AND first_invoice_id IS NULL`,
        [run.id, ...firsts],
      );
    }

    await this.pendingCredits.store(
      tx,
      outcomes.map(({ account, computation, credits }, i) => ({
        accountId: account.id,
        invoiceId: invoices[i].id,
        uses: credits,
        carryForward: computation.carryForward,
      })),
      data.enrollments,
      data.credits,
    );
  }

  /**
   * A set-based statement in the chunk's transaction; returns the rows it
   * changed. Ids are bound as integers (on SQLite a JS number or string would
   * bind as REAL or TEXT), and bound rather than written into the SQL, so the
   * embedded database compiles one statement per shape instead of one per chunk.
   */
  private async execute(em: EntityManager, sql: string, ids: string[]): Promise<number> {
    if (!em.queryRunner) throw new Error('set-based billing statements run inside the chunk transaction');
    const params = ids.map((id) => {
      if (!/^\d{1,16}$/.test(id)) throw new Error(`not an id: ${id.slice(0, 20)}`);
      return this.db.dialect === 'sqlite' ? BigInt(id) : id;
    });
    return (await runWrite(em, sql, params)).affected;
  }

  private enrollmentInput(e: Enrollment, data: ChunkData): EnrollmentInput {
    const promo = e.promoCodeId ? data.promos.get(e.promoCodeId) : undefined;
    return {
      id: e.id,
      productId: e.productId,
      startDate: e.startDate,
      endDate: e.endDate,
      firstInvoice: e.firstInvoiceId === null,
      carried: data.credits.carried.get(e.id),
      promo: promo
        ? { code: promo.code, percentOff: promo.percentOff, amountOff: promo.amountOff, validFrom: promo.validFrom, validTo: promo.validTo }
        : null,
    };
  }

  /** Everything a chunk needs, in a fixed handful of statements whatever its size. */
  private async load(em: EntityManager, ids: string[], asOf: string): Promise<ChunkData> {
    // The accounts are locked as they are read (in id order), so a concurrent run or import on them waits and then
    // sees what it committed. The embedded database runs one transaction at a time: there is nothing to lock.
    const query = em
      .getRepository(Account)
      .createQueryBuilder('a')
      .where('a.id IN (:...ids)', { ids })
      .andWhere('a.status = :active', { active: AccountStatus.ACTIVE })
      .orderBy('a.id', 'ASC');
    if (this.db.dialect === 'mysql') query.setLock('pessimistic_write');
    const accounts = await query.getMany();
    const activeIds = accounts.map((a) => a.id);
    if (activeIds.length === 0) {
      return {
        accounts: new Map(),
        reads: new Map(),
        enrollments: new Map(),
        products: new Map(),
        promos: new Map(),
        history: new Map(),
        openCritical: new Map(),
        credits: await this.pendingCredits.load(em, [], []),
      };
    }
    const reads = await em
      .getRepository(UsageRead)
      .createQueryBuilder('r')
      .where('r.account_id IN (:...activeIds)', { activeIds })
      // Unary plus: SQLite's planner would otherwise walk every unbilled read rather than these accounts' (a no-op for MySQL).
      .andWhere('+r.invoice_id IS NULL')
      .andWhere('r.period_end <= :asOf', { asOf })
      .orderBy('r.account_id', 'ASC')
      .addOrderBy('r.period_start', 'ASC')
      .getMany();
    const enrollments = await em.getRepository(Enrollment).find({ where: { accountId: In(activeIds) }, order: { startDate: 'ASC' } });
    const productIds = [...new Set(enrollments.map((e) => e.productId))];
    const promoIds = enrollments.map((e) => e.promoCodeId).filter((id): id is string => id !== null);
    const [products, rates, incentives, promos] = productIds.length
      ? [
          await em.getRepository(Product).findBy({ id: In(productIds) }),
          await em.getRepository(Rate).find({ where: { productId: In(productIds) }, order: { effectiveFrom: 'ASC' } }),
          await em.getRepository(Incentive).find({ where: { productId: In(productIds) }, order: { id: 'ASC' } }),
          promoIds.length ? await em.getRepository(PromoCode).findBy({ id: In(promoIds) }) : [],
        ]
      : [[], [], [], []];
    const ratesByProduct = groupInto(rates, (r) => r.productId);
    const incentivesByProduct = groupInto(incentives, (i) => i.productId);
    const openCritical = await em.getRepository(BillingException).findBy({
      accountId: In(activeIds),
      severity: ExceptionSeverity.CRITICAL,
      status: ExceptionStatus.OPEN,
    });
    return {
      accounts: new Map(accounts.map((a) => [a.id, a])),
      reads: groupInto(reads, (r) => r.accountId),
      enrollments: groupInto(enrollments, (e) => e.accountId),
      products: new Map(
        products.map((p) => [
          p.id,
          {
            id: p.id,
            code: p.code,
            name: p.name,
            unit: p.unit,
            fixedCharge: p.fixedCharge,
            rates: (ratesByProduct.get(p.id) ?? []).map((r) => ({
              effectiveFrom: r.effectiveFrom,
              effectiveTo: r.effectiveTo,
              unitPrice: r.unitPrice,
            })),
            incentives: (incentivesByProduct.get(p.id) ?? []).map((i) => ({
              id: i.id,
              kind: i.kind,
              description: i.description,
              value: i.value,
            })),
          },
        ]),
      ),
      promos: new Map(promos.map((p) => [p.id, p])),
      history: await this.history(em, activeIds),
      openCritical: groupInto(openCritical, (x) => x.accountId),
      credits: await this.pendingCredits.load(em, activeIds, enrollments),
    };
  }

  /**
   * The last three non-void usage invoices of each account, newest first,
   * whatever the length of its history: the window function keeps the rest
   * in the database.
   */
  private async history(em: EntityManager, accountIds: string[]): Promise<Map<string, PastInvoice[]>> {
    const rows = (await em.query(
      `SELECT account_id AS accountId, total, quantity, days FROM (
         SELECT account_id, total, quantity, days,
                ROW_NUMBER() OVER (PARTITION BY account_id ORDER BY period_end DESC, id DESC) AS n
         FROM invoice
         WHERE account_id IN (${marks(accountIds.length)}) AND kind = ? AND status <> ?
       ) recent WHERE n <= ${HISTORY_INVOICES} ORDER BY account_id, n`,
      [...accountIds, InvoiceKind.USAGE, InvoiceStatus.VOID],
    )) as Array<{ accountId: string | number; total: string | number; quantity: string | number; days: string | number }>;
    const history = new Map<string, PastInvoice[]>();
    for (const r of rows) {
      const key = String(r.accountId);
      const past = { total: Number(r.total), quantity: Number(r.quantity), days: Number(r.days) };
      const list = history.get(key);
      if (list) list.push(past);
      else history.set(key, [past]);
    }
    return history;
  }
}
