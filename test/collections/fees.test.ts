import { accountWithInvoices } from '../support/billing';
import { gqlOk } from '../support/client';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { actionsOf, controlsOf, D, pathOfItsOwn } from './controls-helpers';
import { pay, runCollections } from './helpers';

/**
 * Collections weigh what is owed for service: a percentage late fee is never
 * charged on an earlier fee, a step's minimum is not reached by fees, and
 * fees alone never bring a market drop.
 */
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => checkMoneyAndStop(t));

/** An account of the segment owing 46.05 (361 kWh at 0.10 and 9.95), due 21 days after the month ending endDay. */
async function owing(segment: string, endDay = -60) {
  return accountWithInvoices(t, [{ start: D(endDay - 30), end: D(endDay), kwh: 361 }], { segment });
}

async function feeDetails(accountId: string): Promise<string[]> {
  const data = await gqlOk(
    t.url,
    'query($id: ID) { account(id: $id) { collectionsActions { action detail } } }',
    { id: accountId },
    t.adminToken,
  );
  return data.account.collectionsActions
    .filter((a: { action: string }) => a.action === 'LATE_FEE')
    .map((a: { detail: string }) => a.detail);
}

describe('late fees and drops', () => {
  it('charge a percentage on what is owed for service, and a minimum is not reached by fees', async () => {
    const { segment } = await pathOfItsOwn(t, [
      { name: 'First fee', daysPastDue: 30, minPastDue: '0', action: 'LATE_FEE', feePercent: '10' },
      { name: 'Second fee', daysPastDue: 38, minPastDue: '0', action: 'LATE_FEE', feePercent: '10' },
      { name: 'Drop', daysPastDue: 38, minPastDue: '50.00', action: 'MARKET_DROP' },
    ]);
    const a = await owing(segment);
    await runCollections(t, D(-2));
    // The first fee, 4.61, falls due the day it is charged: two days later it is past due beside the 46.05.
    await runCollections(t, D(0));
    expect((await gqlOk(t.url, 'query($id: ID) { account(id: $id) { pastDue } }', { id: a.id }, t.adminToken)).account.pastDue).toBe(
      '50.66',
    );
    expect(await feeDetails(a.id)).toEqual([
      expect.stringMatching(/^Late fee 4\.61 \(10% of 46\.05\)/),
      expect.stringMatching(/^Late fee 4\.61 \(10% of 46\.05\)/),
    ]);
    // 50.66 past due, but 46.05 of it for service: under the drop's 50.00.
    expect(await actionsOf(t, a.id)).toEqual([`${D(-2)} LATE_FEE`, `${D(0)} LATE_FEE`]);
    expect((await controlsOf(t, a.id)).status).toBe('ACTIVE');
  });

  it('request no market drop when only fees are past due', async () => {
    const { segment } = await pathOfItsOwn(t, [
      { name: 'Fee', daysPastDue: 30, minPastDue: '0', action: 'LATE_FEE', feeAmount: '5.00' },
      { name: 'Drop', daysPastDue: 38, minPastDue: '0', action: 'MARKET_DROP' },
    ]);
    // Due 99 days ago: the fee is charged 69 days ago, and is itself 69 days past due today.
    const a = await owing(segment, -120);
    await runCollections(t, D(-69));
    // The customer pays for the service, oldest first, and leaves the fee.
    await pay(t, a.number, '46.05', t.adminToken);
    await runCollections(t, D(0));
    expect((await gqlOk(t.url, 'query($id: ID) { account(id: $id) { pastDue daysPastDue } }', { id: a.id }, t.adminToken)).account).toEqual(
      {
        pastDue: '5.00',
        daysPastDue: 69,
      },
    );
    expect(await actionsOf(t, a.id)).toEqual([`${D(-69)} LATE_FEE`]);
    expect((await controlsOf(t, a.id)).status).toBe('ACTIVE');
  });
});
