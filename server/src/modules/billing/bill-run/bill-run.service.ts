import { In } from 'typeorm';
import type { Logger } from '../../../common/logger';
import type { Principal } from '../../../common/auth/roles';
import { notFound } from '../../../common/errors/hub-error';
import { parseId } from '../../../common/validation';
import { paginate, type Connection, type PageArgs } from '../../../common/pagination/connection';
import { insertChunked, type Database } from '../../../db/database';
import type { HubPubSub } from '../../../events/pubsub';
import { runProgress } from '../../../events/run-progress';
import type { WorkQueueService } from '../../work-queues/work-queue.service';
import { freeEndedRunKeys, oneAtATime, RUNNING_KEY } from '../../runs/run-guard';
import { BillRunChunk, BillRunChunkStatus } from '../bill-run-chunk.entity';
import { BillRun, BillRunStatus } from '../billing.entity';
import type { BillingExceptionService } from '../billing-exception.service';
import type { BillingRulesService } from '../billing-rules.service';
import type { InvoiceIssuing } from '../invoice-issuing';
import type { PendingCreditService } from '../pending-credit.service';
import type { RunPreviewData } from '../../runs/run-preview.types';
import { ChunkBiller } from './bill-chunk';
import { BillPreview } from './bill-preview';
import { ChunkLoader } from './chunk-loader';
import { ChunkWorkers } from './chunk-workers';
import { InvoiceWriter } from './invoice-writer';
import { OutcomeEffects } from './outcome-effects';
import { BillRunPlanner } from './planner';
import { chunkSums, noCounters, runCounters, withLiveCounters } from './run-counters';

/**
 * Accounts per chunk: each chunk is one transaction, so a crash loses at most
 * the chunks in flight. Measured (npm run bench): from 250 to 1,000 a run
 * bills at about the same speed; 500 keeps a chunk's transaction short.
 */
export const BILL_RUN_CHUNK = 500;
/** A RUNNING run that neither started nor finished a chunk for this long has no process left working on it. */
const SILENT_RUN_MS = 10 * 60_000;

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
 *
 * This service owns a run's lifecycle (start, progress, stop, give up); the
 * planner cuts it into chunks, the workers claim and bill them (load, price,
 * write, effects).
 */
export class BillRunService {
  /** Accounts per chunk of the runs this process plans. */
  chunkSize = BILL_RUN_CHUNK;
  private readonly planner: BillRunPlanner;
  private readonly workers: ChunkWorkers;
  private readonly previewer: BillPreview;

  constructor(
    private readonly db: Database,
    private readonly pubsub: HubPubSub,
    rules: BillingRulesService,
    exceptions: BillingExceptionService,
    workQueues: WorkQueueService,
    pendingCredits: PendingCreditService,
    issuing: InvoiceIssuing,
    private readonly log: Logger,
  ) {
    this.planner = new BillRunPlanner(db);
    const loader = new ChunkLoader(db, pendingCredits);
    this.previewer = new BillPreview(db, loader, rules, () => this.chunkSize);
    const biller = new ChunkBiller(loader, new InvoiceWriter(db, pendingCredits), new OutcomeEffects(exceptions, workQueues, issuing));
    this.workers = new ChunkWorkers(db, pubsub, rules, biller, log);
  }

  async find(id: string): Promise<BillRun | null> {
    const run = await this.db.manager.getRepository(BillRun).findOneBy({ id: parseId(id, 'Bill run') });
    return run ? (await withLiveCounters(this.db.manager, [run]))[0] : null;
  }

  /** The run going on now, if any: at most one (see RUNNING_KEY). */
  current(): Promise<BillRun | null> {
    return this.db.manager.getRepository(BillRun).findOneBy({ runningKey: RUNNING_KEY });
  }

  /** Runs, newest first. */
  async list(args: PageArgs): Promise<Connection<BillRun>> {
    const page = await paginate(this.db.manager.getRepository(BillRun).createQueryBuilder('r'), args, { order: 'DESC' });
    page.nodes = await withLiveCounters(this.db.manager, page.nodes);
    return page;
  }

  /** What start(asOf) would do now; writes nothing. */
  preview(asOf: string): Promise<RunPreviewData> {
    return this.previewer.preview(asOf);
  }

