import { Decimal, formatDecimal, formatMoney } from '../../common/money';
import type { Tx } from '../../db/database';
import { EventType } from '../../events/event-types';
import { Account, AccountStatus } from '../accounts/account.entity';
import { invoiceNumber } from '../billing/invoice-number';
import type { InvoiceService } from '../billing/invoice.service';
import { BuiltInQueue } from '../work-queues/work-queue.entity';
import type { WorkQueueService } from '../work-queues/work-queue.service';
import {
  CollectionsAction,
  CollectionsActionType,
  type CollectionsEpisode,
  type CollectionsPath,
  type CollectionsRun,
  type CollectionsStep,
} from './collections.entity';
import { dialerRow, owedForService, renderTemplate, type DelinquencyFacts } from './collections-text';

/** A delinquent account a step is taken for, on its path. */
export interface Delinquent {
  account: Account;
  episode: CollectionsEpisode;
  path: CollectionsPath;
  facts: DelinquencyFacts;
}

/** The run a step is taken in (an operator taking a referred step takes it in the run that referred it, as of today). */
export type RunDay = Pick<CollectionsRun, 'id' | 'asOf'>;

/** Who takes a step when it is not the run itself: an operator deciding a referral, and why. */
export interface TakenBy {
  /** As the audit log names them. */
  actor: string;
  /** As every reader sees them (signatureOf). */
  signature: string;
  note: string;
}

/** What a step did, for its action row. */
interface Outcome {
  detail: string;
  workItemId: string | null;
  invoiceId: string | null;
}

/** percent is in micro-units ("1.5" is 1_500_000); the fee is rounded half-up to cents. */
export function percentOf(cents: number, percentMicros: number): number {
  return new Decimal(cents).times(percentMicros).dividedBy(100_000_000).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

/** A LATE_FEE step's fee: its fixed feeAmount, else its feePercent of what is past due for service (owedForService). */
export function lateFeeOf(
  step: Pick<CollectionsStep, 'feeAmount' | 'feePercent'>,
  facts: Pick<DelinquencyFacts, 'pastDue' | 'feesPastDue'>,
): number {
  return step.feeAmount ?? percentOf(owedForService(facts), step.feePercent ?? 0);
}

/** Steps taken only while something is past due for service (see owedForService). */
export const FOR_SERVICE_ONLY: readonly CollectionsActionType[] = [CollectionsActionType.LATE_FEE, CollectionsActionType.MARKET_DROP];

/** The steps of a collections path, as actions on one delinquent account in the run's transaction. */
export class CollectionsActions {
  constructor(
    private readonly invoices: InvoiceService,
    private readonly workQueues: WorkQueueService,
  ) {}

  /** Takes one step for the account and records it; the action row's unique key refuses a second one in the episode. */
  async take(tx: Tx, run: RunDay, step: CollectionsStep, d: Delinquent, by?: TakenBy): Promise<CollectionsAction> {
    const actor = by?.actor ?? `collections run ${run.id}`;
    const outcome = await this.perform(tx, run, step, d, actor);
    if (by) outcome.detail = `${by.note}. ${outcome.detail}`;
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
        pastDue: d.facts.pastDue,
        daysPastDue: d.facts.daysPastDue,
        takenBy: by?.actor ?? null,
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
        ...(by ? { takenBy: by.signature } : {}),
      },
    });
    return action;
  }

  private async perform(tx: Tx, run: RunDay, step: CollectionsStep, d: Delinquent, actor: string): Promise<Outcome> {
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
          actorName: actor,
        });
        return { detail: `Call request ${item.id} in queue ${queueKey}: ${owed}`, workItemId: item.id, invoiceId: null };
      }
      case CollectionsActionType.LATE_FEE: {
        const amount = lateFeeOf(step, facts);
        const how = step.feeAmount !== null ? 'fixed' : `${formatDecimal(step.feePercent ?? 0)}% of ${formatMoney(owedForService(facts))}`;
        if (amount <= 0) return { ...none, detail: `No late fee: ${how} rounds to 0.00` };
        const invoice = await this.invoices.createFeeInvoice(tx, account, {
          amount,
          // The customer reads this on the bill: what the fee is for, and on what.
          description: `${step.name}: ${step.feeAmount !== null ? formatMoney(facts.pastDue) : how} past due on ${run.asOf}`,
          asOf: run.asOf,
          billingKey: `fee:${d.episode.id}:${step.stepKey}`,
        });
        return {
          detail: `Late fee ${formatMoney(amount)} (${how})${
            invoice.total !== amount ? ` plus ${formatMoney(invoice.total - amount)} tax` : ''
          } on invoice ${invoiceNumber(invoice.id)}, due ${run.asOf}`,
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
          actor,
          action: 'requestMarketDrop',
          subjectType: 'Account',
          subjectId: account.id,
          before: { status: from },
          after: { status: AccountStatus.DROP_PENDING, reason },
        });
        const item = await this.workQueues.createItem(tx, {
          queueKey: BuiltInQueue.MARKET_DROPS,
          kind: 'MARKET_DROP',
          title: `${account.number} ${account.name}: drop from the market (${owed})`.slice(0, 255),
          priority: 2,
          accountId: account.id,
          accountNumber: account.number,
          actorName: actor,
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
