/**
 * A valid call for every mutation of the schema, for the audit log's suite
 * (test/platform/audit.test.ts): it runs each one and checks the entry it wrote.
 */
import { gqlOk } from '../support/client';
import { publishedProduct, unique } from '../support/factories';
import { auditorId, CONSOLE_USER, draftProduct, productParts, scene, type ValidCall } from './audit-scene';
import { OPERATION_CALLS } from './audit-calls-operations';

/**
 * A valid call for every mutation, in an order where each finds what it needs
 * (the path before it is assigned, the payment before it is reversed...). A
 * mutation missing here fails the coverage test below: add it with input it accepts.
 */
export const VALID_CALLS: Array<[string, () => Promise<ValidCall>]> = [
  ['createUser', async () => ({ variables: { input: { ...CONSOLE_USER, displayName: 'Auditor', role: 'OPERATOR' } } })],
  ['login', async () => ({ variables: CONSOLE_USER, token: null, actor: CONSOLE_USER.username })],
  ['createApiKey', async () => ({ variables: { input: { name: 'Audit reader', role: 'INTEGRATOR' } } })],
  [
    'revokeApiKey',
    async () => {
      const data = await gqlOk(
        scene.t.url,
        'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } } }',
        { input: { name: 'Short-lived', role: 'PARTNER' } },
        scene.t.adminToken,
      );
      return { variables: { id: data.createApiKey.apiKey.id } };
    },
  ],
  ['updateUser', async () => ({ variables: { id: await auditorId(), input: { displayName: 'Auditor (billing)' } } })],
  ['setUserPassword', async () => ({ variables: { id: await auditorId(), password: 'auditor-password-2' } })],
  [
    'changeMyPassword',
    async () => {
      const signedIn = await gqlOk(
        scene.t.url,
        'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
        { u: CONSOLE_USER.username, p: 'auditor-password-2' },
        null,
      );
      return {
        variables: { currentPassword: 'auditor-password-2', newPassword: 'auditor-password-3' },
        token: signedIn.login.token,
        actor: CONSOLE_USER.username,
      };
    },
  ],

  ['createProduct', async () => ({ variables: { input: { code: unique('NEW'), name: 'New product', unit: 'kWh', fixedCharge: '1.00' } } })],
  ['updateProduct', async () => ({ variables: { id: (await draftProduct()).id, input: { name: 'Renamed' }, expectedVersion: 1 } })],
  [
    'addRate',
    async () => {
      const product = await draftProduct({ rates: [{ effectiveFrom: '2020-01-01', effectiveTo: '2030-01-01', unitPrice: '0.10' }] });
      return { variables: { productId: product.id, input: { effectiveFrom: '2030-01-01', unitPrice: '0.12' } } };
    },
  ],
  ['addPromoCode', async () => ({ variables: { productId: (await draftProduct()).id, input: { code: 'SAVE10', percentOff: '10' } } })],
  [
    'addIncentive',
    async () => ({
      variables: { productId: (await draftProduct()).id, input: { kind: 'GIFT_CARD', description: 'Gift card', value: '25.00' } },
    }),
  ],
  [
    'publishProduct',
    async () => ({
      variables: { id: (await draftProduct({ rates: [{ effectiveFrom: '2020-01-01', unitPrice: '0.10' }] })).id, salesStart: '2026-01-01' },
    }),
  ],
  ['retireProduct', async () => ({ variables: { id: (await publishedProduct(scene.t)).id, salesEnd: '2030-01-01' } })],
  [
    'updateRate',
    async () => ({ variables: { id: (await productParts()).rateId, input: { effectiveFrom: '2020-01-01', unitPrice: '0.11' } } }),
  ],
  ['removeRate', async () => ({ variables: { id: (await productParts()).rateId } })],
  ['endRate', async () => ({ variables: { id: (await productParts()).rateId, effectiveTo: '2029-01-01' } })],
  ['updatePromoCode', async () => ({ variables: { id: (await productParts()).promoId, input: { code: 'SAVE15', percentOff: '15' } } })],
  ['deactivatePromoCode', async () => ({ variables: { id: (await productParts()).promoId } })],
  ['removeIncentive', async () => ({ variables: { id: (await productParts()).incentiveId } })],
  ...OPERATION_CALLS,
];
