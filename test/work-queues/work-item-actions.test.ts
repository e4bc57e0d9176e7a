import { errorCode, gql, gqlOk } from '../support/client';
import { account, enroll, publishedProduct, unique } from '../support/factories';
import { relayed, startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';

let t: TestHub;
let operator: string;
let productCode: string;

const RESOLVE = 'mutation($id: ID!, $r: String!) { resolveWorkItem(id: $id, resolution: $r) { id status resolution } }';
const ITEM = 'query($id: ID!) { workItem(id: $id) { id kind status resolution assignee { username } } }';
const ACCOUNT_ITEMS = `query($id: ID) { account(id: $id) { status workItems { nodes { id kind status resolution queue { key } } } } }`;
const CANCEL = 'mutation($a: ID!, $r: String!) { cancelMarketDrop(accountId: $a, reason: $r) { id status } }';
const REASSIGN = 'mutation($id: ID!, $u: ID!) { reassignWorkItem(id: $id, userId: $u) { id status assignee { username } } }';

async function usage(accounts: Array<{ number: string }>, periodStart = '2025-01-01', periodEnd = '2025-02-01'): Promise<void> {
  const reads = accounts.map((a) => ({ accountNumber: a.number, periodStart, periodEnd, quantity: '100' }));
  const data = await gqlOk(
    t.url,
    'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted rejected { message } } }',
    { reads },
    t.adminToken,
  );
  expect(data.recordUsage.rejected).toEqual([]);
}

const runBilling = (asOf: string) => gqlOk(t.url, 'mutation($d: Date!) { runBilling(asOf: $d) { status } }', { d: asOf }, t.adminToken);

async function itemsOf(accountId: string): Promise<Array<{ id: string; kind: string; status: string; resolution: string | null }>> {
  return (await gqlOk(t.url, ACCOUNT_ITEMS, { id: accountId }, t.adminToken)).account.workItems.nodes;
}

async function userId(username: string): Promise<string> {
  const data = await gqlOk(t.url, '{ users { id username } }', {}, t.adminToken);
  return data.users.find((u: { username: string }) => u.username === username).id;
}

beforeAll(async () => {
  t = await startTestHub();
  operator = await t.userToken('OPERATOR', 'wi-operator');
  productCode = (await publishedProduct(t, { rates: [{ effectiveFrom: '2020-01-01', unitPrice: '0.10' }] }, '2020-01-01')).code;
  await gqlOk(
    t.url,
    'mutation($input: BillingRulesInput!) { setBillingRules(input: $input) { segment } }',
    { input: { segment: 'WI_HOLD', highConsumptionFactor: '2', swingPercent: '50', maxInvoiceAmount: '1.00', paymentTermsDays: 21 } },
    t.adminToken,
  );
});
afterAll(async () => checkMoneyAndStop(t));

describe('resolving a work item by hand', () => {
  it('is refused while its invoice is HELD, naming the actions; releasing or voiding the invoice resolves the item', async () => {
    const released = await account(t, { segment: 'WI_HOLD' });
    const voided = await account(t, { segment: 'WI_HOLD' });
    for (const a of [released, voided]) await enroll(t, a.id, productCode, '2020-01-01');
    await usage([released, voided]);
    await runBilling('2025-02-01');
    const [releaseItem] = await itemsOf(released.id);
    const [voidItem] = await itemsOf(voided.id);
    expect([releaseItem.kind, voidItem.kind]).toEqual(['HELD_INVOICE', 'HELD_INVOICE']);

    const refused = await gql(t.url, RESOLVE, { id: releaseItem.id, r: 'Looks fine' }, operator);
    expect(errorCode(refused)).toBe('INVALID_STATE');
    expect(refused.errors?.[0].message).toMatch(/HELD: release it \(releaseInvoice\) or void it \(voidInvoice\)/);
    expect((await gqlOk(t.url, ITEM, { id: releaseItem.id }, operator)).workItem.status).toBe('OPEN');

    const invoiceOf = async (id: string) =>
      (await gqlOk(t.url, 'query($id: ID) { account(id: $id) { invoices { nodes { id status } } } }', { id }, t.adminToken)).account
        .invoices.nodes[0];
    await gqlOk(
      t.url,
      'mutation($id: ID!) { releaseInvoice(id: $id, note: "Checked the meter") { status } }',
      { id: (await invoiceOf(released.id)).id },
      operator,
    );
    await gqlOk(
      t.url,
      'mutation($id: ID!) { voidInvoice(id: $id, reason: "Misread") { status } }',
      { id: (await invoiceOf(voided.id)).id },
      operator,
    );
    expect((await gqlOk(t.url, ITEM, { id: releaseItem.id }, operator)).workItem).toMatchObject({
      status: 'RESOLVED',
      resolution: 'Checked the meter',
    });
    expect((await gqlOk(t.url, ITEM, { id: voidItem.id }, operator)).workItem).toMatchObject({
      status: 'RESOLVED',
      resolution: expect.stringMatching(/Misread/),
    });
    // Now the cause is settled, and the item with it.
    expect(errorCode(await gql(t.url, RESOLVE, { id: releaseItem.id, r: 'Again' }, operator))).toBe('INVALID_STATE');
  });

  it('resolves a critical exception with its item; the next run raises it anew while the enrollment is missing, and bills once it is there', async () => {
    const unenrolled = await account(t);
    await usage([unenrolled], '2025-03-01', '2025-04-01');
    await runBilling('2025-04-01');
    const [first] = await itemsOf(unenrolled.id);
    expect(first).toMatchObject({ kind: 'NO_ENROLLMENT', status: 'OPEN' });
    const exceptionsOf = async () =>
      (
        await gqlOk(t.url, '{ billingExceptions(first: 500) { nodes { id code status account { id } } } }', {}, t.adminToken)
      ).billingExceptions.nodes.filter((x: { account: { id: string } }) => x.account.id === unenrolled.id);

    await gqlOk(t.url, RESOLVE, { id: first.id, r: 'Asked sales for the contract' }, operator);
    expect((await exceptionsOf()).map((x: { status: string }) => x.status)).toEqual(['RESOLVED']);
    await relayed(t);
    const resolvedEvents = await gqlOk(
      t.url,
      '{ events(types: [EXCEPTION_RESOLVED], first: 500) { nodes { accountNumber payload } } }',
      {},
      t.adminToken,
    );
    expect(resolvedEvents.events.nodes).toContainEqual(
      expect.objectContaining({
        accountNumber: unenrolled.number,
        payload: expect.objectContaining({ resolution: 'Asked sales for the contract' }),
      }),
    );

    // Still no enrollment: the next run says so again, with a new item.
    await runBilling('2025-04-01');
    const again = (await itemsOf(unenrolled.id)).filter((i) => i.status === 'OPEN');
    expect(again).toEqual([expect.objectContaining({ kind: 'NO_ENROLLMENT' })]);
    expect((await exceptionsOf()).map((x: { status: string }) => x.status).sort()).toEqual(['OPEN', 'RESOLVED']);

    // Enrolled, the account bills and the run resolves the exception and its item.
    await enroll(t, unenrolled.id, productCode, '2020-01-01');
    await runBilling('2025-04-01');
    expect((await itemsOf(unenrolled.id)).every((i) => i.status === 'RESOLVED')).toBe(true);
    expect((await exceptionsOf()).map((x: { status: string }) => x.status)).toEqual(['RESOLVED', 'RESOLVED']);
  });

  it('lets a call request be resolved with its outcome', async () => {
    const item = await t.hub.db.transaction((tx) =>
      t.hub.services.workQueues.createItem(tx, { queueKey: 'COLLECTIONS_CALLS', kind: 'CALL_REQUEST', title: 'Call about 40.00' }),
    );
    const data = await gqlOk(t.url, RESOLVE, { id: item.id, r: 'Reached: promised to pay by Friday' }, operator);
    expect(data.resolveWorkItem).toMatchObject({ status: 'RESOLVED', resolution: 'Reached: promised to pay by Friday' });
  });
});

describe('market drops', () => {
  let dropping: { id: string; number: string };
  let keeping: { id: string; number: string };

  beforeAll(async () => {
    await gqlOk(
      t.url,
      'mutation($input: CollectionsPathInput!) { createCollectionsPath(input: $input) { id } }',
      {
        input: {
          name: 'Drop fast',
          segments: ['WI_DROP'],
          steps: [{ name: 'Drop', daysPastDue: 1, minPastDue: '0', action: 'MARKET_DROP' }],
        },
      },
      t.adminToken,
    );
    dropping = await account(t, { segment: 'WI_DROP' });
    keeping = await account(t, { segment: 'WI_DROP' });
    for (const a of [dropping, keeping]) await enroll(t, a.id, productCode, '2020-01-01');
    await usage([dropping, keeping], '2025-05-01', '2025-06-01');
    await runBilling('2025-06-01');
    await gqlOk(t.url, 'mutation { runCollections(asOf: "2025-09-01") { status } }', {}, t.adminToken);
  });

  it('refuses to resolve the drop item by hand while the account is DROP_PENDING', async () => {
    const [item] = await itemsOf(keeping.id);
    expect(item).toMatchObject({ kind: 'MARKET_DROP', status: 'OPEN' });
    const refused = await gql(t.url, RESOLVE, { id: item.id, r: 'Dropped' }, operator);
    expect(errorCode(refused)).toBe('INVALID_STATE');
    expect(refused.errors?.[0].message).toMatch(/DROP_PENDING: confirm the drop \(confirmMarketDrop\) or cancel it \(cancelMarketDrop\)/);
  });

  it('cancels a drop: the account is ACTIVE again and the item resolved with the reason; refuses bad calls without changing anything', async () => {
    expect(errorCode(await gql(t.url, CANCEL, { a: keeping.id, r: ' ' }, operator))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(t.url, CANCEL, { a: keeping.id, r: 'x'.repeat(1001) }, operator))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(t.url, CANCEL, { a: '999999', r: 'Paid' }, operator))).toBe('NOT_FOUND');
    expect(errorCode(await gql(t.url, CANCEL, { a: keeping.id, r: 'Paid' }, await t.apiKey('INTEGRATOR')))).toBe('FORBIDDEN');
    expect((await gqlOk(t.url, ACCOUNT_ITEMS, { id: keeping.id }, t.adminToken)).account.status).toBe('DROP_PENDING');

    const cancelled = await gqlOk(t.url, CANCEL, { a: keeping.id, r: 'Paid at the counter' }, operator);
    expect(cancelled.cancelMarketDrop).toEqual({ id: keeping.id, status: 'ACTIVE' });
    const [item] = await itemsOf(keeping.id);
    expect(item).toMatchObject({ status: 'RESOLVED', resolution: 'Market drop cancelled by wi-operator: Paid at the counter' });
    await relayed(t);
    const events = await gqlOk(
      t.url,
      '{ events(types: [ACCOUNT_STATUS_CHANGED], first: 500) { nodes { subjectId payload } } }',
      {},
      t.adminToken,
    );
    expect(
      events.events.nodes
        .filter((e: { subjectId: string }) => e.subjectId === keeping.id)
        .map((e: { payload: { to: string } }) => e.payload.to),
    ).toEqual(['DROP_PENDING', 'ACTIVE']);
    const audit = await gqlOk(
      t.url,
      'query($id: String) { auditLog(subjectType: "Account", subjectId: $id) { nodes { action actor } } }',
      { id: keeping.id },
      t.adminToken,
    );
    expect(audit.auditLog.nodes).toContainEqual({ action: 'cancelMarketDrop', actor: 'wi-operator' });

    const again = await gql(t.url, CANCEL, { a: keeping.id, r: 'Paid' }, operator);
    expect(errorCode(again)).toBe('INVALID_STATE');
    expect(again.errors?.[0].message).toMatch(/ACTIVE/);
    // The delinquency goes on, but its drop step is not taken twice.
    await gqlOk(t.url, 'mutation { runCollections(asOf: "2025-09-02") { status } }', {}, t.adminToken);
    expect((await gqlOk(t.url, ACCOUNT_ITEMS, { id: keeping.id }, t.adminToken)).account.status).toBe('ACTIVE');
  });

  it('confirms the other drop, which resolves its item; a confirmed drop cannot be cancelled', async () => {
    await gqlOk(t.url, 'mutation($a: ID!) { confirmMarketDrop(accountId: $a) { status } }', { a: dropping.id }, operator);
    const [item] = await itemsOf(dropping.id);
    expect(item.status).toBe('RESOLVED');
    expect(errorCode(await gql(t.url, CANCEL, { a: dropping.id, r: 'Too late' }, operator))).toBe('INVALID_STATE');
  });
});

