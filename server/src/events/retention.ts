import type { Database } from '../db/database';
import { runWrite } from '../db/database';
import { cursorExpired } from '../common/errors/hub-error';
import { PollLoop } from '../common/poll-loop';
import { EventRecord } from './event.entity';

/** Events deleted per statement: a short transaction holding few row locks. */
const BATCH = 500;
/** A pause between batches, so the sweep never crowds out the relay or requests. */
const PAUSE_MS = 20;
export const RETENTION_SWEEP_INTERVAL_MS = 3600_000;

export type RetentionLogger = { error(msg: string, error?: unknown): void };

/**
 * Keeps events for the configured number of days: a sweep deletes older ones
 * in small batches, oldest first, and records the highest id deleted (the
 * floor). The newest event is always kept, since its id carries the sequence.
 * A cursor below the floor would silently skip what was deleted, so it is
 * refused with CURSOR_EXPIRED.
 */
export class EventRetention {
  private readonly afterSweep: Array<(cutoff: Date) => Promise<void>> = [];
  /** The first sweep 5 s after start, out of the way of the process starting up; then one an interval. */
  private readonly loop: PollLoop;

  constructor(
    private readonly db: Database,
    readonly days: number,
    log: RetentionLogger,
    intervalMs = RETENTION_SWEEP_INTERVAL_MS,
  ) {
    this.loop = new PollLoop({
      round: () => this.sweepOnce(),
      intervalMs,
      firstDelayMs: 5_000,
      failure: 'event retention sweep failed; retrying at the next interval',
      log,
    });
  }

  /** Other records kept as long as events (webhook delivery logs) are pruned after each sweep. */
  onSweep(prune: (cutoff: Date) => Promise<void>): void {
    this.afterSweep.push(prune);
  }

  /** Every event with an id up to this one has been deleted. */
  async floor(): Promise<bigint> {
    const rows = (await this.db.manager.query('SELECT floor_id AS floor FROM event_retention WHERE id = 1')) as Array<{ floor: unknown }>;
    return BigInt(String(rows[0]?.floor ?? 0));
  }

  /** Throws CURSOR_EXPIRED, naming the oldest id kept, when events after `after` have been deleted. */
  async checkCursor(after: bigint, what: string): Promise<void> {
    const floor = await this.floor();
    if (after >= floor) return;
    const oldest = await this.oldestKept();
    throw cursorExpired(
      `${what} ${after} is older than the events kept (${this.days} days): events up to ${floor} were deleted; the oldest id retained is ${oldest}, so resume after ${floor} or later`,
      { oldestRetainedId: oldest },
    );
  }

  private async oldestKept(): Promise<string> {
    const row = (await this.db.manager.getRepository(EventRecord).createQueryBuilder('e').select('MIN(e.id)', 'min').getRawOne()) as
      { min: string | number | null } | undefined;
    return String(row?.min ?? '');
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Deletes every event committed before now minus the retention, but the newest; returns how many. */
  async sweepOnce(now: Date = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.days * 24 * 3600 * 1000);
    let deleted = 0;
    for (;;) {
      // Shutting down: the rest waits for the next start.
      if (this.loop.interrupted) break;
      const upTo = await this.nextBatchEnd(cutoff);
      if (upTo === null) break;
      deleted += await this.db.transaction(async (tx) => {
        const { affected } = await runWrite(tx.em, 'DELETE FROM event WHERE id <= ?', [Number(upTo)]);
        // Monotonic: two processes sweeping at once never move the floor back.
        await runWrite(tx.em, 'UPDATE event_retention SET floor_id = ? WHERE id = 1 AND floor_id < ?', [Number(upTo), Number(upTo)]);
        return affected;
      });
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    }
    for (const prune of this.afterSweep) await prune(cutoff);
    return deleted;
  }

  /** The highest id of the next batch of expired events (the newest event excluded), or null when none is left. */
  private async nextBatchEnd(cutoff: Date): Promise<bigint | null> {
    const repo = this.db.manager.getRepository(EventRecord);
    const rows = await repo
      .createQueryBuilder('e')
      .select(['e.id', 'e.committedAt'])
      .orderBy('e.id', 'ASC')
      .take(BATCH + 1)
      .getMany();
    if (rows.length < 2) return null;
    let end: string | null = null;
    // The last row read is never deleted in this batch: it may be the newest event.
    for (const row of rows.slice(0, -1)) {
      if (row.committedAt >= cutoff) break;
      end = row.id;
    }
    return end === null ? null : BigInt(end);
  }
}
