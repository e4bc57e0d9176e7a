import { gqlOk } from '../support/client';
import { account, enroll, publishedProduct } from '../support/factories';
import { startTestHub, ADMIN_PASSWORD, type TestHub } from '../support/hub';
import { TcpProxy } from '../support/tcp-proxy';
import { eventually } from '../support/wait';
import { launchConsoleBrowser, signIn, type ConsoleBrowser } from './support/browser';
import { ensureConsoleBuilt } from './support/console';

/**
 * An operator's day in the work queues: signed in, watching the INVOICING
 * queue, while another client (an integration with an API key) runs billing.
 * The browser talks to the hub through a TCP proxy so the test can take the
 * link away and give it back.
 */
describe('console: sign-in, live work queues, reconnect', () => {
  let t: TestHub;
  let b: ConsoleBrowser;
  let proxy: TcpProxy;
  let consoleUrl: string;
  let integrationKey: string;
  let contested: { id: string; number: string };

  /** An account whose February usage has no rate: the bill run raises MISSING_RATE and a work item in INVOICING. */
  async function blockedAccount(name: string): Promise<{ id: string; number: string }> {
    const product = await publishedProduct(
      t,
      { rates: [{ effectiveFrom: '2025-01-01', effectiveTo: '2026-02-01', unitPrice: '0.1325' }] },
      '2026-01-01',
    );
    const a = await account(t, { name });
    await enroll(t, a.id, product.code, '2026-01-01');
    await gqlOk(
      t.url,
      'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }',
      { reads: [{ accountNumber: a.number, periodStart: '2026-02-01', periodEnd: '2026-03-01', quantity: '420' }] },
      t.adminToken,
    );
    return a;
  }

  const runBillingAsIntegration = () => gqlOk(t.url, 'mutation { runBilling(asOf: "2026-03-01") { id status } }', {}, integrationKey);

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestHub();
    proxy = new TcpProxy('127.0.0.1', t.hub.port);
    consoleUrl = `http://127.0.0.1:${await proxy.start()}`;
    integrationKey = await t.apiKey('OPERATOR', 'billing-scheduler');
    b = await launchConsoleBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await proxy?.stop();
    await t?.stop();
  });

  it('signs in with the login mutation, keeps the session for the tab and signs out', async () => {
    const { page } = b;
    await page.goto(consoleUrl);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /password/i })
      .waitFor();
    await b.screenshot('01-sign-in-refused');

    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    expect(await page.evaluate<string[]>('Object.keys(window.sessionStorage)')).toContain('billing-hub.session');

    // A reload stays signed in: the token is kept for the tab.
    await page.reload();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to the operator console' }).waitFor();
    expect(await page.evaluate<string | null>("window.sessionStorage.getItem('billing-hub.session')")).toBeNull();

    await signIn(page, consoleUrl, 'admin', ADMIN_PASSWORD);
    await b.screenshot('02-signed-in-dashboard');
  });

  it('shows the exception of a bill run started by another client in the open queue without a reload; claim and resolve it', async () => {
    const { page } = b;
    const queue = await gqlOk(t.url, 'query { workQueue(key: "INVOICING") { name } }', {}, t.adminToken);
    await page.getByRole('link', { name: /Work queues/ }).click();
    await page.getByRole('row').filter({ hasText: 'INVOICING' }).getByRole('link').click();
    await page.getByRole('heading', { name: queue.workQueue.name }).waitFor();
    await page.getByText('Queue is clear').waitFor();

    const blocked = await blockedAccount('Rita Ratesless');
    await runBillingAsIntegration();

    // The item arrives through workItemChanged; the exception announces itself with a toast.
    const row = page.getByRole('row').filter({ hasText: blocked.number });
    await row.waitFor();
    await page.getByRole('status').filter({ hasText: 'Missing rate exception raised' }).waitFor();
    await row.getByText('Open', { exact: true }).waitFor();
    await b.screenshot('03-queue-new-exception-live');

    await row.getByRole('link').first().click();
    const panel = page.getByRole('complementary', { name: 'Work item' });
    await panel
      .getByText(/has no rate/)
      .first()
      .waitFor();
    await panel.getByRole('button', { name: 'Claim' }).click();
    await panel.getByText('Administrator (you)').waitFor();
    await row.getByText('In progress').waitFor();

    await panel.getByLabel('Add a note').fill('Rate for February is missing; asked pricing for it.');
    await panel.getByRole('button', { name: 'Add note' }).click();
    // The note is listed, and the box is cleared for the next one.
    await panel.getByRole('paragraph').filter({ hasText: 'asked pricing for it' }).waitFor();
    await eventually('the note box to be cleared', async () => (await panel.getByLabel('Add a note').inputValue()) === '');

    await panel.getByLabel('Resolution').fill('Pricing added the February rate; next run bills it.');
    await panel.getByRole('button', { name: 'Resolve' }).click();
    await panel
      .getByText(/Resolved/)
      .first()
      .waitFor();
    await b.screenshot('04-work-item-resolved');

    const item = await gqlOk(
      t.url,
      'query { workQueue(key: "INVOICING") { items(status: RESOLVED) { nodes { status resolution assignee { username } } } } }',
      {},
      t.adminToken,
    );
    expect(item.workQueue.items.nodes).toEqual([
      { status: 'RESOLVED', resolution: 'Pricing added the February rate; next run bills it.', assignee: { username: 'admin' } },
    ]);
  });

  it('says clearly when someone else claimed the item first', async () => {
    const { page } = b;
    const blocked = await blockedAccount('Carl Contested');
    contested = blocked;
    await runBillingAsIntegration();
    const row = page.getByRole('row').filter({ hasText: blocked.number });
    await row.waitFor();
    await row.getByRole('link').first().click();
    const panel = page.getByRole('complementary', { name: 'Work item' });
    await panel.getByRole('button', { name: /Claim/ }).waitFor();

    // A colleague claims it a moment before this operator does.
    const colleague = await t.userToken('OPERATOR', 'dana');
    const itemId = new URL(page.url()).searchParams.get('item');
    await gqlOk(t.url, 'mutation($id: ID!) { claimWorkItem(id: $id) { id } }', { id: itemId }, colleague);

    await panel.getByRole('button', { name: /Claim/ }).click();
    await panel.getByRole('alert').filter({ hasText: 'Someone else claimed it first' }).waitFor();
    await panel.getByRole('alert').filter({ hasText: 'dana' }).waitFor();
    await b.screenshot('05-claim-conflict');
  });

  it("lists on the account page the account's work items, though a blocked account has no invoice to reach them through", async () => {
    const { page } = b;
    await page.goto(`${consoleUrl}/accounts/${contested.id}`);
    await page.getByRole('heading', { name: /Carl Contested/ }).waitFor();
    await page.getByRole('tab', { name: 'Work items 1' }).click();
    const table = page.getByRole('table', { name: 'Work items' });
    const row = table.getByRole('row').filter({ hasText: 'dana' });
    await row.getByText('In progress').waitFor();
    await row.getByText(/Due /).waitFor();
    expect(await row.getByRole('link').first().getAttribute('href')).toMatch(/^\/queues\/INVOICING\?item=\d+$/);
    await b.screenshot('08-account-work-items');

    const api = await gqlOk(
      t.url,
      'query($id: ID) { account(id: $id) { workItems { nodes { title status } } } }',
      { id: contested.id },
      t.adminToken,
    );
    expect(await table.locator('tbody tr td:first-child a').allInnerTexts()).toEqual(
      api.account.workItems.nodes.map((n: { title: string }) => n.title),
    );
  });

  it('shows the link reconnecting and, once back, replays what happened meanwhile from the last event id', async () => {
    const { page } = b;
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();

    proxy.cut();
    await page.getByRole('status').filter({ hasText: 'Reconnecting' }).waitFor();
    await b.screenshot('06-reconnecting');

    // While the console is cut off, a payment arrives through the API.
    const payer = await account(t, { name: 'Paula Offline' });
    await gqlOk(
      t.url,
      'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }',
      { input: { accountNumber: payer.number, amount: '12.34', channel: 'ACH', idempotencyKey: `e2e-offline-${payer.number}` } },
      integrationKey,
    );
    await eventually('the payment event to be committed', async () => {
      const events = await gqlOk(t.url, 'query { events(types: [PAYMENT_RECEIVED]) { totalCount } }', {}, t.adminToken);
      return events.events.totalCount > 0;
    });
    await page.waitForTimeout(500);
    expect(await page.getByText('Payment of $12.34 received').count()).toBe(0);

    proxy.restore();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: 30_000 });
    // Only a resume with `after` brings an event from the outage into the feed: a fresh live-only subscription would not.
    await page.getByRole('list', { name: 'Live events' }).getByText('Payment of $12.34 received').waitFor();
    await b.screenshot('07-reconnected-replayed');
    expect(b.errors.filter((e) => !/Failed to load resource|ERR_CONNECTION|WebSocket/.test(e))).toEqual([]);
  });
});
