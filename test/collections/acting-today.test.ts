import { accountWithInvoices } from '../support/billing';
import { errorCode, gql, gqlOk } from '../support/client';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import {
  actionsOf,
  addBlackout,
  controlsOf,
  D,
  decide,
  hold,
  pathOfItsOwn,
  protect,
  protectedItems,
  release,
  removeBlackout,
} from './controls-helpers';
import { pay, RUN, runCollections } from './helpers';

/**
 * A collections run acts on customers on the day it runs, whatever its asOf:
 * it takes no asOf after today, counts a notice from the day it was sent,
 * keeps a drop from a blackout today, and an operator acting on a step after
 * the run meets the controls as they stand today. This hub runs as deployed:
 * no collections run dated after today.
 */
let t: TestHub;
const LETTER = { name: 'Notice of drop', daysPastDue: 1, minPastDue: '0', action: 'LETTER', template: 'Pay {{pastDue}} or be dropped.' };
const DROP = { name: 'Drop', daysPastDue: 3, minPastDue: '0', action: 'MARKET_DROP' };

beforeAll(async () => {
  t = await startTestHub({ HUB_FUTURE_COLLECTIONS_RUNS: 'false' });
});
afterAll(async () => checkMoneyAndStop(t));

/** An account of the segment owing 59.95 since 39 days ago. */
async function longOverdue(segment: string) {
  return accountWithInvoices(t, [{ start: D(-90), end: D(-60), kwh: 500 }], { segment });
}

const confirmDrop = (accountId: string) =>
  gql(t.url, 'mutation($a: ID!) { confirmMarketDrop(accountId: $a) { status } }', { a: accountId }, t.adminToken);

async function expectRefused(r: Awaited<ReturnType<typeof gql>>, message: RegExp): Promise<void> {
  expect(errorCode(r)).toBe('INVALID_STATE');
  expect(r.errors?.[0].message).toMatch(message);
}

describe('a collections run', () => {
  it('takes no asOf after today, and a preview looks ahead', async () => {
    const runs = async () => (await gqlOk(t.url, '{ collectionsRuns { totalCount } }', {}, t.adminToken)).collectionsRuns.totalCount;
    const before = await runs();
    const r = await gql(t.url, RUN, { asOf: D(1) }, t.adminToken);
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].message).toBe(
      `asOf ${D(1)} is after today (${D(0)}): a collections run acts on customers now, so it runs as of today or an earlier day; previewCollections shows what a later day would do`,
    );
    expect(await runs()).toBe(before);
    const preview = await gqlOk(t.url, 'query($d: Date!) { previewCollections(asOf: $d) { asOf } }', { d: D(30) }, t.adminToken);
    expect(preview.previewCollections.asOf).toBe(D(30));
  });

  it('dated earlier counts a notice from the day it sent it, not from its asOf', async () => {
    const { segment } = await pathOfItsOwn(t, [LETTER, { ...DROP, noticeStepPosition: 1, noticeDays: 10 }]);
    const a = await longOverdue(segment);
    // A run for a month ago sends the letter today: a drop today would give the customer no notice at all.
    await runCollections(t, D(-30));
    await runCollections(t, D(0));
    expect(await actionsOf(t, a.id)).toEqual([`${D(-30)} LETTER`]);
    expect((await controlsOf(t, a.id)).status).toBe('ACTIVE');
  });

  it('dated earlier takes no market drop while today is a blackout date', async () => {
    const { segment } = await pathOfItsOwn(t, [DROP]);
    const a = await longOverdue(segment);
    expect((await addBlackout(t, D(0))).errors).toBeUndefined();
    try {
      await runCollections(t, D(-20));
      expect(await actionsOf(t, a.id)).toEqual([]);
    } finally {
      expect((await removeBlackout(t, D(0))).errors).toBeUndefined();
    }
    await runCollections(t, D(-19));
    expect(await actionsOf(t, a.id)).toEqual([`${D(-19)} MARKET_DROP`]);
  });
});

