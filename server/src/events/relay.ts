import type { EntityManager, QueryRunner } from 'typeorm';
import { runAtomically, runWrite, statement, type Database, type Statement } from '../db/database';
import { EventRecord } from './event.entity';
import { maxEventId } from './event-ids';
import type { HubEvent } from './event-types';
import { OutboxRow } from './outbox.entity';
import { Topic, type HubPubSub } from './pubsub';
import type { Logger } from '../common/logger';

/**
 * MySQL's named locks are server-wide, so the name carries the database: hubs
 * of other databases on the same server elect their own relays. Hashed, since
 * a lock name may not exceed 64 characters.
 */
const LOCK_NAME_SQL = "CONCAT('billing_hub_relay_', MD5(DATABASE()))";
const BATCH = 1000;
const POLL_MS = 50;
/**
 * Passes start at least this far apart: under a stream of commits one pass
 * moves the events of several instead of running six statements for each.
 */
const MIN_PASS_GAP_MS = 10;
const ELECTION_RETRY_MS = 1000;

/**
 * Moves committed outbox rows into the event table, numbering them with the
 * next ids of a gap-free sequence, then publishes them. On MySQL one relay per
 * deployment holds a named lock (GET_LOCK) on a dedicated connection, so two
 * processes never number events at once; on the embedded database the write
 * transaction itself is exclusive.
 */
export class EventRelay {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private leaderRunner: QueryRunner | null = null;
  private lastPassAt = 0;
  /** The last event id this leader wrote: only the leader numbers events, so it need not read MAX(id) each pass. */
  private lastId: number | null = null;

  constructor(
    private readonly db: Database,
    private readonly pubsub: HubPubSub,
    private readonly log: Logger,
  ) {}

  get isLeader(): boolean {
    return this.db.dialect === 'sqlite' || this.leaderRunner !== null;
  }

  start(): void {
    this.stopped = false;
    this.db.onEventsCommitted(() => this.nudge());
    this.schedule(0);
  }

  /** Runs a pass soon: called after local commits so events go out without waiting for the poll. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(this.gap());
  }

  /** How long until the next pass may start. */
  private gap(): number {
    return Math.max(0, this.lastPassAt + MIN_PASS_GAP_MS - performance.now());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    await this.resign();
  }

