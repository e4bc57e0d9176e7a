import { In } from 'typeorm';
import type { Logger } from '../../common/logger';
import { signatureOf, type Principal } from '../../common/auth/roles';
import { badInput, invalidState, notFound } from '../../common/errors/hub-error';
import { parseId, requireText } from '../../common/validation';
import { paginate, type Connection, type PageArgs } from '../../common/pagination/connection';
import type { Database, Tx } from '../../db/database';
import { EventType } from '../../events/event-types';
import type { HubPubSub } from '../../events/pubsub';
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
import { collectionsRunKind } from './collections-run-kind';
import { ChunkedRuns } from '../../runs/chunked-runs';
import { previewCollections } from './collections-preview';
import type { CollectionsPathService } from './collections-path.service';
import type { DelinquencyService } from './delinquency.service';
import type { CollectionsControlsService } from './controls/controls.service';
import type { ProtectedSteps } from './controls/protected-steps.service';
import type { OperatorStepChecks } from './controls/operator-step-checks';
import { dialerCsv } from './collections-text';

export { percentOf } from './collections-actions';

/**
 * Accounts per chunk: each chunk is one transaction, so a crash loses at most
 * the chunk in flight. A chunk holds its accounts' locks until it commits, so
 * it is kept small: a payment to one of them waits for at most one chunk.
 */
export const COLLECTIONS_CHUNK = 50;

/**
 * Collections runs: every delinquent account evaluated on its path as of a
 * day, in chunks of accounts, each chunk in its own transaction. A delinquency
 * (episode) opens when a run finds pastDue above 0 and ends when it is back to 0
 * (see DelinquencyService); each step runs at most once in it, which a unique
 * key on (episode, step) enforces, so a re-run, or a run over the same day,
 * takes nothing twice.
 *
 * This service owns a run's lifecycle (start, progress); the chunked-run
 * runtime (runs/chunked-runs.ts) has its chunks claimed and evaluated,
 * completes it, gives it up, and resumes the runs a dead process left; the
 * evaluation decides what is due for each account, the actions take it.
 */
export class CollectionsRunService {
  /** Accounts per chunk of the runs this process plans. */
  chunkSize = COLLECTIONS_CHUNK;
  private readonly evaluation: CollectionsEvaluation;
  private readonly runs: ChunkedRuns<Counters>;

  constructor(
    private readonly db: Database,
    private readonly pubsub: HubPubSub,
    paths: CollectionsPathService,
    invoices: InvoiceService,
    private readonly workQueues: WorkQueueService,
    plans: PaymentPlanService,
    log: Logger,
    delinquencies: DelinquencyService,
    controls: CollectionsControlsService,
    protectedSteps: ProtectedSteps,
    private readonly checks: OperatorStepChecks,
    private readonly futureRuns: boolean,
  ) {
    const actions = new CollectionsActions(invoices, workQueues);
    this.evaluation = new CollectionsEvaluation(db, paths, invoices, plans, delinquencies, actions, controls, protectedSteps);
    this.runs = new ChunkedRuns(db, pubsub, collectionsRunKind(this.evaluation), log);
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

  byIds(ids: readonly string[]): Promise<CollectionsRun[]> {
    return this.db.manager.getRepository(CollectionsRun).findBy({ id: In([...ids]) });
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
    const today = this.checks.today();
    // Holds, protections, plans and notices are judged as of the run's day: a day ahead would act on customers early.
    if (asOf > today && !this.futureRuns) {
      throw badInput(
        `asOf ${asOf} is after today (${today}): a collections run acts on customers now, so it runs as of today or an earlier day; previewCollections shows what a later day would do`,
      );
    }
    // Runs no process has marked alive for a while: their accounts go to the run being started instead.
    await this.runs.giveUpSilent();
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
      // The plan is written whole with the run: a process that dies leaves its PENDING chunks for another.
      await this.runs.store.openPlan(tx.em, created.id);
      const chunks: string[][] = [];
      for (let i = 0; i < accountIds.length; i += this.chunkSize) chunks.push(accountIds.slice(i, i + this.chunkSize));
      await this.runs.store.writeChunks(tx.em, created.id, chunks);
      await this.runs.store.closePlan(tx.em, created.id);
      return created;
    });
    const run = await oneAtATime('collections run', creating, () => this.current());
    this.runs.adopt(run.id);
    this.runs.kick();
    if (!wait) return run;
    await this.runs.untilFinished(run.id);
    return (await this.find(run.id)) ?? run;
  }

  /**
   * Stops claiming chunks and lets those in flight finish. Alone, the runs
   * this process started are given up (FAILED), and a new run finishes their
   * work; shared, the other processes go on with them.
   */
  async stop(): Promise<void> {
    await this.runs.stop();
  }

  /** Resolves when no run of this process is in flight (each ended: completed, failed or given up). */
  async idle(): Promise<void> {
    await this.runs.idle();
  }

  /**
   * At start: takes over the runs a process that died left RUNNING. A
   * process alone on its database (the embedded one, or MySQL without
   * REDIS_URL) knows no other works on them and resumes them now; processes
   * that share a database work the chunks of any run, and take over those
   * not marked alive for a while (see ChunkedRuns).
   */
  async recover(opts: { alone: boolean }): Promise<void> {
    await this.runs.listen({ shared: !opts.alone });
  }

  /** DROP_PENDING to DROPPED: the operator confirms the customer has left; the market-drop work item is resolved. */
  async confirmMarketDrop(actor: Principal, accountId: string): Promise<Account> {
    parseId(accountId, 'Account');
    return this.db.transaction(async (tx) => {
      const before = await lockAccount(tx.em, accountId);
      if (before.status !== AccountStatus.DROP_PENDING) {
        throw invalidState(`Account ${before.number} is ${before.status}; only a DROP_PENDING account can be confirmed as dropped`);
      }
      const refusal = await this.checks.refusal(
        tx.em,
        before,
        CollectionsActionType.MARKET_DROP,
        await this.dropRequestedAt(tx, accountId),
      );
      if (refusal) {
        throw invalidState(
          `Account ${before.number} cannot be dropped today: ${refusal}. Cancel the drop (cancelMarketDrop), or confirm it once that no longer holds`,
        );
      }
      await tx.em.getRepository(Account).update({ id: accountId }, { status: AccountStatus.DROPPED });
      const after = await tx.em.getRepository(Account).findOneByOrFail({ id: accountId });
      const resolution = `Market drop confirmed by ${signatureOf(actor)}`;
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

  /** When the account's latest market drop was requested. */
  private async dropRequestedAt(tx: Tx, accountId: string): Promise<Date | null> {
    const latest = await tx.em.getRepository(CollectionsAction).findOne({
      where: { accountId, action: CollectionsActionType.MARKET_DROP },
      order: { id: 'DESC' },
      select: { id: true, createdAt: true },
    });
    return latest?.createdAt ?? null;
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
      const resolution = `Market drop cancelled by ${signatureOf(actor)}: ${why}`;
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
}
