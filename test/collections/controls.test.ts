import { errorCode, gql, gqlOk } from '../support/client';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { sql } from '../support/sql';
import {
  actionsOf,
  addBlackout,
  controlsOf,
  D,
  decide,
  delinquent,
  hold,
  pathOfItsOwn,
  protect,
  protectedItems,
  release,
  removeBlackout,
} from './controls-helpers';
import { pay, runCollections } from './helpers';

/**
 * Holds, protections and blackout dates, through the API. Every account owes
 * 59.95 due 9 days ago on a path of its own segment: a letter at 1 day, a fee at
 * 3, an agency referral at 5 and a market drop at 7; so a run dated today takes
 * all four unless a control stops it.
 */
let t: TestHub;
let segment: string;
const ALL = ['LETTER', 'LATE_FEE', 'AGENCY_REFERRAL', 'MARKET_DROP'];
const on = (day: string, actions: string[]) => actions.map((a) => `${day} ${a}`);

beforeAll(async () => {
  t = await startTestHub();
  segment = (
    await pathOfItsOwn(t, [
      { name: 'Letter', daysPastDue: 1, minPastDue: '0', action: 'LETTER', template: 'Dear {{name}}, {{pastDue}} is due.' },
      { name: 'Fee', daysPastDue: 3, minPastDue: '0', action: 'LATE_FEE', feeAmount: '2.00' },
      { name: 'Agency', daysPastDue: 5, minPastDue: '0', action: 'AGENCY_REFERRAL' },
      { name: 'Drop', daysPastDue: 7, minPastDue: '0', action: 'MARKET_DROP' },
    ])
  ).segment;
});
afterAll(async () => checkMoneyAndStop(t));

describe('holds', () => {
  it('refuses a hold that is not after today, and changes nothing', async () => {
    const a = await delinquent(t, segment);
    for (const until of [D(-1), D(0)]) {
      const r = await hold(t, a.id, until);
      expect(errorCode(r)).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0].message).toMatch(/after today/);
    }
    expect(errorCode(await hold(t, a.id, D(3), '   '))).toBe('BAD_USER_INPUT');
    expect(errorCode(await hold(t, '999999', D(3)))).toBe('NOT_FOUND');
    expect((await controlsOf(t, a.id)).collectionsHold).toBeNull();
    await runCollections(t, D(0));
    expect(await actionsOf(t, a.id)).toEqual(on(D(0), ALL));
  });

  it('takes no action before until, and every due one from that day on', async () => {
    const a = await delinquent(t, segment);
    const held = await hold(t, a.id, D(3), 'Customer in hospital');
    expect(held.errors).toBeUndefined();
    expect(held.data?.holdCollections.collectionsHold).toMatchObject({ until: D(3), reason: 'Customer in hospital', createdBy: 'admin' });
    await runCollections(t, D(0));
    await runCollections(t, D(2));
    expect(await actionsOf(t, a.id)).toEqual([]);
    await runCollections(t, D(3));
    expect(await actionsOf(t, a.id)).toEqual(on(D(3), ALL));
    const audit = await sql(t, "SELECT actor FROM audit_entry WHERE action = 'holdCollections' AND subject_id = ?", [a.id]);
    expect(audit.map((r) => r.actor)).toEqual(['admin']);
  });

  it('released, lets the next run take what is due; a second release is INVALID_STATE', async () => {
    const a = await delinquent(t, segment);
    await hold(t, a.id, D(30));
    await runCollections(t, D(0));
    expect(await actionsOf(t, a.id)).toEqual([]);
    const released = await release(t, a.id);
    expect(released.data?.releaseCollectionsHold.collectionsHold).toBeNull();
    expect(errorCode(await release(t, a.id))).toBe('INVALID_STATE');
    await runCollections(t, D(1));
    expect(await actionsOf(t, a.id)).toEqual(on(D(1), ALL));
  });

  it('a new hold replaces the old one', async () => {
    const a = await delinquent(t, segment);
    await hold(t, a.id, D(30));
    await hold(t, a.id, D(2), 'Shorter');
    expect((await controlsOf(t, a.id)).collectionsHold).toMatchObject({ until: D(2), reason: 'Shorter' });
    await runCollections(t, D(2));
    expect(await actionsOf(t, a.id)).toEqual(on(D(2), ALL));
  });

  it('an ACTIVE payment plan still pauses everything once the hold is over; its cancellation does not', async () => {
    const a = await delinquent(t, segment);
    await hold(t, a.id, D(2));
    const plan = await gqlOk(
      t.url,
      'mutation($input: CreatePaymentPlanInput!) { createPaymentPlan(input: $input) { id } }',
      { input: { accountId: a.id, installments: 2, firstDueDate: D(20) } },
      t.adminToken,
    );
    await runCollections(t, D(5));
    expect(await actionsOf(t, a.id)).toEqual([]);
    await gqlOk(t.url, 'mutation($id: ID!) { cancelPaymentPlan(id: $id) { id } }', { id: plan.createPaymentPlan.id }, t.adminToken);
    await runCollections(t, D(6));
    expect(await actionsOf(t, a.id)).toEqual(on(D(6), ALL));
  });
});

