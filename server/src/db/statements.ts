import type { EntityManager, ObjectLiteral, QueryRunner } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { DateUtils } from 'typeorm/util/DateUtils';
import { mysqlLiterals } from './mysql-literals';

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
export async function runInOrder(em: EntityManager, statements: Statement[]): Promise<void> {
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
export async function commitWith(runner: QueryRunner, statements: Statement[]): Promise<void> {
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
 * value such as a generated id. On MySQL the values are written into the text
 * as mysql2 would write them (see mysqlLiterals); SQLite binds them.
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
  const literal = sqlite ? undefined : mysqlLiterals((driver.options as { timezone?: string }).timezone);
  const params: unknown[] = [];
  const tuples: string[] = [];
  for (const row of rows) {
    const values: string[] = [];
    for (const column of columns) {
      const value = persistent(em, column, row);
      const text = value === undefined ? (sqlite ? 'NULL' : 'DEFAULT') : value === null ? 'NULL' : literal?.(value);
      if (text !== undefined) values.push(text);
      else {
        values.push('?');
        params.push(bindable(sqlite, value));
      }
    }
    tuples.push(`(${values.join(', ')})`);
  }
  return { sql: head + tuples.join(', '), params };
}

/** A row's value for a column, as the driver stores it (transformer and conversions); undefined for none given. */
function persistent(em: EntityManager, column: ColumnMetadata, row: ObjectLiteral): unknown {
  return em.connection.driver.preparePersistentValue(column.getEntityValue(row), column) as unknown;
}

/**
 * One entity's INSERT whose `property` takes its value from `from`, a FROM
 * clause and its values (`a.id` from `account a WHERE a.number = ?`): the row
 * is written only if `from` finds one, in the statement, so its source needs
 * no round trip of its own first. Columns without a value take their default.
 */
export function insertSelecting<T extends ObjectLiteral>(
  em: EntityManager,
  target: new () => T,
  row: T,
  property: keyof T & string,
  from: { expression: string; sql: string; params: unknown[] },
): Statement {
  const driver = em.connection.driver;
  const sqlite = driver.options.type !== 'mysql';
  const metadata = em.connection.getMetadata(target);
  const names: string[] = [];
  const values: string[] = [];
  const params: unknown[] = [];
  for (const column of metadata.columns.filter((c) => c.isInsert)) {
    if (column.propertyName === property) {
      names.push(driver.escape(column.databaseName));
      values.push(from.expression);
      continue;
    }
    const value = persistent(em, column, row);
    if (value === undefined) continue;
    names.push(driver.escape(column.databaseName));
    if (value === null) values.push('NULL');
    else {
      values.push('?');
      params.push(bindable(sqlite, value));
    }
  }
  return {
    sql: `INSERT INTO ${driver.escape(metadata.tableName)} (${names.join(', ')}) SELECT ${values.join(', ')} FROM ${from.sql}`,
    params: [...params, ...from.params.map((p) => bindable(sqlite, p))],
  };
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

/**
 * Entities from raw rows whose keys are their column names, each value
 * converted as TypeORM converts what it reads (the driver's conversions, then
 * the column's transformer), without its general result transformer, which
 * joins and relations need and flat reads of one table do not.
 */
export function hydrateAll<T extends ObjectLiteral>(em: EntityManager, target: new () => T, rows: Array<Record<string, unknown>>): T[] {
  const driver = em.connection.driver;
  const columns = em.connection.getMetadata(target).columns;
  return rows.map((row) => {
    const entity = new target();
    for (const column of columns) {
      if (column.databaseName in row) column.setEntityValue(entity, driver.prepareHydratedValue(row[column.databaseName], column));
    }
    return entity;
  });
}

/** An entity from a raw row whose keys are its column names (see hydrateAll). */
export function hydrate<T extends ObjectLiteral>(em: EntityManager, target: new () => T, row: Record<string, unknown>): T {
  return hydrateAll(em, target, [row])[0];
}

/** Every column of target's table, as `alias.column`, for a statement whose rows `hydrateAll` takes. */
export function columnsOf(em: EntityManager, target: new () => ObjectLiteral, alias: string): string {
  const { driver } = em.connection;
  return em.connection
    .getMetadata(target)
    .columns.map((c) => `${alias}.${driver.escape(c.databaseName)}`)
    .join(', ');
}
