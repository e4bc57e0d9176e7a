import type { Database } from '../../../db/database';
import { PreviewTally, type PreviewItem } from '../../runs/preview-tally';
import { RunKind, type RunPreviewData } from '../../runs/run-preview.types';
import type { BillingRulesService } from '../billing-rules.service';
import type { ChunkLoader } from './chunk-loader';
import { pendingAccountIds } from './planner';
import { priceChunk, type Outcome } from './price-chunk';

/** A bill run's outcomes per account, in the order a preview counts them. */
export const BILLING_OUTCOMES = ['ISSUED', 'HELD', 'BLOCKED', 'NOTHING_TO_BILL'] as const;
const WITHOUT_AMOUNT = new Set<string>(['BLOCKED', 'NOTHING_TO_BILL']);

/** What a run would make of one account: the invoice it would issue or hold, or why it cannot bill it. */
export function billingPreviewItem(outcome: Outcome): PreviewItem {
  if (outcome.kind === 'BLOCKED') {
    return {
      accountId: outcome.account.id,
      key: 'BLOCKED',
      amount: null,
      detail: outcome.computation.problems.map((p) => p.message).join('; '),
    };
  }
  const { computation, failures } = outcome;
  const period = `${computation.periodStart} to ${computation.periodEnd}`;
  if (failures.length > 0) {
    return {
      accountId: outcome.account.id,
      key: 'HELD',
      amount: computation.total,
      detail: `${period}; held for review: ${failures.map((f) => `${f.code} (${f.message})`).join('; ')}`,
    };
  }
  return {
    accountId: outcome.account.id,
    key: 'ISSUED',
    amount: computation.total,
    detail: `${period}, ${computation.lines.length} lines`,
  };
}

/**
 * What runBilling(asOf) would do now, with the run's own code: the planner's
 * choice of accounts, the chunk loader (reading without locks) and the pure
 * pricing and threshold tests. Nothing is written.
 */
export class BillPreview {
  constructor(
    private readonly db: Database,
    private readonly loader: ChunkLoader,
    private readonly rules: BillingRulesService,
    private readonly chunkSize: () => number,
  ) {}

  async preview(asOf: string): Promise<RunPreviewData> {
    const ids = await pendingAccountIds(this.db, asOf);
    const rulesFor = await this.rules.resolver();
    const tally = new PreviewTally(BILLING_OUTCOMES, WITHOUT_AMOUNT);
    const size = this.chunkSize();
    for (let i = 0; i < ids.length; i += size) {
      const part = ids.slice(i, i + size);
      const data = await this.loader.load(this.db.manager, part, asOf, { lock: false });
      const outcomes = priceChunk({ data, rulesFor, asOf });
      for (const outcome of outcomes) tally.add(billingPreviewItem(outcome));
      // An account that left ACTIVE, or whose reads were billed, since the list was read: the run would pass it by.
      tally.addCount('NOTHING_TO_BILL', part.length - outcomes.length);
    }
    return { kind: RunKind.BILLING, asOf, accounts: ids.length, ...tally.result() };
  }
}
