import { entities } from '../../server/src/app/entities';
import { loadConfig } from '../../server/src/config/env';
import { createDataSource } from '../../server/src/db/data-source';
import { accountWithInvoices } from '../support/billing';
import { gqlOk } from '../support/client';
import { createScratchDatabase, type ScratchDatabase } from '../support/databases';
import { startTestHub, type TestHub } from '../support/hub';
import { decide, protect, protectedItems } from '../collections/controls-helpers';
import { createPath, runCollections } from '../collections/helpers';

/**
 * The latest migrations undone and run again over a database in use: a
 * collections letter drawn and stored (its document refers to its action),
 * and a late fee an operator took for a protected account, as an upgrade from
 * the version before them finds it.
 */
const LATEST = 3;
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
  await createPath(t, {
    name: 'Fees',
    segments: ['MIGRATED_FEE'],
    steps: [{ name: 'Fee', daysPastDue: 1, minPastDue: '0', action: 'LATE_FEE', feeAmount: '5.00' }],
  });
  const protectedOne = await accountWithInvoices(t, [{ start: '2026-01-01', end: '2026-02-01', kwh: 100 }], { segment: 'MIGRATED_FEE' });
  await protect(t, protectedOne.id, [{ code: 'MEDICAL' }]);
  await runCollections(t, '2026-03-01');
  await t.hub.services.renderWorker.runOnce();
  const stored = await gqlOk(t.url, '{ collectionsRuns { nodes { actionsTaken } } }', {}, t.adminToken);
  expect(stored.collectionsRuns.nodes[0].actionsTaken).toBe(1);
  const [item] = await protectedItems(t, protectedOne.number);
  expect((await decide(t, item.id, true, 'Agreed on the phone', await t.userToken('OPERATOR', 'olga'))).errors).toBeUndefined();
  await t.stop();
});
afterAll(async () => {
  await scratch.drop();
});

it('undoes and runs again the latest migrations over stored letters and actions, naming who took them', async () => {
  const ds = createDataSource(loadConfig({ DATABASE_URL: scratch.url, HUB_DATA_DIR: scratch.dataDir }).database, { entities });
  await ds.initialize();
  try {
    const documents = async () =>
      Number((await ds.query('SELECT COUNT(*) AS n FROM document WHERE collections_action_id IS NOT NULL'))[0].n);
    expect(await documents()).toBe(1);
    for (let i = 0; i < LATEST; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await ds.runMigrations({ transaction: 'each' })).toHaveLength(LATEST);
    expect(await documents()).toBe(1);
    // Who took the fee, from the operator's decision on its work item.
    expect(await ds.query("SELECT action, taken_by FROM collections_action WHERE action = 'LATE_FEE'")).toEqual([
      { action: 'LATE_FEE', taken_by: 'olga' },
    ]);
  } finally {
    await ds.destroy();
  }
});
