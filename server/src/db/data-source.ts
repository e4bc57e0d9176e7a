import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2';
import * as mysqlPromise from 'mysql2/promise';
import { DataSource, type Logger as TypeOrmLogger, type MixedList, type EntitySchema } from 'typeorm';
import type { DatabaseConfig } from '../config/env';
import { migrations } from '../../../migrations';

type EntityList = MixedList<Function | string | EntitySchema>;

/**
 * How long a new MySQL connection may take to be established (TCP and the
 * server's handshake), and how long a statement may go without an answer.
 * Without them, a network partition holds every request (and /healthz) for
 * as long as it lasts; with them, callers are told the database is
 * unavailable within seconds. The longest statements the hub sends in normal
 * work (a 500-account chunk's multi-row INSERT, a short row-lock wait) take
 * well under a second; a bill run's plan is streamed, which the limit does
 * not cover, and migrations run without it.
 */
export const CONNECT_TIMEOUT_MS = 5_000;
export const QUERY_TIMEOUT_MS = 10_000;

/**
 * Builds the TypeORM data source for the configured database. Schema comes only from migrations.
 * `queryTimeout: false` for a data source whose statements may rightly run long (migrations). The
 * entities come from the caller (app/entities.ts lists the hub's; migrations need none), so db/ knows no module.
 */
export function createDataSource(
  db: DatabaseConfig,
  opts: { poolSize?: number; entities: EntityList; queryTimeout?: boolean },
): DataSource {
  if (db.kind === 'sqlite') {
    fs.mkdirSync(path.dirname(db.file), { recursive: true });
    return new DataSource({
      type: 'better-sqlite3',
      database: db.file,
      entities: opts.entities,
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
  dropConnectionsThatTimeOut();
  return new DataSource({
    type: 'mysql',
    url: db.url,
    entities: opts.entities,
    migrations,
    synchronize: false,
    migrationsTransactionMode: 'each',
    logging: false,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: false,
    // TypeORM's default logger prints every statement slower than maxQueryExecutionTime to the console; the hub logs failures itself.
    logger: silentLogger,
    connectTimeout: CONNECT_TIMEOUT_MS,
    ...(opts.queryTimeout === false ? {} : { enableQueryTimeout: true, maxQueryExecutionTime: QUERY_TIMEOUT_MS }),
    poolSize: opts.poolSize ?? 20,
    // mysql2 would capture a stack trace on every query for its error messages; TypeORM's own error says which query failed.
    trace: false,
    // A transaction's queued writes and its COMMIT go in one round trip (see commitWith). Every value
    // is bound as a parameter or written by mysql2's own escaping (see mysqlLiterals), never pasted
    // into SQL text, so this opens no door to injected statements.
    multipleStatements: true,
    extra: { queryFormat: formatUnlessNoValues },
  });
}

/**
 * mysql2's own formatting, except that a statement with no values is sent as
 * it is. mysql2 formats every query, with an empty list when there are no
 * values, and its formatter walks the whole text for the first placeholder
 * before it looks at the list: a bill run chunk's INSERTs, written with their
 * literals, are hundreds of kilobytes of text walked for nothing. With no
 * values the formatter returns the text unchanged anyway.
 */
export function formatUnlessNoValues(
  this: { config: { stringifyObjects?: boolean } },
  sql: string,
  values: unknown,
  timezone?: string,
): string {
  if (values === undefined || (Array.isArray(values) && values.length === 0)) return sql;
  return mysql.format(sql, values as Parameters<typeof mysql.format>[1], this.config.stringifyObjects, timezone);
}

const silentLogger: TypeOrmLogger = {
  logQuery: () => undefined,
  logQueryError: () => undefined,
  logQuerySlow: () => undefined,
  logSchemaBuild: () => undefined,
  logMigration: () => undefined,
  log: () => undefined,
};

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
  query(this: PoolConnection, ...args: unknown[]): unknown;
}

interface PoolConnection {
  destroy(): void;
}

type QueryCallback = (error: { code?: string } | null, ...results: unknown[]) => void;
let timeoutsDropConnections = false;

/**
 * A statement that timed out leaves its connection waiting for an answer that
 * may never come (a partition), and every later statement on it would queue
 * behind that one: the connection is destroyed instead, so the pool opens a
 * fresh one, and the server rolls back a transaction left open on it.
 */
function dropConnectionsThatTimeOut(): void {
  if (timeoutsDropConnections) return;
  timeoutsDropConnections = true;
  const proto = (mysql as unknown as { PoolConnection: { prototype: PoolConnectionProto } }).PoolConnection.prototype;
  const query = proto.query;
  proto.query = function (this: PoolConnection, ...args: unknown[]): unknown {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (error: { code?: string } | null, ...results: unknown[]) => {
        if (error?.code === 'PROTOCOL_SEQUENCE_TIMEOUT') this.destroy();
        (callback as QueryCallback)(error, ...results);
      };
    }
    return query.apply(this, args);
  };
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
