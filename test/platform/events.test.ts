import { EventType, type PendingEvent } from '../../server/src/events/event-types';
import { gqlOk, subscribe, wsClient, type Subscription } from '../support/client';
import { startTestHub, type TestHub } from '../support/hub';
import { eventually, sleep } from '../support/wait';

interface StreamedEvent {
  id: string;
  type: EventType;
  subjectId: string;
  accountNumber: string | null;
  occurredAt: string;
  payload: { tag: string; writer: number; seq: number };
}

const EVENT_FIELDS = 'id type subjectId accountNumber occurredAt payload';
const STREAM = `subscription($after: ID, $types: [EventType!]) { events(after: $after, types: $types) { ${EVENT_FIELDS} } }`;

let t: TestHub;
/** Every event this file has written, so the last test can check the whole sequence. */
let written = 0;

beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => t?.stop());

/** One command of a writer: its events commit together through the service layer's transaction. */
async function commit(events: PendingEvent[]): Promise<void> {
  await t.hub.db.transaction(async (tx) => {
    for (const event of events) tx.emit(event);
  });
  written += events.length;
}

/** Events that mark their writer and order: the relay carries any payload as it was written. */
function event(type: EventType, tag: string, writer: number, seq: number): PendingEvent {
  return { type, subjectId: `${writer}`, accountNumber: `ACC-${writer}`, payload: { tag, writer, seq } } as unknown as PendingEvent;
}

/**
 * `writers` concurrent writers, each committing `commands` transactions of 1-3
 * events one after the other.
 */
async function runWriters(tag: string, writers: number, commands: number, type = EventType.PRODUCT_CHANGED): Promise<number> {
  let count = 0;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      let seq = 0;
      for (let c = 0; c < commands; c++) {
        const size = 1 + ((writer + c) % 3);
        const batch = Array.from({ length: size }, () => event(type, tag, writer, seq++));
        await commit(batch);
        count += size;
      }
    }),
  );
  return count;
}

/** Every stored event with an id above `after`, read page by page through the API. */
async function storedEvents(opts: { after?: string; types?: EventType[] } = {}): Promise<StreamedEvent[]> {
  const out: StreamedEvent[] = [];
  let after = opts.after ?? '0';
  for (;;) {
    const data = await gqlOk(
      t.url,
      `query($after: ID, $types: [EventType!]) { events(after: $after, types: $types, first: 500) { nodes { ${EVENT_FIELDS} } pageInfo { endCursor hasNextPage } } }`,
      { after, types: opts.types ?? null },
      t.adminToken,
    );
    out.push(...data.events.nodes);
    if (!data.events.pageInfo.hasNextPage) return out;
    after = data.events.pageInfo.endCursor;
  }
}

/** Waits until the relay has numbered everything written so far. */
async function relayed(): Promise<void> {
  await eventually('the relay to number every written event', async () => {
    const rows = await t.hub.db.manager.query('SELECT COUNT(*) AS n FROM event');
    return Number(rows[0].n) === written;
  });
}

async function lastId(): Promise<string> {
  await relayed();
  const all = await storedEvents();
  return all.length ? all[all.length - 1].id : '0';
}

const ids = (events: Array<{ id: string }>) => events.map((e) => Number(e.id));
const range = (fromExclusive: number, toInclusive: number) =>
  Array.from({ length: toInclusive - fromExclusive }, (_, i) => fromExclusive + 1 + i);

/** Waits for `count` values, then a little longer, so a late duplicate would still show. */
async function settle<T>(sub: Subscription<{ events: T }>, count: number): Promise<T[]> {
  await sub.waitFor(count, 15_000);
  await sleep(300);
  expect(sub.errors).toEqual([]);
  return sub.values.map((v) => v.events);
}

