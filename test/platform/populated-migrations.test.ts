import { entities } from '../../server/src/app/entities';
import { loadConfig } from '../../server/src/config/env';
import { createDataSource } from '../../server/src/db/data-source';
import { accountWithInvoices } from '../support/billing';
import { gqlOk } from '../support/client';
import { createScratchDatabase, type ScratchDatabase } from '../support/databases';
import { startTestHub, type TestHub } from '../support/hub';
import { createPath, runCollections } from '../collections/helpers';

/**
 * The latest migrations undone and run again over a database in use: a
 * collections letter drawn and stored (its document refers to its action),
 * as an upgrade from the version before them finds it.
 */
const LATEST = 2;
let scratch: ScratchDatabase;
let t: TestHub;

beforeAll(async () => {
  scratch = await createScratchDatabase();
  t = await startTestHub({}, scratch);
  await createPath(t, {
    name: 'Letters',
    segments: ['MIGRATED'],
    steps: [{ name: 'Letter', daysPastDue: 1, minPastDue: '0', action: 'LETTER', template: 'Pay {{pastDue}}' }],
  });
  await accountWithInvoices(t, [{ start: '2026-01-01', end: '2026-02-01', kwh: 100 }], { segment: 'MIGRATED' });
  await runCollections(t, '2026-03-01');
  await t.hub.services.renderWorker.runOnce();
  const stored = await gqlOk(t.url, '{ collectionsRuns { nodes { actionsTaken } } }', {}, t.adminToken);
  expect(stored.collectionsRuns.nodes[0].actionsTaken).toBe(1);
  await t.stop();
});
afterAll(async () => {
  await scratch.drop();
});

it('undoes and runs again the latest migrations over stored letters and their actions', async () => {
  const ds = createDataSource(loadConfig({ DATABASE_URL: scratch.url, HUB_DATA_DIR: scratch.dataDir }).database, { entities });
  await ds.initialize();
  try {
    const documents = async () =>
      Number((await ds.query('SELECT COUNT(*) AS n FROM document WHERE collections_action_id IS NOT NULL'))[0].n);
    expect(await documents()).toBe(1);
    for (let i = 0; i < LATEST; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await ds.runMigrations({ transaction: 'each' })).toHaveLength(LATEST);
    expect(await documents()).toBe(1);
  } finally {
    await ds.destroy();
  }
});
