import { gqlOk } from './client';
import type { TestHub } from './hub';

let sequence = 0;
export const unique = (prefix: string): string => `${prefix}-${process.pid}-${++sequence}`;

/** A published product with one open-ended rate, through the public API. */
export async function publishedProduct(
  t: TestHub,
  overrides: Record<string, unknown> = {},
  salesStart = '2026-01-01',
): Promise<{ id: string; code: string }> {
  const code = (overrides.code as string | undefined) ?? unique('PROD');
  const created = await gqlOk(
    t.url,
    'mutation($input: CreateProductInput!) { createProduct(input: $input) { id code } }',
    {
      input: {
        code,
        name: `Product ${code}`,
        unit: 'kWh',
        fixedCharge: '9.95',
        rates: [{ effectiveFrom: '2025-01-01', unitPrice: '0.1325' }],
        ...overrides,
      },
    },
    t.adminToken,
  );
  await gqlOk(
    t.url,
    'mutation($id: ID!, $d: Date) { publishProduct(id: $id, salesStart: $d) { id } }',
    { id: created.createProduct.id, d: salesStart },
    t.adminToken,
  );
  return created.createProduct;
}

/** Where a customer's bills and letters are posted when no email is given (delivery PRINT): one is needed to print them. */
export const POSTAL_ADDRESS = { line1: '12 Harbour Road', city: 'Bergen', postalCode: '5003', country: 'Norway' };

export async function account(t: TestHub, overrides: Record<string, unknown> = {}): Promise<{ id: string; number: string }> {
  const number = (overrides.number as string | undefined) ?? unique('ACC');
  const data = await gqlOk(
    t.url,
    'mutation($input: CreateAccountInput!) { createAccount(input: $input) { id number } }',
    { input: { number, name: `Customer ${number}`, segment: 'RESIDENTIAL', address: POSTAL_ADDRESS, ...overrides } },
    t.adminToken,
  );
  return data.createAccount;
}

export async function enroll(t: TestHub, accountId: string, productCode: string, startDate: string, promoCode?: string): Promise<string> {
  const data = await gqlOk(
    t.url,
    'mutation($a: ID!, $p: String!, $d: Date!, $promo: String) { enroll(accountId: $a, productCode: $p, startDate: $d, promoCode: $promo) { id } }',
    { a: accountId, p: productCode, d: startDate, promo: promoCode ?? null },
    t.adminToken,
  );
  return data.enroll.id;
}