  async byIds(ids: readonly string[]): Promise<BillRun[]> {
    return withLiveCounters(this.db.manager, await this.db.manager.getRepository(BillRun).findBy({ id: In([...ids]) }));
  }

  /**
   * With `shared` (processes share the database and a Redis PubSub), makes
   * this process a worker for runs started anywhere: it joins a run when its
   * progress is announced, polls in case a message was missed, and so also
   * takes over the chunks of a process that died. Alone, a process bills the
   * runs it starts, and at start the runs it left RUNNING when it was killed
   * (see resumeOrphanedRuns).
   */
  async startWorker(opts: { shared: boolean }): Promise<void> {
    await this.workers.listen(opts);
    if (!opts.shared) await this.resumeOrphanedRuns();
  }

  /**
   * Starts a run; with wait it answers when the run has finished, else once
   * its chunks are planned while the billing goes on. Chunks are billed as
   * soon as they are written, while the rest of the plan is still being made.
   */
  async start(actor: Principal, asOf: string, wait: boolean): Promise<BillRun> {
    await this.failStaleRuns();
    // In a statement of its own: inside the run's transaction its range lock could deadlock with a concurrent start's insert.
    await this.db.transaction((tx) => freeEndedRunKeys(tx.em, 'bill_run'));
    const creating = this.db.transaction(async (tx) => {
      const now = new Date();
      const created = await tx.em.getRepository(BillRun).save(
        Object.assign(new BillRun(), {
          asOf,
          status: BillRunStatus.RUNNING,
          startedBy: actor.name,
          runningKey: RUNNING_KEY,
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
    const run = await oneAtATime('bill run', creating, () => this.current());
    this.workers.adopt(run.id);
    try {
      run.accountsConsidered = await this.planner.plan({ runId: run.id, asOf, chunkSize: this.chunkSize, listener: this.workers });
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
    await this.workers.completeIfDone(run.id);
    if (wait) await this.workers.untilFinished(run.id);
    return (await this.find(run.id)) ?? run;
  }

  /**
   * Stops claiming chunks and lets those in flight finish. Shared, the other
   * processes go on with the runs; alone, the runs this process started are
   * marked FAILED, and a new run finishes their work.
   */
  async stop(): Promise<void> {
    await this.workers.stop();
    const started = this.workers.startedRuns();
    if (!this.workers.shared && started.length > 0) {
      await this.giveUp(started).catch((error: unknown) => this.log.error('bill runs could not be marked FAILED', error));
    }
  }

  /** The run's counters as it progresses: now, after every chunk, and a last time when it ends. */
  progress(id: string): Promise<AsyncIterableIterator<BillRun>> {
    parseId(id, 'Bill run');
    return runProgress({
      pubsub: this.pubsub,
      kind: 'BILL_RUN',
      id,
      find: (runId) => this.find(runId),
      running: (run) => run.status === BillRunStatus.RUNNING,
      missing: () => notFound(`Bill run ${id}`),
    });
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
    for (const id of orphaned) if (!cutOff.has(id)) this.workers.adopt(id);
    this.log.info(`bill runs left running by a stopped process: resumed ${orphaned.length - cutOff.size}, given up ${cutOff.size}`);
    this.workers.kick();
  }

  /** Marks runs FAILED with the counters of the chunks they billed; their chunks not yet billed are cancelled. */
  private async giveUp(ids: string[]): Promise<void> {
    this.workers.forget(ids);
    await this.db.transaction(async (tx) => {
      await tx.em
        .getRepository(BillRunChunk)
        .update(
          { runId: In(ids), status: In([BillRunChunkStatus.PENDING, BillRunChunkStatus.PLANNING]) },
          { status: BillRunChunkStatus.CANCELLED },
        );
      const sums = await chunkSums(tx.em, ids);
      for (const id of ids) {
        await tx.em.getRepository(BillRun).update(
          { id, status: BillRunStatus.RUNNING },
          {
            status: BillRunStatus.FAILED,
            runningKey: null,
            finishedAt: new Date(),
            ...(sums.get(id)?.counters ?? runCounters(noCounters())),
          },
        );
      }
    });
  }

  /** RUNNING runs on which no chunk has finished for SILENT_RUN_MS: no process is left working on them. */
  private async failStaleRuns(): Promise<void> {
    const cutoff = new Date(Date.now() - SILENT_RUN_MS);
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
}
