import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import type { Dialect } from './columns';
import { Mutex } from './mutex';
import { beginWithFirstStatement } from './round-trips';
import { isRetryable } from './errors';
import { commitWith, insertStatements, runInOrder, type Statement } from './statements';
import { OutboxRow } from '../events/outbox.entity';
import type { PendingEvent } from '../events/event-types';
import { AuditEntry } from './audit-entry.entity';

export {
  columnsOf,
  hydrate,
  hydrateAll,
  insertChunked,
  insertOne,
  insertSelecting,
  insertStatements,
  runAtomically,
  runWrite,
  statement,
  type Statement,
} from './statements';

export interface AuditRecord {
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * One command's unit of work: its entity manager, and the rows, events and
 * audit entries it writes with its commit. The contract:
 *
 * - **Queued writes are not readable in the transaction.** `insertLater`,
 *   `writeLater`, `emit` and `audit` only queue; nothing reaches the database
 *   until the unit of work ends. A read through `em` of a row queued a moment
 *   ago (a payment's allocations, to sum them; the outbox, to find an event;
 *   an invoice's amount paid, queued to change) finds what was there before,
 *   and a check that counts queued rows passes when it should fail. Queue only
 *   writes this unit of work never reads back; write what it reads with `em`
 *   (or `insertChunked`/`insertOne`/`runTogether`) at once. Nor are a queued
 *   write's results read: a check it carries must fail the statement (as
 *   applyToInvoices does), since one that only matches no row changes nothing
 *   and the COMMIT goes ahead.
 * - **A savepoint writes its queue when it ends** (`inSavepoint`): its queued
 *   rows are written as its last statements, inside it, so a row that fails
 *   fails that savepoint's work alone and is undone with it, never the
 *   enclosing transaction. Its events and audit entries join the enclosing
 *   unit of work only if it succeeds: a rolled-back account of a bill run
 *   announces nothing.
 * - **Writes are sent with the COMMIT.** The queued rows and writes (in the
 *   order queued), then the outbox events, then the audit entries are written
 *   after `work` returns (on MySQL in the COMMIT's round trip, and the server
 *   stops at the first that fails; on SQLite just before the COMMIT). A queued row that breaks a constraint
 *   fails the whole command after `work` has returned, and nothing commits (no
 *   event for a change that did not happen); so a unique key meant to answer
 *   CONFLICT must be on a row written at once, whose error the service can
 *   catch and name. And an event is never published for a change that did not
 *   commit, because it is only written with it.
 */
export interface Tx {
  readonly em: EntityManager;
  readonly dialect: Dialect;
  /** Queues an outbox event, written with the commit (see the contract above). */
  emit(event: PendingEvent): void;
  /** Queues an audit entry, written with the commit. */
  audit(record: AuditRecord): void;
  /** Queues rows to insert with the commit, for rows this unit of work does not read back. */
  insertLater<T extends ObjectLiteral>(target: new () => T, rows: T[]): void;
  /** Queues write statements to run with the commit, for changes this unit of work does not read back. */
  writeLater(statements: Statement[]): void;
}

/** What a unit of work queues to write with its commit. */
class Pending {
  private readonly events: PendingEvent[] = [];
  private readonly audits: AuditRecord[] = [];
  /** Built when queued, so a later change to a row object does not change what is written. */
  private writes: Statement[] = [];

  tx(em: EntityManager, dialect: Dialect): Tx {
    return {
      em,
      dialect,
      emit: (event) => this.events.push(event),
      audit: (record) => this.audits.push(record),
      insertLater: (target, rows) => {
        this.writes.push(...insertStatements(em, target, rows));
      },
      writeLater: (statements) => {
        this.writes.push(...statements);
      },
    };
  }

  /** Writes the queued rows now (a savepoint's, so that one failing is undone with the savepoint alone). */
  async writeQueuedRows(em: EntityManager): Promise<void> {
    await runInOrder(em, this.writes);
    this.writes = [];
  }

  get hasEvents(): boolean {
    return this.events.length > 0;
  }

  /** Hands the events and audit entries to an enclosing unit of work (its rows are written by then). */
  joinInto(outer: Tx): void {
    for (const event of this.events) outer.emit(event);
    for (const record of this.audits) outer.audit(record);
  }

