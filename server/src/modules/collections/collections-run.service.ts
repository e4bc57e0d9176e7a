import { In, type EntityManager } from 'typeorm';
import type { Logger } from '../../common/logger';
import type { Principal } from '../../common/auth/roles';
import { invalidState, notFound } from '../../common/errors/hub-error';
import { parseId, requireText } from '../../common/validation';
import { paginate, type Connection, type PageArgs } from '../../common/pagination/connection';
import type { Database } from '../../db/database';
import { EventType } from '../../events/event-types';
import { Topic, type HubPubSub } from '../../events/pubsub';
import { runProgress } from '../../events/run-progress';
import { Account, AccountStatus } from '../accounts/account.entity';
import { lockAccount } from '../accounts/account.service';
import type { InvoiceService } from '../billing/invoice.service';
import type { PaymentPlanService } from '../payments/payment-plan.service';
import { freeEndedRunKeys, oneAtATime, RUNNING_KEY } from '../runs/run-guard';
import type { RunPreviewData } from '../runs/run-preview.types';
import type { WorkQueueService } from '../work-queues/work-queue.service';
import { CollectionsAction, CollectionsActionType, CollectionsRun, CollectionsRunStatus } from './collections.entity';
import { CollectionsActions } from './collections-actions';
import { BuiltInQueue } from '../work-queues/work-queue.entity';
import { CollectionsEvaluation, type Counters } from './collections-evaluation';
import { previewCollections } from './collections-preview';
import type { CollectionsPathService } from './collections-path.service';
import type { DelinquencyService } from './delinquency.service';
import type { CollectionsControlsService } from './controls/controls.service';
import type { ProtectedSteps } from './controls/protected-steps.service';
import { dialerCsv } from './collections-text';
import {
  ABANDONED_SWEEP_MS,
  assertStillRunning,
  giveUpAbandonedRuns,
  HEARTBEAT_MS,
  markAlive,
  RunGivenUp,
  STALE_RUN_MS,
} from './collections-run-liveness';

export { percentOf } from './collections-actions';

/** Accounts per chunk: each chunk is one transaction, so a crash loses at most the chunk in flight. */
export const COLLECTIONS_CHUNK = 200;

/**
 * Collections runs: every delinquent account evaluated on its path as of a
 * day, in chunks of accounts, each chunk in its own transaction. A delinquency
 * (episode) opens when a run finds pastDue above 0 and ends when it is back to 0
 * (see DelinquencyService); each step runs at most once in it, which a unique
 * key on (episode, step) enforces, so a re-run, or a run over the same day,
 * takes nothing twice.
 *
 * This service owns a run's lifecycle (start, chunks, liveness, finish); the
 * evaluation decides what is due for each account, the actions take it.
 */
export class CollectionsRunService {
  private readonly running = new Set<Promise<void>>();
  /** The runs this process is working on: never given up by its own sweeps. */
  private readonly own = new Set<string>();
  private stopping = false;
  private sweeper: NodeJS.Timeout | null = null;
  private readonly evaluation: CollectionsEvaluation;

  constructor(
    private readonly db: Database,
    private readonly pubsub: HubPubSub,
    paths: CollectionsPathService,
    invoices: InvoiceService,
    private readonly workQueues: WorkQueueService,
    plans: PaymentPlanService,
    private readonly log: Logger,
    delinquencies: DelinquencyService,
    controls: CollectionsControlsService,
    protectedSteps: ProtectedSteps,
  ) {
    const actions = new CollectionsActions(invoices, workQueues);
    this.evaluation = new CollectionsEvaluation(db, paths, invoices, plans, delinquencies, actions, controls, protectedSteps);
  }

  // ------------------------------------------------------------------ reads

