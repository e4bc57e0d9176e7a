/** The scene the audit log's suite prepares, and the helpers its valid calls share. */
import { gqlOk } from '../support/client';
import { unique } from '../support/factories';
import type { TestHub } from '../support/hub';
/** One call of a mutation with input it accepts: the variables, who calls, and who the audit log must name. */
export interface ValidCall {
  variables: Record<string, unknown>;
  token?: string | null;
  actor?: string;
}

/** What the scenario below prepared, for the calls to work on. */
export interface World {
  productCode: string;
  owing: { id: string; number: string };
  heldForRelease: string;
  heldForVoid: string;
  blockedItem: string;
  dropping: { id: string; number: string };
  keeping: { id: string; number: string };
  pathId?: string;
  paymentId?: string;
  planId?: string;
  webhookId?: string;
  disputedInvoiceId?: string;
}

/** The hub and what the suite's scenario prepared: the suite sets them before any call runs. */
export const scene = {} as { t: TestHub; integrator: string; world: World };

export const INTEGRATOR_KEY = 'Payment processor';
export const CONSOLE_USER = { username: 'auditor', password: 'auditor-password-1' };

export async function draftProduct(extra: Record<string, unknown> = {}): Promise<{ id: string; code: string }> {
  const code = unique('AUD');
  const data = await gqlOk(
    scene.t.url,
    'mutation($input: CreateProductInput!) { createProduct(input: $input) { id code } }',
    { input: { code, name: `Product ${code}`, unit: 'kWh', fixedCharge: '4.00', ...extra } },
    scene.t.adminToken,
  );
  return data.createProduct;
}

/** A draft product with one rate, one promo code and one incentive, and their ids. */
export async function productParts(): Promise<{ rateId: string; promoId: string; incentiveId: string }> {
  const product = await draftProduct({
    rates: [{ effectiveFrom: '2020-01-01', unitPrice: '0.10' }],
    promoCodes: [{ code: 'SAVE10', percentOff: '10' }],
    incentives: [{ kind: 'GIFT_CARD', description: 'Gift card', value: '25.00' }],
  });
  const data = await gqlOk(
    scene.t.url,
    'query($id: ID) { product(id: $id) { rates { id } promoCodes { id } incentives { id } } }',
    { id: product.id },
    scene.t.adminToken,
  );
  return { rateId: data.product.rates[0].id, promoId: data.product.promoCodes[0].id, incentiveId: data.product.incentives[0].id };
}

export async function auditorId(): Promise<string> {
  const data = await gqlOk(scene.t.url, '{ users { id username } }', {}, scene.t.adminToken);
  return data.users.find((u: { username: string }) => u.username === CONSOLE_USER.username).id;
}

export async function usage(reads: Array<Record<string, unknown>>): Promise<void> {
  const data = await gqlOk(
    scene.t.url,
    'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted rejected { message } } }',
    { reads },
    scene.t.adminToken,
  );
  expect(data.recordUsage.rejected).toEqual([]);
}

export async function invoicesOf(accountId: string): Promise<Array<{ id: string; status: string }>> {
  const data = await gqlOk(
    scene.t.url,
    'query($id: ID) { account(id: $id) { invoices { nodes { id status } } } }',
    { id: accountId },
    scene.t.adminToken,
  );
  return data.account.invoices.nodes;
}
