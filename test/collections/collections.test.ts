import { errorCode, gql, gqlOk } from '../support/client';
import { accountWithInvoices } from '../support/billing';
import { daysFromToday } from '../support/dates';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { accountState, createPath, createQueue, HIGH_RISK_PATH, pay, runCollections, VIP_PATH } from './helpers';

/**
 * The seed's collections story: a VIP, a high-risk and a residential account
 * each owe 40.95 (310 kWh x 0.10 + 9.95), issued 2026-02-01 and due 2026-02-22
 * (21 days' terms), and follow their paths as the days go by.
 */
let t: TestHub;
let integrator: string;
let operator: string;
let vip: { id: string; number: string };
let risky: { id: string; number: string };
let resident: { id: string; number: string };
const runIds: Record<string, string> = {};

const JANUARY = [{ start: '2026-01-01', end: '2026-02-01', kwh: 310 }];

beforeAll(async () => {
  t = await startTestHub();
  integrator = await t.apiKey('INTEGRATOR');
  operator = await t.userToken('OPERATOR');
  await createQueue(t, 'VIP_CARE', 'VIP white-glove calls');
  await createPath(t, VIP_PATH, operator);
  await createPath(t, HIGH_RISK_PATH, operator);
  vip = await accountWithInvoices(t, JANUARY, { name: 'Vera Important', segment: 'VIP', phone: '+1 555 0100' });
  risky = await accountWithInvoices(t, JANUARY, { name: 'Rick "Risky" Jones, Jr.', segment: 'HIGH_RISK', phone: '+1 (555) 010-0199' });
  resident = await accountWithInvoices(t, JANUARY, { name: 'Rita Resident', segment: 'RESIDENTIAL' });
});
afterAll(async () => checkMoneyAndStop(t));

function actionsOf(account: { collectionsActions: Array<{ action: string; asOf: string }> }): string[] {
  return account.collectionsActions.map((a) => `${a.asOf} ${a.action}`);
}

async function run(asOf: string, expected: { accountsEvaluated: number; actionsTaken: number }) {
  const result = await runCollections(t, asOf, operator);
  expect(result).toMatchObject({ asOf, status: 'COMPLETED', accountsFailed: 0, ...expected });
  expect(result.finishedAt).toBeTruthy();
  runIds[asOf] = result.id;
  return result;
}

