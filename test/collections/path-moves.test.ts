import { accountWithInvoices } from '../support/billing';
import { errorCode, gqlOk } from '../support/client';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { actionsOf, D, decide, pathOfItsOwn, protect, protectedItems } from './controls-helpers';
import { pay, runCollections } from './helpers';

/**
 * An account moved to another path in the middle of a delinquency: the new
 * path's steps for a stage the delinquency already reached are not taken
 * again (no second fee, no second notice), its later stages are, and a
 * notice sent under the old path counts for the new path's drop.
 */
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => checkMoneyAndStop(t));

const FEE = { name: 'Fee', minPastDue: '0', action: 'LATE_FEE', feeAmount: '5.00' };
const LETTER = { name: 'Notice', minPastDue: '0', action: 'LETTER', template: 'Pay {{pastDue}} within 10 days.' };
const REMINDER = { name: 'Reminder', minPastDue: '0', action: 'REMINDER', template: 'Reminder: {{pastDue}}' };

/** An account of a path of its own owing 46.05 due 39 days ago. */
async function onPath(steps: Array<Record<string, unknown>>) {
  const { segment } = await pathOfItsOwn(t, steps);
  return accountWithInvoices(t, [{ start: D(-90), end: D(-60), kwh: 361 }], { segment });
}

async function assign(accountId: string, pathId: string | null): Promise<void> {
  await gqlOk(
    t.url,
    'mutation($a: ID!, $p: ID) { assignCollectionsPath(accountId: $a, pathId: $p) { id } }',
    { a: accountId, p: pathId },
    t.adminToken,
  );
}

async function moveTo(accountId: string, steps: Array<Record<string, unknown>>): Promise<void> {
  const { path } = await pathOfItsOwn(t, steps);
  await assign(accountId, String(path.id));
}

const fees = async (accountId: string) => (await actionsOf(t, accountId)).filter((a) => a.endsWith('LATE_FEE'));

describe('an account moved to another path', () => {
  it('is not charged the new path’s fee for a stage it was charged at, and gets its steps not yet taken', async () => {
    const a = await onPath([
      { ...FEE, daysPastDue: 10 },
      { ...LETTER, daysPastDue: 15 },
    ]);
    // 14 days past due: the old path's fee.
    await runCollections(t, D(-25));
    await moveTo(a.id, [
      { ...REMINDER, daysPastDue: 1 },
      { ...FEE, daysPastDue: 5 },
      { ...LETTER, daysPastDue: 20 },
      { ...FEE, daysPastDue: 30 },
    ]);
    // 24 days past due: the reminder and the letter, no second fee for the 5-day stage.
    await runCollections(t, D(-15));
    expect((await actionsOf(t, a.id)).sort()).toEqual([`${D(-15)} LETTER`, `${D(-15)} REMINDER`, `${D(-25)} LATE_FEE`].sort());
    // 39 days past due: the 30-day stage was never reached before, so its fee is charged.
    await runCollections(t, D(0));
    expect(await fees(a.id)).toEqual([`${D(-25)} LATE_FEE`, `${D(0)} LATE_FEE`]);
    expect((await actionsOf(t, a.id)).length).toBe(4);
  });

  it('charges a fee taken early in the old path for one stage only', async () => {
    const a = await onPath([{ ...FEE, daysPastDue: 1 }]);
    // 4 days past due: a fee at the old path's 1-day stage.
    await runCollections(t, D(-35));
    await moveTo(a.id, [
      { ...FEE, daysPastDue: 2 },
      { ...FEE, daysPastDue: 3 },
    ]);
    // The 4-day fee stands for the new 2-day stage; the 3-day stage is charged.
    await runCollections(t, D(-34));
    expect(await fees(a.id)).toEqual([`${D(-35)} LATE_FEE`, `${D(-34)} LATE_FEE`]);
  });

  it('counts a notice sent under the old path for the new path’s market drop', async () => {
    const a = await onPath([{ ...LETTER, daysPastDue: 10 }]);
    // 39 days past due: the notice, today.
    await runCollections(t, D(0));
    await moveTo(a.id, [
      { ...LETTER, daysPastDue: 5 },
      { name: 'Drop', daysPastDue: 20, minPastDue: '0', action: 'MARKET_DROP', noticeStepPosition: 1, noticeDays: 10 },
    ]);
    // No second notice, and the drop waits the 10 days from the one sent.
    await runCollections(t, D(9));
    expect(await actionsOf(t, a.id)).toEqual([`${D(0)} LETTER`]);
    await runCollections(t, D(10));
    expect(await actionsOf(t, a.id)).toEqual([`${D(0)} LETTER`, `${D(10)} MARKET_DROP`]);
  });

  it('leaves a fee taken on another path for the stage it reached when the account moves back', async () => {
    const a = await onPath([
      { ...FEE, daysPastDue: 5 },
      { ...FEE, daysPastDue: 30 },
    ]);
    // 6 days past due: the segment path's first fee.
    await runCollections(t, D(-33));
    await moveTo(a.id, [{ ...FEE, daysPastDue: 35 }]);
    // 35 days past due: the other path's fee.
    await runCollections(t, D(-4));
    await assign(a.id, null);
    // Back on the segment path at 39 days: its 30-day stage was reached by the fee at 35 days.
    await runCollections(t, D(0));
    expect(await fees(a.id)).toEqual([`${D(-33)} LATE_FEE`, `${D(-4)} LATE_FEE`]);
  });

  it('lets an operator take only the protected steps of the path the account is on now', async () => {
    const a = await onPath([{ ...FEE, daysPastDue: 10 }]);
    await protect(t, a.id, [{ code: 'MEDICAL' }]);
    await runCollections(t, D(-25));
    await moveTo(a.id, [{ ...FEE, daysPastDue: 5 }]);
    await runCollections(t, D(-24));
    const [old, current] = await protectedItems(t, a.number);
    expect([old.kind, current.kind]).toEqual(['PROTECTED_LATE_FEE', 'PROTECTED_LATE_FEE']);
    expect((await decide(t, current.id, true, 'Customer agreed')).errors).toBeUndefined();
    const refused = await decide(t, old.id, true, 'Customer agreed');
    expect(errorCode(refused)).toBe('INVALID_STATE');
    expect(refused.errors?.[0].message).toMatch(/^The step "Fee" is no longer on account .*'s path \("Path /);
    expect(await fees(a.id)).toEqual([`${D(0)} LATE_FEE`]);
  });

  it('takes the new path’s steps again in a new delinquency', async () => {
    const a = await onPath([{ ...FEE, daysPastDue: 10 }]);
    await runCollections(t, D(-25));
    await moveTo(a.id, [{ ...FEE, daysPastDue: 5 }]);
    // Paid up: the delinquency ends. The next bill falls past due and the new path starts over.
    const owed = (await gqlOk(t.url, 'query($id: ID) { account(id: $id) { balance } }', { id: a.id }, t.adminToken)).account.balance;
    expect((await pay(t, a.number, owed, t.adminToken)).unapplied).toBe('0.00');
    await gqlOk(
      t.url,
      'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }',
      { reads: [{ accountNumber: a.number, periodStart: D(-60), periodEnd: D(-30), quantity: '361' }] },
      t.adminToken,
    );
    await gqlOk(t.url, 'mutation($asOf: Date!) { runBilling(asOf: $asOf) { id } }', { asOf: D(-30) }, t.adminToken);
    await runCollections(t, D(0));
    expect(await fees(a.id)).toEqual([`${D(-25)} LATE_FEE`, `${D(0)} LATE_FEE`]);
  });
});
