import path from 'node:path';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { gqlOk } from '../support/client';
import type { ScratchDatabase } from '../support/databases';
import { account, enroll, publishedProduct } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { assertMoneyInvariants } from '../support/money-invariants';
import { eventually } from '../support/wait';
import { createPath } from '../collections/helpers';

/**
 * Runs left RUNNING by a process that died mid-way (its rows as such a process
 * leaves them: the run RUNNING and silent, its chunks billed so far DONE, the
 * rest PENDING) are finished by the next hub on the database, alone or sharing
 * it through Redis, within a minute of its start: every account billed or
 * acted on once, money exact.
 */
const ACCOUNTS = 30;
const REDIS = { REDIS_URL: process.env.HUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' };
const ALONE = {};

let first: TestHub;
let current: TestHub;
let accounts: Array<{ id: string; number: string }> = [];

afterAll(async () => {
  try {
    if (current) await assertMoneyInvariants(current);
  } finally {
    await current?.hub.stop();
    await first?.db.drop();
  }
}, 60_000);

const sql = (q: string, params: unknown[] = []) => current.hub.db.manager.query(q, params) as Promise<Array<Record<string, unknown>>>;

/** Runs statements on the database while no hub is on it; answers the rows of the last. */
async function offline(db: ScratchDatabase, statements: Array<[string, unknown[]]>): Promise<Array<Record<string, unknown>>> {
  let rows: Array<Record<string, unknown>> = [];
  if (db.kind === 'sqlite') {
    const conn = new Database(path.join(db.dataDir, 'hub.sqlite'));
    try {
      for (const [q, params] of statements) {
        const statement = conn.prepare(q);
        if (statement.reader) rows = statement.all(...params) as Array<Record<string, unknown>>;
        else statement.run(...params);
      }
    } finally {
      conn.close();
    }
    return rows;
  }
  const conn = await mysql.createConnection(db.url);
  try {
    for (const [q, params] of statements) rows = (await conn.query(q, params))[0] as Array<Record<string, unknown>>;
  } finally {
    await conn.end();
  }
  return rows;
}

/**
 * The hub stops while its run goes on (it finishes the chunk in flight; alone,
 * it gives the run up); its rows are then put back as a process killed at that
 * moment leaves them, and a new hub starts on the database with `env`.
 */
async function dieMidRun(kind: 'bill_run' | 'collections_run', runId: string, env: Record<string, string>): Promise<void> {
  await current.hub.stop();
  const chunks = await offline(first.db, [[`SELECT status FROM ${kind}_chunk WHERE run_id = ? AND position >= 0`, [Number(runId)]]]);
  // Mid-way: some chunks done, some not.
  expect(chunks.some((c) => c.status === 'DONE')).toBe(true);
  // Alone, the hub gave the run up (its chunks CANCELLED); shared, it left them to the others (PENDING).
  expect(chunks.some((c) => c.status !== 'DONE')).toBe(true);
  await offline(first.db, [
    [`UPDATE ${kind}_chunk SET status = 'PENDING' WHERE run_id = ? AND status <> 'DONE'`, [Number(runId)]],
    [
      `UPDATE ${kind} SET status = 'RUNNING', running_key = 'RUNNING', finished_at = NULL, heartbeat_at = '2026-01-01 00:00:00' WHERE id = ?`,
      [Number(runId)],
    ],
  ]);
  current = await startTestHub({ HUB_RATE_LIMIT_RPS: '0', ...env }, first.db);
}

async function finished(what: 'billRun' | 'collectionsRun', id: string, fields: string) {
  return eventually(
    `the ${what} left running to be finished`,
    async () => {
      const data = await gqlOk(current.url, `query($id: ID!) { ${what}(id: $id) { status ${fields} } }`, { id }, current.adminToken);
      return data[what].status === 'RUNNING' ? undefined : data[what];
    },
    { timeoutMs: 60_000, intervalMs: 200 },
  );
}

/** Starts a run on the current hub; answers the field asked for. */
async function startRun(mutation: 'runBilling' | 'runCollections', asOf: string, field: string, wait = true) {
  const data = await gqlOk(
    current.url,
    `mutation($asOf: Date!, $wait: Boolean) { ${mutation}(asOf: $asOf, wait: $wait) { ${field} } }`,
    { asOf, wait },
    current.adminToken,
  );
  return data[mutation][field];
}

async function billMidRun(asOf: string, env: Record<string, string>) {
  current.hub.services.billRuns.chunkSize = 2;
  const started = await startRun('runBilling', asOf, 'id', false);
  await dieMidRun('bill_run', started, env);
  const run = await finished('billRun', started, 'accountsConsidered accountsProcessed invoicesIssued accountsFailed');
  expect(run).toEqual({
    status: 'COMPLETED',
    accountsConsidered: ACCOUNTS,
    accountsProcessed: ACCOUNTS,
    invoicesIssued: ACCOUNTS,
    accountsFailed: 0,
  });
  // Every account billed once for the period: one invoice of 5.00 + 100 x 0.10 (stored in cents).
  const invoices = await sql(
    'SELECT account_id, COUNT(*) AS n, SUM(total) AS total FROM invoice WHERE period_end = ? GROUP BY account_id',
    [asOf],
  );
  expect(invoices.length).toBe(ACCOUNTS);
  for (const i of invoices) expect([Number(i.n), Number(i.total)]).toEqual([1, 1500]);
  expect(await startRun('runBilling', asOf, 'accountsConsidered')).toBe(0);
}

async function collectMidRun(asOf: string, action: string, env: Record<string, string>) {
  current.hub.services.collectionsRuns.chunkSize = 3;
  const started = await startRun('runCollections', asOf, 'id', false);
  await dieMidRun('collections_run', started, env);
  const run = await finished('collectionsRun', started, 'accountsEvaluated actionsTaken accountsFailed');
  expect(run).toEqual({ status: 'COMPLETED', accountsEvaluated: ACCOUNTS, actionsTaken: ACCOUNTS, accountsFailed: 0 });
  // Each account acted on once, by that run.
  const taken = await sql('SELECT account_id, COUNT(*) AS n FROM collections_action WHERE action = ? GROUP BY account_id', [action]);
  expect(taken.length).toBe(ACCOUNTS);
  for (const t of taken) expect(Number(t.n)).toBe(1);
  expect(await startRun('runCollections', asOf, 'actionsTaken')).toBe(0);
}

describe('a run left RUNNING by a process that died', () => {
  beforeAll(async () => {
    first = await startTestHub({ HUB_RATE_LIMIT_RPS: '0' });
    current = first;
    const product = await publishedProduct(current, { fixedCharge: '5.00', rates: [{ effectiveFrom: '2025-01-01', unitPrice: '0.10' }] });
    await createPath(current, {
      name: 'Dead runs',
      segments: ['DEADRUN'],
      steps: [
        { name: 'Reminder', daysPastDue: 1, minPastDue: '0', action: 'REMINDER', template: 'Pay {{pastDue}}, {{name}}' },
        { name: 'Letter', daysPastDue: 40, minPastDue: '0', action: 'LETTER', template: 'Dear {{name}}, pay {{pastDue}}' },
      ],
    });
    accounts = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      const a = await account(current, { segment: 'DEADRUN' });
      await enroll(current, a.id, product.code, '2026-01-01');
      accounts.push(a);
    }
    const reads = (start: string, end: string) =>
      accounts.map((a) => ({ accountNumber: a.number, periodStart: start, periodEnd: end, quantity: '100' }));
    await gqlOk(
      current.url,
      'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }',
      { reads: [...reads('2026-01-01', '2026-02-01'), ...reads('2026-02-01', '2026-03-01')] },
      current.adminToken,
    );
  }, 300_000);

  it('is finished by the next hub alone on the database (bill run)', () => billMidRun('2026-02-01', ALONE), 120_000);

  it('is finished by a hub of a deployment sharing the database through Redis (bill run)', () => billMidRun('2026-03-01', REDIS), 120_000);

  // The first bill is due 2026-02-22 (21 days' terms): eleven days late, the reminder; 42 days late, the letter.
  it(
    'is finished by a hub of a deployment sharing the database through Redis (collections run)',
    () => collectMidRun('2026-03-05', 'REMINDER', REDIS),
    120_000,
  );

  it('is finished by the next hub alone on the database (collections run)', () => collectMidRun('2026-04-05', 'LETTER', ALONE), 120_000);
});
