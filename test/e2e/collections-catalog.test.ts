import { gqlOk } from '../support/client';
import { accountWithInvoices } from '../support/billing';
import { startTestHub, ADMIN_PASSWORD, type TestHub } from '../support/hub';
import { launchConsoleBrowser, signIn, type ConsoleBrowser } from './support/browser';
import { ensureConsoleBuilt } from './support/console';

/** Editing a collections path in its form, a product launched from the console with a version conflict explained, then edited. */
describe('console: collections paths and products', () => {
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

  it('edits a collections path: changes a step, adds a late fee, saves', async () => {
    const created = await gqlOk(
      t.url,
      'mutation($input: CollectionsPathInput!) { createCollectionsPath(input: $input) { id } }',
      {
        input: {
          name: 'Residential gentle',
          segments: ['RESIDENTIAL'],
          steps: [
            {
              name: 'Friendly reminder',
              daysPastDue: 5,
              minPastDue: '0.00',
              action: 'REMINDER',
              template: 'Hi {{name}}, {{pastDue}} is past due.',
            },
            { name: 'Courtesy call', daysPastDue: 20, minPastDue: '10.00', action: 'CALL_REQUEST', queueKey: 'COLLECTIONS_CALLS' },
          ],
        },
      },
      t.adminToken,
    );
    const { page } = b;
    await page.getByRole('link', { name: 'Collections' }).click();
    await page.getByRole('heading', { name: 'Residential gentle' }).waitFor();
    await page.getByRole('button', { name: 'Edit path Residential gentle' }).click();

    const form = page.getByRole('form', { name: 'Edit path Residential gentle' });
    const step1 = form.getByRole('group', { name: 'Step 1' });
    await step1.getByLabel('Days past due').fill('3');
    await form.getByRole('button', { name: 'Add step' }).click();
    const step3 = form.getByRole('group', { name: 'Step 3' });
    await step3.getByLabel('Step name').fill('Late fee');
    await step3.getByLabel('Action').selectOption('LATE_FEE');
    await step3.getByLabel('Days past due').fill('30');
    await step3.getByLabel('Minimum past due').fill('25.00');
    await step3.getByLabel('Amount').fill('15.00');
    await b.screenshot('20-collections-path-form');
    await form.getByRole('button', { name: 'Save path' }).click();

    await page.getByRole('status').filter({ hasText: 'Path Residential gentle saved' }).waitFor();
    const card = page.getByRole('region', { name: 'Residential gentle' });
    await card.getByText('day 3', { exact: true }).waitFor();
    await card.getByText('Late fee', { exact: true }).waitFor();
    await b.screenshot('21-collections-path-saved');

    const data = await gqlOk(t.url, 'query { collectionsPaths { id steps { name daysPastDue action feeAmount } } }', {}, t.adminToken);
    const path = data.collectionsPaths.find((p: { id: string }) => p.id === created.createCollectionsPath.id);
    expect(path.steps).toEqual([
      { name: 'Friendly reminder', daysPastDue: 3, action: 'REMINDER', feeAmount: null },
      { name: 'Courtesy call', daysPastDue: 20, action: 'CALL_REQUEST', feeAmount: null },
      { name: 'Late fee', daysPastDue: 30, action: 'LATE_FEE', feeAmount: '15.00' },
    ]);
  });

  it('creates and publishes a product with a rate and a promo code, and explains a version conflict', async () => {
    const { page } = b;
    await page.getByRole('link', { name: 'Products' }).click();
    await page.getByRole('link', { name: 'New product' }).click();
    await page.getByLabel('Code').fill('SOLAR-24');
    await page.getByLabel('Name').fill('Solar Share 24');
    await page.getByLabel('Fixed charge per invoice').fill('4.95');
    await page.getByLabel('Term (months)').fill('24');
    const rate = page.getByRole('group', { name: 'Rate 1' });
    await rate.getByLabel('From').fill('2026-01-01');
    await rate.getByLabel('Unit price').fill('0.1199');
    await page.getByRole('button', { name: 'Add promo code' }).click();
    const promo = page.getByRole('group', { name: 'Promo code 1' });
    await promo.getByLabel('Code').fill('SUNNY10');
    await promo.getByLabel('Percent').fill('10');
    await page.getByRole('button', { name: 'Create and publish' }).click();

    await page
      .getByRole('heading', { name: /Solar Share 24/ })
      .getByText('Active')
      .waitFor();
    await page.getByRole('table', { name: 'Rates' }).getByText('0.1199').waitFor();
    await page.getByRole('table', { name: 'Promo codes' }).getByText('SUNNY10').waitFor();

    // Someone else changes the product while this operator edits it.
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const form = page.getByRole('form', { name: 'Edit product' });
    await form.getByLabel('Fixed charge per invoice').fill('5.95');
    const product = await gqlOk(t.url, 'query { product(code: "SOLAR-24") { id version } }', {}, t.adminToken);
    await gqlOk(
      t.url,
      'mutation($id: ID!, $v: Int!) { updateProduct(id: $id, expectedVersion: $v, input: { name: "Solar Share 24 (community)" }) { version } }',
      { id: product.product.id, v: product.product.version },
      t.adminToken,
    );
    await form.getByRole('button', { name: /Save/ }).click();
    await form.getByRole('alert').filter({ hasText: 'Someone else changed this product while you were editing' }).waitFor();
    await page.getByRole('heading', { name: /Solar Share 24 \(community\)/ }).waitFor();
    await b.screenshot('22-product-version-conflict');

    await form.getByRole('button', { name: /I checked/ }).click();
    await form.getByRole('button', { name: /Save/ }).click();
    await page.getByRole('status').filter({ hasText: 'Product saved' }).waitFor();
    const after = await gqlOk(t.url, 'query { product(code: "SOLAR-24") { name fixedCharge status } }', {}, t.adminToken);
    expect(after.product).toEqual({ name: 'Solar Share 24 (community)', fixedCharge: '5.95', status: 'ACTIVE' });
    await b.screenshot('23-product-saved');
  });

  it('changes the price of a rate no invoice used yet, and deactivates a promo code after asking', async () => {
    const { page } = b;
    const rates = page.getByRole('table', { name: 'Rates' });
    await rates.getByRole('button', { name: /Edit rate .*0\.1199/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit rate' });
    await dialog.getByLabel('Unit price').fill('0.1249');
    await dialog.getByRole('button', { name: 'Save rate' }).click();
    await page.getByRole('status').filter({ hasText: 'Rate saved' }).waitFor();
    await rates.getByText('0.1249').waitFor();

    await page.getByRole('button', { name: 'Deactivate promo code SUNNY10' }).click();
    const confirm = page.getByRole('dialog', { name: 'Deactivate promo code SUNNY10' });
    await confirm.getByText('No new enrollment will be able to use SUNNY10').waitFor();
    await b.screenshot('23b-promo-deactivate');
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByRole('table', { name: 'Promo codes' }).getByText('deactivated').waitFor();

    const after = await gqlOk(
      t.url,
      'query { product(code: "SOLAR-24") { version rates { unitPrice billed } promoCodes { code active } } }',
      {},
      t.adminToken,
    );
    expect(after.product.rates).toEqual([{ unitPrice: '0.1249', billed: false }]);
    expect(after.product.promoCodes).toEqual([{ code: 'SUNNY10', active: false }]);
  });

  it('runs collections for a date and downloads the dialer file', async () => {
    // A high-risk customer whose January bill is long past due, on a path that exports to the dialer after 10 days.
    await gqlOk(
      t.url,
      'mutation($input: CollectionsPathInput!) { createCollectionsPath(input: $input) { id } }',
      {
        input: {
          name: 'High risk',
          segments: ['HIGH_RISK'],
          steps: [{ name: 'Dialer', daysPastDue: 10, minPastDue: '0.00', action: 'DIALER_EXPORT' }],
        },
      },
      t.adminToken,
    );
    const late = await accountWithInvoices(t, [{ start: '2026-01-01', end: '2026-02-01', kwh: 100 }], {
      name: 'Dora Dialer',
      segment: 'HIGH_RISK',
      phone: '+1 555 0100',
    });
    const { page } = b;
    await page.getByRole('link', { name: 'Collections' }).click();
    const form = page.getByRole('form', { name: 'Run collections' });
    await form.getByLabel('Collect as of').fill('2026-11-01');
    // The console shows what the run would do before it starts it.
    await form.getByRole('button', { name: 'Preview collections' }).click();
    const preview = page.getByRole('region', { name: 'Preview of run collections' });
    await preview.getByRole('row', { name: /Dialer export 1/ }).waitFor();
    await preview.getByRole('button', { name: 'Run collections' }).click();
    await page.getByText(/Collections run #\d+/).waitFor();
    await page.locator('.counter').filter({ hasText: 'actions taken' }).getByText('1', { exact: true }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Dialer CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^dialer-run-\d+\.csv$/);
    const text = await new Promise<string>((resolve, reject) => {
      void file.createReadStream().then((stream) => {
        let body = '';
        stream.on('data', (chunk) => (body += String(chunk)));
        stream.on('end', () => resolve(body));
        stream.on('error', reject);
      });
    });
    const rows = text.trim().split(/\r?\n/);
    expect(rows[0]).toBe('accountNumber,name,phone,pastDue,daysPastDue');
    expect(rows.slice(1).join('\n')).toContain(late.number);
    await b.screenshot('24-collections-run');
    expect(b.errors).toEqual([]);
  });
});
