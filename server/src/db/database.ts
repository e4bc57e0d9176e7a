import type { DataSource, EntityManager, ObjectLiteral, QueryRunner } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils';
import type { Dialect } from './columns';
import { Mutex } from './mutex';
import { beginWithFirstStatement } from './round-trips';
import { isRetryable } from './errors';
import { OutboxRow } from '../events/outbox.entity';
import type { PendingEvent } from '../events/event-types';
import { AuditEntry } from './audit-entry.entity';

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
 * - **Queued rows are not readable in the transaction.** `insertLater`, `emit`
 *   and `audit` only queue; nothing reaches the database until the unit of
 *   work ends. A read through `em` of a row queued a moment ago (a payment's
 *   allocations, to sum them; the outbox, to find an event) finds nothing, and
 *   a check that counts queued rows passes when it should fail. Queue only
 *   rows this unit of work never reads back; write a row it reads with `em`
 *   (or `insertChunked`/`insertOne`) at once.
 * - **A savepoint writes its queue when it ends** (`inSavepoint`): its queued
 *   rows are written as its last statements, inside it, so a row that fails
 *   fails that savepoint's work alone and is undone with it, never the
 *   enclosing transaction. Its events and audit entries join the enclosing
 *   unit of work only if it succeeds: a rolled-back account of a bill run
 *   announces nothing.
 * - **Writes are sent with the COMMIT.** The queued rows, then the outbox
 *   events, then the audit entries are written after `work` returns (on MySQL
 *   in the COMMIT's round trip, and the server stops at the first that fails;
 *   on SQLite just before the COMMIT). A queued row that breaks a constraint
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
}

/** What a unit of work queues to write with its commit. */
class Pending {
  private readonly events: PendingEvent[] = [];
  private readonly audits: AuditRecord[] = [];
  /** Built when queued, so a later change to a row object does not change what is written. */
  private inserts: Statement[] = [];

  tx(em: EntityManager, dialect: Dialect): Tx {
    return {
      em,
      dialect,
      emit: (event) => this.events.push(event),
      audit: (record) => this.audits.push(record),
      insertLater: (target, rows) => {
        this.inserts.push(...insertStatements(em, target, rows));
      },
    };
  }

  /** Writes the queued rows now (a savepoint's, so that one failing is undone with the savepoint alone). */
  async writeQueuedRows(em: EntityManager): Promise<void> {
    await runInOrder(em, this.inserts);
    this.inserts = [];
  }

  get hasEvents(): boolean {
    return this.events.length > 0;
  }

  /** Hands the events and audit entries to an enclosing unit of work (its rows are written by then). */
  joinInto(outer: Tx): void {
    for (const event of this.events) outer.emit(event);
    for (const record of this.audits) outer.audit(record);
  }

  /** The queued rows, then the outbox events, then the audit entries, as INSERT statements. */
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
    return [...this.inserts, ...insertStatements(em, OutboxRow, outbox), ...insertStatements(em, AuditEntry, audit)];
  }
}

/** One SQL statement with its values, bound as the database's driver needs them. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/** A statement for em's database: values bound as its driver needs them (see sqliteParam). */
export function statement(em: EntityManager, sql: string, params: unknown[]): Statement {
  const sqlite = em.connection.driver.options.type !== 'mysql';
  return { sql, params: params.map((p) => bindable(sqlite, p)) };
}

/** Multi-row INSERTs of entities, `rowsPerStatement` rows each (see insertChunked). */
export function insertStatements<T extends ObjectLiteral>(
  em: EntityManager,
  target: new () => T,
  rows: T[],
  rowsPerStatement = INSERT_CHUNK,
): Statement[] {
  return chunks(rows, rowsPerStatement).map((chunk) => insertSql(em, target, chunk));
}

/** The statements one after the other, in em's transaction. */
async function runInOrder(em: EntityManager, statements: Statement[]): Promise<void> {
  for (const { sql, params } of statements) await em.query(sql, params);
}

/** A round trip's worth of SQL text: well under MySQL's smallest default max_allowed_packet (16 MB on MariaDB, 64 MB on MySQL 8). */
const BATCH_BYTES = 4 * 1024 * 1024;

/**
 * The statements and a COMMIT, in the transaction open on runner, in as few
 * round trips as fit (usually one). The server stops at the first statement
 * that fails, so a failed write never reaches the COMMIT. MySQL only (it needs
 * the connection's multipleStatements option).
 */
async function commitWith(runner: QueryRunner, statements: Statement[]): Promise<void> {
  await sendBatched(runner, [...statements, { sql: 'COMMIT', params: [] }]);
}

/**
 * START TRANSACTION, the statements and COMMIT on a MySQL connection with no
 * transaction open, in as few round trips as fit; rolled back if one fails.
 * Returns the rows each statement changed.
 */
