import { EventType } from '../../../events/event-types';
import type { RunKind } from '../../../runs/run-kind';
import { BillRun, BillRunStatus } from '../billing.entity';
import type { BillingRulesService } from '../billing-rules.service';
import type { ChunkBiller } from './bill-chunk';
import { chunkSums, noCounters, runCounters, type Counters } from './run-counters';

/**
 * Bill runs as the chunked-run runtime sees them: a chunk is billed by the
 * ChunkBiller; what it did is kept on the chunk row (processed, issued, held,
 * blocked, failed), never on the run's row while it runs (concurrent chunks
 * would queue on it); the run's counters are frozen from the chunks' sums when
 * it ends.
 */
export function billRunKind(opts: { dialect: 'mysql' | 'sqlite'; rules: BillingRulesService; biller: ChunkBiller }): RunKind<Counters> {
  const { rules, biller } = opts;
  return {
    progress: 'BILL_RUN',
    label: 'bill run',
    runTable: 'bill_run',
    chunkTable: 'bill_run_chunk',
    workerColumn: 'billed_by',
    // MySQL bills three chunks at once per process: while some wait on the database another computes. Five were
    // measured too: a 100,000-account run was about 7 % faster alone, but two processes then slowed each other down.
    // The embedded database has one connection, so there a second worker would only queue.
    parallelism: opts.dialect === 'mysql' ? 3 : 1,
    async prepare() {
      const rulesFor = await rules.resolver();
      return async (tx, runId) => {
        const run = await tx.em.getRepository(BillRun).findOneBy({ id: runId });
        if (!run || run.status !== BillRunStatus.RUNNING) return null;
        return (sub, ids) => biller.bill(sub, run, ids, rulesFor);
      };
    },
    none: noCounters,
    add: (a, b) => ({
      processed: a.processed + b.processed,
      issued: a.issued + b.issued,
      held: a.held + b.held,
      blocked: a.blocked + b.blocked,
      failed: a.failed + b.failed,
    }),
    failedAccount: () => ({ ...noCounters(), processed: 1, failed: 1 }),
    chunkColumns: (c) => ({ processed: c.processed, issued: c.issued, held: c.held, blocked: c.blocked, failed: c.failed }),
    async complete(tx, runId) {
      const now = new Date();
      // Every chunk is closed: their sums are final.
      const counters = (await chunkSums(tx.em, [runId])).get(runId)?.counters ?? runCounters(noCounters());
      const result = await tx.em
        .getRepository(BillRun)
        .update(
          { id: runId, status: BillRunStatus.RUNNING },
          { status: BillRunStatus.COMPLETED, runningKey: null, finishedAt: now, heartbeatAt: now, ...counters },
        );
      if (result.affected !== 1) return false;
      const done = await tx.em.getRepository(BillRun).findOneByOrFail({ id: runId });
      tx.emit({
        type: EventType.BILL_RUN_COMPLETED,
        subjectId: runId,
        payload: {
          asOf: done.asOf,
          accountsConsidered: done.accountsConsidered,
          accountsProcessed: done.accountsProcessed,
          invoicesIssued: done.invoicesIssued,
          invoicesHeld: done.invoicesHeld,
          accountsBlocked: done.accountsBlocked,
          accountsFailed: done.accountsFailed,
        },
      });
      return true;
    },
    async fail(tx, runIds) {
      const sums = await chunkSums(tx.em, runIds);
      for (const id of runIds) {
        await tx.em.getRepository(BillRun).update(
          { id, status: BillRunStatus.RUNNING },
          {
            status: BillRunStatus.FAILED,
            runningKey: null,
            finishedAt: new Date(),
            ...(sums.get(id)?.counters ?? runCounters(noCounters())),
          },
        );
      }
    },
  };
}
