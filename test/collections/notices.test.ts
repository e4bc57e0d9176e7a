import { errorCode, gql, gqlOk } from '../support/client';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { actionsOf, D, delinquent, pathOfItsOwn, protect, protectedItems } from './controls-helpers';
import { pay, runCollections } from './helpers';

/**
 * Notice steps: a market drop waits until its notice letter was taken at least
 * 10 days earlier in the same delinquency. Accounts owe 59.95 due 9 days ago.
 */
let t: TestHub;
let segment: string;
let pathId: string;
const LETTER = {
  name: 'Notice of drop',
  daysPastDue: 1,
  minPastDue: '0',
  action: 'LETTER',
  template: 'Dear {{name}}, pay {{pastDue}} or be dropped.',
};
const REMINDER = { name: 'Reminder', daysPastDue: 2, minPastDue: '0', action: 'REMINDER', template: 'Reminder: {{pastDue}}' };
const DROP = { name: 'Drop', daysPastDue: 3, minPastDue: '0', action: 'MARKET_DROP' };
const STEPS = [LETTER, REMINDER, { ...DROP, noticeStepPosition: 1, noticeDays: 10 }];
const CREATE = `mutation($input: CollectionsPathInput!) { createCollectionsPath(input: $input) {
  id steps { position name noticeDays noticeStep { position name } } } }`;

beforeAll(async () => {
  t = await startTestHub();
  const own = await pathOfItsOwn(t, STEPS);
  segment = own.segment;
  pathId = String(own.path.id);
});
afterAll(async () => checkMoneyAndStop(t));

describe('notice steps on a path', () => {
  it('are shown with the step they wait for', async () => {
    const data = await gqlOk(
      t.url,
      '{ collectionsPaths { id steps { position noticeDays noticeStep { position name } } } }',
      {},
      t.adminToken,
    );
    const path = data.collectionsPaths.find((p: { id: string }) => p.id === pathId);
    expect(path.steps).toEqual([
      { position: 1, noticeDays: null, noticeStep: null },
      { position: 2, noticeDays: null, noticeStep: null },
      { position: 3, noticeDays: 10, noticeStep: { position: 1, name: 'Notice of drop' } },
    ]);
  });

  it('must name an earlier step of the same path, with its days: BAD_USER_INPUT otherwise, and nothing is created', async () => {
    const input = (steps: unknown[]) => ({ input: { name: 'Bad notices', segments: ['BAD_NOTICE'], steps } });
    const bad: Array<[unknown[], RegExp]> = [
      [[LETTER, { ...DROP, noticeStepPosition: 2, noticeDays: 5 }], /earlier step of this path, from 1 to 1; got 2/],
      [[LETTER, REMINDER, { ...DROP, noticeStepPosition: 4, noticeDays: 5 }], /from 1 to 2; got 4/],
      [[{ ...LETTER, noticeStepPosition: 1, noticeDays: 0 }], /first step has no earlier step/],
      [[LETTER, { ...DROP, noticeStepPosition: 0, noticeDays: 5 }], /got 0/],
      [[LETTER, { ...DROP, noticeStepPosition: 1 }], /together/],
      [[LETTER, { ...DROP, noticeDays: 5 }], /together/],
      [[LETTER, { ...DROP, noticeStepPosition: 1, noticeDays: -1 }], /noticeDays must be a whole number from 0 to 3650/],
    ];
    for (const [steps, message] of bad) {
      const r = await gql(t.url, CREATE, input(steps), t.adminToken);
      expect(errorCode(r)).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0].message).toMatch(message);
    }
    const update = await gql(
      t.url,
      `mutation($id: ID!, $input: CollectionsPathInput!) { updateCollectionsPath(id: $id, input: $input) { id } }`,
      { id: pathId, input: { name: 'Notices', segments: [segment], steps: [{ ...DROP, noticeStepPosition: 2, noticeDays: 1 }, LETTER] } },
      t.adminToken,
    );
    expect(errorCode(update)).toBe('BAD_USER_INPUT');
    const names = await gqlOk(t.url, '{ collectionsPaths { name } }', {}, t.adminToken);
    expect(names.collectionsPaths.map((p: { name: string }) => p.name)).not.toContain('Bad notices');
  });
});

describe('a step with a notice', () => {
  it('waits until its notice step was taken noticeDays before', async () => {
    const a = await delinquent(t, segment);
    await runCollections(t, D(0));
    expect(await actionsOf(t, a.id)).toEqual([`${D(0)} LETTER`, `${D(0)} REMINDER`]);
    await runCollections(t, D(9));
    expect(await actionsOf(t, a.id)).toEqual([`${D(0)} LETTER`, `${D(0)} REMINDER`]);
    await runCollections(t, D(10));
    expect(await actionsOf(t, a.id)).toEqual([`${D(0)} LETTER`, `${D(0)} REMINDER`, `${D(10)} MARKET_DROP`]);
  });

  it('does not count a notice taken in an earlier delinquency', async () => {
    const a = await delinquent(t, segment, true); // 59.95 due 9 days ago, 59.95 due in 21 days.
    await runCollections(t, D(-5));
    expect(await actionsOf(t, a.id)).toEqual([`${D(-5)} LETTER`, `${D(-5)} REMINDER`]);
    await pay(t, a.number, '59.95', t.adminToken);
    // The second bill is 9 days past due: a new delinquency, whose own notice starts the 10 days over.
    await runCollections(t, D(30));
    const second = [`${D(30)} LETTER`, `${D(30)} REMINDER`];
    expect(await actionsOf(t, a.id)).toEqual([`${D(-5)} LETTER`, `${D(-5)} REMINDER`, ...second]);
    await runCollections(t, D(39));
    expect(await actionsOf(t, a.id)).toEqual([`${D(-5)} LETTER`, `${D(-5)} REMINDER`, ...second]);
    await runCollections(t, D(40));
    expect(await actionsOf(t, a.id)).toEqual([`${D(-5)} LETTER`, `${D(-5)} REMINDER`, ...second, `${D(40)} MARKET_DROP`]);
  });

  it('is not referred for a protected account before its notice is old enough', async () => {
    const a = await delinquent(t, segment);
    await protect(t, a.id, [{ code: 'MEDICAL' }]);
    await runCollections(t, D(0));
    expect(await protectedItems(t, a.number)).toEqual([]);
    await runCollections(t, D(10));
    expect((await protectedItems(t, a.number)).map((i) => i.kind)).toEqual(['PROTECTED_MARKET_DROP']);
    expect(await actionsOf(t, a.id)).toEqual([`${D(0)} LETTER`, `${D(0)} REMINDER`]);
  });
});