  /** The run now, then at every chunk it finishes (from any process), ending when it is no longer RUNNING. */
  progress(id: string): Promise<AsyncIterableIterator<CollectionsRun>> {
    parseId(id, 'Collections run');
    return runProgress({
      pubsub: this.pubsub,
      kind: 'COLLECTIONS_RUN',
      id,
      find: (runId) => this.find(runId),
      running: (run) => run.status === CollectionsRunStatus.RUNNING,
      missing: () => notFound(`Collections run ${id}`),
    });
  }

  find(id: string): Promise<CollectionsRun | null> {
    return this.db.manager.getRepository(CollectionsRun).findOneBy({ id: parseId(id, 'Collections run') });
  }

  /** The run going on now, if any: at most one (see RUNNING_KEY). */
  current(): Promise<CollectionsRun | null> {
    return this.db.manager.getRepository(CollectionsRun).findOneBy({ runningKey: RUNNING_KEY });
  }

  /** Runs, newest first. */
  list(args: PageArgs): Promise<Connection<CollectionsRun>> {
    return paginate(this.db.manager.getRepository(CollectionsRun).createQueryBuilder('r'), args, { order: 'DESC' });
  }

  /** What start(asOf) would do now; writes nothing. */
  preview(asOf: string): Promise<RunPreviewData> {
    return previewCollections(this.evaluation, asOf, COLLECTIONS_CHUNK);
  }

  /** Every action taken on the accounts, oldest first. */
  actionsFor(accountIds: readonly string[]): Promise<CollectionsAction[]> {
    return this.db.manager.getRepository(CollectionsAction).find({ where: { accountId: In([...accountIds]) }, order: { id: 'ASC' } });
  }

  /** The run's dialer file: the header and one row per DIALER_EXPORT action, in the order they were taken. */
  async dialerCsv(runId: string): Promise<string> {
    const rows = await this.db.manager
      .getRepository(CollectionsAction)
      .find({ where: { runId, action: CollectionsActionType.DIALER_EXPORT }, order: { id: 'ASC' }, select: { id: true, detail: true } });
    return dialerCsv(rows.map((r) => r.detail));
  }

  // ------------------------------------------------------------------ runs

  /** Starts a run; with wait it answers when the run has finished, else at once while it goes on. */
  async start(actor: Principal, asOf: string, wait: boolean): Promise<CollectionsRun> {
    await this.failStaleRuns();
    // In a statement of its own: inside the run's transaction its range lock could deadlock with a concurrent start's insert.
    await this.db.transaction((tx) => freeEndedRunKeys(tx.em, 'collections_run'));
    const accountIds = await this.evaluation.candidates(asOf);
    const creating = this.db.transaction(async (tx) => {
      const now = new Date();
      const created = await tx.em.getRepository(CollectionsRun).save(
        Object.assign(new CollectionsRun(), {
          asOf,
          status: CollectionsRunStatus.RUNNING,
          startedBy: actor.name,
          runningKey: RUNNING_KEY,
          accountsEvaluated: 0,
          actionsTaken: 0,
          accountsFailed: 0,
          startedAt: now,
          finishedAt: null,
          heartbeatAt: now,
        }),
      );
      tx.audit({
        actor: actor.name,
        action: 'runCollections',
        subjectType: 'CollectionsRun',
        subjectId: created.id,
        after: { asOf, accountsToCheck: accountIds.length },
      });
      return created;
    });
    const run = await oneAtATime('collections run', creating, () => this.current());
    const work = this.process(run, accountIds).catch((error: unknown) => this.log.error(`collections run ${run.id} failed`, error));
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
    if (wait) await work;
    return wait ? ((await this.find(run.id)) ?? run) : run;
  }

  /** Lets runs in flight finish their current chunk, then marks them FAILED; a new run finishes their work. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    await Promise.all([...this.running]);
  }

  /** Resolves when no run of this process is in flight (each ended: completed, failed or given up). */
  async idle(): Promise<void> {
    await Promise.all([...this.running]);
  }

