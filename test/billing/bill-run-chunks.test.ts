import { gqlOk } from '../support/client';
import { account, enroll, publishedProduct } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => t?.stop());

const RUN =
  'mutation($asOf: Date!) { runBilling(asOf: $asOf) { id status accountsConsidered accountsProcessed invoicesIssued accountsFailed } }';

async function accountsWithReads(n: number, period: { start: string; end: string }) {
  const product = await publishedProduct(t);
  const accounts = [];
  for (let i = 0; i < n; i++) {
    const a = await account(t);
    await enroll(t, a.id, product.code, '2026-01-01');
    accounts.push(a);
  }
  await gqlOk(
    t.url,
    'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }',
    { reads: accounts.map((a) => ({ accountNumber: a.number, periodStart: period.start, periodEnd: period.end, quantity: '100' })) },
    t.adminToken,
  );
  return accounts;
}

describe('a bill run in chunks', () => {
  it("bills the rest of a chunk when one account's invoice cannot be stored, and the next run bills that account", async () => {
    const accounts = await accountsWithReads(3, { start: '2026-09-01', end: '2026-10-01' });
    const [, unlucky] = accounts;
    // Something already holds the billing key the run will give the unlucky account's invoice.
    const [read] = await t.hub.db.manager.query('SELECT id FROM usage_read WHERE account_id = ?', [unlucky.id]);
    await t.hub.db.manager.query(
      `INSERT INTO invoice (account_id, kind, billing_key, period_start, period_end, status, total, amount_paid, quantity, days, created_at, updated_at)
       VALUES (?, 'USAGE', ?, '2026-09-01', '2026-10-01', 'HELD', 0, 0, 0, 0, '2026-10-01 00:00:00', '2026-10-01 00:00:00')`,
      [unlucky.id, `usage:${unlucky.id}:${read.id}`],
    );

    const run = (await gqlOk(t.url, RUN, { asOf: '2026-10-01' }, t.adminToken)).runBilling;
    expect(run).toMatchObject({ status: 'COMPLETED', accountsConsidered: 3, accountsProcessed: 3, invoicesIssued: 2, accountsFailed: 1 });
    const unbilled = await t.hub.db.manager.query('SELECT account_id FROM usage_read WHERE invoice_id IS NULL AND period_start = ?', [
      '2026-09-01',
    ]);
    expect(unbilled.map((r: { account_id: string | number }) => String(r.account_id))).toEqual([unlucky.id]);
    const chunks = await t.hub.db.manager.query(
      'SELECT status, processed, issued, failed FROM bill_run_chunk WHERE run_id = ? ORDER BY position',
      [run.id],
    );
    expect(chunks.map((c: Record<string, unknown>) => [c.status, Number(c.processed), Number(c.issued), Number(c.failed)])).toEqual([
      ['DONE', 0, 0, 0],
      ['DONE', 3, 2, 1],
    ]);

    // Once the conflicting invoice is gone, the next run bills the account it left out.
    await t.hub.db.manager.query("DELETE FROM invoice WHERE billing_key = ? AND status = 'HELD' AND total = 0", [
      `usage:${unlucky.id}:${read.id}`,
    ]);
    const rerun = (await gqlOk(t.url, RUN, { asOf: '2026-10-01' }, t.adminToken)).runBilling;
    expect(rerun).toMatchObject({ status: 'COMPLETED', accountsConsidered: 1, invoicesIssued: 1, accountsFailed: 0 });
  });

  it('reports the counters of the chunks billed so far while a run is going on, and completes once', async () => {
    const accounts = await accountsWithReads(5, { start: '2026-10-01', end: '2026-11-01' });
    t.hub.services.billRuns.chunkSize = 2;
    try {
      const started = (
        await gqlOk(t.url, 'mutation { runBilling(asOf: "2026-11-01", wait: false) { id accountsConsidered } }', {}, t.adminToken)
      ).runBilling;
      expect(started.accountsConsidered).toBe(accounts.length);
      let run;
      for (let i = 0; i < 200; i++) {
        run = (
          await gqlOk(
            t.url,
            'query($id: ID!) { billRun(id: $id) { status accountsProcessed invoicesIssued } }',
            { id: started.id },
            t.adminToken,
          )
        ).billRun;
        expect(run.accountsProcessed).toBeLessThanOrEqual(accounts.length);
        if (run.status !== 'RUNNING') break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(run).toMatchObject({ status: 'COMPLETED', accountsProcessed: 5, invoicesIssued: 5 });
      const chunks = await t.hub.db.manager.query(
        'SELECT accounts FROM bill_run_chunk WHERE run_id = ? AND position >= 0 ORDER BY position',
        [started.id],
      );
      expect(chunks.map((c: { accounts: string | number }) => Number(c.accounts))).toEqual([2, 2, 1]);
    } finally {
      t.hub.services.billRuns.chunkSize = 500;
    }
  });
});
