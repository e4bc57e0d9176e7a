import { In, type EntityManager } from 'typeorm';
import { signatureOf, type Principal } from '../../../common/auth/roles';
import { formatMoney } from '../../../common/money';
import { invalidState, notFound } from '../../../common/errors/hub-error';
import { parseId, requireText } from '../../../common/validation';
import type { Database, Tx } from '../../../db/database';
import { lockAccount } from '../../accounts/account.service';
import type { InvoiceService } from '../../billing/invoice.service';
import { WorkItem } from '../../work-queues/work-queue.entity';
import type { WorkQueueService } from '../../work-queues/work-queue.service';
import { CollectionsAction, CollectionsEpisode, CollectionsPath, CollectionsStep } from '../collections.entity';
import type { CollectionsActions, Delinquent, RunDay } from '../collections-actions';
import { ProtectedStepReferral, ReferralDecision } from './controls.entity';
import type { OperatorStepChecks } from './operator-step-checks';
import type { CollectionsPathService } from '../collections-path.service';
import { takenSteps } from '../step-keys';

export const PROTECTED_ACCOUNTS_QUEUE = 'PROTECTED_ACCOUNTS';

/**
 * Steps held back by a protection: the run refers each to an operator (a work
 * item in PROTECTED_ACCOUNTS, once per step and delinquency); the operator
 * takes it anyway, as their own action, or not.
 */
export class ProtectedSteps {
  constructor(
    private readonly db: Database,
    private readonly invoices: InvoiceService,
    private readonly workQueues: WorkQueueService,
    private readonly actions: CollectionsActions,
    private readonly checks: OperatorStepChecks,
    private readonly paths: CollectionsPathService,
  ) {}

  /** The step keys already referred in these delinquencies, as "episodeId:stepKey". */
  async referredIn(em: EntityManager, episodeIds: readonly string[]): Promise<Set<string>> {
    if (episodeIds.length === 0) return new Set();
    const rows = await em
      .getRepository(ProtectedStepReferral)
      .find({ where: { episodeId: In([...episodeIds]) }, select: { id: true, episodeId: true, stepKey: true } });
    return new Set(rows.map((r) => `${r.episodeId}:${r.stepKey}`));
  }

  /** Files the referral and its work item, in the run's transaction. */
  async refer(tx: Tx, run: RunDay, step: CollectionsStep, d: Delinquent, codes: string[]): Promise<void> {
    const { account, facts } = d;
    const item = await this.workQueues.createItem(tx, {
      queueKey: PROTECTED_ACCOUNTS_QUEUE,
      kind: `PROTECTED_${step.action}`,
      title:
        `${account.number} ${account.name}: ${step.action} "${step.name}" held back (${codes.join(', ')}); ${formatMoney(facts.pastDue)} past due for ${facts.daysPastDue} days`.slice(
          0,
          255,
        ),
      priority: 2,
      accountId: account.id,
      accountNumber: account.number,
      actorName: `collections run ${run.id}`,
    });
    await tx.em.getRepository(ProtectedStepReferral).save(
      Object.assign(new ProtectedStepReferral(), {
        accountId: account.id,
        episodeId: d.episode.id,
        stepId: step.id,
        stepKey: step.stepKey,
        runId: run.id,
        workItemId: item.id,
        decision: null,
        decidedBy: null,
        decidedAt: null,
        createdAt: new Date(),
      }),
    );
  }