describe('confirming a market drop', () => {
  it('meets the controls as they stand today: a hold, a blackout date, a protection since, a plan, a payment in full', async () => {
    const { segment } = await pathOfItsOwn(t, [DROP]);
    const a = await longOverdue(segment);
    await runCollections(t, D(0));
    expect((await controlsOf(t, a.id)).status).toBe('DROP_PENDING');

    expect((await hold(t, a.id, D(5), 'Bereavement')).errors).toBeUndefined();
    await expectRefused(await confirmDrop(a.id), new RegExp(`cannot be dropped today: it is on hold until ${D(5)} \\(Bereavement\\)`));
    expect((await release(t, a.id)).errors).toBeUndefined();

    expect((await addBlackout(t, D(0))).errors).toBeUndefined();
    try {
      await expectRefused(await confirmDrop(a.id), new RegExp(`today, ${D(0)}, is a blackout date`));
    } finally {
      expect((await removeBlackout(t, D(0))).errors).toBeUndefined();
    }

    expect((await protect(t, a.id, [{ code: 'MEDICAL', note: 'Oxygen concentrator' }])).errors).toBeUndefined();
    await expectRefused(await confirmDrop(a.id), /it has been protected \(MEDICAL\) since the drop was requested/);
    expect((await protect(t, a.id, [])).errors).toBeUndefined();

    const plan = await gqlOk(
      t.url,
      'mutation($input: CreatePaymentPlanInput!) { createPaymentPlan(input: $input) { id } }',
      { input: { accountId: a.id, installments: 2, firstDueDate: D(10) } },
      t.adminToken,
    );
    await expectRefused(await confirmDrop(a.id), /it has an ACTIVE payment plan/);
    await gqlOk(t.url, 'mutation($id: ID!) { cancelPaymentPlan(id: $id) { id } }', { id: plan.createPaymentPlan.id }, t.adminToken);

    await pay(t, a.number, '59.95', t.adminToken);
    const paid = await confirmDrop(a.id);
    await expectRefused(
      paid,
      /nothing is past due today \(amounts under an open dispute do not count\).*Cancel the drop \(cancelMarketDrop\)/,
    );
    // Nothing was changed by the refusals: the account waits for the operator, its work item open.
    expect((await controlsOf(t, a.id)).status).toBe('DROP_PENDING');
  });

  it('goes ahead when nothing stands in the way', async () => {
    const { segment } = await pathOfItsOwn(t, [DROP]);
    const a = await longOverdue(segment);
    await runCollections(t, D(0));
    expect((await confirmDrop(a.id)).data).toEqual({ confirmMarketDrop: { status: 'DROPPED' } });
  });
});

describe("taking a protected account's step anyway", () => {
  it('is refused while the account is on hold, then taken once the hold is released', async () => {
    const { segment } = await pathOfItsOwn(t, [{ name: 'Fee', daysPastDue: 1, minPastDue: '0', action: 'LATE_FEE', feeAmount: '5.00' }]);
    const a = await longOverdue(segment);
    expect((await protect(t, a.id, [{ code: 'MEDICAL' }])).errors).toBeUndefined();
    await runCollections(t, D(0));
    const [item] = await protectedItems(t, a.number);
    expect(item).toMatchObject({ kind: 'PROTECTED_LATE_FEE', status: 'OPEN' });

    expect((await hold(t, a.id, D(3))).errors).toBeUndefined();
    const held = await decide(t, item.id, true, 'Agreed with the customer');
    await expectRefused(held, new RegExp(`The step "Fee" cannot be taken on account ${a.number} today: it is on hold until ${D(3)}`));
    expect((await protectedItems(t, a.number))[0].status).toBe('OPEN');
    expect(await actionsOf(t, a.id)).toEqual([]);

    expect((await release(t, a.id)).errors).toBeUndefined();
    expect((await decide(t, item.id, true, 'Agreed with the customer')).errors).toBeUndefined();
    expect(await actionsOf(t, a.id)).toEqual([`${D(0)} LATE_FEE`]);
  });
});

describe('a path step whose days change', () => {
  it('is the same step: a delinquency that took it does not take it again', async () => {
    const fee = { name: 'Fee', daysPastDue: 1, minPastDue: '0', action: 'LATE_FEE', feeAmount: '5.00' };
    const { segment, path } = await pathOfItsOwn(t, [fee]);
    const a = await longOverdue(segment);
    await runCollections(t, D(-1));
    await gqlOk(
      t.url,
      'mutation($id: ID!, $input: CollectionsPathInput!) { updateCollectionsPath(id: $id, input: $input) { id } }',
      { id: path.id, input: { name: path.name, segments: [segment], steps: [{ ...fee, daysPastDue: 2 }] } },
      t.adminToken,
    );
    await runCollections(t, D(0));
    expect(await actionsOf(t, a.id)).toEqual([`${D(-1)} LATE_FEE`]);
  });
});

describe('a hold placed after a call was requested', () => {
  it('answers the call request: nobody calls a held account', async () => {
    const { segment } = await pathOfItsOwn(t, [
      { name: 'Call', daysPastDue: 1, minPastDue: '0', action: 'CALL_REQUEST', queueKey: 'COLLECTIONS_CALLS' },
    ]);
    const a = await longOverdue(segment);
    await runCollections(t, D(0));
    const items = async () =>
      (
        await gqlOk(
          t.url,
          'query($id: ID) { account(id: $id) { workItems(first: 10) { nodes { kind status resolution } } } }',
          { id: a.id },
          t.adminToken,
        )
      ).account.workItems.nodes;
    expect(await items()).toEqual([{ kind: 'CALL_REQUEST', status: 'OPEN', resolution: null }]);
    expect((await hold(t, a.id, D(5), 'Bereavement')).errors).toBeUndefined();
    expect(await items()).toEqual([
      { kind: 'CALL_REQUEST', status: 'RESOLVED', resolution: `Not called: collections held until ${D(5)} by admin (Bereavement)` },
    ]);
  });
});
