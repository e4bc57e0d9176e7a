import { gqlOk } from '../support/client';
import { account, enroll, publishedProduct } from '../support/factories';
import { ADMIN_PASSWORD, startTestHub, type TestHub } from '../support/hub';
import { launchConsoleBrowser, signIn, type ConsoleBrowser } from './support/browser';
import { ensureConsoleBuilt } from './support/console';

/**
 * Acting from a work item, on a 1,024 px screen: the item opens beside its
 * queue, and its panel releases the held invoice or cancels the market drop
 * it is about, which resolves it. Then an admin deactivates a user whose
 * console is open, and that console is signed out at once.
 */
describe('console: acting from work items, deactivating a user', () => {
  let t: TestHub;
  let b: ConsoleBrowser;
  let held: { id: string; number: string };
  let dropping: { id: string; number: string };
  let protectedDrop: { id: string; number: string };

  const usage = (accounts: Array<{ number: string }>, periodStart: string, periodEnd: string) =>
    gqlOk(
      t.url,
      'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }',
      { reads: accounts.map((a) => ({ accountNumber: a.number, periodStart, periodEnd, quantity: '100' })) },
      t.adminToken,
    );

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestHub();
    const product = await publishedProduct(t, { rates: [{ effectiveFrom: '2020-01-01', unitPrice: '0.10' }] }, '2020-01-01');
    await gqlOk(
      t.url,
      'mutation($input: BillingRulesInput!) { setBillingRules(input: $input) { segment } }',
      { input: { segment: 'E2E_HOLD', highConsumptionFactor: '2', swingPercent: '50', maxInvoiceAmount: '1.00', paymentTermsDays: 21 } },
      t.adminToken,
    );
    await gqlOk(
      t.url,
      'mutation($input: CollectionsPathInput!) { createCollectionsPath(input: $input) { id } }',
      {
        input: {
          name: 'Drop fast',
          segments: ['E2E_DROP'],
          steps: [{ name: 'Drop', daysPastDue: 1, minPastDue: '0', action: 'MARKET_DROP' }],
        },
      },
      t.adminToken,
    );
    held = await account(t, { segment: 'E2E_HOLD', name: 'Hector Held' });
    dropping = await account(t, { segment: 'E2E_DROP', name: 'Dora Dropping' });
    protectedDrop = await account(t, { segment: 'E2E_DROP', name: 'Paula Protected' });
    for (const a of [held, dropping, protectedDrop]) await enroll(t, a.id, product.code, '2020-01-01');
    await usage([held, dropping, protectedDrop], '2025-01-01', '2025-02-01');
    await gqlOk(t.url, 'mutation { runBilling(asOf: "2025-02-01") { status } }', {}, t.adminToken);
    await gqlOk(t.url, 'mutation { runCollections(asOf: "2025-05-01") { status } }', {}, t.adminToken);
    // Protected after the drop was requested: the request stands, but the hub drops nobody protected since.
    await gqlOk(
      t.url,
      'mutation($a: ID!, $p: [AccountProtectionInput!]!) { setAccountProtections(accountId: $a, protections: $p) { id } }',
      { a: protectedDrop.id, p: [{ code: 'CRITICAL_CARE', note: 'Oxygen concentrator at home' }] },
      t.adminToken,
    );
    b = await launchConsoleBrowser();
    await b.page.setViewportSize({ width: 1024, height: 768 });
  });
  afterAll(async () => {
    await b?.close();
    await t?.stop();
  });

  async function openItem(queueKey: string, accountNumber: string) {
    const { page } = b;
    await page.goto(`${t.url}/queues/${queueKey}`);
    const row = page.getByRole('row').filter({ hasText: accountNumber });
    await row.getByRole('link').first().click();
    const panel = page.getByRole('complementary', { name: 'Work item' });
    await panel.getByRole('heading').first().waitFor();
    return { row, panel };
  }

  it('releases a held invoice from its review item, which resolves it; the item opens beside the list at 1,024 px', async () => {
    const { page } = b;
    await signIn(page, t.url, 'admin', ADMIN_PASSWORD);
    const { panel } = await openItem('INVOICE_REVIEW', held.number);

    // Beside the list, not below it.
    const list = await page.locator('.split-main').boundingBox();
    const side = await page.locator('.split-side').boundingBox();
    expect(list && side).toBeTruthy();
    expect(side!.x).toBeGreaterThanOrEqual(list!.x + list!.width - 1);
    expect(Math.abs(side!.y - list!.y)).toBeLessThan(20);
    expect(side!.x + side!.width).toBeLessThanOrEqual(1024);
    await b.screenshot('queue-actions-01-held-item-1024');

    // Resolving by hand is not offered while the invoice is held.
    await panel.getByText(/resolved by the action above/).waitFor();
    expect(await panel.getByLabel('Resolution').count()).toBe(0);

    await panel.getByRole('button', { name: 'Release invoice…' }).click();
    const dialog = page.getByRole('dialog', { name: /Release invoice/ });
    await dialog.getByLabel('Note (optional)').fill('Checked the meter photo');
    await dialog.getByRole('button', { name: 'Release and issue' }).click();
    await panel.getByText(/^Resolved /).waitFor();
    await panel.getByText('Checked the meter photo').waitFor();
    await b.screenshot('queue-actions-02-released');

    const data = await gqlOk(
      t.url,
      'query($id: ID) { account(id: $id) { invoices { nodes { status } } workItems { nodes { status resolution } } } }',
      { id: held.id },
      t.adminToken,
    );
    expect(data.account.invoices.nodes).toEqual([{ status: 'ISSUED' }]);
    expect(data.account.workItems.nodes).toEqual([{ status: 'RESOLVED', resolution: 'Checked the meter photo' }]);
  });

  it('cancels a market drop from its item, with a reason', async () => {
    const { page } = b;
    const { panel } = await openItem('MARKET_DROPS', dropping.number);
    await panel.getByRole('button', { name: 'Cancel the drop…' }).click();
    const dialog = page.getByRole('dialog', { name: /Cancel the market drop/ });
    await dialog.getByLabel('Reason').fill('Paid at the counter');
    await dialog.getByRole('button', { name: 'Keep the customer' }).click();
    await panel.getByText(/^Resolved /).waitFor();
    await panel
      .getByText(/Paid at the counter/)
      .first()
      .waitFor();
    const data = await gqlOk(t.url, 'query($id: ID) { account(id: $id) { status } }', { id: dropping.id }, t.adminToken);
    expect(data.account.status).toBe('ACTIVE');
    await b.screenshot('queue-actions-03-drop-cancelled');
    expect(b.errors).toEqual([]);
  });

  it("asks before dropping from the account page, naming the customer's protection, and drops nobody protected since the request", async () => {
    const { page } = b;
    const status = async () =>
      (await gqlOk(t.url, 'query($id: ID) { account(id: $id) { status } }', { id: protectedDrop.id }, t.adminToken)).account.status;
    await page.goto(`${t.url}/accounts/${protectedDrop.id}`);
    await page.getByRole('button', { name: 'Confirm market drop…' }).click();
    const dialog = page.getByRole('dialog', { name: `Confirm the market drop of ${protectedDrop.number}` });
    await dialog.getByText('In force: CRITICAL_CARE (Oxygen concentrator at home)').waitFor();
    await b.screenshot('queue-actions-04-drop-asks-protected');
    await dialog.getByRole('button', { name: 'Back' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await status()).toBe('DROP_PENDING');

    await page.getByRole('button', { name: 'Confirm market drop…' }).click();
    await dialog.getByRole('button', { name: 'Drop the customer' }).click();
    await dialog.getByText(/cannot be dropped today: it has been protected \(CRITICAL_CARE\) since the drop was requested/).waitFor();
    expect(await status()).toBe('DROP_PENDING');
  });

  it('finds items by search and claims and resolves them in bulk', async () => {
    const { page } = b;
    const filed = await t.hub.db.transaction(async (tx) => [
      await t.hub.services.workQueues.createItem(tx, { queueKey: 'COLLECTIONS_CALLS', kind: 'CALL_REQUEST', title: 'Bulk call one' }),
      await t.hub.services.workQueues.createItem(tx, { queueKey: 'COLLECTIONS_CALLS', kind: 'CALL_REQUEST', title: 'Bulk call two' }),
      await t.hub.services.workQueues.createItem(tx, { queueKey: 'COLLECTIONS_CALLS', kind: 'CALL_REQUEST', title: 'Another call' }),
    ]);
    await page.goto(`${t.url}/queues/COLLECTIONS_CALLS`);
    await page.getByRole('row').filter({ hasText: 'Another call' }).waitFor();
    await page.getByLabel('Search items').fill('bulk');
    await page.getByLabel('Search items').press('Enter');
    await page.getByRole('row').filter({ hasText: 'Another call' }).waitFor({ state: 'detached' });
    await page.getByLabel('Pick Bulk call one').check();
    await page.getByLabel('Pick Bulk call two').check();
    await page.getByRole('button', { name: 'Claim 2' }).click();
    await page.getByRole('status').filter({ hasText: 'Claimed 2 items' }).waitFor();
    await page.getByLabel('Pick Bulk call one').check();
    await page.getByLabel('Pick Bulk call two').check();
    await page.getByRole('button', { name: 'Resolve 2…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Resolve 2 work items' });
    await dialog.getByLabel('Resolution').fill('Both paid online before the call');
    await dialog.getByRole('button', { name: 'Resolve 2' }).click();
    await page.getByRole('status').filter({ hasText: 'Resolved 2 items' }).waitFor();
    await b.screenshot('queue-actions-04-bulk');
    for (const [i, want] of [
      [0, { status: 'RESOLVED', assignee: { username: 'admin' } }],
      [1, { status: 'RESOLVED', assignee: { username: 'admin' } }],
      [2, { status: 'OPEN', assignee: null }],
    ] as const) {
      const data = await gqlOk(
        t.url,
        'query($id: ID!) { workItem(id: $id) { status assignee { username } } }',
        { id: filed[i].id },
        t.adminToken,
      );
      expect(data.workItem).toEqual(want);
    }
  });

  it("signs out a deactivated user's open console at once", async () => {
    await gqlOk(
      t.url,
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      { input: { username: 'olga', displayName: 'Olga Operator', password: 'operator-pass-1', role: 'OPERATOR' } },
      t.adminToken,
    );
    const olga = await b.context.newPage();
    await olga.setViewportSize({ width: 1024, height: 768 });
    await signIn(olga, t.url, 'olga', 'operator-pass-1');
    await olga.getByRole('heading', { name: 'Dashboard' }).waitFor();

    const admin = b.page;
    await admin.bringToFront();
    await admin.goto(`${t.url}/admin?tab=users`);
    await admin.getByRole('button', { name: 'Edit olga' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Edit olga' });
    await dialog.getByLabel('Active: may sign in').uncheck();
    await dialog.getByText(/will be signed out at once/).waitFor();
    const at = Date.now();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await admin.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: 'olga' }).getByText('deactivated').waitFor();

    // Olga's console hears it through its socket, closed with 4403, and goes back to sign-in saying why.
    await olga.getByRole('status').filter({ hasText: 'Your session has ended' }).waitFor({ timeout: 5_000 });
    expect(Date.now() - at).toBeLessThan(5_000);
    await olga.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await olga.evaluate("sessionStorage.getItem('billing-hub.session')")).toBeNull();
    await b.screenshot('queue-actions-05-signed-out', olga);

    // Signing in again is refused, saying why.
    await olga.getByLabel('Username').fill('olga');
    await olga.getByLabel('Password').fill('operator-pass-1');
    await olga.getByRole('button', { name: 'Sign in' }).click();
    await olga
      .getByRole('alert')
      .filter({ hasText: /deactivated/ })
      .waitFor();
    expect(b.errors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});
