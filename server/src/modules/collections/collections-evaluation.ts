import { In, type EntityManager } from 'typeorm';
import { addDays, laterDay } from '../../common/dates';
import { groupInto } from '../../common/grouping';
import type { Database, Tx } from '../../db/database';
import { Account, AccountStatus } from '../accounts/account.entity';
import { lockAccounts } from '../accounts/account.service';
import { Invoice, InvoiceStatus } from '../billing/billing.entity';
import type { AccountReceivable, InvoiceService } from '../billing/invoice.service';
import { NOT_DISPUTED } from '../billing/receivable';
import type { PaymentPlanService } from '../payments/payment-plan.service';
import {
  CollectionsAction,
  CollectionsActionType,
  CollectionsEpisode,
  type CollectionsPath,
  type CollectionsRun,
  type CollectionsStep,
} from './collections.entity';
import { FOR_SERVICE_ONLY, type CollectionsActions } from './collections-actions';
import type { CollectionsPathService } from './collections-path.service';
import { owedForService, type DelinquencyFacts } from './collections-text';
import { takenSteps } from './step-keys';
import type { DelinquencyService } from './delinquency.service';
import { decideStep, protectionsInForce, type AccountControls } from './controls/collections-controls';
import { noticeDay, noticeDeliveries } from './controls/notice';
import type { CollectionsControlsService } from './controls/controls.service';
import type { ProtectedSteps } from './controls/protected-steps.service';

/** The actions that send the customer a document: as notices, they count once it reached them. */
const DOCUMENTED: string[] = [CollectionsActionType.LETTER, CollectionsActionType.REMINDER];

/** Accounts out of collections: nothing more is done for them. */
const OUT_OF_COLLECTIONS = [AccountStatus.DROPPED, AccountStatus.CLOSED];

/** A past-due account as a run finds it: its delinquency, path and the steps due now that the delinquency has not taken. */
export interface Assessment {
  account: Account;
  receivable: AccountReceivable;
  /** Its open delinquency; null when the run begins one. */
  episode: CollectionsEpisode | null;
  /** An ACTIVE payment plan pauses its collections: no step is taken. */
  paused: boolean;
  path: CollectionsPath | null;
  facts: DelinquencyFacts;
  /** The steps due now that the collections controls let the run take, in path order. */
  due: CollectionsStep[];
  /** Steps due that a protection keeps from the run: each goes to PROTECTED_ACCOUNTS for an operator (once per delinquency). */
  refer: CollectionsStep[];
  /** The codes of the account's protections in force, for the referral. */
  protections: string[];
  /** Steps due that a control kept from the run today, and which control. */
  prevented: Array<{ step: CollectionsStep; control: PreventedBy }>;
}

/** The control that kept a due step from being taken (a preview counts each under its name). */
export type PreventedBy = 'HELD' | 'WAITING_FOR_NOTICE' | 'BLACKOUT_DATE' | 'PROTECTED';