describe('workItems', () => {
  const QUERY = `query($q: String, $s: WorkItemStatus, $a: ID, $search: String, $first: Int, $after: String) {
    workItems(queueKey: $q, status: $s, assigneeId: $a, search: $search, first: $first, after: $after) {
      nodes { id title status queue { key } assignee { username } } pageInfo { endCursor hasNextPage } totalCount } }`;
  let queueKey: string;
  let ids: string[];

  beforeAll(async () => {
    queueKey = `WI_${process.pid}`.slice(0, 32);
    await gqlOk(
      t.url,
      'mutation($input: CreateWorkQueueInput!) { createWorkQueue(input: $input) { key } }',
      { input: { key: queueKey, name: 'Listing desk', slaMinutes: 60 } },
      t.adminToken,
    );
    ids = await t.hub.db.transaction(async (tx) => {
      const filed: string[] = [];
      for (let i = 1; i <= 7; i++) {
        const item = await t.hub.services.workQueues.createItem(tx, {
          queueKey,
          kind: 'CALL_REQUEST',
          title: i === 3 ? 'ACC-LIST-3 Olga 100%_done' : `ACC-LIST-${i} Customer ${i}`,
          accountNumber: `ACC-LIST-${i}`,
        });
        filed.push(item.id);
      }
      return filed;
    });
    await gqlOk(t.url, 'mutation($id: ID!) { claimWorkItem(id: $id) { id } }', { id: ids[1] }, operator);
    await gqlOk(t.url, RESOLVE, { id: ids[2], r: 'Done' }, operator);
  });

  it('pages through a queue oldest first with a total', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: {
        workItems: { nodes: Array<{ id: string }>; pageInfo: { endCursor: string; hasNextPage: boolean }; totalCount: number };
      } = await gqlOk(t.url, QUERY, { q: queueKey, first: 3, after }, operator);
      expect(data.workItems.totalCount).toBe(7);
      seen.push(...data.workItems.nodes.map((n) => n.id));
      if (!data.workItems.pageInfo.hasNextPage) break;
      after = data.workItems.pageInfo.endCursor;
    }
    expect(seen).toEqual(ids);
  });

  it('filters by status, assignee and search, together', async () => {
    const of = async (vars: Record<string, unknown>) => (await gqlOk(t.url, QUERY, { q: queueKey, ...vars }, operator)).workItems;
    expect((await of({ s: 'OPEN' })).totalCount).toBe(5);
    expect((await of({ s: 'IN_PROGRESS' })).nodes.map((n: { id: string }) => n.id)).toEqual([ids[1]]);
    const mine = await of({ a: await userId('wi-operator') });
    expect(mine.nodes.map((n: { id: string }) => n.id)).toEqual([ids[1], ids[2]]);
    expect((await of({ a: await userId('wi-operator'), s: 'RESOLVED' })).nodes.map((n: { id: string }) => n.id)).toEqual([ids[2]]);
    // Title or account number, ignoring case; wildcards are plain text.
    expect((await of({ search: 'olga' })).nodes.map((n: { id: string }) => n.id)).toEqual([ids[2]]);
    expect((await of({ search: 'acc-list-5' })).nodes.map((n: { id: string }) => n.id)).toEqual([ids[4]]);
    expect((await of({ search: '%_' })).nodes.map((n: { id: string }) => n.id)).toEqual([ids[2]]);
    expect((await of({ search: 'nobody' })).totalCount).toBe(0);
    // Across queues without a key.
    const all = (await gqlOk(t.url, QUERY, { search: 'ACC-LIST-7' }, operator)).workItems;
    expect(all.nodes).toEqual([expect.objectContaining({ id: ids[6], queue: { key: queueKey } })]);
  });

  it('matches nothing for an unknown queue and refuses malformed arguments', async () => {
    expect((await gqlOk(t.url, QUERY, { q: 'NO_SUCH_QUEUE' }, operator)).workItems).toMatchObject({ nodes: [], totalCount: 0 });
    expect(errorCode(await gql(t.url, QUERY, { a: 'abc' }, operator))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(t.url, QUERY, { first: 0 }, operator))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(t.url, QUERY, { after: 'nonsense' }, operator))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(t.url, QUERY, {}, await t.apiKey('PARTNER')))).toBe('FORBIDDEN');
  });
});

