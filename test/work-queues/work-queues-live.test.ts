import { SlaSweeper } from '../../server/src/modules/work-queues/sla-sweeper';
import { gqlOk, subscribe, wsClient } from '../support/client';
import type { TestHub } from '../support/hub';
import { eventually, sleep } from '../support/wait';
import { CLAIM, NOTE, RESOLVE, age, createQueue, eventsOf, file, queueHub } from './queue-fixtures';

let t: TestHub;
let reader: string;

beforeAll(async () => {
  ({ t, reader } = await queueHub());
});
afterAll(async () => t?.stop());

describe('workItemChanged', () => {
  it("pushes a queue's items as they are created and worked, and nothing from other queues", async () => {
    const key = await createQueue(t, 60, 'LIVE');
    const other = await createQueue(t, 60, 'QUIET');
    const operator = await t.userToken('OPERATOR', `live_${process.pid}`);
    const client = wsClient(t.url, reader);
    const feed = subscribe<{ workItemChanged: any }>(
      client,
      'subscription($key: String) { workItemChanged(queueKey: $key) { id status queue { key } assignee { username } notes { text } resolution } }',
      { key },
    );
    const everything = subscribe<{ workItemChanged: any }>(client, 'subscription { workItemChanged { id queue { key } } }');
    await sleep(300);

    await file(t, other, 1);
    const [item] = await file(t, key, 1);
    const pushed = async (n: number) => (await feed.waitFor(n))[n - 1].workItemChanged;
    expect(await pushed(1)).toEqual({ id: item.id, status: 'OPEN', queue: { key }, assignee: null, notes: [], resolution: null });
    await gqlOk(t.url, CLAIM, { id: item.id }, operator);
    expect(await pushed(2)).toMatchObject({ id: item.id, status: 'IN_PROGRESS', assignee: { username: `live_${process.pid}` } });
    await gqlOk(t.url, NOTE, { id: item.id, text: 'On it' }, operator);
    expect(await pushed(3)).toMatchObject({ id: item.id, notes: [{ text: 'On it' }] });
    await gqlOk(t.url, RESOLVE, { id: item.id, r: 'Done' }, operator);
    expect(await pushed(4)).toMatchObject({ id: item.id, status: 'RESOLVED', resolution: 'Done' });

    // The unfiltered subscriber heard both queues; the filtered one only its own.
    const all = await everything.waitFor(5);
    expect(all.map((v) => v.workItemChanged.queue.key)).toEqual([other, key, key, key, key]);
    await sleep(200);
    expect(feed.values).toHaveLength(4);
    expect(feed.errors).toEqual([]);
    feed.stop();
    everything.stop();
    await client.dispose();
  });
});

describe('the SLA sweep', () => {
  // The sweep covers every queue: announce what earlier tests left overdue, so each test counts only its own items.
  beforeEach(async () => {
    await t.hub.slaSweeper.sweepOnce(new Date(Date.now() + 10 * 60_000));
  });

  it('announces each overdue item exactly once, however often it runs', async () => {
    const key = await createQueue(t, 1, 'SLA');
    const items = await file(t, key, 4, { accountNumber: 'ACC-SLA' });
    const operator = await t.userToken('OPERATOR');
    await gqlOk(t.url, CLAIM, { id: items[1].id }, operator);
    await gqlOk(t.url, RESOLVE, { id: items[3].id, r: 'Handled in time' }, operator);
    const ids = items.map((i) => i.id);

    // Nothing is due yet.
    expect(await t.hub.slaSweeper.sweepOnce()).toBe(0);
    const later = new Date(Date.now() + 2 * 60_000);
    expect(await t.hub.slaSweeper.sweepOnce(later)).toBe(3);
    expect(await t.hub.slaSweeper.sweepOnce(later)).toBe(0);
    expect(await t.hub.slaSweeper.sweepOnce(new Date(later.getTime() + 60_000))).toBe(0);

    const breaches = await eventually('three SLA_BREACHED', async () => {
      const events = await eventsOf(t, reader, 'SLA_BREACHED', ids);
      return events.length === 3 && events;
    });
    expect(breaches.map((e) => e.subjectId).sort()).toEqual([items[0].id, items[1].id, items[2].id].sort());
    expect(breaches[0]).toMatchObject({ accountNumber: 'ACC-SLA', payload: { queueKey: key } });
    await sleep(200);
    expect(await eventsOf(t, reader, 'SLA_BREACHED', ids)).toHaveLength(3);
  });

  it('announces each breach once when two sweeps run at the same time', async () => {
    const key = await createQueue(t, 1, 'SLA2');
    const items = await file(t, key, 30);
    const later = new Date(Date.now() + 2 * 60_000);
    const second = new SlaSweeper(t.hub.services.workQueues, t.hub.log);
    const counts = await Promise.all([t.hub.slaSweeper.sweepOnce(later), second.sweepOnce(later), t.hub.slaSweeper.sweepOnce(later)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(30);
    const breaches = await eventually('thirty SLA_BREACHED', async () => {
      const events = await eventsOf(
        t,
        reader,
        'SLA_BREACHED',
        items.map((i) => i.id),
      );
      return events.length >= 30 && events;
    });
    expect(new Set(breaches.map((e) => e.subjectId)).size).toBe(30);
    await sleep(200);
    expect(
      await eventsOf(
        t,
        reader,
        'SLA_BREACHED',
        items.map((i) => i.id),
      ),
    ).toHaveLength(30);
  });

  it('runs on its own every interval once started, and shows overdue items in the counts', async () => {
    const key = await createQueue(t, 30, 'TIMED');
    const [item] = await file(t, key, 1);
    await age(t, item, 45);
    expect(
      (await gqlOk(t.url, 'query($key: String!) { workQueue(key: $key) { openCount overdueCount } }', { key }, reader)).workQueue,
    ).toEqual({
      openCount: 1,
      overdueCount: 1,
    });
    const sweeper = new SlaSweeper(t.hub.services.workQueues, t.hub.log, 50);
    sweeper.start();
    try {
      await eventually(
        'the SLA_BREACHED of the aged item',
        async () => (await eventsOf(t, reader, 'SLA_BREACHED', [item.id])).length === 1,
      );
    } finally {
      await sweeper.stop();
    }
  });
});
