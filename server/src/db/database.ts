import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils';
import type { Dialect } from './columns';
import { Mutex } from './mutex';
import { OutboxRow } from '../events/outbox.entity';
import type { PendingEvent } from '../events/event-types';
import { AuditEntry } from '../modules/audit/audit.entity';

export interface AuditRecord {
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
}

/** One command's unit of work: its entity manager, and the events and audit entries it commits with it. */
export interface Tx {
  readonly em: EntityManager;
  readonly dialect: Dialect;
  emit(event: PendingEvent): void;
  audit(record: AuditRecord): void;
}

const INSERT_CHUNK = 500;
const DEADLOCK_RETRIES = 3;

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: string; errno?: number } | null)?.code;
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || code === 'SQLITE_BUSY';
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
    const events: PendingEvent[] = [];
    const audits: AuditRecord[] = [];
    // better-sqlite3 has one connection: two interleaved transactions on it would merge, so they queue.
    const result = await this.exclusive(() =>
      // READ COMMITTED on MySQL: a statement that ran after waiting for a row lock sees what the
      // lock holder committed, instead of the snapshot REPEATABLE READ took before the wait.
      this.ds.transaction(this.dialect === 'mysql' ? 'READ COMMITTED' : 'SERIALIZABLE', async (em) => {
        const tx: Tx = {
          em,
          dialect: this.dialect,
          emit: (event) => events.push(event),
          audit: (record) => audits.push(record),
        };
        const value = await work(tx);
        await writeOutbox(em, events);
        await writeAudit(em, audits);
        return value;
      }),
    );
    if (events.length > 0) for (const listener of this.commitListeners) listener();
    return result;
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
  if (rows.length === 0) return;
  const driver = em.connection.driver;
  const sqlite = driver.options.type !== 'mysql';
  const metadata = em.connection.getMetadata(target);
  const columns = metadata.columns.filter((c) => c.isInsert);
  const head = `INSERT INTO ${driver.escape(metadata.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES `;
  for (let i = 0; i < rows.length; i += rowsPerStatement) {
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const row of rows.slice(i, i + rowsPerStatement)) {
      const values: string[] = [];
      for (const column of columns) {
        const value: unknown = driver.preparePersistentValue(column.getEntityValue(row), column);
        if (value === undefined) values.push(sqlite ? 'NULL' : 'DEFAULT');
        else if (value === null) values.push('NULL');
        else {
          values.push('?');
          params.push(sqlite ? sqliteParam(value) : value);
        }
      }
      tuples.push(`(${values.join(', ')})`);
    }
    await em.query(head + tuples.join(', '), params);
  }
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

async function writeOutbox(em: EntityManager, events: PendingEvent[]): Promise<void> {
  if (events.length === 0) return;
  const now = new Date();
  await insertChunked(
    em,
    OutboxRow,
    events.map((e) =>
      Object.assign(new OutboxRow(), {
        type: e.type,
        subjectId: e.subjectId,
        accountNumber: e.accountNumber ?? null,
        payload: e.payload ?? {},
        occurredAt: now,
      }),
    ),
  );
}

async function writeAudit(em: EntityManager, records: AuditRecord[]): Promise<void> {
  if (records.length === 0) return;
  const now = new Date();
  await insertChunked(
    em,
    AuditEntry,
    records.map((r) =>
      Object.assign(new AuditEntry(), {
        at: now,
        actor: r.actor.slice(0, 128),
        action: r.action,
        subjectType: r.subjectType,
        subjectId: r.subjectId,
        before: r.before ?? null,
        after: r.after ?? null,
      }),
    ),
  );
}