describe('reassignWorkItem', () => {
  it('lets an admin hand a claimed or open item to an operator, announcing it', async () => {
    const other = await t.userToken('OPERATOR', unique('wi-other').toLowerCase());
    const otherName = (await gqlOk(t.url, '{ me { username } }', {}, other)).me.username as string;
    const [claimed, open] = await t.hub.db.transaction(async (tx) => [
      await t.hub.services.workQueues.createItem(tx, {
        queueKey: 'COLLECTIONS_CALLS',
        kind: 'CALL_REQUEST',
        title: 'Call A',
        accountNumber: 'ACC-R1',
      }),
      await t.hub.services.workQueues.createItem(tx, { queueKey: 'COLLECTIONS_CALLS', kind: 'CALL_REQUEST', title: 'Call B' }),
    ]);
    await gqlOk(t.url, 'mutation($id: ID!) { claimWorkItem(id: $id) { id } }', { id: claimed.id }, operator);

    const handed = await gqlOk(t.url, REASSIGN, { id: claimed.id, u: await userId(otherName) }, t.adminToken);
    expect(handed.reassignWorkItem).toEqual({ id: claimed.id, status: 'IN_PROGRESS', assignee: { username: otherName } });
    const fromOpen = await gqlOk(t.url, REASSIGN, { id: open.id, u: await userId('wi-operator') }, t.adminToken);
    expect(fromOpen.reassignWorkItem).toMatchObject({ status: 'IN_PROGRESS', assignee: { username: 'wi-operator' } });
    // The new holder works it; the old one is told who holds it.
    const conflict = await gql(t.url, 'mutation($id: ID!) { claimWorkItem(id: $id) { id } }', { id: claimed.id }, operator);
    expect(errorCode(conflict)).toBe('CONFLICT');
    expect(conflict.errors?.[0].message).toContain(otherName);
    // Again to the same user: nothing changes, nothing is announced.
    await gqlOk(t.url, REASSIGN, { id: claimed.id, u: await userId(otherName) }, t.adminToken);

    await relayed(t);
    const events = await gqlOk(
      t.url,
      '{ events(types: [WORK_ITEM_UPDATED], first: 500) { nodes { subjectId accountNumber payload } } }',
      {},
      t.adminToken,
    );
    const reassigned = events.events.nodes.filter(
      (e: { subjectId: string; payload: { change: string } }) => e.subjectId === claimed.id && e.payload.change === 'REASSIGNED',
    );
    expect(reassigned).toEqual([
      {
        subjectId: claimed.id,
        accountNumber: 'ACC-R1',
        payload: expect.objectContaining({ status: 'IN_PROGRESS', assigneeUserId: await userId(otherName) }),
      },
    ]);
  });

  it('refuses operators, resolved items, users who cannot work items and unknown ones', async () => {
    const item = await t.hub.db.transaction((tx) =>
      t.hub.services.workQueues.createItem(tx, { queueKey: 'COLLECTIONS_CALLS', kind: 'CALL_REQUEST', title: 'Call C' }),
    );
    const me = await userId('wi-operator');
    expect(errorCode(await gql(t.url, REASSIGN, { id: item.id, u: me }, operator))).toBe('FORBIDDEN');
    await t.userToken('PARTNER', 'wi-partner');
    expect(errorCode(await gql(t.url, REASSIGN, { id: item.id, u: await userId('wi-partner') }, t.adminToken))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(t.url, REASSIGN, { id: item.id, u: '999999' }, t.adminToken))).toBe('NOT_FOUND');
    expect(errorCode(await gql(t.url, REASSIGN, { id: '999999', u: me }, t.adminToken))).toBe('NOT_FOUND');
    expect((await gqlOk(t.url, ITEM, { id: item.id }, operator)).workItem).toMatchObject({ status: 'OPEN', assignee: null });
    await gqlOk(t.url, RESOLVE, { id: item.id, r: 'No answer twice; letter sent' }, operator);
    expect(errorCode(await gql(t.url, REASSIGN, { id: item.id, u: me }, t.adminToken))).toBe('INVALID_STATE');
  });
});