  /**
   * At start: gives up the runs a process that died left RUNNING, so their
   * dialer files can be downloaded. A process alone on its database (the
   * embedded one, or MySQL without REDIS_URL) knows no other works on them
   * and gives them all up now; processes that share a database give up those
   * not marked alive for STALE_RUN_MS, now and every ABANDONED_SWEEP_MS.
   */
  async recover(opts: { alone: boolean }): Promise<void> {
    await this.giveUpAbandoned(opts.alone ? null : STALE_RUN_MS);
    if (opts.alone) return;
    this.sweeper = setInterval(() => {
      this.giveUpAbandoned(STALE_RUN_MS).catch((error: unknown) => this.log.error('looking for abandoned collections runs failed', error));
    }, ABANDONED_SWEEP_MS);
    this.sweeper.unref();
  }

  private async giveUpAbandoned(silentFor: number | null): Promise<void> {
    const given = await giveUpAbandonedRuns(this.db, { silentFor, own: this.own });
    for (const id of given) {
      this.log.error(`collections run ${id} was left RUNNING by a process that stopped; given up (FAILED), its dialer file is complete`);
      this.announceProgress(id);
    }
  }

  /** DROP_PENDING to DROPPED: the operator confirms the customer has left; the market-drop work item is resolved. */
  async confirmMarketDrop(actor: Principal, accountId: string): Promise<Account> {
    parseId(accountId, 'Account');
    return this.db.transaction(async (tx) => {
      const before = await lockAccount(tx.em, accountId);
      if (before.status !== AccountStatus.DROP_PENDING) {
        throw invalidState(`Account ${before.number} is ${before.status}; only a DROP_PENDING account can be confirmed as dropped`);
      }
      await tx.em.getRepository(Account).update({ id: accountId }, { status: AccountStatus.DROPPED });
      const after = await tx.em.getRepository(Account).findOneByOrFail({ id: accountId });
      const resolution = `Market drop confirmed by ${actor.name}`;
      await this.workQueues.resolveItemsFor(tx, { accountId, queueKey: BuiltInQueue.MARKET_DROPS }, resolution, actor.name);
      tx.emit({
        type: EventType.ACCOUNT_STATUS_CHANGED,
        subjectId: accountId,
        accountNumber: after.number,
        payload: { from: before.status, to: after.status, reason: resolution },
      });
      tx.audit({
        actor: actor.name,
        action: 'confirmMarketDrop',
        subjectType: 'Account',
        subjectId: accountId,
        before: { status: before.status },
        after: { status: after.status },
      });
      return after;
    });
  }

  /**
   * DROP_PENDING back to ACTIVE: the operator keeps the customer (paid, a
   * protection, a mistake); the market-drop work item is resolved with the
   * reason. The delinquency goes on; its market-drop step is not taken again.
   */
  async cancelMarketDrop(actor: Principal, accountId: string, reason: string): Promise<Account> {
    parseId(accountId, 'Account');
    const why = requireText(reason, 'reason', 1000);
    return this.db.transaction(async (tx) => {
      const before = await lockAccount(tx.em, accountId);
      if (before.status !== AccountStatus.DROP_PENDING) {
        throw invalidState(`Account ${before.number} is ${before.status}; only a DROP_PENDING account's market drop can be cancelled`);
      }
      await tx.em.getRepository(Account).update({ id: accountId }, { status: AccountStatus.ACTIVE });
      const after = await tx.em.getRepository(Account).findOneByOrFail({ id: accountId });
      const resolution = `Market drop cancelled by ${actor.name}: ${why}`;
      await this.workQueues.resolveItemsFor(tx, { accountId, queueKey: BuiltInQueue.MARKET_DROPS }, resolution, actor.name);
      tx.emit({
        type: EventType.ACCOUNT_STATUS_CHANGED,
        subjectId: accountId,
        accountNumber: after.number,
        payload: { from: before.status, to: after.status, reason: resolution },
      });
      tx.audit({
        actor: actor.name,
        action: 'cancelMarketDrop',
        subjectType: 'Account',
        subjectId: accountId,
        before: { status: before.status },
        after: { status: after.status, reason: why },
      });
      return after;
    });
  }

