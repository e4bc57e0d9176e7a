import { In, type EntityManager } from 'typeorm';
import type { Logger } from '../../app/logger';
import type { Principal } from '../../common/auth/roles';
import { addDays } from '../../common/dates';
import { invalidState } from '../../common/errors/hub-error';
import { Decimal, formatDecimal, formatMoney } from '../../common/money';
import { parseId } from '../../common/validation';
import type { Database, Tx } from '../../db/database';
import { EventType } from '../../events/event-types';
import { Topic, type HubPubSub } from '../../events/pubsub';
import { Account, AccountStatus } from '../accounts/account.entity';
import { lockAccount, lockAccounts } from '../accounts/account.service';
import { Invoice, InvoiceStatus } from '../billing/billing.entity';
import { invoiceNumber } from '../billing/invoice-number';
import type { AccountReceivable, InvoiceService } from '../billing/invoice.service';
import type { PaymentPlanService } from '../payments/payment-plan.service';
import type { WorkQueueService } from '../work-queues/work-queue.service';
import {
  CollectionsAction,
  CollectionsActionType,
  CollectionsEpisode,
  CollectionsRun,
  CollectionsRunStatus,
  CollectionsStep,
  type CollectionsPath,
} from './collections.entity';
import type { CollectionsPathService } from './collections-path.service';
import type { DelinquencyService } from './delinquency.service';
import { dialerCsv, dialerRow, renderTemplate, type DelinquencyFacts } from './collections-text';
import {
  ABANDONED_SWEEP_MS,
  assertStillRunning,
  giveUpAbandonedRuns,
  HEARTBEAT_MS,
  markAlive,
  RunGivenUp,
  STALE_RUN_MS,
} from './collections-run-liveness';

/** Accounts per chunk: each chunk is one transaction, so a crash loses at most the chunk in flight. */
export const COLLECTIONS_CHUNK = 200;
export const MARKET_DROPS_QUEUE = 'MARKET_DROPS';
/** Accounts out of collections: nothing more is done for them. */
const OUT_OF_COLLECTIONS = [AccountStatus.DROPPED, AccountStatus.CLOSED];

interface Counters {
  evaluated: number;
  actions: number;
  failed: number;
}

interface Delinquent {
  account: Account;
  episode: CollectionsEpisode;
  path: CollectionsPath;
  facts: DelinquencyFacts;
}

/** What a step did, for its action row. */
interface Outcome {
  detail: string;
  workItemId: string | null;
  invoiceId: string | null;
}

/**
 * Collections runs: every delinquent account evaluated on its path as of a
 * day, in chunks of accounts, each chunk in its own transaction. A delinquency
 * (episode) opens when a run finds pastDue above 0 and ends when it is back to 0
 * (see DelinquencyService); each step runs at most once in it, which a unique
 * key on (episode, step) enforces, so a re-run, or a run over the same day,
 * takes nothing twice.
 */
