import { Role, type Principal } from '../../server/src/common/auth/roles';
import { gqlOk } from '../support/client';
import { createScratchDatabase, testDbKind, type ScratchDatabase } from '../support/databases';
import { publishedProduct } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { spawnPeer, stopProcess, type HubProcess } from '../support/process';
import { eventually } from '../support/wait';

const REDIS_URL = process.env.HUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ACCOUNTS = 600;
const PER_CHUNK = 20;

// Several server processes share one MySQL/MariaDB and one Redis; the embedded database serves one process.
const onMariaDb = testDbKind() === 'mariadb' ? describe : describe.skip;

onMariaDb('a bill run shared by two server processes', () => {
  let db: ScratchDatabase;
  let a: TestHub;
  let b: HubProcess;

  beforeAll(async () => {
    db = await createScratchDatabase('mariadb');
    a = await startTestHub({ REDIS_URL }, db);
    b = spawnPeer(db, {
      REDIS_URL,
    });
    await b.ready();

    const product = await publishedProduct(a, { fixedCharge: '5.00', rates: [{ effectiveFrom: '2026-01-01', unitPrice: '0.10' }] });
    const admin: Principal = { kind: 'user', id: '1', name: 'admin', role: Role.ADMIN };
    const numbers = Array.from({ length: ACCOUNTS }, (_, i) => `SHARED-${String(i).padStart(4, '0')}`);
    for (let i = 0; i < numbers.length; i += 20) {
      await Promise.all(
        numbers.slice(i, i + 20).map(async (number) => {
          const created = await a.hub.services.accounts.create(admin, { number, name: number, segment: 'RESIDENTIAL' });
          await a.hub.services.accounts.enroll(admin, created.id, product.code, '2026-01-01', null);
        }),
      );
    }
    await gqlOk(
      a.url,
      'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }',
      { reads: numbers.map((n) => ({ accountNumber: n, periodStart: '2026-01-01', periodEnd: '2026-02-01', quantity: '100' })) },
      a.adminToken,
    );
    // Small chunks, so that the run has many for the two processes to share.
    a.hub.services.billRuns.chunkSize = PER_CHUNK;
  }, 180_000);

  afterAll(async () => {
    await stopProcess(b);
    await a?.stop();
    await db?.drop();
  });

  it('bills each chunk once, some in each process, and each account once', async () => {
    const run = await gqlOk(
      a.url,
      'mutation { runBilling(asOf: "2026-02-01") { id status accountsConsidered accountsProcessed invoicesIssued accountsFailed } }',
      {},
      a.adminToken,
    );
    expect(run.runBilling).toMatchObject({
      status: 'COMPLETED',
      accountsConsidered: ACCOUNTS,
      accountsProcessed: ACCOUNTS,
      invoicesIssued: ACCOUNTS,
      accountsFailed: 0,
    });

    const chunks: Array<{ status: string; accounts: string; processed: string; issued: string; billed_by: string }> =
      await a.hub.db.manager.query(
        'SELECT status, accounts, processed, issued, billed_by FROM bill_run_chunk WHERE run_id = ? AND position >= 0 ORDER BY position',
        [run.runBilling.id],
      );
    expect(chunks).toHaveLength(ACCOUNTS / PER_CHUNK);
    for (const chunk of chunks) {
      expect(chunk.status).toBe('DONE');
      expect(Number(chunk.processed)).toBe(Number(chunk.accounts));
      expect(Number(chunk.issued)).toBe(Number(chunk.accounts));
    }
    // Both processes took chunks: the jest process (hub a) and the spawned one (hub b).
    const pids = new Set(chunks.map((c) => c.billed_by.split(':')[1]));
    expect(pids).toEqual(new Set([String(process.pid), String(b.child.pid)]));

    const perAccount = await a.hub.db.manager.query(
      "SELECT COUNT(*) AS invoices, COUNT(DISTINCT account_id) AS accounts FROM invoice WHERE period_start = '2026-01-01'",
    );
    expect(Number(perAccount[0].invoices)).toBe(ACCOUNTS);
    expect(Number(perAccount[0].accounts)).toBe(ACCOUNTS);
    const unbilled = await a.hub.db.manager.query('SELECT COUNT(*) AS n FROM usage_read WHERE invoice_id IS NULL');
    expect(Number(unbilled[0].n)).toBe(0);
    // One BILL_RUN_COMPLETED, however many processes finished chunks at the end.
    await eventually("the run's completion to be announced", async () => {
      const completed = await gqlOk(a.url, '{ events(types: [BILL_RUN_COMPLETED]) { totalCount } }', {}, a.adminToken);
      return completed.events.totalCount === 1;
    });
    await new Promise((r) => setTimeout(r, 300));
    const completed = await gqlOk(a.url, '{ events(types: [BILL_RUN_COMPLETED]) { totalCount } }', {}, a.adminToken);
    expect(completed.events.totalCount).toBe(1);
  });
});
