import { gqlOk } from '../support/client';
import { unique } from '../support/factories';
import { startTestHub, ADMIN_PASSWORD, type TestHub } from '../support/hub';
import { eventually } from '../support/wait';
import { verifies, WebhookReceiver } from '../support/webhook-receiver';
import { launchConsoleBrowser, signIn, type ConsoleBrowser } from './support/browser';
import { ensureConsoleBuilt } from './support/console';

/** An admin registers a partner's endpoint, tries it, pauses it, sees it fall behind and catch up, rotates its secret and deletes it. */
describe('console: webhook endpoints', () => {
  let t: TestHub;
  let b: ConsoleBrowser;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestHub({ HUB_WEBHOOK_ALLOW_PRIVATE: '1' });
    receiver = await WebhookReceiver.start();
    await gqlOk(
      t.url,
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } } }',
      { input: { name: 'Sales tool', role: 'PARTNER' } },
      t.adminToken,
    );
    b = await launchConsoleBrowser();
    await signIn(b.page, t.url, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await b?.close();
    await receiver?.stop();
    await t?.stop();
  });

  async function publishProducts(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const created = await gqlOk(
        t.url,
        'mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }',
        {
          input: {
            code: unique('HOOKED'),
            name: 'Hooked plan',
            unit: 'kWh',
            fixedCharge: '1.00',
            rates: [{ effectiveFrom: '2026-01-01', unitPrice: '0.10' }],
          },
        },
        t.adminToken,
      );
      await gqlOk(
        t.url,
        'mutation($id: ID!) { publishProduct(id: $id, salesStart: "2026-01-01") { id } }',
        { id: created.createProduct.id },
        t.adminToken,
      );
    }
  }

  it('registers an endpoint, shows its secret once and sends a signed test message', async () => {
    const { page } = b;
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('tab', { name: 'Webhooks' }).click();
    await page.getByText('No webhook endpoints yet').waitFor();
    await page.getByLabel('API key').selectOption({ label: 'Sales tool (partner)' });
    await page.getByLabel('URL').fill(receiver.url);
    await page.getByLabel('Note', { exact: true }).fill("Partner's sales tool");
    await page.getByRole('button', { name: 'Register endpoint' }).click();
    const secret = await page.getByLabel('Webhook signing secret').innerText();
    expect(secret).toMatch(/^whsec_/);
    const card = page.locator('.webhook-endpoint').filter({ hasText: receiver.url });
    await card.getByText('Caught up').waitFor();
    await page.getByRole('button', { name: 'I saved it' }).click();

    await card.getByRole('button', { name: 'Send test event' }).click();
    await card.getByRole('status').filter({ hasText: 'answered HTTP 200' }).waitFor();
    const test = receiver.requests.find((r) => r.message.type === 'webhook.test');
    expect(test).toBeDefined();
    expect(
      verifies(secret, test!.body, { 'webhook-id': test!.id, 'webhook-timestamp': test!.timestamp, 'webhook-signature': test!.signature }),
    ).toBe(true);
    await b.screenshot('33-admin-webhooks');
  });

  it('pauses delivery, shows how far behind the endpoint is, and catches up once enabled', async () => {
    const { page } = b;
    const card = page.locator('.webhook-endpoint').filter({ hasText: receiver.url });
    await card.getByRole('button', { name: 'Disable' }).click();
    await card.getByText('Disabled', { exact: true }).waitFor();
    // Who disabled it and when.
    await card.getByText('Disabled by admin').waitFor();
    await card.getByText('Disabled since').waitFor();
    await publishProducts(2);
    // Coming back to the tab reads the endpoint again.
    await page.getByRole('tab', { name: 'API keys' }).click();
    await page.getByRole('tab', { name: 'Webhooks' }).click();
    // Each product's creation and publication: the partner is sent only the publication, the draft's change is skipped.
    await card.getByText('4 events to deliver').waitFor();

    await card.getByRole('button', { name: 'Enable' }).click();
    await eventually(
      'the partner to get both products',
      () => receiver.accepted.filter((r) => r.message.type === 'PRODUCT_CHANGED').length >= 2,
    );
    // The cursor is stored within a second of the last delivery; coming back to the tab reads it again.
    await eventually(
      'the endpoint to show it caught up',
      async () => {
        await page.getByRole('tab', { name: 'API keys' }).click();
        await page.getByRole('tab', { name: 'Webhooks' }).click();
        await card
          .getByText(/Caught up|events to deliver/)
          .first()
          .waitFor();
        return card.getByText('Caught up').isVisible();
      },
      { intervalMs: 500 },
    );
    await card.getByRole('table').getByText('HTTP 200').first().waitFor();
    expect(await card.getByText('Disabled since').count()).toBe(0);
  });

  it('rotates the secret, showing the new one once, and deletes the endpoint after asking', async () => {
    const { page } = b;
    const card = page.locator('.webhook-endpoint').filter({ hasText: receiver.url });
    await card.getByRole('button', { name: 'Rotate secret' }).click();
    const rotated = await page.getByLabel('Webhook signing secret').innerText();
    expect(rotated).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'I saved it' }).click();

    await card.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: `Delete the endpoint ${receiver.url}?` });
    await dialog.getByRole('button', { name: 'Delete endpoint' }).click();
    await page.getByText('No webhook endpoints yet').waitFor();
    expect((await gqlOk(t.url, '{ webhookEndpoints { id } }', {}, t.adminToken)).webhookEndpoints).toEqual([]);
  });
});