describe('protections', () => {
  it('refuses malformed ones and changes nothing', async () => {
    const a = await delinquent(t, segment);
    await protect(t, a.id, [{ code: 'MEDICAL' }]);
    for (const bad of [
      [{ code: 'MEDICAL' }, { code: 'medical' }],
      [{ code: 'CRITICAL CARE' }],
      [{ code: '' }],
      [{ code: 'MEDICAL', until: D(-1) }],
      [{ code: 'MEDICAL', note: 'x'.repeat(256) }],
    ]) {
      expect(errorCode(await protect(t, a.id, bad))).toBe('BAD_USER_INPUT');
    }
    expect((await controlsOf(t, a.id)).protections).toMatchObject([{ code: 'MEDICAL', until: null, note: null, setBy: 'admin' }]);
  });

  it('refer MARKET_DROP, AGENCY_REFERRAL and LATE_FEE to PROTECTED_ACCOUNTS once; the operator takes one anyway, not another', async () => {
    const a = await delinquent(t, segment);
    const set = await protect(t, a.id, [
      { code: 'critical_care', note: 'Oxygen concentrator, certificate 4471' },
      { code: 'ASSISTANCE_PLEDGE', until: D(40) },
    ]);
    expect(set.data?.setAccountProtections.protections).toMatchObject([
      { code: 'ASSISTANCE_PLEDGE', until: D(40), note: null, setBy: 'admin' },
      { code: 'CRITICAL_CARE', until: null, note: 'Oxygen concentrator, certificate 4471', setBy: 'admin' },
    ]);
    await runCollections(t, D(0));
    await runCollections(t, D(1));
    expect(await actionsOf(t, a.id)).toEqual(on(D(0), ['LETTER']));
    const items = await protectedItems(t, a.number);
    expect(items.map((i) => [i.kind, i.status])).toEqual([
      ['PROTECTED_LATE_FEE', 'OPEN'],
      ['PROTECTED_AGENCY_REFERRAL', 'OPEN'],
      ['PROTECTED_MARKET_DROP', 'OPEN'],
    ]);

    const operator = await t.userToken('OPERATOR', 'olga');
    const taken = await decide(t, items[0].id, true, 'Customer agreed to the fee', operator);
    expect(taken.data?.decideProtectedStep).toMatchObject({
      status: 'RESOLVED',
      resolution: expect.stringMatching(/^Taken anyway by olga/),
    });
    const fee = (await controlsOf(t, a.id)).collectionsActions.find((x: { action: string }) => x.action === 'LATE_FEE');
    expect(fee).toMatchObject({
      asOf: D(0),
      detail: expect.stringMatching(/^Taken anyway for a protected account by olga: Customer agreed/),
    });
    // The action says who took it: the operator, on the run that referred it; the run's own actions name no one but the run.
    const who = await gqlOk(
      t.url,
      'query($id: ID) { account(id: $id) { collectionsActions { action takenBy run { asOf startedBy } } } }',
      { id: a.id },
      t.adminToken,
    );
    expect(who.account.collectionsActions).toEqual([
      { action: 'LETTER', takenBy: null, run: { asOf: D(0), startedBy: 'admin' } },
      { action: 'LATE_FEE', takenBy: 'olga', run: { asOf: D(0), startedBy: 'admin' } },
    ]);
    const feeAudit = await sql(t, "SELECT actor FROM audit_entry WHERE action = 'decideProtectedStep' AND subject_id = ?", [a.id]);
    expect(feeAudit.map((r) => r.actor)).toEqual(['olga']);

    expect((await decide(t, items[2].id, false, 'Life support at home', operator)).data?.decideProtectedStep.status).toBe('RESOLVED');
    expect(errorCode(await decide(t, items[2].id, true, 'Changed my mind'))).toBe('INVALID_STATE');
    expect(errorCode(await decide(t, items[0].id, true, 'Again'))).toBe('INVALID_STATE');
    expect(errorCode(await decide(t, '999999', true, 'Nothing'))).toBe('NOT_FOUND');

    // The answers stand for the delinquency, even once the protection is gone.
    await protect(t, a.id, []);
    await runCollections(t, D(10));
    expect(await actionsOf(t, a.id)).toEqual(on(D(0), ['LETTER', 'LATE_FEE']));
    expect((await controlsOf(t, a.id)).status).toBe('ACTIVE');
    expect((await protectedItems(t, a.number)).length).toBe(3);
  });

  it('a new delinquency asks again; the end of one resolves the questions left open', async () => {
    const a = await delinquent(t, segment, true); // 59.95 due 9 days ago, 59.95 due in 21 days.
    await protect(t, a.id, [{ code: 'MEDICAL' }]);
    await runCollections(t, D(0));
    expect((await protectedItems(t, a.number)).map((i) => i.status)).toEqual(['OPEN', 'OPEN', 'OPEN']);
    await pay(t, a.number, '59.95', t.adminToken);
    expect((await protectedItems(t, a.number)).map((i) => i.status)).toEqual(['RESOLVED', 'RESOLVED', 'RESOLVED']);
    const first = await protectedItems(t, a.number);
    expect(errorCode(await decide(t, first[0].id, true, 'Too late'))).toBe('INVALID_STATE');

    await runCollections(t, D(30)); // The second bill, 9 days past due: a new delinquency.
    expect(await actionsOf(t, a.id)).toEqual([`${D(0)} LETTER`, `${D(30)} LETTER`]);
    const again = await protectedItems(t, a.number);
    expect(again.slice(3).map((i) => [i.kind, i.status])).toEqual([
      ['PROTECTED_LATE_FEE', 'OPEN'],
      ['PROTECTED_AGENCY_REFERRAL', 'OPEN'],
      ['PROTECTED_MARKET_DROP', 'OPEN'],
    ]);
  });

  it('two runs at once refer each step once; two answers at once, one wins', async () => {
    const a = await delinquent(t, segment);
    await protect(t, a.id, [{ code: 'MEDICAL' }]);
    // One collections run at a time: a start while the other runs answers CONFLICT, one after it refers nothing again.
    const RUN = 'mutation($asOf: Date!) { runCollections(asOf: $asOf) { id } }';
    const starts = await Promise.all([0, 1].map(() => gql(t.url, RUN, { asOf: D(0) }, t.adminToken)));
    for (const r of starts) if (!r.data?.runCollections) expect(errorCode(r)).toBe('CONFLICT');
    const items = await protectedItems(t, a.number);
    expect(items.map((i) => i.kind)).toEqual(['PROTECTED_LATE_FEE', 'PROTECTED_AGENCY_REFERRAL', 'PROTECTED_MARKET_DROP']);
    const answers = await Promise.all([decide(t, items[0].id, true, 'Take it'), decide(t, items[0].id, false, 'Leave it')]);
    expect(answers.map((r) => (r.errors ? errorCode(r) : 'ok')).sort()).toEqual(['INVALID_STATE', 'ok']);
    const fees = (await actionsOf(t, a.id)).filter((x) => x.endsWith('LATE_FEE'));
    const taken = answers.find((r) => !r.errors)?.data?.decideProtectedStep.resolution as string;
    expect(fees.length).toBe(taken.startsWith('Taken anyway') ? 1 : 0);
  });

  it('protect through their until day only', async () => {
    const a = await delinquent(t, segment);
    await protect(t, a.id, [{ code: 'ASSISTANCE_PLEDGE', until: D(2) }]);
    await runCollections(t, D(3));
    expect(await actionsOf(t, a.id)).toEqual(on(D(3), ALL));
    expect(await protectedItems(t, a.number)).toEqual([]);
  });

  it('an ACTIVE payment plan pauses them too: nothing is referred', async () => {
    const a = await delinquent(t, segment);
    await protect(t, a.id, [{ code: 'MEDICAL' }]);
    await gqlOk(
      t.url,
      'mutation($input: CreatePaymentPlanInput!) { createPaymentPlan(input: $input) { id } }',
      { input: { accountId: a.id, installments: 3, firstDueDate: D(20) } },
      t.adminToken,
    );
    await runCollections(t, D(0));
    expect(await protectedItems(t, a.number)).toEqual([]);
  });
});

