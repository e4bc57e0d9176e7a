import type { EntityManager } from 'typeorm';
import { conflict, type HubError } from '../../common/errors/hub-error';
import { runWrite } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';

/**
 * The value a run's running_key holds while it is RUNNING, and null once it
 * has ended. The column has a unique key, so a second run of the same kind
 * cannot even be stored while one runs, however many processes start one at
 * the same moment.
 */
export const RUNNING_KEY = 'RUNNING';

/**
 * Frees the running key of runs of the table that have ended without it being
 * freed (a status set by hand or by an older version): a run that is no longer
 * RUNNING never holds up the next one.
 */
export async function freeEndedRunKeys(em: EntityManager, table: 'bill_run' | 'collections_run'): Promise<void> {
  await runWrite(em, `UPDATE ${table} SET running_key = NULL WHERE running_key = ? AND status <> ?`, [RUNNING_KEY, 'RUNNING']);
}

/**
 * Stores a new run (`creating`, the transaction that inserts it with
 * RUNNING_KEY); when the unique key refuses it, CONFLICT naming the run that
 * holds the key.
 */
export async function oneAtATime<T>(
  kind: 'bill run' | 'collections run',
  creating: Promise<T>,
  current: () => Promise<RunningRun | null>,
): Promise<T> {
  try {
    return await creating;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw alreadyRunning(kind, await current());
  }
}

/** What a run started by the daily schedule records as its starter. */
export const SCHEDULE_ACTOR = 'SCHEDULE';

/** The run a second start found going on. */
export interface RunningRun {
  id: string;
  asOf: string;
  startedBy: string;
  startedAt: Date;
}

/** CONFLICT naming the run of the same kind that is already going on (or, gone meanwhile, none). */
export function alreadyRunning(kind: 'bill run' | 'collections run', running: RunningRun | null): HubError {
  if (!running) return conflict(`Another ${kind} was starting at the same moment; try again`);
  return conflict(
    `${kind[0].toUpperCase()}${kind.slice(1)} ${running.id} (asOf ${running.asOf}, started by ${running.startedBy} at ` +
      `${running.startedAt.toISOString()}) is still RUNNING; one ${kind} runs at a time: start this one when it has finished`,
  );
}
