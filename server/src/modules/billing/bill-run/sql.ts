import type BetterSqlite3 from 'better-sqlite3';
import type { EntityManager, ObjectLiteral } from 'typeorm';
import { statement } from '../../../db/database';

/** `?, ?, ?`: one bound parameter per value of an IN list. */
export const marks = (n: number): string => Array<string>(n).fill('?').join(', ');

/**
 * The embedded database's statements, prepared once per connection. A bill
 * run's multi-row INSERTs differ from chunk to chunk (their row counts, the
 * NULLs written into them), so SQLite compiled each anew, and a statement of
 * 1,500 rows costs more to compile than to run; one row at a time through a
 * statement compiled once is what the database does fastest in a transaction.
 */
const preparedByConnection = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

async function sqliteConnection(em: EntityManager): Promise<BetterSqlite3.Database> {
  // The transaction is open on the single connection, so statements run on it directly are inside it.
  if (!em.queryRunner) throw new Error('set-based billing statements run inside the chunk transaction');
  return (await em.queryRunner.connect()) as BetterSqlite3.Database;
}

function prepare(connection: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
  let prepared = preparedByConnection.get(connection);
  if (!prepared) {
    prepared = new Map();
    preparedByConnection.set(connection, prepared);
  }
  let stmt = prepared.get(sql);
  if (!stmt) {
    stmt = connection.prepare(sql);
    prepared.set(sql, stmt);
  }
  return stmt;
}

/**
 * Runs one prepared statement for each row of values on the embedded
 * database, in em's transaction; returns the rows changed in all. Values are
 * bound as every other statement of the hub binds them (see `statement`).
 */
export async function sqliteRunEach(em: EntityManager, sql: string, rows: unknown[][]): Promise<number> {
  const stmt = prepare(await sqliteConnection(em), sql);
  let changed = 0;
  for (const values of rows) changed += stmt.run(statement(em, sql, values).params).changes;
  return changed;
}

/**
 * Inserts entities on the embedded database one prepared row at a time, in
 * em's transaction, and returns their generated ids in order. Values go
 * through the entity's column transformers and the driver's conversions, as
 * `insertChunked` sends them; the generated id is left to the database.
 */
export async function sqliteInsertAll<T extends ObjectLiteral>(em: EntityManager, target: new () => T, rows: T[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const { driver } = em.connection;
  const metadata = em.connection.getMetadata(target);
  const columns = metadata.columns.filter((c) => c.isInsert && !c.isGenerated);
  const sql = `INSERT INTO ${driver.escape(metadata.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES (${marks(columns.length)})`;
  const stmt = prepare(await sqliteConnection(em), sql);
  return rows.map((row) => {
    const values = columns.map((c) => driver.preparePersistentValue(c.getEntityValue(row), c) ?? null);
    return String(stmt.run(statement(em, sql, values).params).lastInsertRowid);
  });
}
