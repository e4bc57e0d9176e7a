import type { Tx } from '../db/database';
import type { RunProgress } from '../events/pubsub';

/** A chunk row's status, the same for every kind of run. */
export enum ChunkStatus {
  PENDING = 'PENDING',
  DONE = 'DONE',
  /** Its run was given up (FAILED) before the chunk was worked; a later run takes its accounts. */
  CANCELLED = 'CANCELLED',
  /** The run's plan itself, closed (DONE) once every chunk is written: no worker claims it. */
  PLANNING = 'PLANNING',
}

/** Works a chunk's accounts in the transaction (or one account, in a savepoint of it); answers what it did. */
export type ChunkWork<C> = (tx: Tx, accountIds: string[]) => Promise<C>;

/**
 * One kind of chunked run (bill runs, collections runs): its tables and what
 * working a chunk means. The runtime (ChunkedRuns) does the rest the same way
 * for every kind: claims, closes, completion, giving up, dead runs, progress.
 *
 * The tables: the run's has `status` (RUNNING, COMPLETED, FAILED) and
 * `heartbeat_at`; the chunk's has `id, run_id, position, accounts,
 * account_ids, status, finished_at` and the worker column.
 */
export interface RunKind<C> {
  /** The kind in progress messages. */
  progress: RunProgress['kind'];
  /** In logs: "bill run", "collections run". */
  label: string;
  runTable: string;
  chunkTable: string;
  /** The chunk column naming the process that worked it. */
  workerColumn: string;
  /** Chunks this process works at once. */
  parallelism: number;
  /**
   * Before each chunk's transaction, outside it (e.g. reading the billing
   * rules): answers how to open a run in a chunk's transaction, which gives
   * null when the run is no longer RUNNING (its chunk is then cancelled).
   */
  prepare(): Promise<(tx: Tx, runId: string) => Promise<ChunkWork<C> | null>>;
  none(): C;
  add(a: C, b: C): C;
  /** What an account that could not be worked counts for. */
  failedAccount(): C;
  /** The chunk's columns recording what it did, written as it closes. */
  chunkColumns(c: C): Record<string, number>;
  /** In the chunk's transaction, after it closed: e.g. adds to the run's row (throwing RunGivenUp rolls the chunk back). */
  closed?(tx: Tx, runId: string, c: C): Promise<void>;
  /** Marks the run COMPLETED if it is RUNNING (conditional, with its event); true when this call did. */
  complete(tx: Tx, runId: string): Promise<boolean>;
  /** Marks the runs FAILED if they are RUNNING; their unworked chunks are already cancelled. */
  fail(tx: Tx, runIds: string[]): Promise<void>;
}

/**
 * Thrown inside a chunk's transaction when its run is no longer RUNNING
 * (given up by a process that thought this one dead): the chunk rolls back
 * and is cancelled, and the run stops where it is.
 */
export class RunGivenUp extends Error {
  constructor(readonly runId: string) {
    super(`run ${runId} is no longer running`);
    this.name = 'RunGivenUp';
  }
}
