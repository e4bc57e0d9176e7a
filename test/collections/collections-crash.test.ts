import { gqlOk } from '../support/client';
import { account, enroll, publishedProduct } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { assertMoneyInvariants } from '../support/money-invariants';
import { createPath, RUN, runCollections } from './helpers';
import { CollectionsRun, CollectionsRunStatus } from '../../server/src/modules/collections/collections.entity';
import { COLLECTIONS_CHUNK } from '../../server/src/modules/collections/collections-run.service';
import { eventually } from '../support/wait';

const ACCOUNTS = COLLECTIONS_CHUNK + 5; // one chunk and part of another
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
    expect(cut.collectionsRun).toEqual({ status: 'FAILED', actionsTaken: COLLECTIONS_CHUNK });

    const rerun = await runCollections(second, '2026-02-25');
    expect(rerun).toMatchObject({
      status: 'COMPLETED',
      accountsEvaluated: ACCOUNTS,
      actionsTaken: ACCOUNTS - COLLECTIONS_CHUNK,
      accountsFailed: 0,
    });
    const counts = (await second.hub.db.manager.query(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT account_id) AS accounts FROM collections_action',
    )) as Array<{ n: number | string; accounts: number | string }>;
    expect(counts.map((c) => [Number(c.n), Number(c.accounts)])).toEqual([[ACCOUNTS, ACCOUNTS]]);
  });
});

describe('a collections run whose process died, in a deployment of several processes', () => {
  let t: TestHub;
  beforeAll(async () => {
    // With REDIS_URL the process is not alone: another may be working on a RUNNING run.
    t = await startTestHub({ ...UNLIMITED, REDIS_URL: process.env.HUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' });
  });
  afterAll(async () => t?.stop());

  const status = async (id: string) =>
    (await gqlOk(t.url, 'query($id: ID!) { collectionsRun(id: $id) { status } }', { id }, t.adminToken)).collectionsRun.status;
  const fileStatus = async (id: string) =>
    (await fetch(`${t.url}/exports/dialer/${id}.csv`, { headers: { authorization: `Bearer ${t.adminToken}` } })).status;

  it('is given up once it has shown no sign of life for a while, and its dialer file can then be downloaded', async () => {
    // Two runs as other processes left them: one silent for a minute (its process died), one marked alive just now.
    const runs = t.hub.db.manager.getRepository(CollectionsRun);
    const left = (silentMs: number) =>
      runs.save(
        Object.assign(new CollectionsRun(), {
          asOf: '2026-02-25',
          status: CollectionsRunStatus.RUNNING,
          startedBy: 'admin',
          accountsEvaluated: 0,
          actionsTaken: 0,
          accountsFailed: 0,
          startedAt: new Date(Date.now() - 120_000),
          finishedAt: null,
          heartbeatAt: new Date(Date.now() - silentMs),
        }),
      );
    const dead = await left(60_000);
    const alive = await left(0);
    expect(await fileStatus(dead.id)).toBe(409);

    await eventually('the silent run to be given up', async () => (await status(dead.id)) === 'FAILED', { timeoutMs: 20_000 });
    expect(await fileStatus(dead.id)).toBe(200);
    // The other may still be at work elsewhere: it is left alone.
    expect(await status(alive.id)).toBe('RUNNING');
    expect(await fileStatus(alive.id)).toBe(409);
  }, 40_000);
});

describe('a collections run given up while its process still works on it', () => {
  let t: TestHub;
  afterAll(async () => {
    try {
      if (t) await assertMoneyInvariants(t);
    } finally {
      await t?.stop();
    }
  });

  it('stops at its next chunk, which rolls back, and stays FAILED; a new run takes the rest, each step once', async () => {
    t = await startTestHub(UNLIMITED);
    await createPath(t, {
      name: 'Given up',
      segments: ['GIVEN'],
      steps: [{ name: 'Reminder', daysPastDue: 1, minPastDue: '0', action: 'REMINDER', template: 'Pay {{pastDue}}, {{name}}' }],
    });
    const product = await publishedProduct(t, { fixedCharge: '9.95', rates: [{ effectiveFrom: '2025-01-01', unitPrice: '0.10' }] });
    const count = COLLECTIONS_CHUNK + 1; // two chunks
    const accounts = await inBatches(count, async () => {
      const a = await account(t, { segment: 'GIVEN' });
      await enroll(t, a.id, product.code, '2026-01-01');
      return a;
    });
    await gqlOk(
      t.url,
      'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }',
      { reads: accounts.map((a) => ({ accountNumber: a.number, periodStart: '2026-01-01', periodEnd: '2026-02-01', quantity: '100' })) },
      t.adminToken,
    );
    await gqlOk(t.url, 'mutation { runBilling(asOf: "2026-02-01") { invoicesIssued } }', {}, t.adminToken);

    const started = (await gqlOk(t.url, RUN, { asOf: '2026-02-25', wait: false }, t.adminToken)).runCollections;
    // Another process, thinking this one dead, gives the run up while it works.
    const db = t.hub.db;
    const givenUp = await db.exclusive(() =>
      db.ds
        .createQueryBuilder()
        .update(CollectionsRun)
        .set({ status: CollectionsRunStatus.FAILED, finishedAt: new Date() })
        .where({ id: started.id, status: CollectionsRunStatus.RUNNING })
        .execute(),
    );
    expect(givenUp.affected).toBe(1);

    // The process gives the run up at its next chunk, without marking it COMPLETED.
    await t.hub.services.collectionsRuns.idle();
    const run = (
      await gqlOk(t.url, 'query($id: ID!) { collectionsRun(id: $id) { status actionsTaken } }', { id: started.id }, t.adminToken)
    ).collectionsRun;
    expect(run.status).toBe('FAILED');
    const taken = (await db.manager.query('SELECT COUNT(*) AS n FROM collections_action WHERE run_id = ?', [started.id])) as Array<{
      n: number | string;
    }>;
    // Its counters say what its committed chunks did: none, or the first chunk alone.
    expect(Number(taken[0].n)).toBe(run.actionsTaken);
    expect([0, COLLECTIONS_CHUNK]).toContain(run.actionsTaken);

    const rerun = await runCollections(t, '2026-02-25');
    expect(rerun).toMatchObject({ status: 'COMPLETED', actionsTaken: count - run.actionsTaken, accountsFailed: 0 });
    const counts = (await db.manager.query(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT account_id) AS accounts FROM collections_action',
    )) as Array<{
      n: number | string;
      accounts: number | string;
    }>;
    expect(counts.map((c) => [Number(c.n), Number(c.accounts)])).toEqual([[count, count]]);
  }, 120_000);
});
