import fs from 'node:fs';
import path from 'node:path';
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
  });
}
