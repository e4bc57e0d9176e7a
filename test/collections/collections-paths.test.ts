import { errorCode, gql, gqlOk } from '../support/client';
import { accountWithInvoices } from '../support/billing';
import { daysFromToday } from '../support/dates';
import { account } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { sleep } from '../support/wait';
import { accountState, createPath, createQueue, HIGH_RISK_PATH, pay, PATH_FIELDS, RUN, runCollections } from './helpers';

let t: TestHub;
let operator: string;
let integrator: string;

const JANUARY = [{ start: '2026-01-01', end: '2026-02-01', kwh: 310 }];
const CREATE = `mutation($input: CollectionsPathInput!) { createCollectionsPath(input: $input) { ${PATH_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: CollectionsPathInput!) { updateCollectionsPath(id: $id, input: $input) { ${PATH_FIELDS} } }`;
const ASSIGN = 'mutation($a: ID!, $p: ID) { assignCollectionsPath(accountId: $a, pathId: $p) { collectionsPath { name } } }';

beforeAll(async () => {
  t = await startTestHub();
  operator = await t.userToken('OPERATOR');
  integrator = await t.apiKey('INTEGRATOR');
  await createPath(t, HIGH_RISK_PATH);
});
afterAll(async () => checkMoneyAndStop(t));

async function paths() {
  return (await gqlOk(t.url, `{ collectionsPaths { ${PATH_FIELDS} } }`, {}, t.adminToken)).collectionsPaths;
}

async function actionsOf(id: string): Promise<string[]> {
  return (await accountState(t, id)).collectionsActions.map((a: { asOf: string; action: string }) => `${a.asOf} ${a.action}`);
}

