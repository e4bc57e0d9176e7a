import { In } from 'typeorm';
import type { Logger } from '../../../common/logger';
import type { Principal } from '../../../common/auth/roles';
import { notFound } from '../../../common/errors/hub-error';
import { parseId } from '../../../common/validation';
import { paginate, type Connection, type PageArgs } from '../../../common/pagination/connection';
import type { Database } from '../../../db/database';
import type { HubPubSub } from '../../../events/pubsub';
import { runProgress } from '../../../events/run-progress';
import type { WorkQueueService } from '../../work-queues/work-queue.service';
import { freeEndedRunKeys, oneAtATime, RUNNING_KEY } from '../../runs/run-guard';
import { BillRun, BillRunStatus } from '../billing.entity';
import type { BillingExceptionService } from '../billing-exception.service';
import type { BillingRulesService } from '../billing-rules.service';
import type { InvoiceIssuing } from '../invoice-issuing';
import type { PendingCreditService } from '../pending-credit.service';
import type { RunPreviewData } from '../../runs/run-preview.types';
import { ChunkBiller } from './bill-chunk';
import { BillPreview } from './bill-preview';
import { ChunkLoader } from './chunk-loader';
import { billRunKind } from './bill-run-kind';
import { InvoiceWriter } from './invoice-writer';
import { OutcomeEffects } from './outcome-effects';
import { BillRunPlanner } from './planner';
import { withLiveCounters, type Counters } from './run-counters';
import { ChunkedRuns } from '../../../runs/chunked-runs';

/**
 * Accounts per chunk: each chunk is one transaction, so a crash loses at most
 * the chunks in flight. Measured (npm run bench): from 250 to 1,000 a run
 * bills at about the same speed; 500 keeps a chunk's transaction short.
 */
export const BILL_RUN_CHUNK = 500;

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
 * This service owns a run's lifecycle (start, progress); the planner cuts it
 * into chunks, the chunked-run runtime (runs/chunked-runs.ts) has them
 * claimed and billed (load, price, write, effects), completes the run, gives
 * it up, and resumes the runs a dead process left.
 */
export class BillRunService {
  /** Accounts per chunk of the runs this process plans. */
  chunkSize = BILL_RUN_CHUNK;
  private readonly planner: BillRunPlanner;
  private readonly runs: ChunkedRuns<Counters>;
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
    this.runs = new ChunkedRuns(db, pubsub, billRunKind({ dialect: db.dialect, rules, biller }), log);
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
   * Makes this process a worker of bill runs. Shared (REDIS_URL: processes
   * share the database), for runs started anywhere, taking over those whose
   * process died; alone, for the runs it starts, and at start those it left
   * RUNNING when it was killed (see ChunkedRuns).
   */
  async startWorker(opts: { shared: boolean }): Promise<void> {
    await this.runs.listen(opts);
  }

  /**
   * Starts a run; with wait it answers when the run has finished, else once
   * its chunks are planned while the billing goes on. Chunks are billed as
   * soon as they are written, while the rest of the plan is still being made.
   */
  async start(actor: Principal, asOf: string, wait: boolean): Promise<BillRun> {
    // Runs no process has marked alive for a while: their accounts go to the run being started instead.
    await this.runs.giveUpSilent();
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
      await this.runs.store.openPlan(tx.em, created.id);
      return created;
    });
    const run = await oneAtATime('bill run', creating, () => this.current());
    this.runs.adopt(run.id);
    try {
      run.accountsConsidered = await this.planner.plan({ runId: run.id, asOf, chunkSize: this.chunkSize, listener: this.runs });
    } catch (error) {
      await this.runs.giveUp([run.id]).catch((e: unknown) => this.log.error(`bill run ${run.id} could not be marked FAILED`, e));
      throw error;
    }
    await this.db.transaction(async (tx) => {
      await tx.em.getRepository(BillRun).update({ id: run.id }, { accountsConsidered: run.accountsConsidered });
      await this.runs.store.closePlan(tx.em, run.id);
      tx.audit({
        actor: actor.name,
        action: 'runBilling',
        subjectType: 'BillRun',
        subjectId: run.id,
        after: { asOf, accountsConsidered: run.accountsConsidered },
      });
    });
    // With no accounts, or every chunk billed while the plan was made, the run is complete now.
    await this.runs.completeIfDone(run.id);
    if (wait) await this.runs.untilFinished(run.id);
    return (await this.find(run.id)) ?? run;
  }

  /** Stops claiming chunks and lets those in flight finish (see ChunkedRuns.stop). */
  async stop(): Promise<void> {
    await this.runs.stop();
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
}