describe('the event stream', () => {
  it('gives a subscriber resuming mid-way every later event of 20 concurrent writers exactly once, in id order, without gaps', async () => {
    const before = await runWriters('a1', 20, 3);
    expect(before).toBeGreaterThan(0);
    await relayed();
    const stored = await storedEvents();
    const cursor = stored[Math.floor(stored.length / 2)].id;

    const client = wsClient(t.url, t.adminToken);
    const sub = subscribe<{ events: StreamedEvent }>(client, STREAM, { after: cursor });
    // The replay of stored events and the live ones of these writers overlap.
    await runWriters('a2', 20, 4);
    await relayed();
    const expected = await storedEvents({ after: cursor });
    const received = await settle(sub, expected.length);
    sub.stop();
    await client.dispose();

    const max = Number(expected[expected.length - 1].id);
    expect(ids(received)).toEqual(range(Number(cursor), max));
    expect(received).toEqual(expected);
    // Each writer's commands were sequential, so its events keep their order in the stream.
    for (let writer = 0; writer < 20; writer++) {
      const seqs = received.filter((e) => e.payload.tag === 'a2' && e.payload.writer === writer).map((e) => e.payload.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(seqs).toHaveLength(new Set(seqs).size);
    }
    expect(received.filter((e) => e.payload.tag === 'a2')).toHaveLength(written - before);
  });

  it('lets a subscriber that disconnected resume from its last id without missing or repeating anything', async () => {
    const start = await lastId();
    const first = wsClient(t.url, t.adminToken);
    const live = subscribe<{ events: StreamedEvent }>(first, STREAM, { after: start });
    for (let i = 0; i < 5; i++) await commit([event(EventType.PAYMENT_RECEIVED, 'b1', 0, i)]);
    const seen = await settle(live, 5);
    live.stop();
    await first.dispose();
    expect(seen.map((e) => e.payload.seq)).toEqual([0, 1, 2, 3, 4]);

    // Written while nobody listens.
    await runWriters('b2', 5, 3, EventType.PAYMENT_RECEIVED);
    await relayed();

    const second = wsClient(t.url, t.adminToken);
    const resumed = subscribe<{ events: StreamedEvent }>(second, STREAM, { after: seen[seen.length - 1].id });
    const missed = (await storedEvents({ after: seen[seen.length - 1].id })).length;
    // And more while it catches up.
    await runWriters('b3', 5, 2, EventType.PAYMENT_RECEIVED);
    await relayed();
    const all = await storedEvents({ after: start });
    const rest = await settle(resumed, all.length - seen.length);
    resumed.stop();
    await second.dispose();

    expect(missed).toBeGreaterThan(0);
    expect([...seen, ...rest]).toEqual(all);
    expect(ids([...seen, ...rest])).toEqual(range(Number(start), Number(all[all.length - 1].id)));
  });

  it('pages through the events query by after, types and first, with the total count of the filter', async () => {
    const start = await lastId();
    for (let i = 0; i < 12; i++) {
      const type = i % 3 === 2 ? EventType.INVOICE_VOIDED : EventType.INVOICE_ISSUED;
      await commit([event(type, 'c', 0, i)]);
    }
    await relayed();

    const page = (vars: Record<string, unknown>) =>
      gqlOk(
        t.url,
        `query($after: ID, $types: [EventType!], $first: Int) { events(after: $after, types: $types, first: $first) { totalCount nodes { ${EVENT_FIELDS} } pageInfo { endCursor hasNextPage } } }`,
        vars,
        t.adminToken,
      ).then((d) => d.events);

    const issued: StreamedEvent[] = [];
    const pages: number[] = [];
    let after: string | null = start;
    for (;;) {
      const p = await page({ after, types: [EventType.INVOICE_ISSUED], first: 3 });
      expect(p.totalCount).toBe(8);
      issued.push(...p.nodes);
      pages.push(p.nodes.length);
      if (!p.pageInfo.hasNextPage) break;
      expect(p.pageInfo.endCursor).toBe(p.nodes[p.nodes.length - 1].id);
      after = p.pageInfo.endCursor;
    }
    expect(pages).toEqual([3, 3, 2]);
    expect(issued.map((e) => e.payload.seq)).toEqual([0, 1, 3, 4, 6, 7, 9, 10]);
    expect(issued.every((e) => e.type === EventType.INVOICE_ISSUED)).toBe(true);
    expect(ids(issued)).toEqual([...ids(issued)].sort((x, y) => x - y));

    const both = await page({ after: start, types: [EventType.INVOICE_ISSUED, EventType.INVOICE_VOIDED] });
    expect(both.totalCount).toBe(12);
    expect(both.nodes.map((e: StreamedEvent) => e.payload.seq)).toEqual(range(-1, 11));
    expect(ids(both.nodes)).toEqual(range(Number(start), Number(start) + 12));

    const everything = await page({ first: 2 });
    expect(everything.totalCount).toBe(written);
    expect(ids(everything.nodes)).toEqual([1, 2]);
    expect(everything.pageInfo.hasNextPage).toBe(true);

    const past = await page({ after: String(written), types: [EventType.INVOICE_VOIDED] });
    expect(past.nodes).toEqual([]);
    expect(past.totalCount).toBe(4);
    expect(past.pageInfo.hasNextPage).toBe(false);

    const one: StreamedEvent = both.nodes[2];
    expect(one).toEqual({
      id: String(Number(start) + 3),
      type: EventType.INVOICE_VOIDED,
      subjectId: '0',
      accountNumber: 'ACC-0',
      occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      payload: { tag: 'c', writer: 0, seq: 2 },
    });
    expect(Math.abs(Date.parse(one.occurredAt) - Date.now())).toBeLessThan(60_000);
  });

  it('filters the subscription by type, in the replay and in the live stream', async () => {
    const start = await lastId();
    for (let i = 0; i < 6; i++) await commit([event(i % 2 ? EventType.INVOICE_HELD : EventType.WORK_ITEM_CREATED, 'd', 0, i)]);
    await relayed();

    const client = wsClient(t.url, t.adminToken);
    const replaying = subscribe<{ events: StreamedEvent }>(client, STREAM, { after: start, types: [EventType.INVOICE_HELD] });
    const liveOnly = subscribe<{ events: StreamedEvent }>(client, STREAM, { types: [EventType.WORK_ITEM_CREATED, EventType.SLA_BREACHED] });
    await replaying.waitFor(3);
    await sleep(100);
    for (let i = 6; i < 12; i++) {
      const type = [EventType.INVOICE_HELD, EventType.WORK_ITEM_CREATED, EventType.SLA_BREACHED][i % 3];
      await commit([event(type, 'd', 0, i)]);
    }
    const held = await settle(replaying, 5);
    const work = await settle(liveOnly, 4);
    replaying.stop();
    liveOnly.stop();
    await client.dispose();

    expect(held.map((e) => e.payload.seq)).toEqual([1, 3, 5, 6, 9]);
    expect(held.every((e) => e.type === EventType.INVOICE_HELD)).toBe(true);
    expect(held).toEqual(await storedEvents({ after: start, types: [EventType.INVOICE_HELD] }));
    expect(work.map((e) => [e.type, e.payload.seq])).toEqual([
      [EventType.WORK_ITEM_CREATED, 7],
      [EventType.SLA_BREACHED, 8],
      [EventType.WORK_ITEM_CREATED, 10],
      [EventType.SLA_BREACHED, 11],
    ]);
  });

  it('relays the events of another hub on another database of the same server at once', async () => {
    // One relay per deployment, not per database server: hubs of other databases must not wait for this one.
    const other = await startTestHub();
    try {
      await other.hub.db.transaction(async (tx) => tx.emit(event(EventType.SLA_BREACHED, 'f', 0, 0)));
      const data = await eventually(
        "the other hub's relay to number its event",
        async () => {
          const d = await gqlOk(other.url, '{ events { totalCount nodes { id type } } }', {}, other.adminToken);
          return d.events.nodes.length === 1 ? d : undefined;
        },
        { timeoutMs: 5000 },
      );
      expect(data.events.nodes).toEqual([{ id: '1', type: EventType.SLA_BREACHED }]);
    } finally {
      await other.stop();
    }
  });

  it('leaves the outbox empty and numbers the events 1..N without gaps once the writers are done', async () => {
    expect(written).toBeGreaterThan(100);
    await eventually('the outbox to empty', async () => {
      const rows = await t.hub.db.manager.query('SELECT COUNT(*) AS n FROM outbox');
      return Number(rows[0].n) === 0;
    });
    const rows: Array<{ id: string | number }> = await t.hub.db.manager.query('SELECT id FROM event ORDER BY id');
    expect(rows.map((r) => Number(r.id))).toEqual(range(0, written));
  });
});
