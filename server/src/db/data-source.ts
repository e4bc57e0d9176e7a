import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2';
import * as mysqlPromise from 'mysql2/promise';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import type { DatabaseConfig } from '../config/env';
import { migrations } from '../../../migrations';
import { entities } from './entities';

type EntityList = MixedList<Function | string | EntitySchema>;

/** Builds the TypeORM data source for the configured database. Schema comes only from migrations. */
export function createDataSource(db: DatabaseConfig, opts: { poolSize?: number; entities?: EntityList } = {}): DataSource {
  if (db.kind === 'sqlite') {
    fs.mkdirSync(path.dirname(db.file), { recursive: true });
    return new DataSource({
      type: 'better-sqlite3',
      database: db.file,
      entities: opts.entities ?? entities,
      migrations,
      synchronize: false,
      migrationsTransactionMode: 'each',
      logging: false,
      enableWAL: true,
      timeout: 10_000,
      prepareDatabase: (conn: { pragma(sql: string): unknown }) => {
        conn.pragma('foreign_keys = ON');
        conn.pragma('synchronous = NORMAL');
      },
    });
  }
  keepPromiseWrappers();
  return new DataSource({
    type: 'mysql',
    url: db.url,
    entities: opts.entities ?? entities,
    migrations,
    synchronize: false,
    migrationsTransactionMode: 'each',
    logging: false,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: false,
    connectTimeout: 10_000,
    poolSize: opts.poolSize ?? 20,
    // mysql2 would capture a stack trace on every query for its error messages; TypeORM's own error says which query failed.
    trace: false,
    // A transaction's queued writes and its COMMIT go in one round trip (see commitWith). Every value
    // is bound as a parameter, never written into SQL text, so this opens no door to injected statements.
    multipleStatements: true,
  });
}

/**
 * TypeORM asks the pooled connection for its promise wrapper on every query,
 * and mysql2 makes a new one each time, through a require() call: about 4% of
 * a payment's CPU. The wrapper holds nothing but the connection, so one per
 * connection is kept and reused.
 */
function keepPromiseWrappers(): void {
  const proto = (mysql as unknown as { PoolConnection: { prototype: PoolConnectionProto } }).PoolConnection.prototype;
  if (proto.promise === keptPromise) return;
  proto.promise = keptPromise;
}

interface PoolConnectionProto {
  promise(this: object, promiseImpl?: PromiseConstructor): unknown;
}

// Exported by mysql2/promise at run time, though its typings leave it out.
const { PromisePoolConnection } = mysqlPromise as unknown as {
  PromisePoolConnection: new (connection: object, promiseImpl?: PromiseConstructor) => unknown;
};
const wrappers = new WeakMap<object, unknown>();

function keptPromise(this: object, promiseImpl?: PromiseConstructor): unknown {
  if (promiseImpl) return new PromisePoolConnection(this, promiseImpl);
  let wrapper = wrappers.get(this);
  if (!wrapper) {
    wrapper = new PromisePoolConnection(this);
    wrappers.set(this, wrapper);
  }
  return wrapper;
}
