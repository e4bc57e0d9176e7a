import { In } from 'typeorm';
import type { RunKind } from '../../runs/run-kind';
import { RunGivenUp } from '../../runs/run-kind';
import { CollectionsRun, CollectionsRunStatus } from './collections.entity';
import type { CollectionsEvaluation, Counters } from './collections-evaluation';

/**
 * Collections runs as the chunked-run runtime sees them: a chunk's accounts
 * are evaluated on their paths, one process at a time per run (actions are
 * taken in the order of the dialer file). What a chunk did is added to the
 * run's row in the chunk's transaction, with a conditional UPDATE: a run given
 * up meanwhile (by a process that thought this one dead) rolls the chunk back.
 */
export function collectionsRunKind(evaluation: CollectionsEvaluation): RunKind<Counters> {
  return {
    progress: 'COLLECTIONS_RUN',
    label: 'collections run',
    runTable: 'collections_run',
    chunkTable: 'collections_run_chunk',
    workerColumn: 'worked_by',
    parallelism: 1,
    prepare() {
      return Promise.resolve(async (tx, runId) => {
        const run = await tx.em.getRepository(CollectionsRun).findOneBy({ id: runId });
        if (!run || run.status !== CollectionsRunStatus.RUNNING) return null;
        return (sub, ids) => evaluation.evaluate(sub, run, ids);
      });
    },
    none: () => ({ evaluated: 0, actions: 0, failed: 0 }),
    add: (a, b) => ({ evaluated: a.evaluated + b.evaluated, actions: a.actions + b.actions, failed: a.failed + b.failed }),
    failedAccount: () => ({ evaluated: 0, actions: 0, failed: 1 }),
    chunkColumns: () => ({}),
    async closed(tx, runId, c) {
      const result = await tx.em
        .createQueryBuilder()
        .update(CollectionsRun)
        .set({
          accountsEvaluated: () => `accounts_evaluated + ${c.evaluated}`,
          actionsTaken: () => `actions_taken + ${c.actions}`,
          accountsFailed: () => `accounts_failed + ${c.failed}`,
          heartbeatAt: new Date(),
        })
        .where('id = :id', { id: runId })
        .andWhere('status = :running', { running: CollectionsRunStatus.RUNNING })
        .execute();
      if (!result.affected) throw new RunGivenUp(runId);
    },
    async complete(tx, runId) {
      const now = new Date();
      const result = await tx.em
        .getRepository(CollectionsRun)
        .update(
          { id: runId, status: CollectionsRunStatus.RUNNING },
          { status: CollectionsRunStatus.COMPLETED, runningKey: null, finishedAt: now, heartbeatAt: now },
        );
      return result.affected === 1;
    },
    async fail(tx, runIds) {
      // Their actions stay theirs, so their dialer file (downloadable once the run is no longer RUNNING) holds every row they exported.
      await tx.em
        .getRepository(CollectionsRun)
        .update(
          { id: In(runIds), status: CollectionsRunStatus.RUNNING },
          { status: CollectionsRunStatus.FAILED, runningKey: null, finishedAt: new Date() },
        );
    },
  };
}
