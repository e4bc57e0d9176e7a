import { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import { loadConfig } from '../../server/src/config/env';
import { createDataSource } from '../../server/src/db/data-source';
import { createScratchDatabase, type ScratchDatabase } from '../support/databases';
import { entities } from '../../server/src/app/entities';

/** Upgrading a hub whose users were created before usernames were stored normalised. */
let scratch: ScratchDatabase;
let ds: DataSource;
const at = migrations.findIndex((m) => (m as { name: string }).name === 'NormalizedUsernames1796500003100');

async function addUser(username: string): Promise<void> {
  await ds.query('INSERT INTO hub_user (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)', [
    username,
    username,
    'OPERATOR',
    'not-a-hash',
    '2026-01-01 00:00:00.000',
  ]);
}

async function usernames(): Promise<string[]> {
  const rows: Array<{ username: string }> = await ds.query('SELECT username FROM hub_user ORDER BY id');
  return rows.map((r) => r.username);
}

beforeAll(async () => {
  expect(at).toBeGreaterThan(0);
  scratch = await createScratchDatabase();
  const base = createDataSource(loadConfig({ DATABASE_URL: scratch.url, HUB_DATA_DIR: scratch.dataDir }).database, { entities });
  ds = new DataSource({ ...base.options, migrations: migrations.slice(0, at) });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
});
afterAll(async () => {
  if (ds?.isInitialized) await ds.destroy();
  await scratch?.drop();
});

/** Runs, or with `undo` reverts, the username migration, as a hub of that version would. */
async function upgrade(undo = false): Promise<void> {
  const next = new DataSource({ ...ds.options, migrations: migrations.slice(0, at + 1) });
  await next.initialize();
  try {
    if (undo) await next.undoLastMigration({ transaction: 'each' });
    else await next.runMigrations({ transaction: 'each' });
  } finally {
    await next.destroy();
  }
}

describe('the upgrade to normalised usernames', () => {
  it('stores existing names in their one spelling', async () => {
    for (const name of ['Olga', 'BOB.Smith', 'carol']) await addUser(name);
    await upgrade();
    expect(await usernames()).toEqual(['olga', 'bob.smith', 'carol']);
  });

  it('stops, naming both, when two users differ only in case, and changes nothing', async () => {
    await upgrade(true);
    await addUser('Eve');
    await addUser('eve');
    await addUser('Dan');
    await expect(upgrade()).rejects.toThrow(
      /Usernames that differ only in case, width or invisible characters: "Eve" \(id \d+\) and "eve" \(id \d+\)/,
    );
    expect(await usernames()).toEqual(['olga', 'bob.smith', 'carol', 'Eve', 'eve', 'Dan']);
  });
});
