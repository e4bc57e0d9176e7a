import type { DataSource, Migration } from 'typeorm';
import type { DatabaseConfig } from '../config/env';
import { createDataSource } from './data-source';

/** MySQL's named locks are server-wide, so the name carries the database (at most 64 characters). */
const LOCK_NAME_SQL = "CONCAT('billing_hub_migrate_', MD5(DATABASE()))";
/** How long one GET_LOCK waits (seconds) before the wait is logged and renewed. */
const LOCK_WAIT_S = 10;
/** How many times a migration waits that long for another process's before giving up. */
const LOCK_ATTEMPTS = 60;

/**
 * Applies the pending migrations, one process at a time: replicas started
 * together on an empty database would otherwise each try to create the same
 * tables, and all but one fail with "Table ... already exists". On MySQL the
 * migrating process holds a named lock (GET_LOCK) on a connection of its own
 * (released with the connection should the process die); the others wait for
 * it and then find nothing left to do. The embedded database is one file:
 * its migrations run in one BEGIN IMMEDIATE transaction, which another
 * process's waits for. Statements run without the query timeout, as a
 * migration over a large table may rightly take long.
 */
export async function migrate(
  config: DatabaseConfig,
  opts: { revert?: boolean; onWait?: (message: string) => void } = {},
): Promise<Migration[]> {
  const ds = createDataSource(config, { poolSize: 2, queryTimeout: false, entities: [] });
  await ds.initialize();
  try {
    const run = async (transaction: 'each' | 'none'): Promise<Migration[]> => {
      if (!opts.revert) return ds.runMigrations({ transaction });
      await ds.undoLastMigration({ transaction });
      return [];
    };
    if (ds.options.type === 'mysql') return await withMysqlLock(ds, () => run('each'), opts.onWait);
    return await inImmediateTransaction(ds, () => run('none'));
  } finally {
    await ds.destroy();
  }
}

async function withMysqlLock<T>(ds: DataSource, work: () => Promise<T>, onWait?: (message: string) => void): Promise<T> {
  const runner = ds.createQueryRunner('master');
  try {
    for (let attempt = 1; ; attempt++) {
      const rows = (await runner.query(`SELECT GET_LOCK(${LOCK_NAME_SQL}, ${LOCK_WAIT_S}) AS got`)) as Array<{
        got: number | string | null;
      }>;
      if (Number(rows[0]?.got) === 1) break;
      if (attempt >= LOCK_ATTEMPTS)
        throw new Error(`another process has been migrating the database for ${(attempt * LOCK_WAIT_S) / 60} minutes`);
      onWait?.('waiting for another process to finish migrating the database');
    }
    try {
      return await work();
    } finally {
      await runner.query(`SELECT RELEASE_LOCK(${LOCK_NAME_SQL})`).catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}

/** The work in one BEGIN IMMEDIATE transaction on the embedded database's single connection (waiting out another process's, if busy). */
async function inImmediateTransaction<T>(ds: DataSource, work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ds.query('BEGIN IMMEDIATE');
      break;
    } catch (error) {
      // The driver's busy timeout (10 s) already waited; another process is still migrating.
      if (attempt >= LOCK_ATTEMPTS || !/SQLITE_BUSY|database is locked/i.test(String(error))) throw error;
    }
  }
  try {
    const result = await work();
    await ds.query('COMMIT');
    return result;
  } catch (error) {
    await ds.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
