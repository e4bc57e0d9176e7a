import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { In, type EntityManager } from 'typeorm';
import type { Logger } from '../../../common/logger';
import { inSavepoint, type Database } from '../../../db/database';
import { isRetryable } from '../../../db/errors';
import { EventType } from '../../../events/event-types';
import { Topic, type HubPubSub } from '../../../events/pubsub';
import { BillRunChunk, BillRunChunkStatus } from '../bill-run-chunk.entity';
import { BillRun, BillRunStatus, type BillingRules } from '../billing.entity';
import type { BillingRulesService } from '../billing-rules.service';
import type { ChunkBiller } from './bill-chunk';
import { chunkSums, noCounters, runCounters } from './run-counters';
import { marks } from './sql';

/** How often an idle process looks for chunks of runs started elsewhere; the run's progress messages usually wake it sooner. */
const CLAIM_POLL_MS = 5_000;

interface ClaimedChunk {
  id: string;
  runId: string;
  accountIds: string[];
}

/**
 * This process's workers on the runs' chunks: each claims a PENDING chunk
 * (FOR UPDATE SKIP LOCKED on MySQL) and bills it in one transaction that also
 * marks it DONE, so a chunk is billed once and a crashed worker's chunk is
 * claimed again. Shared, they bill the chunks of any run; alone, those of the
 * runs this process started.
 */
export class ChunkWorkers {
  private readonly workers = new Set<Promise<void>>();
  /** Woken when a chunk of any run finishes (here or, through the PubSub, elsewhere). */
  private readonly waiters = new Set<() => void>();
  private readonly parallelism: number;
  /** Who billed a chunk, as recorded on it: this process among a deployment's. */
  private readonly workerId = `${hostname().slice(0, 40)}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private rekick = false;
  private sharedRuns = false;
  /** Runs started here and not finished yet. */
  private readonly started = new Set<string>();
  private stopping = false;
  private poller: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly db: Database,
    private readonly pubsub: HubPubSub,
    private readonly rules: BillingRulesService,
    private readonly biller: ChunkBiller,
    private readonly log: Logger,
  ) {
    // MySQL bills three chunks at once per process: while some wait on the database another computes. Five were
    // measured too: a 100,000-account run was about 7 % faster alone, but two processes then slowed each other down.
    // The embedded database has one connection, so there a second worker would only queue.
    this.parallelism = db.dialect === 'mysql' ? 3 : 1;
  }

  /** Whether this process bills the chunks of runs started anywhere. */
  get shared(): boolean {
    return this.sharedRuns;
  }

  /** The runs started here and not finished yet. */
  startedRuns(): string[] {
    return [...this.started];
  }

  /** A run started (or resumed) here: this process bills it to the end. */
  adopt(runId: string): void {
    this.started.add(runId);
  }

  /** Runs given up: no longer this process's to finish. */
  forget(runIds: string[]): void {
    for (const id of runIds) this.started.delete(id);
  }

  /**
   * Listens to the runs' progress. Shared, it joins a run when its progress is
   * announced and polls every CLAIM_POLL_MS in case a message was missed, and
   * so also takes over the chunks of a process that died.
   */
  async listen(opts: { shared: boolean }): Promise<void> {
    this.sharedRuns = opts.shared;
    this.unsubscribe = await this.pubsub.subscribe(Topic.RUN_PROGRESS, (p) => {
      if (p.kind !== 'BILL_RUN') return;
      this.wake();
      if (this.sharedRuns) this.kick();
    });
    if (!this.sharedRuns) return;
    this.poller = setInterval(() => this.kick(), CLAIM_POLL_MS);
    this.poller.unref();
    this.kick();
  }

  /** Stops claiming chunks and lets those in flight finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.wake();
    await Promise.all([...this.workers]);
  }

  /** Starts workers up to this process's parallelism; a worker that finds nothing to claim ends. */
  kick(): void {
    if (this.stopping) return;
    this.rekick = true;
    while (this.workers.size < this.parallelism) {
      const worker: Promise<void> = this.work().finally(() => this.workers.delete(worker));
      this.workers.add(worker);
    }
  }

  /** Answers once the run is no longer RUNNING, or this process stops. */
  async untilFinished(runId: string): Promise<void> {
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

  /** Completes the run once no chunk is left; of several workers finishing at once, one completes it. */
  async completeIfDone(runId: string): Promise<void> {
    const left = await this.db.manager
      .getRepository(BillRunChunk)
      .countBy({ runId, status: In([BillRunChunkStatus.PENDING, BillRunChunkStatus.PLANNING]) });
    if (left > 0) return;
    const completed = await this.db.transaction(async (tx) => {
      const now = new Date();
      // Every chunk is closed: their sums are final.
      const counters = (await chunkSums(tx.em, [runId])).get(runId)?.counters ?? runCounters(noCounters());
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

  announceProgress(runId: string): void {
    this.pubsub
      .publish(Topic.RUN_PROGRESS, { kind: 'BILL_RUN', runId })
      .catch((error: unknown) => this.log.error('progress publish failed', error));
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
    } else if (!this.sharedRuns) {
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
    if (!this.sharedRuns && this.started.size === 0) return null;
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
        const counters = await this.biller.bill(tx, run, chunk.accountIds, rulesFor);
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
          const c = await inSavepoint(tx, (sub) => this.biller.bill(sub, run, [accountId], rulesFor));
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
}