  /** The queued rows and writes, then the outbox events and the audit entries as INSERT statements. */
  statements(em: EntityManager): Statement[] {
    const now = new Date();
    const outbox = this.events.map((e) =>
      Object.assign(new OutboxRow(), {
        type: e.type,
        subjectId: e.subjectId,
        accountNumber: e.accountNumber ?? null,
        payload: e.payload ?? {},
        occurredAt: now,
      }),
    );
    const audit = this.audits.map((r) =>
      Object.assign(new AuditEntry(), {
        at: now,
        actor: r.actor.slice(0, 128),
        action: r.action,
        subjectType: r.subjectType,
        subjectId: r.subjectId,
        before: r.before ?? null,
        after: r.after ?? null,
      }),
    );
    return [...this.writes, ...insertStatements(em, OutboxRow, outbox), ...insertStatements(em, AuditEntry, audit)];
  }
}

const DEADLOCK_RETRIES = 3;

/**
 * Each pooled MySQL connection's session, set before its first transaction.
 * A row lock is waited for at most LOCK_WAIT_SECONDS, below the query timeout
 * (QUERY_TIMEOUT_MS): a statement stuck behind another transaction's locks
 * then fails with a lock wait timeout, which transaction() tries again,
 * instead of being cut off as if the database were unreachable.
 *
 * Every IN list is costed by looking into the index (eq_range_index_dive_limit
 * 0): past 200 values MariaDB otherwise estimates it from index statistics,
 * and a bill-run chunk's 500 account ids lost to a walk of every unbilled read
 * and a scan of the whole enrollment table (10 million rows read by a
 * 100,000-account run instead of 200,000).
 *
 * Strict mode (STRICT_TRANS_TABLES, MariaDB's and MySQL's default, kept on a
 * server configured without it): a value a column cannot hold fails the
 * statement instead of being stored as the nearest one, and a guard that
 * writes NULL into a NOT NULL column when what it read has changed (a
 * payment's invoices, see applyToInvoices) fails as it does on SQLite.
 */
const LOCK_WAIT_SECONDS = 8;
const SESSION_SETTINGS = [
  'SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED',
  `SET SESSION innodb_lock_wait_timeout = ${LOCK_WAIT_SECONDS}`,
  'SET SESSION eq_range_index_dive_limit = 0',
  "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'STRICT_TRANS_TABLES')",
].join('; ');

/** Whether a MySQL server of this VERSION() answers `INSERT ... RETURNING`: MariaDB from 10.5; no MySQL does. */
export function versionReturnsInsertedRows(version: string): boolean {
  const [major, minor] = (/^(\d+)\.(\d+)/.exec(version) ?? ['', '0', '0']).slice(1).map(Number);
  return /mariadb/i.test(version) && (major > 10 || (major === 10 && minor >= 5));
}

/**
 * The database handle services use. Every command runs in one transaction
 * that also writes its outbox events and audit entries, so an event is never
 * published for a change that did not commit.
 */
export class Database {
  readonly dialect: Dialect;
  private readonly sqliteLock = new Mutex();
  private readonly commitListeners: Array<() => void> = [];
  /** MySQL connections whose session is already READ COMMITTED. */
  private readonly readCommitted = new WeakSet<object>();
  /**
   * Whether the MySQL server returns an INSERT's rows (`INSERT ... RETURNING`), once asked (insertReturnsRows).
   * Set to false, the hub stores invoices on MariaDB as it does on MySQL.
   */
  returnsInsertedRows: Promise<boolean> | undefined;

  constructor(readonly ds: DataSource) {
    this.dialect = ds.options.type === 'mysql' ? 'mysql' : 'sqlite';
  }

  get manager(): EntityManager {
    return this.ds.manager;
  }

  /** Whether the MySQL server returns an INSERT's rows (versionReturnsInsertedRows). Asked once. */
  insertReturnsRows(): Promise<boolean> {
    if (!this.returnsInsertedRows) {
      const known = (this.ds.query('SELECT VERSION() AS v') as Promise<Array<{ v: string }>>).then((rows) =>
        versionReturnsInsertedRows(String(rows[0]?.v ?? '')),
      );
      known.catch(() => {
        if (this.returnsInsertedRows === known) this.returnsInsertedRows = undefined;
      });
      this.returnsInsertedRows = known;
    }
    return this.returnsInsertedRows;
  }

  /** Called after every commit that wrote events (the relay listens). */
  onEventsCommitted(listener: () => void): void {
    this.commitListeners.push(listener);
  }

  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transactionOnce(work);
      } catch (error) {
        if (attempt >= DEADLOCK_RETRIES || !isRetryable(error)) throw error;
      }
    }
  }

  /** Runs work with exclusive use of the embedded database's single connection (a no-op lock on MySQL). */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.dialect === 'mysql') return work();
    // better-sqlite3 answers synchronously, so a run of transactions would never give the event
    // loop back: yielding before each one lets requests in between the chunks of a long run.
    await new Promise<void>((resolve) => setImmediate(resolve));
    return this.sqliteLock.run(work);
  }

  private async transactionOnce<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const pending = new Pending();
    // better-sqlite3 has one connection: two interleaved transactions on it would merge, so they queue.
    const result = await this.exclusive(() => this.inTransaction((em) => work(pending.tx(em, this.dialect)), pending));
    if (pending.hasEvents) for (const listener of this.commitListeners) listener();
    return result;
  }

  /**
   * READ COMMITTED on MySQL: a statement that ran after waiting for a row lock
   * sees what the lock holder committed, instead of the snapshot REPEATABLE READ
   * took before the wait. Set once per pooled connection, for its session. A
   * transaction then costs its reads and immediate writes (START TRANSACTION
   * goes with the first of them) and one round trip for the queued writes with
   * the COMMIT.
   */
  private async inTransaction<T>(work: (em: EntityManager) => Promise<T>, pending: Pending): Promise<T> {
    if (this.dialect !== 'mysql') {
      return this.ds.transaction('SERIALIZABLE', async (em) => {
        const value = await work(em);
        await runInOrder(em, pending.statements(em));
        return value;
      });
    }
    const runner = this.ds.createQueryRunner('master');
    try {
      const connection = (await runner.connect()) as object;
      if (!this.readCommitted.has(connection)) {
        await runner.query(SESSION_SETTINGS);
        this.readCommitted.add(connection);
      }
      const begun = beginWithFirstStatement(runner, ['START TRANSACTION']);
      try {
        const value = await work(runner.manager);
        // The runner is released next, so TypeORM's idea that its transaction is still open goes with it.
        await commitWith(runner, [...begun.unsent(), ...pending.statements(runner.manager)]);
        return value;
      } catch (error) {
        await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
  }
}

/** Work in a savepoint of tx: if it fails, its writes are undone and tx goes on (its queue: see Tx). */
export async function inSavepoint<T>(tx: Tx, work: (sub: Tx) => Promise<T>): Promise<T> {
  const pending = new Pending();
  const result = await tx.em.transaction(async (em) => {
    const value = await work(pending.tx(em, tx.dialect));
    await pending.writeQueuedRows(em);
    return value;
  });
  pending.joinInto(tx);
  return result;
}
