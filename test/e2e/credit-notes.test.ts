import { accountWithInvoices } from '../support/billing';
import { gqlOk } from '../support/client';
import { startTestHub, ADMIN_PASSWORD, type TestHub } from '../support/hub';
import { launchConsoleBrowser, signIn, type ConsoleBrowser } from './support/browser';
import { ensureConsoleBuilt } from './support/console';

/** Crediting a part-paid invoice in full, refunding the credit left over, and a charge for the next invoice. */
describe('console: credit notes, refunds and charges', () => {
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

  it('credits an invoice from its page, then refunds the unapplied credit and adds a charge from the account', async () => {
    // 450 kWh x 0.10 + 9.95 = 54.95, of which 50.00 paid.
    const customer = await accountWithInvoices(t, [{ start: '2026-01-01', end: '2026-02-01', kwh: 450 }], { name: 'Carla Credit' });
    await gqlOk(
      t.url,
      'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }',
      { input: { accountNumber: customer.number, amount: '50.00', channel: 'CHECK', idempotencyKey: 'e2e-credit-pay' } },
      t.adminToken,
    );
    const { page } = b;
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByLabel('Search', { exact: true }).fill(customer.number);
    await page.getByRole('row').filter({ hasText: customer.number }).getByRole('link').click();
    await page.getByRole('heading', { name: /Carla Credit/ }).waitFor();
    await page.getByRole('table', { name: 'Invoices' }).getByRole('link').first().click();
    await page.getByRole('heading', { name: /Invoice INV-/ }).waitFor();

    await page.getByRole('button', { name: 'Credit', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: /Credit invoice/ });
    await dialog.getByText('Left to credit: $54.95').waitFor();
    await dialog.getByLabel('Reason').fill('Meter read twice');
    await b.screenshot('40-credit-invoice');
    await dialog.getByRole('button', { name: 'Issue credit note' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Credit note CN-\d{8} issued/ })
      .waitFor();
    await page.getByRole('table', { name: 'Credit notes' }).getByText('Meter read twice').waitFor();
    await page
      .getByRole('heading', { name: /Invoice INV-/ })
      .getByText('Paid')
      .waitFor();
    expect(await page.getByRole('button', { name: 'Credit', exact: true }).count()).toBe(0);
    await b.screenshot('41-invoice-credited');

    await page
      .getByRole('link', { name: new RegExp(customer.number) })
      .first()
      .click();
    await page.getByRole('tab', { name: /Credits/ }).click();
    const facts = page.locator('.fact').filter({ hasText: 'Unapplied credit' });
    await facts.getByText('$50.00').waitFor();
    await page.getByRole('button', { name: 'Refund' }).click();
    const refund = page.getByRole('dialog', { name: /Refund credit/ });
    await refund.getByLabel('Amount').fill('50.00');
    await refund.getByRole('button', { name: 'Record refund' }).click();
    await page.getByRole('status').filter({ hasText: 'Refund of $50.00 recorded' }).waitFor();
    await facts.getByText('$0.00').waitFor();

    await page.getByRole('button', { name: 'Add a charge' }).click();
    const charge = page.getByRole('dialog', { name: /Add a charge/ });
    await charge.getByLabel('Amount').fill('12.50');
    await charge.getByLabel('Description').fill('Meter test visit');
    await charge.getByRole('button', { name: 'Add' }).click();
    await page.getByText('Meter test visit').waitFor();
    await b.screenshot('42-account-credits');

    const data = await gqlOk(
      t.url,
      'query($id: ID) { account(id: $id) { unappliedCredit pendingCharges { amount } creditNotes { totalCount } } }',
      { id: customer.id },
      t.adminToken,
    );
    expect(data.account).toEqual({ unappliedCredit: '0.00', pendingCharges: [{ amount: '12.50' }], creditNotes: { totalCount: 1 } });
    expect(b.errors).toEqual([]);
  });
});