  private async failStaleRuns(): Promise<void> {
    await this.giveUpAbandoned(STALE_RUN_MS);
  }

  private async process(run: CollectionsRun, accountIds: string[]): Promise<void> {
    this.own.add(run.id);
    // Marked alive on a timer, not per chunk, so a slow chunk never looks like a dead process.
    const heartbeat = setInterval(() => {
      markAlive(this.db, run.id).catch((error: unknown) => this.log.error(`collections run ${run.id}: heartbeat failed`, error));
    }, HEARTBEAT_MS);
    heartbeat.unref();
    try {
      for (let i = 0; i < accountIds.length; i += COLLECTIONS_CHUNK) {
        if (this.stopping) {
          await this.finish(run, CollectionsRunStatus.FAILED);
          return;
        }
        await this.runChunk(run, accountIds.slice(i, i + COLLECTIONS_CHUNK));
        this.announceProgress(run.id);
      }
      await this.finish(run, CollectionsRunStatus.COMPLETED);
    } catch (error) {
      if (!(error instanceof RunGivenUp)) throw error;
      this.log.error(`collections run ${run.id} was given up while it ran (no sign of life for a while); a new run takes the rest`);
    } finally {
      clearInterval(heartbeat);
      this.own.delete(run.id);
    }
  }

  private announceProgress(runId: string): void {
    this.pubsub
      .publish(Topic.RUN_PROGRESS, { kind: 'COLLECTIONS_RUN', runId })
      .catch((error: unknown) => this.log.error('progress publish failed', error));
  }

  private async finish(run: CollectionsRun, status: CollectionsRunStatus): Promise<void> {
    await this.db.transaction(async (tx) => {
      // Conditional: a run given up meanwhile stays FAILED.
      await tx.em
        .getRepository(CollectionsRun)
        .update(
          { id: run.id, status: CollectionsRunStatus.RUNNING },
          { status, runningKey: null, finishedAt: new Date(), heartbeatAt: new Date() },
        );
    });
    this.announceProgress(run.id);
  }

  /**
   * Evaluates a chunk in one transaction. If anything in it fails, the chunk is
   * retried one account at a time, so only the account at fault is left out
   * (counted as failed; the next run takes its due steps).
   */
  private async runChunk(run: CollectionsRun, ids: string[]): Promise<void> {
    try {
      await this.db.transaction(async (tx) => {
        const counters = await this.evaluation.evaluate(tx, run, ids);
        await this.addCounters(tx.em, run.id, counters);
      });
    } catch (error) {
      if (error instanceof RunGivenUp) throw error;
      if (ids.length > 1) {
        for (const id of ids) await this.runChunk(run, [id]);
        return;
      }
      this.log.error(`collections run ${run.id}: account ${ids[0]} could not be evaluated`, error);
      await this.db.transaction((tx) => this.addCounters(tx.em, run.id, { evaluated: 0, actions: 0, failed: 1 }));
    }
  }

  /** Adds to the run's counters; throws RunGivenUp (rolling the chunk back) if the run is no longer RUNNING. */
  private async addCounters(em: EntityManager, runId: string, c: Counters): Promise<void> {
    const result = await em
      .createQueryBuilder()
      .update(CollectionsRun)
      .set({
        accountsEvaluated: () => `accounts_evaluated + ${c.evaluated}`,
        actionsTaken: () => `actions_taken + ${c.actions}`,
        accountsFailed: () => `accounts_failed + ${c.failed}`,
        heartbeatAt: new Date(),
      })
      .where('id = :id', { id: runId })
      .andWhere('status = :running', { running: CollectionsRunStatus.RUNNING })
      .execute();
    assertStillRunning(result.affected, runId);
  }
}
