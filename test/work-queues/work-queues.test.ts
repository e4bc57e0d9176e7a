import type { Logger as TypeOrmLogger } from 'typeorm';
import { HubError } from '../../server/src/common/errors/hub-error';
import type { NewWorkItem } from '../../server/src/modules/work-queues/work-queue.service';
import { errorCode, gql, gqlOk } from '../support/client';
import type { TestHub } from '../support/hub';
import { eventually, sleep } from '../support/wait';
import { CLAIM, NOTE, RESOLVE, age, createQueue, eventsOf, file, queueHub } from './queue-fixtures';

let t: TestHub;
let reader: string;

beforeAll(async () => {
  ({ t, reader } = await queueHub());
});
afterAll(async () => t?.stop());

describe('work queues', () => {
  it('has the built-in queues with their SLAs', async () => {
    const data = await gqlOk(t.url, '{ workQueues { key name slaMinutes openCount overdueCount } }', {}, reader);
    const byKey = Object.fromEntries(data.workQueues.map((q: { key: string }) => [q.key, q]));
    expect(byKey.INVOICING).toMatchObject({ slaMinutes: 24 * 60, openCount: 0, overdueCount: 0 });
    expect(byKey.INVOICE_REVIEW).toMatchObject({ slaMinutes: 24 * 60 });
    expect(byKey.COLLECTIONS_CALLS).toMatchObject({ slaMinutes: 8 * 60 });
    expect(byKey.MARKET_DROPS).toMatchObject({ slaMinutes: 48 * 60 });
  });

  it('lets an admin add a queue and change its SLA, and refuses bad or duplicate keys', async () => {
    const create = 'mutation($input: CreateWorkQueueInput!) { createWorkQueue(input: $input) { key name slaMinutes openCount } }';
    const created = await gqlOk(t.url, create, { input: { key: 'VIP_CALLS', name: 'White-glove calls', slaMinutes: 120 } }, t.adminToken);
    expect(created.createWorkQueue).toEqual({ key: 'VIP_CALLS', name: 'White-glove calls', slaMinutes: 120, openCount: 0 });

    const duplicate = await gql(t.url, create, { input: { key: 'VIP_CALLS', name: 'Again', slaMinutes: 60 } }, t.adminToken);
    expect(errorCode(duplicate)).toBe('CONFLICT');
    for (const input of [
      { key: 'vip calls', name: 'Lower case and a space', slaMinutes: 60 },
      { key: 'X'.repeat(33), name: 'Too long', slaMinutes: 60 },
      { key: 'ZERO_SLA', name: 'No time at all', slaMinutes: 0 },
      { key: 'TOO_SLOW', name: 'More than a year', slaMinutes: 525_601 },
      { key: 'NO_NAME', name: '  ', slaMinutes: 60 },
    ]) {
      const bad = await gql(t.url, create, { input }, t.adminToken);
      expect({ input, code: errorCode(bad) }).toEqual({ input, code: 'BAD_USER_INPUT' });
    }
    // Operators may run queues (DESIGN's role table); partners may not.
    const operator = await t.userToken('OPERATOR');
    const partner = await t.apiKey('PARTNER');
    expect(
      (await gqlOk(t.url, create, { input: { key: 'OPS_Q', name: 'By an operator', slaMinutes: 60 } }, operator)).createWorkQueue.key,
    ).toBe('OPS_Q');
    expect(errorCode(await gql(t.url, create, { input: { key: 'PARTNER_Q', name: 'By a partner', slaMinutes: 60 } }, partner))).toBe(
      'FORBIDDEN',
    );

    const update =
      'mutation($key: String!, $sla: Int, $name: String) { updateWorkQueue(key: $key, slaMinutes: $sla, name: $name) { key name slaMinutes } }';
    expect((await gqlOk(t.url, update, { key: 'VIP_CALLS', sla: 90 }, t.adminToken)).updateWorkQueue).toEqual({
      key: 'VIP_CALLS',
      name: 'White-glove calls',
      slaMinutes: 90,
    });
    expect(errorCode(await gql(t.url, update, { key: 'NO_SUCH_QUEUE', sla: 90 }, t.adminToken))).toBe('NOT_FOUND');
    expect(errorCode(await gql(t.url, update, { key: 'VIP_CALLS', sla: -1 }, t.adminToken))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(t.url, update, { key: 'VIP_CALLS' }, t.adminToken))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(t.url, update, { key: 'VIP_CALLS', sla: 60 }, partner))).toBe('FORBIDDEN');

    const [item] = await file(t, 'VIP_CALLS', 1);
    expect(item.dueAt.getTime() - item.createdAt.getTime()).toBe(90 * 60_000);
    const audit = await gqlOk(t.url, '{ auditLog(subjectType: "WorkQueue") { nodes { action actor } } }', {}, t.adminToken);
    expect(audit.auditLog.nodes).toEqual(
      expect.arrayContaining([
        { action: 'createWorkQueue', actor: 'admin' },
        { action: 'updateWorkQueue', actor: 'admin' },
      ]),
    );
  });

  it('lists items filed by other modules with their counts, oldest first, page by page', async () => {
    const key = await createQueue(t, 60);
    const items = await file(t, key, 3, { accountId: '41', accountNumber: 'ACC-41', invoiceId: '7', exceptionId: '9', priority: 1 });
    expect(items[0]).toMatchObject({
      status: 'OPEN',
      accountId: '41',
      invoiceId: '7',
      exceptionId: '9',
      priority: 1,
      assigneeUserId: null,
    });
    expect(items[0].dueAt.getTime() - items[0].createdAt.getTime()).toBe(60 * 60_000);
    await age(t, items[0], 61);

    const query = `query($key: String!, $after: String, $status: WorkItemStatus) { workQueue(key: $key) {
      key openCount overdueCount
      items(first: 2, after: $after, status: $status) { totalCount pageInfo { endCursor hasNextPage }
        nodes { id kind title priority status dueAt createdAt resolvedAt resolution queue { key slaMinutes } assignee { username } notes { text } } } } }`;
    const first = (await gqlOk(t.url, query, { key }, reader)).workQueue;
    expect(first).toMatchObject({ key, openCount: 3, overdueCount: 1, items: { totalCount: 3, pageInfo: { hasNextPage: true } } });
    expect(first.items.nodes.map((n: { id: string }) => n.id)).toEqual([items[0].id, items[1].id]);
    expect(first.items.nodes[1]).toEqual({
      id: items[1].id,
      kind: 'MISSING_RATE',
      title: `Item 2 of ${key}`,
      priority: 1,
      status: 'OPEN',
      dueAt: items[1].dueAt.toISOString(),
      createdAt: items[1].createdAt.toISOString(),
      resolvedAt: null,
      resolution: null,
      queue: { key, slaMinutes: 60 },
      assignee: null,
      notes: [],
    });
    const second = (await gqlOk(t.url, query, { key, after: first.items.pageInfo.endCursor }, reader)).workQueue;
    expect(second.items.nodes.map((n: { id: string }) => n.id)).toEqual([items[2].id]);
    expect(second.items.pageInfo.hasNextPage).toBe(false);
    expect((await gqlOk(t.url, query, { key, status: 'RESOLVED' }, reader)).workQueue.items.totalCount).toBe(0);

    expect(
      (await gqlOk(t.url, 'query($id: ID!) { workItem(id: $id) { id queue { key } } }', { id: items[2].id }, reader)).workItem,
    ).toEqual({
      id: items[2].id,
      queue: { key },
    });
    expect((await gqlOk(t.url, '{ workItem(id: "999999") { id } }', {}, reader)).workItem).toBeNull();
    expect(errorCode(await gql(t.url, '{ workItem(id: "abc") { id } }', {}, reader))).toBe('BAD_USER_INPUT');
    expect((await gqlOk(t.url, '{ workQueue(key: "NO_SUCH_QUEUE") { key } }', {}, reader)).workQueue).toBeNull();

    const created = await eventually('WORK_ITEM_CREATED events', async () => {
      const events = await eventsOf(
        t,
        reader,
        'WORK_ITEM_CREATED',
        items.map((i) => i.id),
      );
      return events.length === 3 && events;
    });
    expect(created[0]).toMatchObject({ accountNumber: 'ACC-41', payload: { queueKey: key, kind: 'MISSING_RATE', priority: 1 } });
  });

  it('refuses an unknown queue key and bad items without filing anything', async () => {
    const key = await createQueue(t, 60);
    const attempt = (input: Partial<NewWorkItem>) =>
      file(t, key, 1, input).then(
        () => null,
        (e: unknown) => e,
      );
    for (const input of [{ queueKey: 'NO_SUCH_QUEUE' }, { title: ' ' }, { kind: 'K'.repeat(65) }, { priority: 0 }, { priority: 6 }]) {
      const error = await attempt(input);
      expect({ input, code: error instanceof HubError ? error.code : error }).toEqual({ input, code: 'BAD_USER_INPUT' });
    }
    expect((await gqlOk(t.url, 'query($key: String!) { workQueue(key: $key) { openCount } }', { key }, reader)).workQueue.openCount).toBe(
      0,
    );
  });

  it('gives a contested item to exactly one of 20 operators claiming it at once', async () => {
    const key = await createQueue(t, 60);
    const [item] = await file(t, key, 1);
    const operators: Array<{ username: string; token: string }> = [];
    for (let i = 0; i < 20; i++) {
      const username = `claimer_${process.pid}_${i}`;
      operators.push({ username, token: await t.userToken('OPERATOR', username) });
    }
    const results = await Promise.all(operators.map((o) => gql(t.url, CLAIM, { id: item.id }, o.token)));
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    const winner = winners[0].data!.claimWorkItem.assignee.username as string;
    expect(winners[0].data!.claimWorkItem).toEqual({ id: item.id, status: 'IN_PROGRESS', assignee: { username: winner } });
    const losers = results.filter((r) => r.errors);
    expect(losers.map(errorCode)).toEqual(Array(19).fill('CONFLICT'));
    for (const loser of losers) expect(loser.errors![0].message).toContain(winner);

    // Claiming again is harmless for the holder, and changes nothing.
    const holder = operators.find((o) => o.username === winner)!;
    expect((await gqlOk(t.url, CLAIM, { id: item.id }, holder.token)).claimWorkItem.assignee.username).toBe(winner);
    const updates = await eventually('one WORK_ITEM_UPDATED', async () => {
      const events = await eventsOf(t, reader, 'WORK_ITEM_UPDATED', [item.id]);
      return events.length > 0 && events;
    });
    await sleep(200);
    expect(await eventsOf(t, reader, 'WORK_ITEM_UPDATED', [item.id])).toHaveLength(1);
    expect(updates[0].payload).toMatchObject({ queueKey: key, change: 'CLAIMED', status: 'IN_PROGRESS' });

    const audit = await gqlOk(
      t.url,
      'query($id: String) { auditLog(subjectType: "WorkItem", subjectId: $id) { nodes { action actor } } }',
      { id: item.id },
      t.adminToken,
    );
    expect(audit.auditLog.nodes.filter((n: { action: string }) => n.action === 'claimWorkItem')).toEqual([
      { action: 'claimWorkItem', actor: winner },
    ]);
  });

  it('needs a console user to claim, and a real item', async () => {
    const key = await createQueue(t, 60);
    const [item] = await file(t, key, 1);
    const operatorKey = await t.apiKey('OPERATOR');
    const byKey = await gql(t.url, CLAIM, { id: item.id }, operatorKey);
    expect(errorCode(byKey)).toBe('BAD_USER_INPUT');
    expect(byKey.errors![0].message).toMatch(/console user|sign in/i);
    expect(errorCode(await gql(t.url, CLAIM, { id: '999999' }, t.adminToken))).toBe('NOT_FOUND');
    expect(errorCode(await gql(t.url, CLAIM, { id: item.id }, reader))).toBe('FORBIDDEN');
    const still = await gqlOk(t.url, 'query($id: ID!) { workItem(id: $id) { status assignee { id } } }', { id: item.id }, reader);
    expect(still.workItem).toEqual({ status: 'OPEN', assignee: null });
  });

  it('keeps notes and records the resolution, once', async () => {
    const key = await createQueue(t, 60);
    const [item] = await file(t, key, 1);
    const operator = await t.userToken('OPERATOR', `noter_${process.pid}`);
    await gqlOk(t.url, CLAIM, { id: item.id }, operator);

    const noted = (await gqlOk(t.url, NOTE, { id: item.id, text: '  Called the customer, left a message.  ' }, operator)).addWorkItemNote;
    expect(noted.notes).toEqual([
      { author: `noter_${process.pid}`, text: 'Called the customer, left a message.', createdAt: expect.any(String) },
    ]);
    expect(errorCode(await gql(t.url, NOTE, { id: item.id, text: '   ' }, operator))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(t.url, NOTE, { id: item.id, text: 'x'.repeat(2001) }, operator))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(t.url, NOTE, { id: '999999', text: 'Nobody home' }, operator))).toBe('NOT_FOUND');
    await gqlOk(t.url, NOTE, { id: item.id, text: 'x'.repeat(2000) }, t.adminToken);

    expect(errorCode(await gql(t.url, RESOLVE, { id: item.id, r: '' }, operator))).toBe('BAD_USER_INPUT');
    const resolved = (await gqlOk(t.url, RESOLVE, { id: item.id, r: 'Rate added; rebilled.' }, operator)).resolveWorkItem;
    expect(resolved).toEqual({ id: item.id, status: 'RESOLVED', resolution: 'Rate added; rebilled.', resolvedAt: expect.any(String) });
    const again = await gql(t.url, RESOLVE, { id: item.id, r: 'Again' }, operator);
    expect(errorCode(again)).toBe('INVALID_STATE');
    expect(errorCode(await gql(t.url, CLAIM, { id: item.id }, operator))).toBe('INVALID_STATE');

    const now = (
      await gqlOk(t.url, 'query($id: ID!) { workItem(id: $id) { status resolution notes { author } } }', { id: item.id }, reader)
    ).workItem;
    expect(now).toEqual({
      status: 'RESOLVED',
      resolution: 'Rate added; rebilled.',
      notes: [{ author: `noter_${process.pid}` }, { author: 'admin' }],
    });
    expect((await gqlOk(t.url, 'query($key: String!) { workQueue(key: $key) { openCount } }', { key }, reader)).workQueue.openCount).toBe(
      0,
    );

    const audit = await gqlOk(
      t.url,
      'query($id: String) { auditLog(subjectType: "WorkItem", subjectId: $id) { nodes { action } } }',
      { id: item.id },
      t.adminToken,
    );
    expect(audit.auditLog.nodes.map((n: { action: string }) => n.action).sort()).toEqual(
      ['addWorkItemNote', 'addWorkItemNote', 'claimWorkItem', 'createWorkItem', 'resolveWorkItem'].sort(),
    );
    const updates = await eventually('four WORK_ITEM_UPDATED', async () => {
      const events = await eventsOf(t, reader, 'WORK_ITEM_UPDATED', [item.id]);
      return events.length === 4 && events;
    });
    expect(updates.map((e) => e.payload.change)).toEqual(['CLAIMED', 'NOTE_ADDED', 'NOTE_ADDED', 'RESOLVED']);
  });

  it('resolves the items of a fixed exception, invoice or account for the module that fixed it', async () => {
    const key = await createQueue(t, 60);
    const other = await createQueue(t, 60);
    const [a, b] = await file(t, key, 2, { exceptionId: '501', accountId: '77' });
    const [c] = await file(t, key, 1, { exceptionId: '502', accountId: '77' });
    const [d] = await file(t, other, 1, { exceptionId: '501' });
    const workQueues = t.hub.services.workQueues;

    expect(
      await t.hub.db.transaction((tx) => workQueues.resolveItemsFor(tx, { exceptionId: '501', queueKey: key }, 'Rate added', 'billing')),
    ).toBe(2);
    expect(
      await t.hub.db.transaction((tx) => workQueues.resolveItemsFor(tx, { exceptionId: '501', queueKey: key }, 'Again', 'billing')),
    ).toBe(0);
    expect(await t.hub.db.transaction((tx) => workQueues.resolveItemsFor(tx, { queueKey: 'NO_SUCH_QUEUE' }, 'Nothing', 'billing'))).toBe(0);
    await expect(t.hub.db.transaction((tx) => workQueues.resolveItemsFor(tx, {}, 'Everything', 'billing'))).rejects.toThrow(/condition/);

    const status = async (id: string) => (await workQueues.item(id))!;
    expect(await status(a.id)).toMatchObject({ status: 'RESOLVED', resolution: 'Rate added' });
    expect((await status(b.id)).status).toBe('RESOLVED');
    expect((await status(c.id)).status).toBe('OPEN');
    expect((await status(d.id)).status).toBe('OPEN');

    expect(await t.hub.db.transaction((tx) => workQueues.resolveItemsFor(tx, { accountId: '77' }, 'Account closed', 'collections'))).toBe(
      1,
    );
    expect((await status(c.id)).status).toBe('RESOLVED');

    const updates = await eventually('three WORK_ITEM_UPDATED', async () => {
      const events = await eventsOf(t, reader, 'WORK_ITEM_UPDATED', [a.id, b.id, c.id, d.id]);
      return events.length === 3 && events;
    });
    expect(updates.map((e) => [e.subjectId, e.payload.change])).toEqual([
      [a.id, 'RESOLVED'],
      [b.id, 'RESOLVED'],
      [c.id, 'RESOLVED'],
    ]);
  });
});
describe('a page of work items', () => {
  it('costs the same few SQL statements for 10 items as for 50', async () => {
    const key = await createQueue(t, 60, 'BULK');
    const items = await file(t, key, 60);
    const operator = await t.userToken('OPERATOR');
    for (const item of items.filter((_, i) => i % 7 === 0)) await gqlOk(t.url, CLAIM, { id: item.id }, operator);
    for (const item of items.filter((_, i) => i % 5 === 0)) await gqlOk(t.url, NOTE, { id: item.id, text: 'Looked at it' }, t.adminToken);

    const logger: TypeOrmLogger = t.hub.db.ds.logger;
    const original = logger.logQuery.bind(logger);
    const page = `query($key: String!, $first: Int) { workQueue(key: $key) { key openCount overdueCount
      items(first: $first) { totalCount nodes { id queue { key name } assignee { username displayName } notes { author text } } } } }`;
    const statementsFor = async (first: number): Promise<number> => {
      let count = 0;
      // Only this module's tables: the event relay polls its own in the background.
      logger.logQuery = (query, parameters, runner) => {
        if (/work_queue|work_item|work_note|hub_user/.test(query)) count++;
        return original(query, parameters, runner);
      };
      try {
        const data = await gqlOk(t.url, page, { key, first }, reader);
        expect(data.workQueue.items.nodes).toHaveLength(first);
        expect(data.workQueue.items.nodes.filter((n: any) => n.assignee).length).toBeGreaterThan(0);
        expect(data.workQueue.items.nodes.filter((n: any) => n.notes.length > 0).length).toBeGreaterThan(0);
      } finally {
        logger.logQuery = original;
      }
      return count;
    };
    const ten = await statementsFor(10);
    const fifty = await statementsFor(50);
    // The queue, its counts, the page and its total, then one batch each for queues, assignees and notes.
    expect(fifty).toBe(ten);
    expect(ten).toBeGreaterThanOrEqual(7);
    expect(ten).toBeLessThanOrEqual(8);
  });
});