  /**
   * The operator's answer to a referral: take the step now (as of today, recorded as theirs) or not. Either way the
   * work item is resolved with the reason; the answer stands for the rest of the delinquency.
   */
  async decide(actor: Principal, workItemId: string, take: boolean, reason: string): Promise<WorkItem> {
    parseId(workItemId, 'Work item');
    const why = requireText(reason, 'reason', 500);
    return this.db.transaction(async (tx) => {
      const referral = await tx.em.getRepository(ProtectedStepReferral).findOneBy({ workItemId });
      if (!referral) throw notFound(`Protected-account step for work item ${workItemId}`);
      const account = await lockAccount(tx.em, referral.accountId);
      const decided = await tx.em
        .createQueryBuilder()
        .update(ProtectedStepReferral)
        .set({ decision: take ? ReferralDecision.TAKEN : ReferralDecision.NOT_TAKEN, decidedBy: actor.name, decidedAt: new Date() })
        .where('id = :id', { id: referral.id })
        .andWhere('decision IS NULL')
        .execute();
      if (!decided.affected) throw invalidState(`The step of work item ${workItemId} has already been decided`);
      const step = await tx.em.getRepository(CollectionsStep).findOneByOrFail({ id: referral.stepId });
      let resolution = `Not taken (${step.action} "${step.name}"), decided by ${signatureOf(actor)}: ${why}`;
      if (take) {
        const action = await this.takeAnyway(tx, actor, referral, step, why, account.id);
        resolution = `Taken anyway by ${signatureOf(actor)} (action ${action.id}): ${why}`;
      }
      const resolved = await this.workQueues.resolveItemsFor(tx, { id: workItemId }, resolution.slice(0, 1000), actor.name);
      if (resolved === 0) throw invalidState(`Work item ${workItemId} is already resolved; its step was not taken`);
      tx.audit({
        actor: actor.name,
        action: 'decideProtectedStep',
        subjectType: 'Account',
        subjectId: account.id,
        after: { workItemId, stepName: step.name, action: step.action, taken: take, reason: why },
      });
      return tx.em.getRepository(WorkItem).findOneByOrFail({ id: workItemId });
    });
  }

  private async takeAnyway(
    tx: Tx,
    actor: Principal,
    referral: ProtectedStepReferral,
    step: CollectionsStep,
    why: string,
    accountId: string,
  ): Promise<CollectionsAction> {
    const episode = await tx.em.getRepository(CollectionsEpisode).findOneByOrFail({ id: referral.episodeId });
    if (episode.openAccountId === null) {
      throw invalidState(
        `The delinquency this step was due in ended on ${episode.endedOn}; there is nothing to take. Decide not to take it`,
      );
    }
    const account = await lockAccount(tx.em, accountId);
    // As a run would see it: the step must still be on the account's path and not taken, under its key or another's.
    const book = await this.paths.book(tx.em);
    const current = book.pathFor(account);
    const steps = current ? (book.steps.get(current.id) ?? []) : [];
    if (!steps.some((s) => s.stepKey === referral.stepKey)) {
      throw invalidState(
        `The step "${step.name}" is no longer on account ${account.number}'s path${current ? ` ("${current.name}")` : ''}: decide not to take it`,
      );
    }
    const actions = await tx.em.getRepository(CollectionsAction).find({
      where: { episodeId: episode.id },
      select: { id: true, stepKey: true, action: true, daysPastDue: true },
    });
    if (takenSteps(steps, actions).has(referral.stepKey)) {
      throw invalidState(`The step "${step.name}" has already been taken in this delinquency`);
    }
    const refusal = await this.checks.refusal(tx.em, account, step.action);
    if (refusal) {
      throw invalidState(
        `The step "${step.name}" cannot be taken on account ${account.number} today: ${refusal}. Decide not to take it, or decide again once that no longer holds`,
      );
    }
    const path = await tx.em.getRepository(CollectionsPath).findOneByOrFail({ id: step.pathId });
    const today = this.invoices.today();
    const [receivable] = await this.invoices.receivables([accountId], today, tx.em);
    const facts = {
      name: account.name,
      accountNumber: account.number,
      phone: account.phone,
      pastDue: receivable.pastDue,
      feesPastDue: receivable.feesPastDue,
      daysPastDue: this.invoices.daysPastDue(receivable, today),
    };
    return this.actions.take(
      tx,
      { id: referral.runId, asOf: today },
      step,
      { account, episode, path, facts },
      { actor: actor.name, signature: signatureOf(actor), note: `Taken anyway for a protected account by ${signatureOf(actor)}: ${why}` },
    );
  }
}
