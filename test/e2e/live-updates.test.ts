import type { Page, Request } from 'playwright-core';
import { gqlOk } from '../support/client';
import { startTestHub, ADMIN_PASSWORD, type TestHub } from '../support/hub';
import { eventually, sleep } from '../support/wait';
import { launchConsoleBrowser, signIn, type ConsoleBrowser } from './support/browser';
import { ensureConsoleBuilt } from './support/console';

/** How long the console takes to turn a burst of events into one cache update, with room to spare. */
const SETTLE_MS = 3000;

/**
 * What a payment arriving costs an operator's console, over the demo retailer:
 * one tab on the dashboard, another on a work queue, while an integration
 * records a payment through the API. The console updates what the payment
 * changed; it does not read every open screen again.
 */
describe('console: a payment arriving updates the open screens without reloading them', () => {
  let t: TestHub;
  let b: ConsoleBrowser;
  let integrationKey: string;
  const requests: Array<{ page: Page; operation: string }> = [];

  const countRequest = (request: Request) => {
    if (request.method() !== 'POST' || !request.url().endsWith('/graphql')) return;
    const body = request.postDataJSON() as { operationName?: string } | null;
    requests.push({ page: request.frame().page(), operation: body?.operationName ?? '(anonymous)' });
  };

  /** Waits until the console has made no request for a while: everything on screen is loaded. */
  async function quiet(): Promise<void> {
    for (;;) {
      const before = requests.length;
      await sleep(SETTLE_MS);
      if (requests.length === before) return;
    }
  }

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestHub({ HUB_DEMO: 'true' });
    integrationKey = await t.apiKey('INTEGRATOR', 'payment-gateway');
    b = await launchConsoleBrowser();
    b.context.on('request', countRequest);
  });
  afterAll(async () => {
    await b?.close();
    await t?.stop();
  });

  it('reads the dashboard figures once and nothing for the queue, which a payment does not change', async () => {
    const dashboard = b.page;
    await signIn(dashboard, t.url, 'admin', ADMIN_PASSWORD);
    await dashboard.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const receivables = dashboard.locator('.kpi').filter({ hasText: 'Receivables' }).locator('.kpi-value');
    await receivables.filter({ hasText: '$' }).waitFor();

    const queue = await b.context.newPage();
    await signIn(queue, t.url, 'admin', ADMIN_PASSWORD);
    const { workQueue } = await gqlOk(t.url, 'query { workQueue(key: "COLLECTIONS_CALLS") { name } }', {}, t.adminToken);
    await queue.goto(`${t.url}/queues/COLLECTIONS_CALLS`);
    await queue.getByRole('heading', { name: workQueue.name }).waitFor();
    await quiet();

    // A customer who owes money and has no payment plan: the payment goes to their oldest due invoice.
    const { accounts } = await gqlOk(
      t.url,
      'query { accounts(first: 500) { nodes { number balance paymentPlan { id } } } }',
      {},
      t.adminToken,
    );
    const payer = (accounts.nodes as Array<{ number: string; balance: string; paymentPlan: unknown }>).find(
      (a) => Number(a.balance) > 20 && a.paymentPlan === null,
    );
    expect(payer).toBeDefined();
    const shownBefore = await receivables.innerText();

    requests.length = 0;
    const { recordPayment } = await gqlOk(
      t.url,
      'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id allocations { invoice { id } } } }',
      { input: { accountNumber: payer!.number, amount: '12.34', channel: 'ACH', idempotencyKey: 'live-updates-1' } },
      integrationKey,
    );
    expect(recordPayment.allocations.length).toBeGreaterThan(0);

    // What the operator sees: the toast on both tabs, and the dashboard's receivables down by the payment.
    await dashboard.getByRole('status').filter({ hasText: 'Payment of $12.34 received' }).waitFor();
    await queue.getByRole('status').filter({ hasText: 'Payment of $12.34 received' }).waitFor();
    await eventually('the dashboard to show the new receivables', async () => (await receivables.innerText()) !== shownBefore);
    const { kpis } = await gqlOk(t.url, 'query { kpis { receivables } }', {}, t.adminToken);
    expect(Number((await receivables.innerText()).replace(/[$,]/g, ''))).toBeCloseTo(Number(kpis.receivables), 2);
    await quiet();

    const on = (page: Page) => requests.filter((r) => r.page === page).map((r) => r.operation);
    process.stdout.write(
      `GraphQL requests after one payment: dashboard ${on(dashboard).length} [${on(dashboard).join(', ')}], ` +
        `queue ${on(queue).length} [${on(queue).join(', ')}]\n`,
    );
    // The KPIs are aggregates only the hub computes: the dashboard reads them (with its chart's invoices) once.
    expect(on(dashboard)).toEqual(['Dashboard']);
    // Nothing the queue shows changed.
    expect(on(queue)).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});
