import type { EntityManager } from 'typeorm';
import type { Account } from '../../accounts/account.entity';
import type { InvoiceService } from '../../billing/invoice.service';
import type { PaymentPlanService } from '../../payments/payment-plan.service';
import { FOR_SERVICE_ONLY } from '../collections-actions';
import { CollectionsActionType } from '../collections.entity';
import { formatMoney } from '../../../common/money';
import { isHeld, protectionsInForce } from './collections-controls';
import type { CollectionsControlsService } from './controls.service';

/**
 * The controls a run applies, checked again as of today when an operator acts
 * on a collections step after the run: confirming a market drop, or taking a
 * protected account's step anyway. Between the run and the operator, the
 * customer may have paid, disputed, agreed a plan or been put on hold.
 */
export class OperatorStepChecks {
  constructor(
    private readonly controls: CollectionsControlsService,
    private readonly invoices: InvoiceService,
    private readonly plans: PaymentPlanService,
  ) {}

  today(): string {
    return this.invoices.today();
  }

  /**
   * Why the step cannot go ahead today, or null. For a market drop
   * requested at requestedAt, a protection given since also stands in the way
   * (one the operator knew of when the drop was requested does not).
   */
  async refusal(
    em: EntityManager,
    account: Account,
    action: CollectionsActionType,
    requestedAt: Date | null = null,
  ): Promise<string | null> {
    const today = this.today();
    const [hold] = await this.controls.holdsFor([account.id], em);
    if (hold && isHeld(hold, today)) return `it is on hold until ${hold.until} (${hold.reason})`;
    if ((await this.plans.activePlanAccounts(em, [account.id])).has(account.id)) return 'it has an ACTIVE payment plan';
    const [owed] = await this.invoices.receivables([account.id], today, em);
    if (!owed || owed.pastDue <= 0) return 'nothing is past due today (amounts under an open dispute do not count)';
    if (FOR_SERVICE_ONLY.includes(action) && owed.pastDue <= owed.feesPastDue) {
      return `only fees are past due today (${formatMoney(owed.feesPastDue)}): fees alone bring no late fee or market drop`;
    }
    if (action === CollectionsActionType.MARKET_DROP && (await this.controls.isBlackout(em, today))) {
      return `today, ${today}, is a blackout date`;
    }
    if (requestedAt) {
      const protections = await this.controls.protectionsFor([account.id], em);
      const since = protectionsInForce(protections, today).filter((p) => p.setAt > requestedAt);
      if (since.length > 0) return `it has been protected (${since.map((p) => p.code).join(', ')}) since the drop was requested`;
    }
    return null;
  }
}
