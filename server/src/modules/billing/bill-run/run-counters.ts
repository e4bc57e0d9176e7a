import type { EntityManager } from 'typeorm';
import { BillRunChunk } from '../bill-run-chunk.entity';
import { BillRunStatus, type BillRun } from '../billing.entity';

/** What a chunk (or a run) did with its accounts. */
export interface Counters {
  processed: number;
  issued: number;
  held: number;
  blocked: number;
  failed: number;
}

export const noCounters = (): Counters => ({ processed: 0, issued: 0, held: 0, blocked: 0, failed: 0 });

/** Counters as the run's columns name them. */
export const runCounters = (c: Counters) => ({
  accountsProcessed: c.processed,
  invoicesIssued: c.issued,
  invoicesHeld: c.held,
  accountsBlocked: c.blocked,
  accountsFailed: c.failed,
});

export type RunCounters = ReturnType<typeof runCounters>;

/** The sums of each run's chunks: its counters, and how many accounts its chunks hold. */
export async function chunkSums(em: EntityManager, runIds: string[]): Promise<Map<string, { counters: RunCounters; accounts: number }>> {
  const rows = (await em
    .getRepository(BillRunChunk)
    .createQueryBuilder('c')
    .select('c.run_id', 'runId')
    .addSelect('SUM(c.processed)', 'processed')
    .addSelect('SUM(c.issued)', 'issued')
    .addSelect('SUM(c.held)', 'held')
    .addSelect('SUM(c.blocked)', 'blocked')
    .addSelect('SUM(c.failed)', 'failed')
    .addSelect('SUM(c.accounts)', 'accounts')
    .where('c.run_id IN (:...runIds)', { runIds })
    .groupBy('c.run_id')
    .getRawMany()) as Array<Record<keyof Counters | 'runId' | 'accounts', string | number | null>>;
  return new Map(
    rows.map((r) => [
      String(r.runId),
      {
        counters: runCounters({
          processed: Number(r.processed ?? 0),
          issued: Number(r.issued ?? 0),
          held: Number(r.held ?? 0),
          blocked: Number(r.blocked ?? 0),
          failed: Number(r.failed ?? 0),
        }),
        accounts: Number(r.accounts ?? 0),
      },
    ]),
  );
}

/** A RUNNING run's counters are the sums of its finished chunks' (frozen into the run when it ends). */
export async function withLiveCounters(em: EntityManager, runs: BillRun[]): Promise<BillRun[]> {
  const running = runs.filter((r) => r.status === BillRunStatus.RUNNING);
  if (running.length === 0) return runs;
  const sums = await chunkSums(
    em,
    running.map((r) => r.id),
  );
  for (const run of running) {
    const sum = sums.get(run.id);
    // While the plan is being written, the accounts considered so far are those of the chunks written.
    Object.assign(run, sum?.counters ?? runCounters(noCounters()), {
      accountsConsidered: Math.max(run.accountsConsidered, sum?.accounts ?? 0),
    });
  }
  return runs;
}
