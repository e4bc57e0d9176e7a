import { accountWithInvoices } from '../support/billing';
import { gqlOk } from '../support/client';
import { startTestHub, ADMIN_PASSWORD, type TestHub } from '../support/hub';
import { launchConsoleBrowser, signIn, type ConsoleBrowser } from './support/browser';
import { ensureConsoleBuilt } from './support/console';

/** Reviewing a held invoice, and a payment that shows on the account and, live, on the dashboard. */
describe('console: invoice review and payments', () => {
  let t: TestHub;
  let b: ConsoleBrowser;

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestHub();
    b = await launchConsoleBrowser();
    await signIn(b.page, t.url, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await b?.close();
    await t?.stop();
  });

  it('releases a held invoice after reading why it was held', async () => {
    // Three ordinary months, then ten times the usage: HIGH_CONSUMPTION and BILL_SWING hold April's invoice.
    const held = await accountWithInvoices(
      t,
      [
        { start: '2026-01-01', end: '2026-02-01', kwh: 300 },
        { start: '2026-02-01', end: '2026-03-01', kwh: 280 },
        { start: '2026-03-01', end: '2026-04-01', kwh: 310 },
        { start: '2026-04-01', end: '2026-05-01', kwh: 3100 },
      ],
      { name: 'Hugo Heldman' },
    );
    const { page } = b;
    await page.getByRole('link', { name: /Invoice review/ }).click();
    const row = page.getByRole('row').filter({ hasText: held.number });
    await row.waitFor();
    await row.getByText('high consumption').waitFor();
    await b.screenshot('10-held-invoices');

    await row.getByRole('link').first().click();
    await page.getByRole('heading', { name: /Invoice INV-/ }).waitFor();
    await page
      .getByRole('region', { name: 'Why this invoice is held' })
      .getByText(/high consumption/i)
      .waitFor();
    await page.getByRole('table', { name: 'Previous invoices of the account' }).waitFor();
    await page.getByRole('table', { name: 'Invoice lines' }).getByText('Total').waitFor();
    // The bill as it would be sent, rendered by the hub and shown in the page.
    const preview = page.getByTitle(/Preview of bill INV-/);
    await preview.waitFor();
    expect(await preview.getAttribute('src')).toMatch(/^blob:/);
    await b.screenshot('11-held-invoice-review');

    await page.getByRole('button', { name: 'Release' }).click();
    const dialog = page.getByRole('dialog', { name: /Release invoice/ });
    await dialog.getByLabel('Note (optional)').fill('Customer confirmed a new heat pump; usage is real.');
    await dialog.getByRole('button', { name: 'Release and issue' }).click();
    await page
      .getByRole('heading', { name: /Invoice INV-/ })
      .getByText('Issued')
      .waitFor();
    await page.getByRole('status').filter({ hasText: 'released' }).first().waitFor();
    await b.screenshot('12-invoice-released');

    const data = await gqlOk(
      t.url,
      'query($id: ID) { account(id: $id) { invoices(status: HELD) { totalCount } } }',
      { id: held.id },
      t.adminToken,
    );
    expect(data.account.invoices.totalCount).toBe(0);
  });

  it('records a payment: the account is paid up and the dashboard, open in another tab, changes without a reload', async () => {
    const payer = await accountWithInvoices(t, [{ start: '2026-01-01', end: '2026-02-01', kwh: 100 }], { name: 'Penny Payer' });
    expect(payer.invoices.map((i) => i.total)).toEqual(['19.95']);

    // sessionStorage is per tab: the second tab signs in on its own.
    const dashboard = await b.context.newPage();
    await signIn(dashboard, t.url, 'admin', ADMIN_PASSWORD);
    await dashboard.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const receivables = dashboard.locator('.kpi').filter({ hasText: 'Receivables' }).locator('.kpi-value');
    await receivables.filter({ hasText: '$' }).waitFor();
    const before = await receivables.innerText();

    const { page } = b;
    await page.bringToFront();
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByLabel('Search', { exact: true }).fill(payer.number);
    await page.getByRole('row').filter({ hasText: payer.number }).getByRole('link').click();
    await page.getByRole('heading', { name: /Penny Payer/ }).waitFor();
    await page.locator('.stat').filter({ hasText: 'Balance' }).getByText('$19.95').waitFor();

    await page.getByRole('button', { name: 'Record payment' }).click();
    const dialog = page.getByRole('dialog', { name: /Record a payment/ });
    await dialog.getByLabel('Amount').fill('19.95');
    await dialog.getByLabel('Channel').selectOption('CHECK');
    await dialog.getByLabel('Reference (optional)').fill('Check 1042');
    await b.screenshot('13-record-payment');
    await dialog.getByRole('button', { name: 'Record payment' }).click();
    await page.getByRole('status').filter({ hasText: 'Payment of $19.95 recorded' }).waitFor();
    await page.locator('.stat').filter({ hasText: 'Balance' }).getByText('$0.00').waitFor();
    await page.getByRole('table', { name: 'Invoices' }).locator('.chip').getByText('Paid').waitFor();
    await page.getByRole('tab', { name: /Payments/ }).click();
    await page.getByRole('table', { name: 'Payments' }).getByText('Check 1042').waitFor();
    await b.screenshot('14-account-after-payment');

    // The other tab hears PAYMENT_RECEIVED and refreshes its figures.
    await dashboard.bringToFront();
    await dashboard.getByRole('list', { name: 'Live events' }).getByText('Payment of $19.95 received').waitFor();
    await receivables.filter({ hasNotText: before }).waitFor();
    expect(await receivables.innerText()).not.toBe(before);
    await b.screenshot('15-dashboard-after-payment', dashboard);
    await dashboard.close();

    expect(b.errors).toEqual([]);
  });
});