export async function runAtomically(runner: QueryRunner, statements: Statement[]): Promise<number[]> {
  try {
    const changed = await sendBatched(runner, [{ sql: 'START TRANSACTION', params: [] }, ...statements, { sql: 'COMMIT', params: [] }]);
    return changed.slice(1, -1);
  } catch (error) {
    await runner.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Sends the statements in as few round trips as fit; returns the rows each changed. */
async function sendBatched(runner: QueryRunner, statements: Statement[]): Promise<number[]> {
  const changed: number[] = [];
  let batch: Statement[] = [];
  let bytes = 0;
  for (const statement of statements) {
    const size = packetBytes(statement);
    if (batch.length > 0 && bytes + size > BATCH_BYTES) {
      changed.push(...(await runBatch(runner, batch)));
      batch = [];
      bytes = 0;
    }
    batch.push(statement);
    bytes += size;
  }
  changed.push(...(await runBatch(runner, batch)));
  return changed;
}

/** An upper bound of a statement's size on the wire: strings in UTF-8, each byte possibly escaped, a value such as a date as its text. */
function packetBytes({ sql, params }: Statement): number {
  return params.reduce<number>((n, p) => n + (typeof p === 'string' ? 2 * Buffer.byteLength(p) : 32), Buffer.byteLength(sql));
}

async function runBatch(runner: QueryRunner, batch: Statement[]): Promise<number[]> {
  const raw: unknown = await runner.query(
    batch.map((s) => s.sql).join(';\n'),
    batch.flatMap((s) => s.params),
  );
  // mysql2 answers a multi-statement query with one result per statement, a single one with that result.
  const results = batch.length === 1 ? [raw] : (raw as unknown[]);
  return results.map((r) => Number((r as { affectedRows?: number } | null)?.affectedRows ?? 0));
}

function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

const INSERT_CHUNK = 500;
const DEADLOCK_RETRIES = 3;

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

  constructor(readonly ds: DataSource) {
    this.dialect = ds.options.type === 'mysql' ? 'mysql' : 'sqlite';
  }

  get manager(): EntityManager {
    return this.ds.manager;
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
        await runner.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
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

/** A value as the driver binds it (see sqliteParam). */
function bindable(sqlite: boolean, value: unknown): unknown {
  return sqlite ? sqliteParam(value) : value;
}

/** Runs one write statement in em's transaction (or on its own); returns the rows it changed and the generated id, if any. */
export async function runWrite(em: EntityManager, sql: string, params: unknown[]): Promise<{ affected: number; insertId: string | null }> {
  const sqlite = em.connection.driver.options.type !== 'mysql';
  const runner = em.queryRunner ?? em.connection.createQueryRunner();
  try {
    const result = await runner.query(
      sql,
      params.map((p) => bindable(sqlite, p)),
      true,
    );
    const raw = result.raw as { insertId?: number | string } | number | bigint | undefined;
    const insertId = sqlite ? raw : typeof raw === 'object' ? raw.insertId : undefined;
    return { affected: result.affected ?? 0, insertId: insertId == null || insertId === 0 ? null : String(insertId) };
  } finally {
    if (!em.queryRunner) await runner.release();
  }
}

/**
 * Multi-row INSERTs of entities, `rowsPerStatement` rows at a time. The SQL is
 * built here rather than by TypeORM's insert builder, whose parameter handling
 * grows with the square of the values in one statement (a 500-row insert spent
 * more time naming parameters than the database spent storing the rows). Values
 * go through the driver exactly as the builder sends them: column transformers,
 * the driver's conversions, and DEFAULT (MySQL) or NULL (SQLite) for a missing
 * value such as a generated id.
 */
export async function insertChunked<T extends ObjectLiteral>(
  em: EntityManager,
  target: new () => T,
  rows: T[],
  rowsPerStatement = INSERT_CHUNK,
): Promise<void> {
  await runInOrder(em, insertStatements(em, target, rows, rowsPerStatement));
}

/** Inserts one entity and returns its generated id: one statement, where TypeORM's save may read the row back. */
export async function insertOne<T extends ObjectLiteral>(em: EntityManager, target: new () => T, row: T): Promise<string> {
  const { sql, params } = insertSql(em, target, [row]);
  const { insertId } = await runWrite(em, sql, params);
  if (insertId === null) throw new Error(`INSERT INTO ${em.connection.getMetadata(target).tableName} returned no id`);
  return insertId;
}

function insertSql<T extends ObjectLiteral>(em: EntityManager, target: new () => T, rows: T[]): { sql: string; params: unknown[] } {
  const driver = em.connection.driver;
  const sqlite = driver.options.type !== 'mysql';
  const metadata = em.connection.getMetadata(target);
  const columns = metadata.columns.filter((c) => c.isInsert);
  const head = `INSERT INTO ${driver.escape(metadata.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES `;
  const params: unknown[] = [];
  const tuples: string[] = [];
  for (const row of rows) {
    const values: string[] = [];
    for (const column of columns) {
      const value: unknown = driver.preparePersistentValue(column.getEntityValue(row), column);
      if (value === undefined) values.push(sqlite ? 'NULL' : 'DEFAULT');
      else if (value === null) values.push('NULL');
      else {
        values.push('?');
        params.push(bindable(sqlite, value));
      }
    }
    tuples.push(`(${values.join(', ')})`);
  }
  return { sql: head + tuples.join(', '), params };
}

/**
 * A value as better-sqlite3 should bind it: it binds every JS number as REAL (so
 * 123 would be stored as '123.0' in a text column) and cannot bind booleans or
 * dates. Whole numbers go as BigInt (INTEGER), as TypeORM's own SQLite driver
 * writes them as integer literals. Bound, not written into the SQL: the driver
 * then compiles one statement per shape and reuses it.
 */
function sqliteParam(value: unknown): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return DateUtils.mixedDateToUtcDatetimeString(value);
  return value;
}
