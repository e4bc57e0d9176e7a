import { gqlOk } from '../support/client';
import { account, enroll, publishedProduct } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { assertMoneyInvariants } from '../support/money-invariants';
import { createPath, RUN, runCollections } from './helpers';

const ACCOUNTS = 205; // one chunk of 200 and part of another
// Setting up 205 accounts through the API is a burst no operator makes.
const UNLIMITED = { HUB_RATE_LIMIT_RPS: '0' };

let first: TestHub;
let second: TestHub | null = null;

afterAll(async () => {
  try {
    if (second) await assertMoneyInvariants(second);
  } finally {
    await second?.stop();
    await first?.hub.stop();
    // The first hub's database is the second's: drop it last.
    await first?.db.drop();
  }
});

async function inBatches<T>(count: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i += 25)
    out.push(...(await Promise.all(Array.from({ length: Math.min(25, count - i) }, (_, j) => make(i + j)))));
  return out;
}

describe('a collections run cut off mid-way', () => {
  it('keeps the chunks it finished, and a re-run on the next server finishes the job without repeating any', async () => {
    first = await startTestHub(UNLIMITED);
    await createPath(first, {
      name: 'Crash course',
      segments: ['CRASH'],
      steps: [{ name: 'Reminder', daysPastDue: 1, minPastDue: '0', action: 'REMINDER', template: 'Pay {{pastDue}}, {{name}}' }],
    });
    const product = await publishedProduct(first, { fixedCharge: '9.95', rates: [{ effectiveFrom: '2025-01-01', unitPrice: '0.10' }] });
    const accounts = await inBatches(ACCOUNTS, async () => {
      const a = await account(first, { segment: 'CRASH' });
      await enroll(first, a.id, product.code, '2026-01-01');
      return a;
    });
    await gqlOk(
      first.url,
      'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }',
      { reads: accounts.map((a) => ({ accountNumber: a.number, periodStart: '2026-01-01', periodEnd: '2026-02-01', quantity: '100' })) },
      first.adminToken,
    );
    await gqlOk(first.url, 'mutation { runBilling(asOf: "2026-02-01") { invoicesIssued } }', {}, first.adminToken);

    // The server is told to stop just as the run starts: it finishes the chunk in flight and gives up.
    const started = (await gqlOk(first.url, RUN, { asOf: '2026-02-25', wait: false }, first.adminToken)).runCollections;
    await first.hub.stop();
    second = await startTestHub(UNLIMITED, first.db);
    const cut = await gqlOk(
      second.url,
      'query($id: ID!) { collectionsRun(id: $id) { status actionsTaken } }',
      { id: started.id },
      second.adminToken,
    );
    expect(cut.collectionsRun).toEqual({ status: 'FAILED', actionsTaken: 200 });

    const rerun = await runCollections(second, '2026-02-25');
    expect(rerun).toMatchObject({ status: 'COMPLETED', accountsEvaluated: ACCOUNTS, actionsTaken: ACCOUNTS - 200, accountsFailed: 0 });
    const counts = (await second.hub.db.manager.query(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT account_id) AS accounts FROM collections_action',
    )) as Array<{ n: number | string; accounts: number | string }>;
    expect(counts.map((c) => [Number(c.n), Number(c.accounts)])).toEqual([[ACCOUNTS, ACCOUNTS]]);
  });
});
