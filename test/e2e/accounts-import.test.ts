import fs from 'node:fs';
import { gqlOk } from '../support/client';
import { daysFromToday } from '../support/dates';
import { publishedProduct } from '../support/factories';
import { startTestHub, ADMIN_PASSWORD, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { launchConsoleBrowser, signIn, type ConsoleBrowser } from './support/browser';
import { ensureConsoleBuilt } from './support/console';

/** An operator creates and edits an account, and brings a CSV of accounts over, downloading the lines the hub refused. */
describe('console: accounts created, edited and imported', () => {
  let t: TestHub;
  let b: ConsoleBrowser;
  let productCode: string;

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestHub();
    productCode = (await publishedProduct(t, { code: 'GREEN-12' }, '2020-01-01')).code;
    b = await launchConsoleBrowser();
    await signIn(b.page, t.url, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await b?.close();
    await checkMoneyAndStop(t);
  });

  it('creates an account, then edits its name, clears its email and sends its bills by post', async () => {
    const { page } = b;
    await page.getByRole('link', { name: 'Accounts' }).first().click();
    await page.getByRole('button', { name: 'New account' }).click();
    const dialog = page.getByRole('dialog', { name: 'New account' });
    await dialog.getByLabel('Account number').fill('NEW-1001');
    await dialog.getByLabel('Name').fill('Nora Quinn');
    await dialog.getByLabel('Email').fill('nora@example.com');
    await dialog.getByLabel('Segment').fill('commercial');
    await dialog.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: /Nora Quinn/ }).waitFor();
    await page.getByText('NEW-1001').first().waitFor();

    await page.getByRole('button', { name: 'Edit details' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit NEW-1001' });
    await edit.getByLabel('Name').fill('Nora Quinn-Ross');
    await edit.getByLabel('Email').fill('');
    // Her bills go by email: with no address left the hub says so, and nothing is saved.
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.getByRole('alert').filter({ hasText: "delivery EMAIL needs the account's email" }).waitFor();
    await edit.getByLabel('Bills and letters').selectOption({ label: "By post, in the day's print batch" });
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: /Nora Quinn-Ross/ }).waitFor();
    const stored = (await gqlOk(t.url, '{ account(number: "NEW-1001") { name email segment delivery } }', {}, t.adminToken)).account;
    expect(stored).toEqual({ name: 'Nora Quinn-Ross', email: null, segment: 'COMMERCIAL', delivery: 'PRINT' });
    expect(b.errors).toEqual([]);
  });

  it('imports a CSV with bad lines and downloads the rejected ones with their reasons', async () => {
    const { page } = b;
    const csv = [
      'Account No,Customer Name,Segment,E-mail,Product,Start Date,Invoice Number,Issue Date,Due Date,Amount',
      `MIG-1,Ada Moss,residential,ada@example.com,${productCode},2024-01-01,OLD-1,${daysFromToday(-40)},${daysFromToday(-20)},45.10`,
      `MIG-1,Ada Moss,residential,ada@example.com,${productCode},2024-01-01,OLD-2,${daysFromToday(-10)},${daysFromToday(5)},12.00`,
      'MIG-2,Ben Ortiz,vip,not-an-email,,,,,,',
      'MIG-3,Cy Park,residential,,NO-SUCH-PLAN,2024-01-01,,,,',
      '"MIG-4","Dee, Ellis",commercial,,,,,,,',
    ].join('\n');
    await page.goto(`${t.url}/accounts`);
    await page.getByRole('link', { name: 'Import accounts' }).click();
    await page.getByLabel('CSV file').setInputFiles({ name: 'legacy.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText('legacy.csv: 5 lines, 4 accounts.').waitFor();
    await page.getByText('"not-an-email" is not an email address').waitFor();
    await page.getByRole('button', { name: 'Check with the hub' }).click();
    await page.getByRole('status').filter({ hasText: 'the hub would import 2' }).waitFor();
    await b.screenshot('40-accounts-import-preview');

    await page.getByRole('button', { name: 'Import 3 accounts' }).click();
    await page.getByRole('heading', { name: 'Import finished' }).waitFor();
    await page.getByText('2 accounts imported').waitFor();
    expect(await page.getByRole('progressbar', { name: 'Import progress' }).getAttribute('aria-valuenow')).toBe('3');
    await b.screenshot('41-accounts-import-done');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download rejected rows' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('legacy-rejected.csv');
    const text = fs.readFileSync(await download.path(), 'utf8');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('Account No,Customer Name,Segment,E-mail,Product,Start Date,Invoice Number,Issue Date,Due Date,Amount,rejection');
    expect(lines.slice(1)).toEqual([
      'MIG-2,Ben Ortiz,vip,not-an-email,,,,,,,"""not-an-email"" is not an email address"',
      'MIG-3,Cy Park,residential,,NO-SUCH-PLAN,2024-01-01,,,,,UNKNOWN_PRODUCT: No product with code NO-SUCH-PLAN',
    ]);

    const ada = (await gqlOk(t.url, '{ account(number: "MIG-1") { balance pastDue enrollments { product { code } } } }', {}, t.adminToken))
      .account;
    expect(ada).toEqual({ balance: '57.10', pastDue: '45.10', enrollments: [{ product: { code: productCode } }] });
    expect((await gqlOk(t.url, '{ account(number: "MIG-4") { name segment } }', {}, t.adminToken)).account).toEqual({
      name: 'Dee, Ellis',
      segment: 'COMMERCIAL',
    });
    expect(b.errors).toEqual([]);
  });
});