describe('collections paths', () => {
  it('ship with a default path: reminder, letter, late fee and call at 30 days over 20.00, market drop at 60 over 50.00', async () => {
    const [standard] = await paths();
    expect(standard).toMatchObject({ name: 'Standard collections', segments: [], isDefault: true, active: true });
    expect(
      standard.steps.map((s: Record<string, unknown>) => [
        s.position,
        s.action,
        s.daysPastDue,
        s.minPastDue,
        s.queueKey,
        s.feeAmount,
        s.feePercent,
      ]),
    ).toEqual([
      [1, 'REMINDER', 5, '0.00', null, null, null],
      [2, 'LETTER', 15, '0.00', null, null, null],
      [3, 'LATE_FEE', 30, '20.00', null, '5.00', null],
      [4, 'CALL_REQUEST', 30, '20.00', 'COLLECTIONS_CALLS', null, null],
      [5, 'MARKET_DROP', 60, '50.00', null, null, null],
    ]);
    // The drop waits for the past-due letter, sent at least 10 days before ("pay within 10 days").
    const notices = await gqlOk(t.url, '{ collectionsPaths { isDefault steps { noticeDays noticeStep { position } } } }', {}, t.adminToken);
    const shipped = notices.collectionsPaths.find((p: { isDefault: boolean }) => p.isDefault);
    expect(
      shipped.steps.map((s: { noticeStep: { position: number } | null; noticeDays: number | null }) => [
        s.noticeStep?.position ?? null,
        s.noticeDays,
      ]),
    ).toEqual([
      [null, null],
      [null, null],
      [null, null],
      [null, null],
      [2, 10],
    ]);
    expect(standard.steps[0].template).toContain('{{pastDue}}');
  });

  it('refuse bad input with a message saying what to fix, and create nothing', async () => {
    const step = { name: 'S', daysPastDue: 5, minPastDue: '0' };
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ steps: [{ ...step, action: 'CALL_REQUEST', queueKey: 'NO_SUCH_QUEUE' }] }, /no work queue NO_SUCH_QUEUE/],
      [{ steps: [{ ...step, action: 'CALL_REQUEST' }] }, /steps\[0\]: a CALL_REQUEST step needs a queueKey/],
      [{ steps: [{ ...step, action: 'LETTER' }] }, /needs a template/],
      [{ steps: [{ ...step, action: 'REMINDER', template: 'Pay {{balance}} now' }] }, /unknown placeholder \{\{balance\}\}/],
      [{ steps: [{ ...step, action: 'LATE_FEE', feeAmount: '5.00', feePercent: '2' }] }, /exactly one of feeAmount/],
      [{ steps: [{ ...step, action: 'LATE_FEE' }] }, /exactly one of feeAmount/],
      [{ steps: [{ ...step, action: 'LATE_FEE', feePercent: '150' }] }, /feePercent must be more than 0 and at most 100/],
      [{ steps: [{ ...step, action: 'LATE_FEE', feeAmount: '0' }] }, /feeAmount must be more than 0/],
      [{ steps: [{ ...step, action: 'MARKET_DROP', queueKey: 'MARKET_DROPS' }] }, /queueKey does not apply to a MARKET_DROP step/],
      [{ steps: [{ ...step, action: 'DIALER_EXPORT', template: 'x' }] }, /template does not apply/],
      [{ steps: [{ ...step, daysPastDue: -1, action: 'DIALER_EXPORT' }] }, /steps\[0\]\.daysPastDue must be a whole number/],
      [{ steps: [{ ...step, minPastDue: '-1.00', action: 'DIALER_EXPORT' }] }, /minPastDue must not be negative/],
      [{ segments: ['HIGH RISK'] }, /segment "HIGH RISK" may use letters, digits and _ only/],
      [{ name: '  ' }, /Path name must not be empty/],
      [{ isDefault: true, active: false }, /default path must be active/],
    ];
    const before = (await paths()).length;
    for (const [override, message] of cases) {
      const result = await gql(t.url, CREATE, { input: { name: 'Bad', segments: ['X'], steps: [], ...override } }, operator);
      expect({ override, code: errorCode(result) }).toEqual({ override, code: 'BAD_USER_INPUT' });
      expect(result.errors?.[0].message).toMatch(message);
    }
    expect(await paths()).toHaveLength(before);
    const forbidden = await gql(t.url, CREATE, { input: { name: 'Nope', segments: [], steps: [] } }, integrator);
    expect(errorCode(forbidden)).toBe('FORBIDDEN');
  });

  it('have one default at a time', async () => {
    const someone = await account(t, { segment: 'NOBODY_HAS_A_PATH' });
    const hardline = await createPath(t, { name: 'Hardline default', segments: [], isDefault: true, steps: [] });
    const all = await paths();
    expect(all.filter((p: { isDefault: boolean }) => p.isDefault).map((p: { name: string }) => p.name)).toEqual(['Hardline default']);
    expect((await accountState(t, someone.id)).collectionsPath).toEqual({ name: 'Hardline default' });

    // No default at all: an account of a segment without a path has none.
    await gqlOk(t.url, UPDATE, { id: hardline.id, input: { name: 'Hardline', segments: [], isDefault: false, steps: [] } }, operator);
    expect((await accountState(t, someone.id)).collectionsPath).toBeNull();

    // Back to the standard path as the default; an update that leaves isDefault out keeps it.
    const standard = all.find((p: { name: string }) => p.name === 'Standard collections');
    const steps = standard.steps.map(({ id: _id, position: _p, ...rest }: Record<string, unknown>) => rest);
    await gqlOk(t.url, UPDATE, { id: standard.id, input: { name: standard.name, segments: [], isDefault: true, steps } }, operator);
    await gqlOk(t.url, UPDATE, { id: standard.id, input: { name: standard.name, segments: [], steps } }, operator);
    expect((await paths()).filter((p: { isDefault: boolean }) => p.isDefault).map((p: { name: string }) => p.name)).toEqual([
      'Standard collections',
    ]);
    expect((await accountState(t, someone.id)).collectionsPath).toEqual({ name: 'Standard collections' });
  });

  it('follow the explicit assignment first, and pass over inactive paths', async () => {
    const vip = await account(t, { segment: 'VIP' });
    const vipPath = await createPath(t, { name: 'VIP', segments: ['vip'], steps: [] });
    expect(vipPath.segments).toEqual(['VIP']);
    const hardship = await createPath(t, { name: 'Hardship', segments: [], steps: [] });
    expect((await accountState(t, vip.id)).collectionsPath).toEqual({ name: 'VIP' });

    expect((await gqlOk(t.url, ASSIGN, { a: vip.id, p: hardship.id }, operator)).assignCollectionsPath.collectionsPath).toEqual({
      name: 'Hardship',
    });
    await gqlOk(t.url, UPDATE, { id: hardship.id, input: { name: 'Hardship', segments: [], active: false, steps: [] } }, operator);
    expect((await accountState(t, vip.id)).collectionsPath).toEqual({ name: 'VIP' });
    expect(errorCode(await gql(t.url, ASSIGN, { a: vip.id, p: hardship.id }, operator))).toBe('INVALID_STATE');
    expect(errorCode(await gql(t.url, ASSIGN, { a: vip.id, p: '999999' }, operator))).toBe('NOT_FOUND');
    expect(errorCode(await gql(t.url, ASSIGN, { a: '999999', p: vipPath.id }, operator))).toBe('NOT_FOUND');

    await gqlOk(t.url, ASSIGN, { a: vip.id, p: vipPath.id }, operator);
    expect((await gqlOk(t.url, ASSIGN, { a: vip.id, p: null }, operator)).assignCollectionsPath.collectionsPath).toEqual({ name: 'VIP' });
    const audit = await gqlOk(
      t.url,
      'query($id: String) { auditLog(subjectType: "Account", subjectId: $id) { totalCount } }',
      { id: vip.id },
      t.adminToken,
    );
    expect(audit.auditLog.totalCount).toBeGreaterThanOrEqual(3);
  });
});

