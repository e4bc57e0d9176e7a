import type { NewWorkItem } from '../../server/src/modules/work-queues/work-queue.service';
import { WorkItem } from '../../server/src/modules/work-queues/work-queue.entity';
import { gqlOk } from '../support/client';
import { startTestHub, type TestHub } from '../support/hub';

let queueSeq = 0;

/** A new queue with a key no other test uses. */
export async function createQueue(t: TestHub, slaMinutes: number, prefix = 'Q'): Promise<string> {
  const key = `${prefix}_${process.pid}_${++queueSeq}`.toUpperCase().slice(0, 32);
  await gqlOk(
    t.url,
    'mutation($input: CreateWorkQueueInput!) { createWorkQueue(input: $input) { key } }',
    { input: { key, name: `Queue ${key}`, slaMinutes } },
    t.adminToken,
  );
  return key;
}

/** Files items the way the billing and collections modules do: inside their own transaction. */
export function file(t: TestHub, queueKey: string, count: number, extra: Partial<NewWorkItem> = {}): Promise<WorkItem[]> {
  return t.hub.db.transaction(async (tx) => {
    const items: WorkItem[] = [];
    for (let i = 1; i <= count; i++) {
      items.push(
        await t.hub.services.workQueues.createItem(tx, { queueKey, kind: 'MISSING_RATE', title: `Item ${i} of ${queueKey}`, ...extra }),
      );
    }
    return items;
  });
}

/** Moves an item's clock back, as if it had been filed `minutes` earlier. */
export async function age(t: TestHub, item: WorkItem, minutes: number): Promise<void> {
  const shift = minutes * 60_000;
  await t.hub.db.manager
    .getRepository(WorkItem)
    .update({ id: item.id }, { createdAt: new Date(item.createdAt.getTime() - shift), dueAt: new Date(item.dueAt.getTime() - shift) });
}

/** The events of one type about these subjects, as a partner with `reader` reads them. */
export async function eventsOf(
  t: TestHub,
  reader: string,
  type: string,
  subjectIds: string[],
): Promise<Array<{ subjectId: string; accountNumber: string | null; payload: any }>> {
  const data = await gqlOk(
    t.url,
    'query($types: [EventType!]) { events(types: $types, first: 500) { nodes { subjectId accountNumber payload } } }',
    { types: [type] },
    reader,
  );
  return data.events.nodes.filter((e: { subjectId: string }) => subjectIds.includes(e.subjectId));
}

export const CLAIM = 'mutation($id: ID!) { claimWorkItem(id: $id) { id status assignee { username } } }';
export const NOTE = 'mutation($id: ID!, $text: String!) { addWorkItemNote(id: $id, text: $text) { id notes { author text createdAt } } }';
export const RESOLVE = 'mutation($id: ID!, $r: String!) { resolveWorkItem(id: $id, resolution: $r) { id status resolution resolvedAt } }';

/** A hub whose SLA sweeps run only when a test says so (the timed sweeper has its own test), and a partner's key to read events. */
export async function queueHub(): Promise<{ t: TestHub; reader: string }> {
  const t = await startTestHub();
  await t.hub.slaSweeper.stop();
  return { t, reader: await t.apiKey('INTEGRATOR') };
}
