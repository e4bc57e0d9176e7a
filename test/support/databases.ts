import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

export type TestDb = 'sqlite' | 'mariadb';

export const MYSQL_ADMIN_URL = process.env.HUB_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

export function testDbKind(): TestDb {
  return process.env.HUB_TEST_DB === 'mariadb' ? 'mariadb' : 'sqlite';
}

export interface ScratchDatabase {
  kind: TestDb;
  /** The DATABASE_URL the hub gets ('' for the embedded default in dataDir). */
  url: string;
  dataDir: string;
  drop(): Promise<void>;
}

/** A fresh, empty database of the kind this test project runs on. */
export async function createScratchDatabase(kind: TestDb = testDbKind()): Promise<ScratchDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-test-'));
  if (kind === 'sqlite') {
    return {
      kind,
      url: '',
      dataDir,
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `hub_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await mysql.createConnection(MYSQL_ADMIN_URL);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(MYSQL_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    dataDir,
    drop: async () => {
      const conn = await mysql.createConnection(MYSQL_ADMIN_URL);
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