describe('the seed collections story', () => {
  it('puts each account on its path: its segment path, else the default path', async () => {
    expect((await accountState(t, vip.id)).collectionsPath).toEqual({ name: 'VIP white glove' });
    expect((await accountState(t, risky.id)).collectionsPath).toEqual({ name: 'High risk' });
    expect((await accountState(t, resident.id)).collectionsPath).toEqual({ name: 'Standard collections' });
  });

  it('takes nothing on the due date itself', async () => {
    await run('2026-02-22', { accountsEvaluated: 0, actionsTaken: 0 });
  });

  it('sends the high-risk notice at 3 days, and takes nothing more when the same day is run again', async () => {
    await run('2026-02-25', { accountsEvaluated: 3, actionsTaken: 1 });
    const rick = await accountState(t, risky.id);
    expect(rick.collectionsActions).toEqual([
      expect.objectContaining({
        action: 'REMINDER',
        asOf: '2026-02-25',
        detail: `NOTICE ${risky.number}: pay 40.95 now.`,
        step: expect.objectContaining({ name: 'Past-due notice' }),
        workItem: null,
      }),
    ]);
    await run('2026-02-25', { accountsEvaluated: 3, actionsTaken: 0 });
    expect((await accountState(t, risky.id)).collectionsActions).toHaveLength(1);
  });

  it('at 10 days exports to the dialer, charges the late fee, sends the VIP letter and the standard reminder', async () => {
    const tenDays = await run('2026-03-04', { accountsEvaluated: 3, actionsTaken: 4 });
    expect(tenDays.dialerCsv).toBe(
      `accountNumber,name,phone,pastDue,daysPastDue\r\n${risky.number},"Rick ""Risky"" Jones, Jr.",+1 (555) 010-0199,40.95,10\r\n`,
    );

    const rick = await accountState(t, risky.id);
    expect(actionsOf(rick)).toEqual(['2026-02-25 REMINDER', '2026-03-04 DIALER_EXPORT', '2026-03-04 LATE_FEE']);
    const fee = rick.collectionsActions[2];
    // 5% of 40.95 is 2.0475: 2.05.
    expect(fee.detail).toMatch(/^Late fee 2\.05 \(5% of 40\.95\) on invoice INV-\d{8}, due 2026-03-04$/);
    const invoice = await gqlOk(
      t.url,
      'query($n: ID!) { invoice(id: $n) { status total amountDue issueDate dueDate lines { kind amount description } } }',
      { n: fee.invoice.id },
      t.adminToken,
    );
    expect(invoice.invoice).toMatchObject({
      status: 'ISSUED',
      total: '2.05',
      amountDue: '2.05',
      issueDate: '2026-03-04',
      dueDate: '2026-03-04',
      lines: [{ kind: 'FEE', amount: '2.05', description: 'Late fee: 5% of 40.95 past due on 2026-03-04' }],
    });

    const vera = await accountState(t, vip.id);
    expect(vera.collectionsActions).toEqual([
      expect.objectContaining({
        action: 'LETTER',
        asOf: '2026-03-04',
        detail: `Dear Vera Important, a gentle note: 40.95 on account ${vip.number} is 10 days overdue.`,
      }),
    ]);
    const rita = await accountState(t, resident.id);
    expect(rita.collectionsActions).toEqual([
      expect.objectContaining({
        action: 'REMINDER',
        detail: `Hello Rita Resident, a friendly reminder: 40.95 on account ${resident.number} is 10 days past due. If you have already paid, thank you.`,
      }),
    ]);
  });

  it('serves the dialer file over HTTP to the same credentials as GraphQL', async () => {
    const url = `${t.url}/exports/dialer/${runIds['2026-03-04']}.csv`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${integrator}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="dialer-\d+-2026-03-04\.csv"/);
    expect(await res.text()).toBe(
      `accountNumber,name,phone,pastDue,daysPastDue\r\n${risky.number},"Rick ""Risky"" Jones, Jr.",+1 (555) 010-0199,40.95,10\r\n`,
    );
    expect((await fetch(url, { headers: { authorization: `Bearer ${operator}` } })).status).toBe(200);
    // A run without exports still has its header.
    const empty = await fetch(`${t.url}/exports/dialer/${runIds['2026-02-22']}.csv`, {
      headers: { authorization: `Bearer ${t.adminToken}` },
    });
    expect(await empty.text()).toBe('accountNumber,name,phone,pastDue,daysPastDue\r\n');

    const partner = await t.apiKey('PARTNER');
    expect((await fetch(url, { headers: { authorization: `Bearer ${partner}` } })).status).toBe(403);
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer hub_not_a_key' } })).status).toBe(401);
    expect((await fetch(`${t.url}/exports/dialer/999999.csv`, { headers: { authorization: `Bearer ${integrator}` } })).status).toBe(404);
    expect((await fetch(`${t.url}/exports/dialer/abc.csv`, { headers: { authorization: `Bearer ${integrator}` } })).status).toBe(404);
  });

  it('at 15 days drops the high-risk account from the market and sends the standard letter', async () => {
    await run('2026-03-09', { accountsEvaluated: 3, actionsTaken: 2 });
    const rick = await accountState(t, risky.id);
    expect(rick.status).toBe('DROP_PENDING');
    // The fee, due on 2026-03-04, is past due too now.
    expect(rick.pastDue).toBe('43.00');
    const drop = rick.collectionsActions[3];
    expect(drop).toMatchObject({
      action: 'MARKET_DROP',
      asOf: '2026-03-09',
      workItem: { status: 'OPEN', kind: 'MARKET_DROP', queue: { key: 'MARKET_DROPS' } },
    });
    expect(actionsOf(await accountState(t, resident.id))).toEqual(['2026-03-04 REMINDER', '2026-03-09 LETTER']);
    const changed = await gqlOk(
      t.url,
      '{ events(types: [ACCOUNT_STATUS_CHANGED]) { nodes { subjectId accountNumber payload } } }',
      {},
      t.adminToken,
    );
    expect(changed.events.nodes).toEqual([
      {
        subjectId: risky.id,
        accountNumber: risky.number,
        payload: expect.objectContaining({ from: 'ACTIVE', to: 'DROP_PENDING' }),
      },
    ]);
  });

  it('at 20 days files the VIP call request in the VIP queue', async () => {
    // The DROP_PENDING account is still evaluated; its path has nothing more to do.
    await run('2026-03-14', { accountsEvaluated: 3, actionsTaken: 1 });
    const vera = await accountState(t, vip.id);
    expect(actionsOf(vera)).toEqual(['2026-03-04 LETTER', '2026-03-14 CALL_REQUEST']);
    expect(vera.collectionsActions[1].workItem).toMatchObject({ status: 'OPEN', kind: 'CALL_REQUEST', queue: { key: 'VIP_CARE' } });
    const queue = await gqlOk(
      t.url,
      '{ workQueue(key: "VIP_CARE") { openCount items { nodes { title account { number } } } } }',
      {},
      t.adminToken,
    );
    expect(queue.workQueue.openCount).toBe(1);
    expect(queue.workQueue.items.nodes[0]).toEqual({
      title: `${vip.number} Vera Important: call about 40.95 past due for 20 days`,
      account: { number: vip.number },
    });
  });

  it('confirms the market drop: DROPPED, its work item resolved, and only once', async () => {
    const confirm = 'mutation($id: ID!) { confirmMarketDrop(accountId: $id) { status } }';
    expect((await gqlOk(t.url, confirm, { id: risky.id }, operator)).confirmMarketDrop.status).toBe('DROPPED');
    const rick = await accountState(t, risky.id);
    expect(rick.collectionsActions[3].workItem.status).toBe('RESOLVED');
    expect(errorCode(await gql(t.url, confirm, { id: risky.id }, operator))).toBe('INVALID_STATE');
    expect(errorCode(await gql(t.url, confirm, { id: vip.id }, operator))).toBe('INVALID_STATE');
    expect(errorCode(await gql(t.url, confirm, { id: risky.id }, integrator))).toBe('FORBIDDEN');
    const changed = await gqlOk(t.url, '{ events(types: [ACCOUNT_STATUS_CHANGED]) { nodes { payload } } }', {}, t.adminToken);
    expect(changed.events.nodes.map((e: { payload: { to: string } }) => e.payload.to)).toEqual(['DROP_PENDING', 'DROPPED']);
    const audit = await gqlOk(
      t.url,
      'query($id: String) { auditLog(subjectType: "Account", subjectId: $id) { nodes { action } } }',
      { id: risky.id },
      t.adminToken,
    );
    expect(audit.auditLog.nodes.map((n: { action: string }) => n.action)).toEqual(
      expect.arrayContaining(['requestMarketDrop', 'confirmMarketDrop']),
    );
  });

  it('ends the delinquency on a payment in full; the next one starts the path over', async () => {
    await pay(t, vip.number, '40.95', integrator);
    // Nobody calls a customer who has paid: the open call request is closed with the delinquency, by the payment.
    const call = (await accountState(t, vip.id)).collectionsActions[1].workItem;
    const item = await gqlOk(t.url, 'query($id: ID!) { workItem(id: $id) { status resolution } }', { id: call.id }, t.adminToken);
    expect(item.workItem).toEqual({ status: 'RESOLVED', resolution: `Delinquency over: nothing past due as of ${daysFromToday(0)}` });
    // Vera is paid up and Rick is dropped: only Rita is left, with nothing due between 20 and 30 days.
    await run('2026-03-20', { accountsEvaluated: 1, actionsTaken: 0 });

    // February's bill, issued 2026-03-01 and due 2026-03-22, goes unpaid.
    await gqlOk(
      t.url,
      'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }',
      { reads: [{ accountNumber: vip.number, periodStart: '2026-02-01', periodEnd: '2026-03-01', quantity: '280' }] },
      integrator,
    );
    await gqlOk(t.url, 'mutation { runBilling(asOf: "2026-03-01") { invoicesIssued } }', {}, t.adminToken);
    // Vera at 10 days again gets the friendly letter again; Rita at 38 days gets the standard late fee and call.
    await run('2026-04-01', { accountsEvaluated: 2, actionsTaken: 3 });
    const vera = await accountState(t, vip.id);
    expect(actionsOf(vera)).toEqual(['2026-03-04 LETTER', '2026-03-14 CALL_REQUEST', '2026-04-01 LETTER']);
    expect(vera.collectionsActions[2].detail).toBe(
      `Dear Vera Important, a gentle note: 37.95 on account ${vip.number} is 10 days overdue.`,
    );
    const rita = await accountState(t, resident.id);
    expect(actionsOf(rita)).toEqual(['2026-03-04 REMINDER', '2026-03-09 LETTER', '2026-04-01 LATE_FEE', '2026-04-01 CALL_REQUEST']);
    expect(rita.collectionsActions[2].detail).toMatch(/^Late fee 5\.00 \(fixed\) on invoice INV-\d{8}, due 2026-04-01$/);
    expect(rita.collectionsActions[3].workItem.queue.key).toBe('COLLECTIONS_CALLS');
  });

  it('announced every action with COLLECTIONS_ACTION_TAKEN', async () => {
    const events = await gqlOk(
      t.url,
      '{ events(types: [COLLECTIONS_ACTION_TAKEN], first: 100) { totalCount nodes { subjectId accountNumber payload } } }',
      {},
      t.adminToken,
    );
    expect(events.events.totalCount).toBe(11);
    const rick = await accountState(t, risky.id);
    const notice = events.events.nodes.find((e: { subjectId: string }) => e.subjectId === rick.collectionsActions[0].id);
    expect(notice).toMatchObject({
      accountNumber: risky.number,
      payload: {
        action: 'REMINDER',
        pathName: 'High risk',
        stepName: 'Past-due notice',
        asOf: '2026-02-25',
        pastDue: '40.95',
        daysPastDue: 3,
        detail: `NOTICE ${risky.number}: pay 40.95 now.`,
      },
    });
  });
});