  /** One pass now (also used by tests and shutdown). */
  async drain(): Promise<number> {
    if (!(await this.ensureLeadership())) return 0;
    let total = 0;
    for (;;) {
      const events = await this.moveBatch();
      total += events.length;
      for (const event of events) {
        // Publishing happens after the commit; a failed publish is caught up by resuming subscribers.
        this.pubsub.publish(Topic.EVENTS, event).catch((error: unknown) => this.log.error('event publish failed', error));
      }
      if (events.length < BATCH) return total;
    }
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.lastPassAt = performance.now();
      this.running = this.tick().finally(() => {
        this.running = null;
        const delayNext = this.again ? this.gap() : this.isLeader ? POLL_MS : ELECTION_RETRY_MS;
        this.again = false;
        this.schedule(delayNext);
      });
    }, delay);
  }

  private async tick(): Promise<void> {
    try {
      await this.drain();
    } catch (error) {
      this.log.error('event relay pass failed; retrying', error);
      this.lastId = null;
      await this.resign();
    }
  }

  private async ensureLeadership(): Promise<boolean> {
    if (this.isLeader) return true;
    const runner = this.db.ds.createQueryRunner('master');
    try {
      await runner.connect();
      const rows = (await runner.query(`SELECT GET_LOCK(${LOCK_NAME_SQL}, 0) AS got`)) as Array<{ got: number | string | null }>;
      if (Number(rows[0]?.got) === 1) {
        this.leaderRunner = runner;
        this.log.info('this process relays events');
        return true;
      }
    } catch (error) {
      this.log.error('event relay election failed', error);
    }
    await runner.release();
    return false;
  }

  private async resign(): Promise<void> {
    const runner = this.leaderRunner;
    this.leaderRunner = null;
    this.lastId = null;
    if (!runner) return;
    try {
      await runner.query(`SELECT RELEASE_LOCK(${LOCK_NAME_SQL})`);
    } catch {
      // The connection is gone, and the lock with it.
    }
    await runner.release().catch(() => undefined);
  }

  /**
   * Numbers up to BATCH committed outbox rows with the next event ids and
   * removes them from the outbox. On MySQL the read needs no transaction (only
   * the leader removes outbox rows), and the writes go with their COMMIT in one
   * round trip.
   */
  private async moveBatch(): Promise<HubEvent[]> {
    if (this.db.dialect === 'sqlite') {
      return this.db.exclusive(() =>
        this.db.ds.transaction(async (em) => {
          const { events, statements } = await this.nextMove(em);
          const changed: number[] = [];
          for (const { sql, params } of statements) changed.push((await runWrite(em, sql, params)).affected);
          if (!movedAsRead(changed, events)) throw new Error('outbox rows changed while the relay moved them; moving them again');
          return this.moved(events);
        }),
      );
    }
    const runner = this.leaderRunner as QueryRunner;
    try {
      const { events, statements } = await this.nextMove(runner.manager);
      if (events.length === 0) return [];
      const changed = await runAtomically(runner, statements);
      if (!movedAsRead(changed, events)) {
        // Committed, but not as read: the event table is right (numbered by the database), the events built here
        // are not. Nothing is published; every process's live stream fills the gap from the table.
        this.log.error(`event relay moved ${changed.join('/')} rows of ${events.length} read; reading the last event id again`);
        this.lastId = null;
        return [];
      }
      return this.moved(events);
    } catch (error) {
      this.lastId = null;
      throw error;
    }
  }

  /** The next outbox rows as events, and the statements that store them and empty their outbox rows. */
  private async nextMove(em: EntityManager): Promise<{ events: EventRecord[]; statements: Statement[] }> {
    const rows = await em.getRepository(OutboxRow).find({ order: { id: 'ASC' }, take: BATCH });
    if (rows.length === 0) return { events: [], statements: [] };
    this.lastId ??= await maxEventId(em);
    const events = numbered(rows, this.lastId);
    const ids = rows.map((r) => Number(r.id));
    const list = ids.map(() => '?').join(', ');
    // The database copies the rows itself, numbered in the order they were read: the payloads are not sent back to it.
    return {
      events,
      statements: [
        statement(
          em,
          `INSERT INTO event (id, type, occurred_at, account_number, subject_id, payload, committed_at)
           SELECT ? + ROW_NUMBER() OVER (ORDER BY id), type, occurred_at, account_number, subject_id, payload, ?
           FROM outbox WHERE id IN (${list})`,
          [this.lastId, events[0].committedAt, ...ids],
        ),
        statement(em, `DELETE FROM outbox WHERE id IN (${list})`, ids),
      ],
    };
  }

  /** Taken only once the statements committed; a failed pass reads MAX(id) again. */
  private moved(events: EventRecord[]): HubEvent[] {
    if (this.lastId !== null) this.lastId += events.length;
    return events.map(({ id, type, occurredAt, accountNumber, subjectId, payload }) => ({
      id,
      type,
      occurredAt,
      accountNumber,
      subjectId,
      payload,
    }));
  }
}

/** The copy and the delete each touched exactly the rows read. */
function movedAsRead(changed: number[], events: EventRecord[]): boolean {
  return changed.every((n) => n === events.length);
}

/** Outbox rows as events with the ids after lastId, in order. */
function numbered(rows: OutboxRow[], lastId: number): EventRecord[] {
  let next = lastId;
  const committedAt = new Date();
  return rows.map((row) =>
    Object.assign(new EventRecord(), {
      id: String(++next),
      type: row.type,
      occurredAt: row.occurredAt,
      accountNumber: row.accountNumber,
      subjectId: row.subjectId,
      payload: row.payload,
      committedAt,
    }),
  );
}