describe('collections runs', () => {
  it('take each step once when two runs start at the same moment (one of them may answer CONFLICT)', async () => {
    await createPath(t, {
      name: 'Race',
      segments: ['RACE'],
      steps: [{ name: 'Day one', daysPastDue: 1, minPastDue: '0', action: 'REMINDER', template: 'Hi {{name}}' }],
    });
    const racers = [];
    for (let i = 0; i < 5; i++) racers.push(await accountWithInvoices(t, JANUARY, { segment: 'RACE' }));
    const results = await Promise.all([
      gql(t.url, RUN, { asOf: '2026-02-23' }, t.adminToken),
      gql(t.url, RUN, { asOf: '2026-02-23' }, t.adminToken),
    ]);
    // One collections run at a time: a start while another runs is refused, one that comes after it takes nothing twice.
    for (const r of results) if (!r.data?.runCollections) expect(errorCode(r)).toBe('CONFLICT');
    expect(results.reduce((n, r) => n + ((r.data?.runCollections?.actionsTaken as number | undefined) ?? 0), 0)).toBe(5);
    for (const r of racers) expect(await actionsOf(r.id)).toEqual(['2026-02-23 REMINDER']);
  });

  it('replace steps on update: taken actions keep their step, an unchanged step is not taken again, a new one is', async () => {
    const editable = await createPath(t, {
      name: 'Editable',
      segments: ['EDIT'],
      steps: [
        { name: 'Letter', daysPastDue: 3, minPastDue: '0', action: 'LETTER', template: 'Version one for {{name}}' },
        { name: 'Reminder', daysPastDue: 5, minPastDue: '0', action: 'REMINDER', template: 'Reminder' },
      ],
    });
    const a = await accountWithInvoices(t, JANUARY, { segment: 'EDIT', name: 'Ed' });
    await runCollections(t, '2026-02-28');
    expect(await actionsOf(a.id)).toEqual(['2026-02-28 LETTER', '2026-02-28 REMINDER']);

    const updated = await gqlOk(
      t.url,
      UPDATE,
      {
        id: editable.id,
        input: {
          name: 'Editable v2',
          segments: ['EDIT'],
          steps: [
            { name: 'Agency', daysPastDue: 6, minPastDue: '0', action: 'AGENCY_REFERRAL' },
            { name: 'Letter', daysPastDue: 3, minPastDue: '0', action: 'LETTER', template: 'Version two for {{name}}' },
          ],
        },
      },
      operator,
    );
    expect(updated.updateCollectionsPath.steps.map((s: { position: number; action: string }) => `${s.position} ${s.action}`)).toEqual([
      '1 AGENCY_REFERRAL',
      '2 LETTER',
    ]);
    await runCollections(t, '2026-02-28');
    const state = await accountState(t, a.id);
    expect(state.collectionsActions.map((x: { action: string }) => x.action)).toEqual(['LETTER', 'REMINDER', 'AGENCY_REFERRAL']);
    // The letter sent keeps its text and its (now retired) step.
    expect(state.collectionsActions[0]).toMatchObject({
      detail: 'Version one for Ed',
      step: { name: 'Letter', template: 'Version one for {{name}}' },
    });
    expect(state.collectionsActions[1].step).toMatchObject({ name: 'Reminder' });
    const current = updated.updateCollectionsPath.steps.map((s: { id: string }) => s.id);
    expect(current).not.toContain(state.collectionsActions[0].step.id);
    expect(state.collectionsActions[2].detail).toBe('Referred to the collections agency: 40.95 past due for 6 days');
    const audit = await gqlOk(
      t.url,
      'query($id: String) { auditLog(subjectType: "CollectionsPath", subjectId: $id) { nodes { action } } }',
      { id: editable.id },
      t.adminToken,
    );
    expect(audit.auditLog.nodes.map((n: { action: string }) => n.action).sort()).toEqual([
      'createCollectionsPath',
      'updateCollectionsPath',
    ]);
  });

  it('leave accounts with an ACTIVE payment plan alone until an installment is missed', async () => {
    const broken = await accountWithInvoices(t, JANUARY, { segment: 'HIGH_RISK' });
    const keeping = await accountWithInvoices(t, JANUARY, { segment: 'HIGH_RISK' });
    const plan = 'mutation($input: CreatePaymentPlanInput!) { createPaymentPlan(input: $input) { id installments { amount } } }';
    const firstDue = daysFromToday(0);
    for (const a of [broken, keeping]) {
      const created = await gqlOk(t.url, plan, { input: { accountId: a.id, installments: 2, firstDueDate: firstDue } }, operator);
      expect(created.createPaymentPlan.installments.map((i: { amount: string }) => i.amount)).toEqual(['20.47', '20.48']);
    }
    await pay(t, keeping.number, '20.47', integrator);

    // On its due date an installment is not missed yet.
    await runCollections(t, firstDue);
    expect(await actionsOf(broken.id)).toEqual([]);
    expect(await actionsOf(keeping.id)).toEqual([]);

    // The day after, the unpaid first installment breaks the plan and the path resumes where the account stands.
    const dayAfter = daysFromToday(1);
    await runCollections(t, dayAfter);
    expect(await actionsOf(broken.id)).toEqual(['REMINDER', 'DIALER_EXPORT', 'LATE_FEE', 'MARKET_DROP'].map((a) => `${dayAfter} ${a}`));
    expect(await actionsOf(keeping.id)).toEqual([]);
    const plans = 'query($id: ID) { account(id: $id) { paymentPlan { status installments { status } } } }';
    expect((await gqlOk(t.url, plans, { id: broken.id }, t.adminToken)).account.paymentPlan).toEqual({
      status: 'BROKEN',
      installments: [{ status: 'MISSED' }, { status: 'DUE' }],
    });
    expect((await gqlOk(t.url, plans, { id: keeping.id }, t.adminToken)).account.paymentPlan.status).toBe('ACTIVE');
    const events = await gqlOk(t.url, '{ events(types: [PAYMENT_PLAN_BROKEN]) { nodes { accountNumber } } }', {}, t.adminToken);
    expect(events.events.nodes).toEqual([{ accountNumber: broken.number }]);
  });

  it('isolate an account that fails, and a re-run finishes its work', async () => {
    await createQueue(t, 'FLAKY', 'Calls that fail');
    await createPath(t, {
      name: 'Flaky',
      segments: ['FLAKY'],
      steps: [
        { name: 'Letter', daysPastDue: 1, minPastDue: '0', action: 'LETTER', template: 'Dear {{name}}' },
        { name: 'Call', daysPastDue: 1, minPastDue: '0', action: 'CALL_REQUEST', queueKey: 'FLAKY' },
      ],
    });
    const flaky = await accountWithInvoices(t, JANUARY, { segment: 'FLAKY' });
    const steady = await accountWithInvoices(t, JANUARY, { segment: 'RACE' });
    // The queue disappears behind the hub's back: filing the call fails for this one account.
    await t.hub.db.manager.query("UPDATE work_queue SET queue_key = 'FLAKY_GONE' WHERE queue_key = 'FLAKY'");
    const failed = await runCollections(t, '2026-02-24');
    expect(failed).toMatchObject({ status: 'COMPLETED', accountsFailed: 1 });
    expect(await actionsOf(flaky.id)).toEqual([]);
    expect(await actionsOf(steady.id)).toEqual(['2026-02-24 REMINDER']);

    await t.hub.db.manager.query("UPDATE work_queue SET queue_key = 'FLAKY' WHERE queue_key = 'FLAKY_GONE'");
    const rerun = await runCollections(t, '2026-02-24');
    expect(rerun).toMatchObject({ status: 'COMPLETED', accountsFailed: 0, actionsTaken: 2 });
    expect(await actionsOf(flaky.id)).toEqual(['2026-02-24 LETTER', '2026-02-24 CALL_REQUEST']);
    expect(await actionsOf(steady.id)).toEqual(['2026-02-24 REMINDER']);
  });

  it('mark a run that died with its process FAILED when the next one starts', async () => {
    const dead = await runCollections(t, '2026-02-24');
    await t.hub.db.manager.query(
      "UPDATE collections_run SET status = 'RUNNING', finished_at = NULL, heartbeat_at = '2026-01-01 00:00:00' WHERE id = ?",
      [dead.id],
    );
    const next = await runCollections(t, '2026-02-24');
    expect(next).toMatchObject({ status: 'COMPLETED', actionsTaken: 0 });
    const old = await gqlOk(t.url, 'query($id: ID!) { collectionsRun(id: $id) { status finishedAt } }', { id: dead.id }, t.adminToken);
    expect(old.collectionsRun.status).toBe('FAILED');
  });

  it('answer at once without wait, and the run can be followed to its end', async () => {
    const started = (await gqlOk(t.url, RUN, { asOf: '2026-03-03', wait: false }, operator)).runCollections;
    expect(started.status).toBe('RUNNING');
    let status = started.status;
    for (let i = 0; i < 100 && status === 'RUNNING'; i++) {
      await sleep(50);
      status = (await gqlOk(t.url, 'query($id: ID!) { collectionsRun(id: $id) { status } }', { id: started.id }, integrator)).collectionsRun
        .status;
    }
    expect(status).toBe('COMPLETED');
    expect(errorCode(await gql(t.url, 'query { collectionsRun(id: "abc") { id } }', {}, integrator))).toBe('BAD_USER_INPUT');
    expect((await gqlOk(t.url, 'query { collectionsRun(id: "999999") { id } }', {}, integrator)).collectionsRun).toBeNull();
    expect(errorCode(await gql(t.url, RUN, { asOf: '2026-02-30' }, operator))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(t.url, RUN, { asOf: '2026-03-03' }, integrator))).toBe('FORBIDDEN');
  });
});
