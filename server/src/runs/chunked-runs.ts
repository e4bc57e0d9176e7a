import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../common/logger';
import { PollLoop } from '../common/poll-loop';
import { inSavepoint, type Database } from '../db/database';
import { isRetryable } from '../db/errors';
import { Topic, type HubPubSub } from '../events/pubsub';
import { ChunkStore, type ClaimedChunk } from './chunk-store';
import { ChunkStatus, RunGivenUp, type RunKind } from './run-kind';

/** How often an idle process looks for chunks of runs started elsewhere; the runs' progress messages usually wake it sooner. */
const CLAIM_POLL_MS = 5_000;
/** How often a process marks alive the runs it started or has a chunk of in flight, whatever its chunks are doing. */
const HEARTBEAT_MS = 5_000;
/** A RUNNING run not marked alive for this long has no process left working on it (six heartbeats missed). */
export const SILENT_RUN_MS = 30_000;
/** How often each process of a shared deployment looks for runs whose process died. */
const DEAD_RUN_SWEEP_MS = 10_000;

/**
 * The runtime of chunked runs, one per kind of run (bill runs, collections
 * runs), in every hub process. A run is planned into chunk rows of accounts
 * (`store.openPlan`, `writeChunks`, `closePlan`); workers claim PENDING chunks
 * (FOR UPDATE SKIP LOCKED on MySQL) and work each in one transaction that also
 * closes it (DONE, with what it did), so a chunk is worked once, and a
 * crashed worker's chunk, rolled back, is claimed again. A chunk that fails as
 * a whole is worked again one account at a time, each in a savepoint, so only
 * the account at fault is left out. The run completes when no chunk is left
 * open, or is given up (FAILED, its open chunks CANCELLED).
 *
 * Dead runs: every process marks the runs it works on alive every
 * HEARTBEAT_MS. A process alone on its database (no REDIS_URL) resumes at
 * start every RUNNING run it finds: none can be another's. Processes that share
 * a database (REDIS_URL) work the chunks of any run, join a run when its
 * progress is announced, and every DEAD_RUN_SWEEP_MS take over the runs not
 * marked alive for SILENT_RUN_MS. A run resumed goes on from its PENDING
 * chunks; one whose plan was cut off (PLANNING left, or no chunk rows) is
 * given up, and a new run takes its accounts.
 */
