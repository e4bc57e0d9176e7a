import { gql, gqlOk, type GqlResult } from '../support/client';
import type { TestHub } from '../support/hub';
import { unique } from '../support/factories';
import type { Received } from '../support/webhook-receiver';
import { eventually } from '../support/wait';

/** Fast retries for tests: the production schedule (5 s ... 10 h, 3 days) is the same code with other numbers. */
export const FAST_RETRIES = {
  HUB_WEBHOOK_ALLOW_PRIVATE: '1',
  HUB_RATE_LIMIT_RPS: '0',
  HUB_WEBHOOK_RETRY_SCHEDULE: '0.05,0.1,0.2',
  HUB_WEBHOOK_RETRY_WINDOW: '600',
  // Generous: the hub under test shares its event loop and the machine with the load it is given.
  HUB_WEBHOOK_TIMEOUT: '2',
};

export const ENDPOINT_FIELDS = 'id url description eventTypes status disabledReason disabledAt cursor createdAt apiKey { id role }';

export async function apiKey(t: TestHub, role: string): Promise<{ id: string; secret: string }> {
  const data = await gqlOk(
    t.url,
    'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }',
    { input: { name: unique(`hooks-${role}`), role } },
    t.adminToken,
  );
  return { id: data.createApiKey.apiKey.id, secret: data.createApiKey.secret };
}

export function createEndpoint(t: TestHub, input: Record<string, unknown>): Promise<GqlResult> {
  return gql(
    t.url,
    `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { ${ENDPOINT_FIELDS} } } }`,
    { input },
    t.adminToken,
  );
}

export async function endpoint(t: TestHub, input: Record<string, unknown>): Promise<{ id: string; secret: string; cursor: string }> {
  const result = await createEndpoint(t, input);
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
  const created = (result.data as Record<string, any>).createWebhookEndpoint;
  return { id: created.endpoint.id, secret: created.secret, cursor: created.endpoint.cursor };
}

/** An endpoint mutation taking just the id (enable, disable, delete, rotate). */
export function endpointCall(t: TestHub, mutation: string, id: string, selection = `{ ${ENDPOINT_FIELDS} }`): Promise<GqlResult> {
  return gql(t.url, `mutation($id: ID!) { ${mutation}(id: $id) ${selection} }`, { id }, t.adminToken);
}

export async function endpointState(t: TestHub, id: string): Promise<Record<string, any>> {
  const data = await gqlOk(
    t.url,
    `{ webhookEndpoints { ${ENDPOINT_FIELDS} deliveries(first: 500) { totalCount nodes { id eventId attempt succeeded statusCode error durationMs at } } } }`,
    {},
    t.adminToken,
  );
  return data.webhookEndpoints.find((e: { id: string }) => e.id === id);
}

/**
 * Ids of the events of the types after `after`, once at least `count` are stored: the relay numbers committed
 * changes in the background, so a change answered a moment ago may not be an event yet.
 */
export function numberedEventIds(t: TestHub, types: string[], after: string, count: number): Promise<string[]> {
  return eventually(`${count} events numbered`, async () => {
    const ids = await eventIds(t, types, after);
    return ids.length >= count ? ids : undefined;
  });
}

/** Ids of the stored events of the types, after `after`, in id order. */
export async function eventIds(t: TestHub, types: string[], after = '0'): Promise<string[]> {
  const ids: string[] = [];
  let cursor = after;
  for (;;) {
    const data = await gqlOk(
      t.url,
      'query($after: ID, $types: [EventType!]) { events(after: $after, types: $types, first: 500) { nodes { id } pageInfo { hasNextPage endCursor } } }',
      { after: cursor, types },
      t.adminToken,
    );
    ids.push(...data.events.nodes.map((n: { id: string }) => n.id));
    if (!data.events.pageInfo.hasNextPage) return ids;
    cursor = data.events.pageInfo.endCursor;
  }
}

/** The ids in first-seen order, duplicates left out (a receiver deduplicates by webhook-id). */
export function distinct(ids: string[]): string[] {
  return [...new Set(ids)];
}

export async function createProducts(t: Pick<TestHub, 'url' | 'adminToken'>, count: number, prefix = 'HOOK'): Promise<void> {
  for (let i = 0; i < count; i++) {
    await gqlOk(
      t.url,
      'mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }',
      { input: { code: unique(prefix), name: 'Hooked', unit: 'kWh', fixedCharge: '1.00' } },
      t.adminToken,
    );
  }
}

/**
 * At least once, in order: the ids accepted (deduplicated) are exactly `expected`, every request
 * is for the oldest event not yet accepted, and every repeat follows an attempt the hub logged as failed.
 */
export function expectInOrderAtLeastOnce(requests: Received[], expected: string[], loggedAttempts?: number): void {
  const accepted = requests.filter((q) => q.answered === 200).map((q) => q.id);
  expect(distinct(accepted)).toEqual(expected);
  let next = 0;
  for (const q of requests) {
    expect(q.id).toBe(expected[next]);
    if (q.answered === 200) next++;
  }
  if (loggedAttempts !== undefined) expect(loggedAttempts).toBe(requests.length);
}
