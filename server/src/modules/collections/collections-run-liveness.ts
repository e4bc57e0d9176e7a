import { In, LessThan, Not, type EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import { CollectionsRun, CollectionsRunStatus } from './collections.entity';

/** How often a process working on a run marks it alive, whatever its chunks are doing. */
export const HEARTBEAT_MS = 5_000;
/** A RUNNING run not marked alive for this long has no process left working on it (six heartbeats missed). */
export const STALE_RUN_MS = 30_000;
/** How often each process of a shared deployment looks for runs whose process died. */
export const ABANDONED_SWEEP_MS = 10_000;

/**
 * Thrown inside a chunk's transaction when its run is no longer RUNNING (given
 * up by another process, which thought this one dead): the chunk rolls back,
 * and the run stops where it is. What it committed before stays in its file.
 */
export class RunGivenUp extends Error {
  constructor(readonly runId: string) {
    super(`collections run ${runId} is no longer running`);
    this.name = 'RunGivenUp';
  }
}

/** Marks the run alive; false when it is no longer RUNNING (given up elsewhere). */
export async function markAlive(db: Database, runId: string): Promise<boolean> {
  const result = await db.exclusive(() =>
    db.ds
      .createQueryBuilder()
      .update(CollectionsRun)
      .set({ heartbeatAt: new Date() })
      .where({ id: runId, status: CollectionsRunStatus.RUNNING })
      .execute(),
  );
  return (result.affected ?? 0) > 0;
}

/** In a chunk's transaction: refuses to go on when the run is no longer RUNNING, so the chunk rolls back. */
export function assertStillRunning(affected: number | undefined, runId: string): void {
  if (!affected) throw new RunGivenUp(runId);
}

/**
 * Gives up the RUNNING runs no process works on any more: FAILED, finished
 * now. Their actions stay theirs, so their dialer file (downloadable once
 * the run is no longer RUNNING) holds every row they exported, and a new run
 * takes the steps they did not. `silentFor`: only runs not marked alive for
 * that long (processes share the database); null: every run but the
 * caller's own (a process alone on its database). Returns the ids given up.
 */
export async function giveUpAbandonedRuns(db: Database, opts: { silentFor: number | null; own: ReadonlySet<string> }): Promise<string[]> {
  return db.exclusive(async () => {
    const where = {
      status: CollectionsRunStatus.RUNNING,
      ...(opts.silentFor === null ? {} : { heartbeatAt: LessThan(new Date(Date.now() - opts.silentFor)) }),
      ...(opts.own.size > 0 ? { id: Not(In([...opts.own])) } : {}),
    };
    const em: EntityManager = db.ds.manager;
    const abandoned = await em.getRepository(CollectionsRun).find({ where, select: { id: true } });
    const given: string[] = [];
    for (const { id } of abandoned) {
      // Conditional: a run that beat meanwhile, or finished, is left alone.
      const result = await em
        .createQueryBuilder()
        .update(CollectionsRun)
        .set({ status: CollectionsRunStatus.FAILED, runningKey: null, finishedAt: new Date() })
        .where({ ...where, id })
        .execute();
      if (result.affected) given.push(id);
    }
    return given;
  });
}