export class CollectionsRunService {
  private readonly running = new Set<Promise<void>>();
  /** The runs this process is working on: never given up by its own sweeps. */
  private readonly own = new Set<string>();
  private stopping = false;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database,
    private readonly pubsub: HubPubSub,
    private readonly paths: CollectionsPathService,
    private readonly invoices: InvoiceService,
    private readonly workQueues: WorkQueueService,
    private readonly plans: PaymentPlanService,
    private readonly log: Logger,
    private readonly delinquencies: DelinquencyService,
  ) {}

  // ------------------------------------------------------------------ reads

  find(id: string): Promise<CollectionsRun | null> {
    return this.db.manager.getRepository(CollectionsRun).findOneBy({ id: parseId(id, 'Collections run') });
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
    const accountIds = await this.candidates(asOf);
    const run = await this.db.transaction(async (tx) => {
      const now = new Date();
      const created = await tx.em.getRepository(CollectionsRun).save(
        Object.assign(new CollectionsRun(), {
          asOf,
          status: CollectionsRunStatus.RUNNING,
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
      await this.workQueues.resolveItemsFor(tx, { accountId, queueKey: MARKET_DROPS_QUEUE }, resolution, actor.name);
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

  private async failStaleRuns(): Promise<void> {
    await this.giveUpAbandoned(STALE_RUN_MS);
  }

  /**
   * Accounts past due as of asOf, accounts with an open delinquency (it may have ended), and accounts
   * whose ACTIVE plan has an installment unpaid past its due date (whatever their pastDue), in id order.
   */
  private async candidates(asOf: string): Promise<string[]> {
    const pastDue = (await this.db.manager
      .getRepository(Invoice)
      .createQueryBuilder('i')
      .select('DISTINCT i.account_id', 'accountId')
      .innerJoin(Account, 'a', 'a.id = i.account_id')
      .where('i.status = :issued', { issued: InvoiceStatus.ISSUED })
      .andWhere('i.due_date < :asOf', { asOf })
      .andWhere('i.total > i.amount_paid')
      .andWhere('a.status NOT IN (:...out)', { out: OUT_OF_COLLECTIONS })
      .getRawMany()) as Array<{ accountId: string | number }>;
    const open = (await this.db.manager
      .getRepository(CollectionsEpisode)
      .createQueryBuilder('e')
      .select('e.account_id', 'accountId')
      .innerJoin(Account, 'a', 'a.id = e.account_id')
      .where('e.open_account_id IS NOT NULL')
      .andWhere('a.status NOT IN (:...out)', { out: OUT_OF_COLLECTIONS })
      .getRawMany()) as Array<{ accountId: string | number }>;
    const missed = await this.plans.accountsWithMissedInstallments(asOf);
    const ids = new Set([...[...pastDue, ...open].map((r) => String(r.accountId)), ...missed]);
    return [...ids].sort((a, b) => Number(a) - Number(b));
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
        .update({ id: run.id, status: CollectionsRunStatus.RUNNING }, { status, finishedAt: new Date(), heartbeatAt: new Date() });
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
        const counters = await this.evaluate(tx, run, ids);
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

  private async evaluate(tx: Tx, run: CollectionsRun, ids: string[]): Promise<Counters> {
    const counters: Counters = { evaluated: 0, actions: 0, failed: 0 };
    // Locked before reading, so a payment or another run on the same accounts waits and then sees what this one did.
    await lockAccounts(tx.em, ids);
    await this.plans.breakMissedPlans(tx, ids, run.asOf);
    const paused = await this.plans.activePlanAccounts(tx.em, ids);
    const accounts = await tx.em.getRepository(Account).find({ where: { id: In(ids) }, order: { id: 'ASC' } });
    const owed = new Map((await this.invoices.receivables(ids, run.asOf, tx.em)).map((r) => [r.accountId, r]));
    // Delinquencies whose account was cleared without ending them there end now, whatever this run's date.
    const open = await this.delinquencies.openFor(tx.em, ids);
    const ongoing = await this.delinquencies.endCleared(tx, open, `collections run ${run.id}`);
    const episodes = new Map(ongoing.map((e) => [e.accountId, e]));
    const taken = new Set(
      episodes.size
        ? (
            await tx.em.getRepository(CollectionsAction).find({
              where: { episodeId: In([...episodes.values()].map((e) => e.id)) },
              select: { id: true, episodeId: true, stepKey: true },
            })
          ).map((a) => `${a.episodeId}:${a.stepKey}`)
        : [],
    );
    const book = await this.paths.book(tx.em);

    for (const account of accounts) {
      if (OUT_OF_COLLECTIONS.includes(account.status)) continue;
      const receivable = owed.get(account.id) as AccountReceivable;
      // Nothing past due as of asOf: no action, and the delinquency (if any) goes on unless cleared above.
      if (receivable.pastDue <= 0) continue;
      const episode =
        episodes.get(account.id) ?? (await this.delinquencies.begin(tx.em, account, addDays(receivable.oldestPastDue ?? run.asOf, 1)));
      if (paused.has(account.id)) continue;
      counters.evaluated++;
      const path = book.pathFor(account);
      if (!path) continue;
      const facts: DelinquencyFacts = {
        name: account.name,
        accountNumber: account.number,
        phone: account.phone,
        pastDue: receivable.pastDue,
        daysPastDue: this.invoices.daysPastDue(receivable, run.asOf),
      };
      for (const step of book.steps.get(path.id) ?? []) {
        if (step.daysPastDue > facts.daysPastDue || step.minPastDue > facts.pastDue) continue;
        if (taken.has(`${episode.id}:${step.stepKey}`)) continue;
        await this.take(tx, run, step, { account, episode, path, facts });
        taken.add(`${episode.id}:${step.stepKey}`);
        counters.actions++;
      }
    }
    return counters;
  }

  /** Takes one step for the account and records it; the action row's unique key refuses a second one in the episode. */
  private async take(tx: Tx, run: CollectionsRun, step: CollectionsStep, d: Delinquent): Promise<void> {
    const outcome = await this.perform(tx, run, step, d);
    const action = await tx.em.getRepository(CollectionsAction).save(
      Object.assign(new CollectionsAction(), {
        accountId: d.account.id,
        episodeId: d.episode.id,
        stepId: step.id,
        stepKey: step.stepKey,
        runId: run.id,
        action: step.action,
        asOf: run.asOf,
        detail: outcome.detail,
        workItemId: outcome.workItemId,
        invoiceId: outcome.invoiceId,
        createdAt: new Date(),
      }),
    );
    tx.emit({
      type: EventType.COLLECTIONS_ACTION_TAKEN,
      subjectId: action.id,
      accountNumber: d.account.number,
      payload: {
        action: step.action,
        pathId: d.path.id,
        pathName: d.path.name,
        stepId: step.id,
        stepName: step.name,
        runId: run.id,
        asOf: run.asOf,
        pastDue: formatMoney(d.facts.pastDue),
        daysPastDue: d.facts.daysPastDue,
        detail: outcome.detail,
        workItemId: outcome.workItemId,
        invoiceId: outcome.invoiceId,
      },
    });
  }

  private async perform(tx: Tx, run: CollectionsRun, step: CollectionsStep, d: Delinquent): Promise<Outcome> {
    const { account, facts } = d;
    const owed = `${formatMoney(facts.pastDue)} past due for ${facts.daysPastDue} days`;
    const none = { workItemId: null, invoiceId: null };
    switch (step.action) {
      case CollectionsActionType.REMINDER:
      case CollectionsActionType.LETTER:
        return { ...none, detail: renderTemplate(step.template ?? '', facts) };
      case CollectionsActionType.DIALER_EXPORT:
        return { ...none, detail: dialerRow(facts) };
      case CollectionsActionType.AGENCY_REFERRAL:
        return { ...none, detail: `Referred to the collections agency: ${owed}` };
      case CollectionsActionType.CALL_REQUEST: {
        const queueKey = step.queueKey ?? '';
        const item = await this.workQueues.createItem(tx, {
          queueKey,
          kind: 'CALL_REQUEST',
          title: `${account.number} ${account.name}: call about ${owed}`.slice(0, 255),
          priority: 2,
          accountId: account.id,
          accountNumber: account.number,
          actorName: `collections run ${run.id}`,
        });
        return { detail: `Call request ${item.id} in queue ${queueKey}: ${owed}`, workItemId: item.id, invoiceId: null };
      }
      case CollectionsActionType.LATE_FEE: {
        const amount = step.feeAmount ?? percentOf(facts.pastDue, step.feePercent ?? 0);
        const how = step.feeAmount !== null ? 'fixed' : `${formatDecimal(step.feePercent ?? 0)}% of ${formatMoney(facts.pastDue)}`;
        if (amount <= 0) return { ...none, detail: `No late fee: ${how} rounds to 0.00` };
        const invoice = await this.invoices.createFeeInvoice(tx, account, {
          amount,
          description: `${step.name}: ${how} past due on ${run.asOf}`,
          asOf: run.asOf,
          billingKey: `fee:${d.episode.id}:${step.stepKey}`,
        });
        return {
          detail: `Late fee ${formatMoney(amount)} (${how}) on invoice ${invoiceNumber(invoice.id)}, due ${run.asOf}`,
          workItemId: null,
          invoiceId: invoice.id,
        };
      }
      case CollectionsActionType.MARKET_DROP: {
        // Conditional: only an ACTIVE account moves to DROP_PENDING (one already pending keeps its open work item).
        const moved = await tx.em
          .createQueryBuilder()
          .update(Account)
          .set({ status: AccountStatus.DROP_PENDING })
          .where('id = :id', { id: account.id })
          .andWhere('status = :active', { active: AccountStatus.ACTIVE })
          .execute();
        if (!moved.affected) return { ...none, detail: `Market drop already requested: the account is ${account.status}` };
        const from = account.status;
        account.status = AccountStatus.DROP_PENDING;
        const reason = `Collections step "${step.name}" on path "${d.path.name}": ${owed}`;
        tx.emit({
          type: EventType.ACCOUNT_STATUS_CHANGED,
          subjectId: account.id,
          accountNumber: account.number,
          payload: { from, to: AccountStatus.DROP_PENDING, reason },
        });
        tx.audit({
          actor: `collections run ${run.id}`,
          action: 'requestMarketDrop',
          subjectType: 'Account',
          subjectId: account.id,
          before: { status: from },
          after: { status: AccountStatus.DROP_PENDING, reason },
        });
        const item = await this.workQueues.createItem(tx, {
          queueKey: MARKET_DROPS_QUEUE,
          kind: 'MARKET_DROP',
          title: `${account.number} ${account.name}: drop from the market (${owed})`.slice(0, 255),
          priority: 2,
          accountId: account.id,
          accountNumber: account.number,
          actorName: `collections run ${run.id}`,
        });
        return {
          detail: `Market drop requested: DROP_PENDING until confirmed (work item ${item.id}); ${owed}`,
          workItemId: item.id,
          invoiceId: null,
        };
      }
    }
  }
}

/** percent is in micro-units ("1.5" is 1_500_000); the fee is rounded half-up to cents. */
export function percentOf(cents: number, percentMicros: number): number {
  return new Decimal(cents).times(percentMicros).dividedBy(100_000_000).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}
