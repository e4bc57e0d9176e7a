import { ChunkLoader } from '../../server/src/modules/billing/bill-run/chunk-loader';
import { BillingException, ExceptionCode, ExceptionSeverity, ExceptionStatus } from '../../server/src/modules/billing/billing.entity';
import { PendingCreditService } from '../../server/src/modules/billing/pending-credit.service';
import { loadTaxRates } from '../../server/src/modules/taxes/tax-rate.service';
import { addTaxRate, uniqueZone } from '../taxes/helpers';
import { account, enroll, publishedProduct } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { recordUsage, runBilling } from './credits';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => t?.stop());

describe("a chunk's data", () => {
  it('holds only the accounts still active when the chunk is billed, with their reads, enrollments, history and exceptions', async () => {
    const product = await publishedProduct(t);
    const [stays, leaves] = [await account(t), await account(t)];
    for (const a of [stays, leaves]) {
      await enroll(t, a.id, product.code, '2026-01-01');
      await recordUsage(t, a.number, '2026-08-01', '2026-09-01', 300);
    }
    expect(await runBilling(t, '2026-09-01')).toMatchObject({ status: 'COMPLETED', invoicesIssued: 2 });
    for (const a of [stays, leaves]) await recordUsage(t, a.number, '2026-09-01', '2026-10-01', 320);
    // An open critical exception on each, and a tax rate: the chunk reads every zone's rates.
    for (const a of [stays, leaves]) {
      await t.hub.db.manager.getRepository(BillingException).insert(
        Object.assign(new BillingException(), {
          accountId: a.id,
          code: ExceptionCode.MISSING_RATE,
          severity: ExceptionSeverity.CRITICAL,
          message: 'No rate for the period',
          status: ExceptionStatus.OPEN,
          dedupeKey: `${a.id}:MISSING_RATE:test`,
          createdAt: new Date(),
        }),
      );
    }
    await addTaxRate(t, { zone: uniqueZone(), code: 'VAT', percent: '20', appliesTo: ['USAGE'], effectiveFrom: '2026-01-01' });
    // The account closed after a run chose it: its chunk passes it by, whatever of it is still stored.
    await t.hub.db.manager.query("UPDATE account SET status = 'CLOSED' WHERE id = ?", [leaves.id]);

    const loader = new ChunkLoader(t.hub.db, new PendingCreditService());
    const ids = [stays.id, leaves.id];
    const locked = await t.hub.db.transaction((tx) => loader.load(tx.em, ids, '2026-10-01'));
    const unlocked = await loader.load(t.hub.db.manager, ids, '2026-10-01', { lock: false });
    for (const data of [locked, unlocked]) {
      expect([...data.accounts.keys()]).toEqual([stays.id]);
      expect([...data.reads.keys()]).toEqual([stays.id]);
      expect(data.reads.get(stays.id)?.map((r) => r.periodStart)).toEqual(['2026-09-01']);
      expect([...data.enrollments.keys()]).toEqual([stays.id]);
      expect([...data.history.keys()]).toEqual([stays.id]);
      expect(data.history.get(stays.id)).toHaveLength(1);
      expect([...data.products.keys()]).toEqual([product.id]);
      expect([...data.openCritical.keys()]).toEqual([stays.id]);
      expect(data.taxRates.length).toBeGreaterThan(0);
      expect(data.taxRates).toEqual(await loadTaxRates(t.hub.db.manager));
    }
    // A chunk whose accounts have all left prices nothing.
    const none = await t.hub.db.transaction((tx) => loader.load(tx.em, [leaves.id], '2026-10-01'));
    expect([none.accounts.size, none.reads.size, none.openCritical.size, none.history.size, none.taxRates]).toEqual([0, 0, 0, 0, []]);
  });
});
