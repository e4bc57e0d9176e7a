import { In, IsNull, type EntityManager } from 'typeorm';
import type { Tx } from '../../db/database';
import type { Account } from '../accounts/account.entity';
import type { InvoiceService } from '../billing/invoice.service';
import type { DelinquencyWatch } from '../billing/receivable';
import type { WorkQueueService } from '../work-queues/work-queue.service';
import { CollectionsAction, CollectionsActionType, CollectionsEpisode, CollectionsStep } from './collections.entity';
import { ProtectedStepReferral } from './controls/controls.entity';

/**
 * Delinquencies (collections episodes): when one begins and when it ends.
 *
 * A delinquency begins when a collections run first finds the account past due
 * as of its asOf; it starts on the day after the oldest past-due due date. It
 * ends at the first moment the account has nothing past due as of that
 * moment's date (today in HUB_TIMEZONE, or the delinquency's first day if a run
 * dated in the future opened it), by whatever brings it there: a payment, a
 * credit, a reversal's re-application. pastDue only rises with time, and falls
 * only through such a change, so that moment is always the commit of a change
 * to the account's money: the change checks it in its own transaction
 * (endIfCleared) and ends the delinquency there, not at the next run. Whether
 * the customer's next past-due invoice starts the path over therefore never
 * depends on when runs happened in between.
 *
 * A run checks the same rule for each open delinquency it evaluates (for any
 * change that cleared the account without checking), and with the same day: a
 * run dated in the past that finds nothing past due as of its own asOf proves
 * nothing about an end (the account may have owed at every moment since; its
 * invoices were paid after they fell due), so it leaves the delinquency open and
 * takes no action.
 */
export class DelinquencyService implements DelinquencyWatch {
  readonly openSql = '(SELECT ce.id FROM collections_episode ce WHERE ce.open_account_id = a.id)';

  constructor(
    private readonly invoices: InvoiceService,
    private readonly workQueues: WorkQueueService,
  ) {}

  /** The open delinquencies of these accounts. */
  openFor(em: EntityManager, accountIds: readonly string[]): Promise<CollectionsEpisode[]> {
    if (accountIds.length === 0) return Promise.resolve([]);
    return em.getRepository(CollectionsEpisode).findBy({ openAccountId: In([...accountIds]) });
  }

  async begin(em: EntityManager, account: Account, startedOn: string): Promise<CollectionsEpisode> {
    return em.getRepository(CollectionsEpisode).save(
      Object.assign(new CollectionsEpisode(), {
        accountId: account.id,
        openAccountId: account.id,
        startedOn,
        endedOn: null,
        createdAt: new Date(),
      }),
    );
  }

  async endIfCleared(tx: Tx, accountId: string, by: string): Promise<void> {
    await this.endCleared(tx, await this.openFor(tx.em, [accountId]), by);
  }

  /** Ends those of these open delinquencies whose account has nothing past due any more; returns the others. */
  async endCleared(tx: Tx, episodes: readonly CollectionsEpisode[], by: string): Promise<CollectionsEpisode[]> {
    const today = this.invoices.today();
    const byDay = new Map<string, CollectionsEpisode[]>();
    for (const episode of episodes) {
      const day = episode.startedOn > today ? episode.startedOn : today;
      byDay.set(day, [...(byDay.get(day) ?? []), episode]);
    }
    const open: CollectionsEpisode[] = [];
    for (const [day, group] of byDay) {
      const owed = new Map(
        (
          await this.invoices.receivables(
            group.map((e) => e.accountId),
            day,
            tx.em,
          )
        ).map((r) => [r.accountId, r]),
      );
      for (const episode of group) {
        if ((owed.get(episode.accountId)?.pastDue ?? 0) > 0) open.push(episode);
        else await this.end(tx, episode, day, by);
      }
    }
    return open;
  }

  /**
   * Ends the delinquency; its call requests and protected-step referrals still open are resolved, so nobody phones a
   * customer who has paid.
   */
  private async end(tx: Tx, episode: CollectionsEpisode, day: string, by: string): Promise<void> {
    const ended = await tx.em
      .createQueryBuilder()
      .update(CollectionsEpisode)
      .set({ endedOn: day, openAccountId: null })
      .where('id = :id', { id: episode.id })
      .andWhere('open_account_id IS NOT NULL')
      .execute();
    if (!ended.affected) return;
    // Protected steps still waiting for an operator's answer: nothing is due any more.
    const waiting = await tx.em.getRepository(ProtectedStepReferral).findBy({ episodeId: episode.id, decision: IsNull() });
    for (const referral of waiting) {
      await this.workQueues.resolveItemsFor(tx, { id: referral.workItemId }, `Delinquency over: nothing past due as of ${day}`, by);
    }
    const calls = await tx.em
      .getRepository(CollectionsAction)
      .findBy({ episodeId: episode.id, action: CollectionsActionType.CALL_REQUEST });
    if (calls.length === 0) return;
    const steps = await tx.em.getRepository(CollectionsStep).findBy({ id: In(calls.map((c) => c.stepId)) });
    const queueKeys = new Set(steps.map((s) => s.queueKey).filter((k): k is string => k !== null));
    for (const queueKey of queueKeys) {
      await this.workQueues.resolveItemsFor(
        tx,
        { accountId: episode.accountId, queueKey },
        `Delinquency over: nothing past due as of ${day}`,
        by,
      );
    }
  }
}