describe('blackout dates', () => {
  it('no market drop is taken on one; the first run after takes it', async () => {
    const a = await delinquent(t, segment);
    const day = D(1);
    expect((await addBlackout(t, day, 'Heat wave')).data?.addBlackoutDate).toEqual({ date: day, reason: 'Heat wave' });
    expect(errorCode(await addBlackout(t, day, 'Again'))).toBe('CONFLICT');
    expect(errorCode(await addBlackout(t, D(2), ''))).toBe('BAD_USER_INPUT');
    const listed = await gqlOk(t.url, '{ blackoutDates { date reason addedBy } }', {}, t.adminToken);
    expect(listed.blackoutDates).toEqual([{ date: day, reason: 'Heat wave', addedBy: 'admin' }]);

    await runCollections(t, day);
    expect(await actionsOf(t, a.id)).toEqual(on(day, ['LETTER', 'LATE_FEE', 'AGENCY_REFERRAL']));
    await runCollections(t, D(2));
    expect(await actionsOf(t, a.id)).toEqual([...on(day, ['LETTER', 'LATE_FEE', 'AGENCY_REFERRAL']), `${D(2)} MARKET_DROP`]);

    expect((await removeBlackout(t, day)).data?.removeBlackoutDate).toBe(true);
    expect(errorCode(await removeBlackout(t, day))).toBe('NOT_FOUND');
    expect((await gqlOk(t.url, '{ blackoutDates { date } }', {}, t.adminToken)).blackoutDates).toEqual([]);
  });

  it('an integrator may not set them: FORBIDDEN', async () => {
    const integrator = await t.apiKey('INTEGRATOR');
    const r = await gql(t.url, 'mutation { addBlackoutDate(date: "2030-01-01", reason: "x") { date } }', {}, integrator);
    expect(errorCode(r)).toBe('FORBIDDEN');
  });
});