export class ChunkedRuns<C> {
  readonly store: ChunkStore;
  private readonly workers = new Set<Promise<void>>();
  /** Woken when a chunk of any run finishes (here or, through the PubSub, elsewhere). */
  private readonly waiters = new Set<() => void>();
  /** Who worked a chunk, as recorded on it: this process among a deployment's. */
  private readonly workerId = `${hostname().slice(0, 40)}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private rekick = false;
  private sharedRuns = false;
  /** Runs started (or resumed) here and not finished yet: this process sees them to the end. */
  private readonly started = new Set<string>();
  /** The chunks in flight here, and their runs. */
  private readonly inFlight = new Map<string, string>();
  private stopping = false;
  private readonly loops: PollLoop[] = [];
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly db: Database,
    private readonly pubsub: HubPubSub,
    private readonly kind: RunKind<C>,
    private readonly log: Logger,
  ) {
    this.store = new ChunkStore(db, kind);
  }

  /** Whether this process works the chunks of runs started anywhere. */
  get shared(): boolean {
    return this.sharedRuns;
  }

  /** A run started (or resumed) here: this process works it to the end. */
  adopt(runId: string): void {
    this.started.add(runId);
  }

  /**
   * Starts this process's part: listens to the runs' progress, marks its runs
   * alive, and takes over the runs dead processes left (see the class).
   */
  async listen(opts: { shared: boolean }): Promise<void> {
    this.sharedRuns = opts.shared;
    this.unsubscribe = await this.pubsub.subscribe(Topic.RUN_PROGRESS, (p) => {
      if (p.kind !== this.kind.progress) return;
      this.wake();
      if (this.sharedRuns) this.kick();
    });
    const loop = (round: () => Promise<unknown>, intervalMs: number, failure: string) =>
      this.loops.push(new PollLoop({ round, intervalMs, failure: `${this.kind.label}s: ${failure}`, log: this.log }));
    loop(() => this.store.beat([...this.own()]), HEARTBEAT_MS, 'marking runs alive failed');
    if (this.sharedRuns) {
      loop(async () => this.kick(), CLAIM_POLL_MS, 'looking for chunks failed');
      loop(() => this.takeOverDead(SILENT_RUN_MS), DEAD_RUN_SWEEP_MS, 'looking for dead runs failed');
    } else {
      await this.takeOverDead(null);
    }
    for (const l of this.loops) l.start();
  }

  /**
   * Stops claiming chunks and lets those in flight finish. Shared, the other
   * processes go on with the runs; alone, the runs this process started are
   * given up (FAILED), and a new run takes their accounts.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.loops.map((l) => l.stop()));
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.wake();
    await this.idle();
    if (!this.sharedRuns && this.started.size > 0) {
      await this.giveUp([...this.started]).catch((error: unknown) =>
        this.log.error(`${this.kind.label}s could not be marked FAILED`, error),
      );
    }
  }

  /** Resolves when no worker of this process is at work. */
  async idle(): Promise<void> {
    while (this.workers.size > 0) await Promise.all([...this.workers]);
  }

  /** Starts workers up to the kind's parallelism; a worker that finds nothing to claim ends. */
  kick(): void {
    if (this.stopping) return;
    this.rekick = true;
    while (this.workers.size < this.kind.parallelism) {
      const worker: Promise<void> = this.work().finally(() => this.workers.delete(worker));
      this.workers.add(worker);
    }
  }

  /** Answers once the run is no longer RUNNING, or this process stops. */
  async untilFinished(runId: string): Promise<void> {
    for (;;) {
      // Listening before reading, so a run that ends between the read and the wait wakes it at once.
      let timer: NodeJS.Timeout | undefined;
      let done = () => undefined as void;
      const woken = new Promise<void>((resolve) => {
        done = resolve;
        timer = setTimeout(resolve, 1_000);
      });
      this.waiters.add(done);
      try {
        if ((await this.store.status(runId)) !== 'RUNNING' || this.stopping) return;
        await woken;
      } finally {
        clearTimeout(timer);
        this.waiters.delete(done);
      }
    }
  }

  /** Completes the run once no chunk is left open; of several workers finishing at once, one completes it. */
  async completeIfDone(runId: string): Promise<void> {
    if ((await this.store.openChunks(runId)) > 0) return;
    const completed = await this.db.transaction((tx) => this.kind.complete(tx, runId));
    // Completed here or elsewhere, or failed: either way no longer this process's to finish.
    this.started.delete(runId);
    if (completed) {
      this.announceProgress(runId);
      this.wake();
    }
  }

  /** Gives the runs up: FAILED, their open chunks cancelled; a new run takes their accounts. */
  async giveUp(runIds: string[]): Promise<void> {
    if (runIds.length === 0) return;
    for (const id of runIds) this.started.delete(id);
    await this.db.transaction(async (tx) => {
      await this.store.cancelOpen(tx.em, runIds);
      await this.kind.fail(tx, runIds);
    });
    for (const id of runIds) this.announceProgress(id);
  }

  /** Gives up the RUNNING runs not marked alive for SILENT_RUN_MS, but this process's own: a new run is about to take their accounts. */
  async giveUpSilent(): Promise<void> {
    const silent = await this.store.silentRuns(SILENT_RUN_MS, this.own());
    await this.giveUp([...silent.planned, ...silent.cutOff]);
  }

  announceProgress(runId: string): void {
    this.pubsub
      .publish(Topic.RUN_PROGRESS, { kind: this.kind.progress, runId })
      .catch((error: unknown) => this.log.error('progress publish failed', error));
  }

  private own(): Set<string> {
    return new Set([...this.started, ...this.inFlight.values()]);
  }

  /**
   * Takes over the RUNNING runs no process works on (silent for `silentFor`
   * ms; null: every one but this process's): resumes those whose plan was
   * written whole, gives up the others.
   */
  private async takeOverDead(silentFor: number | null): Promise<void> {
    const { planned, cutOff } = await this.store.silentRuns(silentFor, this.own());
    if (planned.length + cutOff.length === 0) return;
    await this.giveUp(cutOff);
    for (const id of planned) this.adopt(id);
    // Marked alive at once, so the other processes' sweeps leave them to this one.
    await this.store.beat(planned);
    this.log.info(`${this.kind.label}s left running by a stopped process: resumed ${planned.length}, given up ${cutOff.length}`);
    this.kick();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /**
   * Works chunks while there are any. A run is checked for completion when
   * the worker moves on to another run's chunks and when its streak ends,
   * however it ends, rather than after every chunk: that spares a count per
   * chunk. The runs this process started are checked too, so one whose last
   * chunk was worked by a worker that then failed is still completed.
   */
  private async work(): Promise<void> {
    // The run of the chunk this worker worked last; null before its first and after a claim found none.
    let current: string | null = null;
    try {
      while (!this.stopping) {
        this.rekick = false;
        const runId = await this.workNextChunk(current !== null);
        if (current && runId !== current) await this.completeIfDone(current);
        current = runId;
        if (runId) continue;
        for (const id of [...this.started]) await this.completeIfDone(id);
        if (!this.rekick) return;
      }
    } catch (error) {
      // The chunk stays PENDING; the next poll tries again.
      this.log.error(`${this.kind.label} worker failed`, error);
    } finally {
      if (current)
        await this.completeIfDone(current).catch((error: unknown) => this.log.error(`${this.kind.label} completion check failed`, error));
    }
  }

  /**
   * Works one chunk: of any run when shared, else of the runs this process
   * started. Returns its run's id, or null when there was none to claim.
   * `streak`: the last call worked one, so there are likely more.
   */
  private async workNextChunk(streak: boolean): Promise<string | null> {
    if (!this.sharedRuns && this.started.size === 0) return null;
    if (!streak && !(await this.store.anyPending())) return null;
    const open = await this.kind.prepare();
    const state: { chunk: ClaimedChunk | null } = { chunk: null };
    try {
      await this.db.transaction(async (tx) => {
        // A transaction retried (a deadlock) claims afresh.
        this.leave(state.chunk);
        const chunk = await this.store.claim(tx.em, { runIds: this.sharedRuns ? undefined : [...this.started] });
        state.chunk = chunk;
        if (!chunk) return;
        this.inFlight.set(chunk.id, chunk.runId);
        const work = await open(tx, chunk.runId);
        if (!work) return this.store.close(tx.em, chunk.id, ChunkStatus.CANCELLED, this.workerId, {});
        const counters = await work(tx, chunk.accountIds);
        await this.store.close(tx.em, chunk.id, ChunkStatus.DONE, this.workerId, this.kind.chunkColumns(counters));
        await this.kind.closed?.(tx, chunk.runId, counters);
      });
    } catch (error) {
      if (!state.chunk) throw error;
      if (!(error instanceof RunGivenUp))
        this.log.error(
          `${this.kind.label} ${state.chunk.runId}: chunk ${state.chunk.id} failed as a whole; working its accounts one by one`,
          error,
        );
      await this.oneByOne(state.chunk.id, open);
    } finally {
      this.leave(state.chunk);
    }
    const chunk = state.chunk as ClaimedChunk | null;
    if (!chunk) return null;
    this.announceProgress(chunk.runId);
    this.wake();
    return chunk.runId;
  }

  private leave(chunk: ClaimedChunk | null): void {
    if (chunk) this.inFlight.delete(chunk.id);
  }

  /**
   * A chunk whose batch failed, again, one account at a time, each in a
   * savepoint: only the account at fault is left out (it counts as failed;
   * a later run takes it), and the chunk is still closed in one transaction,
   * so it is worked once.
   */
  private async oneByOne(chunkId: string, open: Awaited<ReturnType<RunKind<C>['prepare']>>): Promise<void> {
    const closeAs = async (status: ChunkStatus, total: C, tx: Parameters<typeof open>[0], runId: string) => {
      await this.store.close(tx.em, chunkId, status, this.workerId, status === ChunkStatus.DONE ? this.kind.chunkColumns(total) : {});
      if (status === ChunkStatus.DONE) await this.kind.closed?.(tx, runId, total);
    };
    const cancelled = await this.db
      .transaction(async (tx) => {
        const chunk = await this.store.claim(tx.em, { chunkId });
        if (!chunk) return false;
        const work = await open(tx, chunk.runId);
        if (!work) {
          await closeAs(ChunkStatus.CANCELLED, this.kind.none(), tx, chunk.runId);
          return false;
        }
        let total = this.kind.none();
        for (const accountId of chunk.accountIds) {
          try {
            total = this.kind.add(total, await inSavepoint(tx, (sub) => work(sub, [accountId])));
          } catch (error) {
            // A deadlock undoes the whole transaction, savepoints included: retry it all.
            if (isRetryable(error) || error instanceof RunGivenUp) throw error;
            this.log.error(`${this.kind.label} ${chunk.runId}: account ${accountId} could not be worked`, error);
            total = this.kind.add(total, this.kind.failedAccount());
          }
        }
        await closeAs(ChunkStatus.DONE, total, tx, chunk.runId);
        return false;
      })
      .catch((error: unknown) => {
        if (error instanceof RunGivenUp) return true;
        throw error;
      });
    // Given up while this chunk was worked: it rolled back, and is cancelled now.
    if (cancelled) await this.db.transaction((tx) => this.store.close(tx.em, chunkId, ChunkStatus.CANCELLED, this.workerId, {}));
  }
}
