import type { Request } from 'playwright-core';
import { errorCode, gql, gqlOk } from '../support/client';
import { startTestHub, ADMIN_PASSWORD, type TestHub } from '../support/hub';
import { launchConsoleBrowser, signIn, type ConsoleBrowser } from './support/browser';
import { ensureConsoleBuilt } from './support/console';

/** An admin sees every user and API key, not only those made in this browser tab, and revokes a key from the list; what an admin adds shows in its list from the hub's answer. */
describe('console: admin users, API keys, tax rates and billing rules', () => {
  let t: TestHub;
  let b: ConsoleBrowser;
  let partnerSecret: string;

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestHub();
    // Made before the console opens, by another admin through the API.
    await t.userToken('OPERATOR', 'olga');
    partnerSecret = await t.apiKey('PARTNER', 'Partner portal');
    const meter = await gqlOk(
      t.url,
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } } }',
      { input: { name: 'Old meter feed', role: 'INTEGRATOR' } },
      t.adminToken,
    );
    await gqlOk(t.url, 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: meter.createApiKey.apiKey.id }, t.adminToken);
    b = await launchConsoleBrowser();
    await signIn(b.page, t.url, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await b?.close();
    await t?.stop();
  });

  it('lists every user and adds a new one to the list', async () => {
    const { page } = b;
    await page.getByRole('link', { name: 'Admin' }).click();
    const users = page.getByRole('table', { name: 'Users' });
    await users.getByRole('row').filter({ hasText: 'olga' }).waitFor();
    await users.getByRole('row').filter({ hasText: 'admin (you)' }).waitFor();

    await page.getByLabel('Username').fill('dana');
    await page.getByLabel('Display name').fill('Dana Dialer');
    await page.getByLabel('Password').fill('a-long-password');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('status').filter({ hasText: 'User dana created' }).waitFor();
    await users.getByRole('row').filter({ hasText: 'Dana Dialer' }).waitFor();
    expect(await users.locator('tbody tr td:first-child').allInnerTexts()).toEqual(['admin (you)', 'dana', 'olga']);
    await b.screenshot('30-admin-users');

    const listed = await gqlOk(t.url, 'query { users { username } }', {}, t.adminToken);
    expect(listed.users.map((u: { username: string }) => u.username)).toEqual(['admin', 'dana', 'olga']);
  });

  it('lists every API key with its state, shows a new secret once and revokes a key from the list after asking', async () => {
    const { page } = b;
    await page.getByRole('tab', { name: 'API keys' }).click();
    const keys = page.getByRole('table', { name: 'API keys' });
    const portal = keys.getByRole('row').filter({ hasText: 'Partner portal' });
    await portal.getByText('Active').waitFor();
    await keys.getByRole('row').filter({ hasText: 'Old meter feed' }).getByText('Revoked').waitFor();
    expect(await keys.getByRole('row').filter({ hasText: 'Old meter feed' }).getByRole('button').count()).toBe(0);

    await page.getByLabel('Name').fill('Billing scheduler');
    await page.getByLabel('Role').selectOption('INTEGRATOR');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = await page.getByLabel('API key secret').innerText();
    expect((await gqlOk(t.url, 'query { workQueues { key } }', {}, secret)).workQueues.length).toBeGreaterThan(0);
    expect(await keys.locator('tbody tr').first().innerText()).toContain('Billing scheduler');
    await b.screenshot('31-admin-api-key-created');
    await page.getByRole('button', { name: 'I saved it' }).click();
    expect(await page.getByText(secret).count()).toBe(0);

    // Revoking asks first; keeping the key changes nothing.
    await portal.getByRole('button', { name: 'Revoke Partner portal' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke API key Partner portal?' });
    await dialog.getByRole('button', { name: 'Keep the key' }).click();
    await dialog.waitFor({ state: 'detached' });
    await gqlOk(t.url, 'query { availableProducts { code } }', {}, partnerSecret);

    await portal.getByRole('button', { name: 'Revoke Partner portal' }).click();
    await b.screenshot('32-admin-revoke-confirm');
    await dialog.getByRole('button', { name: 'Revoke key' }).click();
    await page.getByRole('status').filter({ hasText: 'API key Partner portal revoked' }).waitFor();
    await portal.getByText('Revoked').waitFor();
    await page.getByRole('heading', { name: 'API keys (1 active, 2 revoked)' }).waitFor();
    await b.screenshot('33-admin-api-keys');

    expect(errorCode(await gql(t.url, 'query { availableProducts { code } }', {}, partnerSecret))).toBe('UNAUTHENTICATED');
    const listed = await gqlOk(t.url, 'query { apiKeys { name revokedAt } }', {}, t.adminToken);
    expect(listed.apiKeys.map((k: { name: string; revokedAt: string | null }) => [k.name, k.revokedAt !== null])).toEqual([
      ['Billing scheduler', false],
      ['Old meter feed', true],
      ['Partner portal', true],
    ]);
    expect(b.errors).toEqual([]);
  });

  it("adds a tax rate and a segment's billing rules: each shows in its list from the answer, with no list read again", async () => {
    const { page } = b;
    const sent: string[] = [];
    const record = (request: Request) => {
      if (request.method() !== 'POST' || !request.url().endsWith('/graphql')) return;
      sent.push((request.postDataJSON() as { operationName?: string } | null)?.operationName ?? '(anonymous)');
    };

    await page.getByRole('tab', { name: 'Tax rates' }).click();
    const rates = page.getByRole('table', { name: 'Tax rates by zone and code' });
    await rates
      .getByText(/No tax rates yet|%/)
      .first()
      .waitFor();
    b.context.on('request', record);
    await page.getByRole('button', { name: 'Add tax rate' }).click();
    const addRate = page.getByRole('dialog', { name: 'Add a tax rate' });
    await addRate.getByLabel('Zone').fill('EASTGATE');
    await addRate.getByLabel('Code').fill('STATE');
    await addRate.getByLabel('Name').fill('Eastgate state tax');
    await addRate.getByLabel('Percent').fill('5');
    await addRate.getByLabel('Effective from').fill('2026-01-01');
    await addRate.getByRole('button', { name: 'Add rate' }).click();
    await rates.getByRole('row').filter({ hasText: 'Eastgate state tax' }).waitFor();
    await page.waitForTimeout(500);
    expect(sent).toEqual(['AddTaxRate']);

    await page.getByRole('tab', { name: 'Billing rules' }).click();
    const rules = page.getByRole('table', { name: 'Billing rules per segment' });
    await rules.getByText('Default (every other segment)').waitFor();
    sent.length = 0;
    await page.getByRole('button', { name: 'Rules for a segment' }).click();
    const addRules = page.getByRole('dialog', { name: 'Billing rules for a segment' });
    await addRules.getByLabel('Segment').fill('COMMERCIAL');
    await addRules.getByLabel('Payment terms (days)').fill('14');
    await addRules.getByRole('button', { name: 'Save rules' }).click();
    await rules.getByRole('row').filter({ hasText: 'COMMERCIAL' }).getByText('14 days').waitFor();
    await page.waitForTimeout(500);
    b.context.off('request', record);
    expect(sent).toEqual(['SetBillingRules']);

    const saved = await gqlOk(
      t.url,
      'query { taxRates(zone: "EASTGATE") { code percent } billingRules { segment paymentTermsDays } }',
      {},
      t.adminToken,
    );
    expect(saved.taxRates).toEqual([{ code: 'STATE', percent: '5' }]);
    expect(saved.billingRules).toContainEqual({ segment: 'COMMERCIAL', paymentTermsDays: 14 });
    expect(b.errors).toEqual([]);
  });
});
