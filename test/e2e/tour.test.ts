import { gqlOk } from '../support/client';
import { startTestHub, ADMIN_PASSWORD, type TestHub } from '../support/hub';
import { launchConsoleBrowser, signIn, type ConsoleBrowser } from './support/browser';
import { ensureConsoleBuilt } from './support/console';

/** Every screen over the demo retailer: the screenshots are what an operator sees on a first start. */
describe('console tour over the demo data', () => {
  let t: TestHub;
  let b: ConsoleBrowser;

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestHub({ HUB_DEMO: 'true' });
    // What a retailer has after a while: integrations with keys, one of them retired.
    await t.apiKey('INTEGRATOR', 'Meter data feed');
    await t.apiKey('PARTNER', 'Partner portal');
    const retired = await gqlOk(
      t.url,
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } } }',
      { input: { name: 'Old payment gateway', role: 'INTEGRATOR' } },
      t.adminToken,
    );
    await gqlOk(t.url, 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: retired.createApiKey.apiKey.id }, t.adminToken);
    b = await launchConsoleBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await t?.stop();
  });

  it('shows each screen with data and without errors', async () => {
    const { page } = b;
    await signIn(page, t.url, 'admin', ADMIN_PASSWORD);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByText('Receivables').first().waitFor();
    await page.waitForTimeout(1500);
    await b.screenshot('tour-01-dashboard');

    for (const [path, heading, name] of [
      ['/queues', 'Work queues', 'tour-02-queues'],
      ['/review', 'Invoice review', 'tour-03-review'],
      ['/review?tab=blocked', 'Invoice review', 'tour-04-blocked'],
      ['/accounts', 'Accounts', 'tour-05-accounts'],
      ['/products', 'Products', 'tour-06-products'],
      ['/products/new', 'New product', 'tour-07-new-product'],
      ['/collections', 'Collections', 'tour-08-collections'],
      ['/runs', 'Runs', 'tour-08a-runs'],
      ['/admin?tab=rules', 'Admin', 'tour-09-admin-rules'],
      ['/admin?tab=users', 'Admin', 'tour-09a-admin-users'],
      ['/admin?tab=keys', 'Admin', 'tour-09b-admin-keys'],
      ['/admin?tab=taxes', 'Admin', 'tour-09c-admin-taxes'],
    ] as const) {
      await page.goto(`${t.url}${path}`);
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await page.waitForTimeout(800);
      await b.screenshot(name);
    }

    // Into the details: a review item in its queue, a held invoice, a customer who is behind.
    await page.goto(`${t.url}/queues/INVOICE_REVIEW`);
    await page.getByRole('row').nth(1).getByRole('link').first().click();
    await page.getByRole('complementary', { name: 'Work item' }).getByRole('heading').first().waitFor();
    await page.waitForTimeout(500);
    await b.screenshot('tour-10-queue-item');

    await page.goto(`${t.url}/review`);
    await page.getByRole('row').nth(1).getByRole('link').first().click();
    await page.getByRole('heading', { name: /Invoice INV-/ }).waitFor();
    await page.waitForTimeout(800);
    await b.screenshot('tour-11-held-invoice');

    await page.goto(`${t.url}/accounts?`);
    await page.getByRole('heading', { name: 'Accounts', exact: true }).waitFor();
    const behind = await gqlOk(t.url, 'query { accounts(first: 500) { nodes { id daysPastDue } } }', {}, t.adminToken);
    const late = (behind.accounts.nodes as Array<{ id: string; daysPastDue: number }>).sort((a, x) => x.daysPastDue - a.daysPastDue)[0];
    await page.goto(`${t.url}/accounts/${late.id}`);
    await page.locator('.stat').first().waitFor();
    await page.waitForTimeout(500);
    await b.screenshot('tour-12-account');
    await page.getByRole('tab', { name: /Collections/ }).click();
    // The most overdue customer was acted on by the demo's run of today, and each action names it.
    await page
      .getByText(/^Taken by collections run #\d+ \(started by demo-seed\), when the account was \d+ days? past due with \$[\d,]+\.\d\d$/)
      .first()
      .waitFor();
    await b.screenshot('tour-13-account-collections');
    // Every work item about the customer, in whichever queue it sits.
    const work = await gqlOk(t.url, 'query($id: ID) { account(id: $id) { workItems { totalCount } } }', { id: late.id }, t.adminToken);
    expect(work.account.workItems.totalCount).toBeGreaterThan(0);
    await page.getByRole('tab', { name: /Work items/ }).click();
    await page.getByRole('table', { name: 'Work items' }).waitFor();
    expect(await page.getByRole('table', { name: 'Work items' }).locator('tbody tr').count()).toBe(
      Math.min(50, work.account.workItems.totalCount),
    );
    await b.screenshot('tour-14-account-work-items');

    expect(b.errors).toEqual([]);
  });
});