const PREVENTED_BY: Partial<Record<string, PreventedBy>> = {
  HELD: 'HELD',
  AWAITING_NOTICE: 'WAITING_FOR_NOTICE',
  BLACKOUT: 'BLACKOUT_DATE',
  REFER: 'PROTECTED',
  REFERRED: 'PROTECTED',
};

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
    const pastDue = await this.pastDueAccounts(asOf, NOT_DISPUTED);
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
    // Delinquencies whose account was cleared without ending them there end now, whatever this run's date.
    const open = await this.delinquencies.openFor(tx.em, ids);
    const ongoing = await this.delinquencies.endCleared(tx, open, `collections run ${run.id}`);
    for (const a of await this.assess(tx.em, run.asOf, ids, ongoing, paused)) {
      const episode = a.episode ?? (await this.delinquencies.begin(tx.em, a.account, addDays(a.receivable.oldestPastDue ?? run.asOf, 1)));
      if (a.paused) continue;
      counters.evaluated++;
      if (!a.path) continue;
      const delinquent = { account: a.account, episode, path: a.path, facts: a.facts };
      for (const step of a.refer) await this.protectedSteps.refer(tx, run, step, delinquent, a.protections);
      for (const step of a.due) {
        await this.actions.take(tx, run, step, delinquent);
        counters.actions++;
      }
    }
    return counters;
  }

  /**
   * What evaluate would find for these accounts as of asOf, writing nothing:
   * the plans it would break are those with a missed installment, the
   * delinquencies it would end those cleared, and a delinquency it would
   * begin has taken no step yet. asIfUndisputed: past-due amounts under an
   * OPEN dispute count as if the dispute were not open.
   */
  async preview(asOf: string, ids: string[], asIfUndisputed = false): Promise<Assessment[]> {
    const em = this.db.manager;
    const breaking = new Set(await this.plans.accountsWithMissedInstallments(asOf));
    const paused = new Set([...(await this.plans.activePlanAccounts(em, ids))].filter((id) => !breaking.has(id)));
    const ongoing = await this.delinquencies.stillOpen(em, await this.delinquencies.openFor(em, ids));
    return this.assess(em, asOf, ids, ongoing, paused, asIfUndisputed);
  }

  /** Accounts still in collections with an ISSUED invoice past due as of asOf whose dispute state meets `disputes` (SQL over i). */
  private async pastDueAccounts(asOf: string, disputes: string): Promise<Array<{ accountId: string | number }>> {
    return (await this.db.manager
      .getRepository(Invoice)
      .createQueryBuilder('i')
      .select('DISTINCT i.account_id', 'accountId')
      .innerJoin(Account, 'a', 'a.id = i.account_id')
      .where('i.status = :issued', { issued: InvoiceStatus.ISSUED })
      .andWhere('i.due_date < :asOf', { asOf })
      .andWhere('i.total > i.amount_paid')
      .andWhere(disputes)
      .andWhere('a.status NOT IN (:...out)', { out: OUT_OF_COLLECTIONS })
      .getRawMany()) as Array<{ accountId: string | number }>;
  }

  /**
   * Accounts still in collections with an OPEN dispute on an invoice past due as of asOf, in id order:
   * those whose due steps a dispute may keep from the run (a preview assesses them as if undisputed).
   */
  async disputed(asOf: string): Promise<string[]> {
    const rows = await this.pastDueAccounts(asOf, `NOT (${NOT_DISPUTED})`);
    return rows.map((r) => String(r.accountId)).sort((a, b) => Number(a) - Number(b));
  }

  /** Each past-due account still in collections, with its path and the steps due now that its delinquency has not taken. */
  private async assess(
    em: EntityManager,
    asOf: string,
    ids: string[],
    ongoing: CollectionsEpisode[],
    paused: ReadonlySet<string>,
    asIfUndisputed = false,
  ): Promise<Assessment[]> {
    const accounts = await em.getRepository(Account).find({ where: { id: In(ids) }, order: { id: 'ASC' } });
    const owed = new Map((await this.invoices.receivables(ids, asOf, em, asIfUndisputed)).map((r) => [r.accountId, r]));
    const episodes = new Map(ongoing.map((e) => [e.accountId, e]));
    // A run dated before today takes its actions today: notices count from the later of the two, and a blackout on either day holds a drop.
    const today = this.invoices.today();
    // What each open delinquency took, and the day each counts from as a notice: the day it was taken, or the later
    // day its letter reached the customer; null from a failed delivery until one is sent.
    const taken = episodes.size
      ? await em.getRepository(CollectionsAction).find({
          where: { episodeId: In([...episodes.values()].map((e) => e.id)) },
          select: { id: true, episodeId: true, stepKey: true, action: true, daysPastDue: true, asOf: true, createdAt: true },
        })
      : [];
    const letters = await noticeDeliveries(
      em,
      taken.filter((a) => DOCUMENTED.includes(a.action)).map((a) => a.id),
      (at) => this.invoices.dayOf(at),
    );
    const takenIn = groupInto(
      taken.map((a) => ({ ...a, noticeOn: noticeDay(laterDay(a.asOf, this.invoices.dayOf(a.createdAt)), letters.get(a.id) ?? []) })),
      (a) => a.episodeId,
    );
    // Each open delinquency's steps taken, under their own keys or another path's (see takenSteps), filled per account.
    const takenOn = new Map<string, { noticeOn: string | null }>();
    const referred = await this.protectedSteps.referredIn(
      em,
      [...episodes.values()].map((e) => e.id),
    );
    const controls = await this.controls.controlsFor(em, ids);
    const blackout = (await this.controls.isBlackout(em, asOf)) || (asOf < today && (await this.controls.isBlackout(em, today)));
    const book = await this.paths.book(em);
    const found: Assessment[] = [];
    for (const account of accounts) {
      if (OUT_OF_COLLECTIONS.includes(account.status)) continue;
      const receivable = owed.get(account.id) as AccountReceivable;
      // Nothing past due as of asOf: no action, and the delinquency (if any) goes on unless cleared.
      if (receivable.pastDue <= 0) continue;
      const episode = episodes.get(account.id) ?? null;
      const path = book.pathFor(account);
      const facts: DelinquencyFacts = {
        name: account.name,
        accountNumber: account.number,
        phone: account.phone,
        pastDue: receivable.pastDue,
        feesPastDue: receivable.feesPastDue,
        daysPastDue: this.invoices.daysPastDue(receivable, asOf),
      };
      const steps = path ? (book.steps.get(path.id) ?? []) : [];
      const accountControls = controls.get(account.id) as AccountControls;
      // A delinquency the run begins has taken and referred nothing yet.
      const keyOf = (step: CollectionsStep) => `${episode?.id ?? `new-${account.id}`}:${step.stepKey}`;
      if (episode) {
        // Taken under the path's own steps, or under another path's (the account moved): the same stage is not taken twice.
        for (const [stepKey, action] of takenSteps(steps, takenIn.get(episode.id) ?? [])) takenOn.set(`${episode.id}:${stepKey}`, action);
      }
      const [due, refer]: CollectionsStep[][] = [[], []];
      const prevented: Assessment['prevented'] = [];
      for (const step of steps) {
        const forService = owedForService(facts);
        if (step.daysPastDue > facts.daysPastDue || step.minPastDue > forService || takenOn.has(keyOf(step))) continue;
        if (FOR_SERVICE_ONLY.includes(step.action) && forService <= 0) continue;
        const notice = step.noticePosition === null ? undefined : steps.find((s) => s.position === step.noticePosition);
        const decision = decideStep({
          asOf,
          controls: accountControls,
          blackout,
          step: {
            action: step.action,
            noticeDays: step.noticeDays,
            noticeTakenOn: notice ? (takenOn.get(keyOf(notice))?.noticeOn ?? null) : null,
            referred: referred.has(keyOf(step)),
          },
        });
        if (decision === 'REFER') {
          refer.push(step);
          referred.add(keyOf(step));
        }
        const control = PREVENTED_BY[decision];
        if (control) prevented.push({ step, control });
        if (decision !== 'TAKE') continue;
        due.push(step);
        // Taken by this run: a later step whose notice it is counts from the day it is taken.
        takenOn.set(keyOf(step), { noticeOn: laterDay(asOf, today) });
      }
      const protections = protectionsInForce(accountControls.protections, asOf).map((p) => p.code);
      found.push({ account, receivable, episode, paused: paused.has(account.id), path, facts, due, refer, protections, prevented });
    }
    return found;
  }
}
