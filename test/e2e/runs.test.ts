import { gqlOk } from '../support/client';
import { accountWithInvoices } from '../support/billing';
import { account, enroll, publishedProduct } from '../support/factories';
import { startTestHub, ADMIN_PASSWORD, type TestHub } from '../support/hub';
import { launchConsoleBrowser, signIn, type ConsoleBrowser } from './support/browser';
import { ensureConsoleBuilt } from './support/console';

/** The runs page: a preview before the run, a second word for a day after today, the past runs with their starters and files, the schedules. */
describe('console: runs', () => {
  let t: TestHub;
  let b: ConsoleBrowser;

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestHub();
    await t.hub.services.runSchedules.stop();
    b = await launchConsoleBrowser();
    await signIn(b.page, t.url, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await b?.close();
    await t?.stop();
  });

  it('previews a bill run, then runs it, and lists it with who started it', async () => {
    const product = await publishedProduct(t, { fixedCharge: '5.00', rates: [{ effectiveFrom: '2026-01-01', unitPrice: '0.10' }] });
    const customer = await account(t, { name: 'Paula Preview' });
    await enroll(t, customer.id, product.code, '2026-01-01');
    await gqlOk(
      t.url,
      'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }',
      { reads: [{ accountNumber: customer.number, periodStart: '2026-01-01', periodEnd: '2026-02-01', quantity: '100' }] },
      t.adminToken,
    );
    const { page } = b;
    await page.getByRole('link', { name: 'Runs' }).click();
    const form = page.getByRole('form', { name: 'Run billing' });
    await form.getByLabel('Bill usage up to').fill('2026-02-01');
    await form.getByRole('button', { name: 'Preview billing' }).click();

    const preview = page.getByRole('region', { name: 'Preview of run billing' });
    await preview.getByRole('row', { name: 'Issued 1 $15.00' }).waitFor();
    await preview.getByText('Sample accounts (1)').click();
    await preview.getByRole('link', { name: customer.number }).waitFor();
    // Nothing has run yet: the preview wrote nothing.
    const before = await gqlOk(t.url, '{ billRuns { totalCount } invoices { totalCount } }', {}, t.adminToken);
    expect(before).toEqual({ billRuns: { totalCount: 0 }, invoices: { totalCount: 0 } });
    await b.screenshot('40-runs-preview');

    await preview.getByRole('button', { name: 'Run billing' }).click();
    await page.getByText(/Bill run #\d+/).waitFor();
    await page.locator('.counter').filter({ hasText: 'issued' }).getByText('1', { exact: true }).waitFor();
    const runs = page.getByRole('table', { name: 'Bill runs' });
    await runs.getByRole('row', { name: /Feb 1, 2026.*Completed.*admin/ }).waitFor();
    expect(b.errors).toEqual([]);
  });

  it('asks again, in words, before a run dated after today', async () => {
    const { page } = b;
    const form = page.getByRole('form', { name: 'Run billing' });
    await form.getByLabel('Bill usage up to').fill('2099-01-01');
    await form.getByRole('button', { name: 'Preview billing' }).click();
    const preview = page.getByRole('region', { name: 'Preview of run billing' });
    await preview.getByRole('alert').filter({ hasText: 'is after today' }).waitFor();
    const run = preview.getByRole('button', { name: 'Run billing' });
    expect(await run.isDisabled()).toBe(true);
    await preview.getByLabel(/Yes, run as of .*, [\d,]+ days after today/).check();
    expect(await run.isEnabled()).toBe(true);
    await b.screenshot('41-runs-after-today');
    // Another day: the preview and its answer go.
    await form.getByLabel('Bill usage up to').fill('2026-02-02');
    expect(await preview.count()).toBe(0);
    expect(b.errors).toEqual([]);
  });

  it("lists collections runs with their starter and dialer file, and edits a run's daily schedule", async () => {
    await gqlOk(
      t.url,
      'mutation($input: CollectionsPathInput!) { createCollectionsPath(input: $input) { id } }',
      {
        input: { name: 'Dial', segments: ['DIAL'], steps: [{ name: 'Dialer', daysPastDue: 10, minPastDue: '0', action: 'DIALER_EXPORT' }] },
      },
      t.adminToken,
    );
    await accountWithInvoices(t, [{ start: '2026-03-01', end: '2026-04-01', kwh: 50 }], { segment: 'DIAL', phone: '+1 555 0199' });
    const key = await t.apiKey('OPERATOR', 'nightly');
    const collected = await gqlOk(t.url, 'mutation { runCollections(asOf: "2026-11-01") { id } }', {}, key);
    const { page } = b;
    await page.reload();
    const runs = page.getByRole('table', { name: 'Collections runs' });
    await runs.getByRole('row', { name: /apikey:nightly/ }).waitFor();
    const download = page.waitForEvent('download');
    await runs.getByRole('button', { name: `Dialer CSV of run ${collected.runCollections.id}` }).click();
    expect((await download).suggestedFilename()).toBe(`dialer-run-${collected.runCollections.id}.csv`);

    const schedule = page.getByRole('form', { name: 'Billing schedule' });
    await schedule.getByLabel('Billing every day').check();
    await schedule.getByLabel('At').fill('05:30');
    await schedule.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Billing schedule saved').waitFor();
    const saved = await gqlOk(t.url, '{ runSchedules { kind enabled timeOfDay } }', {}, t.adminToken);
    expect(saved.runSchedules[0]).toEqual({ kind: 'BILLING', enabled: true, timeOfDay: '05:30' });
    await b.screenshot('42-runs-page');
    expect(b.errors).toEqual([]);
  });
});
