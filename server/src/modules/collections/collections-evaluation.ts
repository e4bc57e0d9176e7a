import { In } from 'typeorm';
import { addDays } from '../../common/dates';
import type { Database, Tx } from '../../db/database';
import { Account, AccountStatus } from '../accounts/account.entity';
import { lockAccounts } from '../accounts/account.service';
import { Invoice, InvoiceStatus } from '../billing/billing.entity';
import type { AccountReceivable, InvoiceService } from '../billing/invoice.service';
import type { PaymentPlanService } from '../payments/payment-plan.service';
import { CollectionsAction, CollectionsEpisode, type CollectionsRun } from './collections.entity';
import type { CollectionsActions } from './collections-actions';
import type { CollectionsPathService } from './collections-path.service';
import type { DelinquencyFacts } from './collections-text';
import type { DelinquencyService } from './delinquency.service';
import { decideStep, protectionsInForce, type AccountControls } from './controls/collections-controls';
import type { CollectionsControlsService } from './controls/controls.service';
import type { ProtectedSteps } from './controls/protected-steps.service';

/** Accounts out of collections: nothing more is done for them. */
const OUT_OF_COLLECTIONS = [AccountStatus.DROPPED, AccountStatus.CLOSED];

/** What evaluating a chunk of accounts did. */
export interface Counters {
  evaluated: number;
  actions: number;
  failed: number;
}

/** Which accounts a collections run looks at, and each one's evaluation on its path as of the run's day. */
export class CollectionsEvaluation {
  constructor(
    private readonly db: Database,
    private readonly paths: CollectionsPathService,
    private readonly invoices: InvoiceService,
    private readonly plans: PaymentPlanService,
    private readonly delinquencies: DelinquencyService,
    private readonly actions: CollectionsActions,
    private readonly controls: CollectionsControlsService,
    private readonly protectedSteps: ProtectedSteps,
  ) {}

  /**
   * Accounts past due as of asOf, accounts with an open delinquency (it may have ended), and accounts
   * whose ACTIVE plan has an installment unpaid past its due date (whatever their pastDue), in id order.
   */
  async candidates(asOf: string): Promise<string[]> {
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

  /**
   * Evaluates the accounts in tx: each delinquent one on its path, taking the
   * steps now due that its delinquency has not taken yet, as the collections
   * controls allow (decideStep: holds, notices, blackout dates, protections).
   */
  async evaluate(tx: Tx, run: CollectionsRun, ids: string[]): Promise<Counters> {
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
    // When each step was taken in each open delinquency ("episodeId:stepKey" to the run's asOf): notices count from it.
    const takenOn = new Map(
      episodes.size
        ? (
            await tx.em.getRepository(CollectionsAction).find({
              where: { episodeId: In([...episodes.values()].map((e) => e.id)) },
              select: { id: true, episodeId: true, stepKey: true, asOf: true },
            })
          ).map((a) => [`${a.episodeId}:${a.stepKey}`, a.asOf])
        : [],
    );
    const referred = await this.protectedSteps.referredIn(
      tx.em,
      [...episodes.values()].map((e) => e.id),
    );
    const controls = await this.controls.controlsFor(tx.em, ids);
    const blackout = await this.controls.isBlackout(tx.em, run.asOf);
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
      const steps = book.steps.get(path.id) ?? [];
      const accountControls = controls.get(account.id) as AccountControls;
      for (const step of steps) {
        if (step.daysPastDue > facts.daysPastDue || step.minPastDue > facts.pastDue) continue;
        const key = `${episode.id}:${step.stepKey}`;
        if (takenOn.has(key)) continue;
        const notice = step.noticePosition === null ? undefined : steps.find((s) => s.position === step.noticePosition);
        const decision = decideStep({
          asOf: run.asOf,
          controls: accountControls,
          blackout,
          step: {
            action: step.action,
            noticeDays: step.noticeDays,
            noticeTakenOn: notice ? (takenOn.get(`${episode.id}:${notice.stepKey}`) ?? null) : null,
            referred: referred.has(key),
          },
        });
        const delinquent = { account, episode, path, facts };
        if (decision === 'REFER') {
          const codes = protectionsInForce(accountControls.protections, run.asOf).map((p) => p.code);
          await this.protectedSteps.refer(tx, run, step, delinquent, codes);
          referred.add(key);
        }
        if (decision !== 'TAKE') continue;
        await this.actions.take(tx, run, step, delinquent);
        takenOn.set(key, run.asOf);
        counters.actions++;
      }
    }
    return counters;
  }
}
