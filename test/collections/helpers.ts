import { gqlOk } from '../support/client';
import type { TestHub } from '../support/hub';

export const RUN = `mutation($asOf: Date!, $wait: Boolean) { runCollections(asOf: $asOf, wait: $wait) {
  id asOf status accountsEvaluated actionsTaken accountsFailed dialerCsv startedAt finishedAt } }`;

export const PATH_FIELDS = `id name segments isDefault active steps { id position name daysPastDue minPastDue action template queueKey feeAmount feePercent }`;

export const ACCOUNT = `query($id: ID) { account(id: $id) { number status pastDue daysPastDue collectionsPath { name }
  collectionsActions { id action asOf detail step { id name template } workItem { id status kind queue { key } } invoice { id number } } } }`;

/** The seed's two segment paths: white-glove for VIPs, fast and firm for high-risk accounts. */
export const VIP_PATH = {
  name: 'VIP white glove',
  segments: ['VIP'],
  steps: [
    {
      name: 'Friendly letter',
      daysPastDue: 10,
      minPastDue: '0',
      action: 'LETTER',
      template: 'Dear {{name}}, a gentle note: {{pastDue}} on account {{accountNumber}} is {{daysPastDue}} days overdue.',
    },
    { name: 'Personal call', daysPastDue: 20, minPastDue: '0', action: 'CALL_REQUEST', queueKey: 'VIP_CARE' },
  ],
};

export const HIGH_RISK_PATH = {
  name: 'High risk',
  segments: ['HIGH_RISK'],
  steps: [
    {
      name: 'Past-due notice',
      daysPastDue: 3,
      minPastDue: '0',
      action: 'REMINDER',
      template: 'NOTICE {{accountNumber}}: pay {{pastDue}} now.',
    },
    { name: 'Dialer', daysPastDue: 7, minPastDue: '0', action: 'DIALER_EXPORT' },
    { name: 'Late fee', daysPastDue: 10, minPastDue: '10.00', action: 'LATE_FEE', feePercent: '5' },
    { name: 'Market drop', daysPastDue: 15, minPastDue: '0', action: 'MARKET_DROP' },
  ],
};

export async function createPath(t: TestHub, input: Record<string, unknown>, token = t.adminToken) {
  const data = await gqlOk(
    t.url,
    `mutation($input: CollectionsPathInput!) { createCollectionsPath(input: $input) { ${PATH_FIELDS} } }`,
    { input },
    token,
  );
  return data.createCollectionsPath;
}

export async function createQueue(t: TestHub, key: string, name: string, slaMinutes = 240) {
  await gqlOk(
    t.url,
    'mutation($input: CreateWorkQueueInput!) { createWorkQueue(input: $input) { key } }',
    { input: { key, name, slaMinutes } },
    t.adminToken,
  );
}

export async function runCollections(t: TestHub, asOf: string, token = t.adminToken) {
  return (await gqlOk(t.url, RUN, { asOf }, token)).runCollections;
}

export async function accountState(t: TestHub, id: string) {
  return (await gqlOk(t.url, ACCOUNT, { id }, t.adminToken)).account;
}

export async function pay(t: TestHub, accountNumber: string, amount: string, token: string) {
  return (
    await gqlOk(
      t.url,
      'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id status unapplied } }',
      { input: { accountNumber, amount, channel: 'ACH', idempotencyKey: `pay-${accountNumber}-${amount}-${Date.now()}` } },
      token,
    )
  ).recordPayment;
}
