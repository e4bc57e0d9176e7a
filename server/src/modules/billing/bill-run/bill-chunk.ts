import type { Tx } from '../../../db/database';
import type { BillingRules, BillRun } from '../billing.entity';
import type { ChunkLoader } from './chunk-loader';
import type { InvoiceWriter } from './invoice-writer';
import type { OutcomeEffects } from './outcome-effects';
import { priceChunk, type InvoiceOutcome } from './price-chunk';
import { noCounters, type Counters } from './run-counters';

/**
 * Bills a chunk's accounts in tx with a fixed number of set-based statements:
 * load what they need, price every invoice in memory, then one multi-row
 * INSERT of the invoices, their lines, one UPDATE marking all the reads billed
 * (checking the count) and one for the enrollments' first invoice. Exceptions,
 * which are rare, are raised account by account.
 */
export class ChunkBiller {
  constructor(
    private readonly loader: ChunkLoader,
    private readonly writer: InvoiceWriter,
    private readonly effects: OutcomeEffects,
  ) {}

  async bill(tx: Tx, run: BillRun, ids: string[], rulesFor: (segment: string) => BillingRules): Promise<Counters> {
    const data = await this.loader.load(tx.em, ids, run.asOf, { runId: run.id });
    const outcomes = priceChunk({ data, rulesFor, asOf: run.asOf });
    const invoiced = outcomes.filter((o): o is InvoiceOutcome => o.kind === 'INVOICE');
    await this.writer.store(tx, run, invoiced, data);
    return this.effects.apply(tx, run, outcomes, data, { ...noCounters(), processed: ids.length });
  }
}
