import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { EventType } from '../../server/src/events/event-types';
import { startTestHub, type TestHub } from '../support/hub';
import { eventually } from '../support/wait';

/**
 * The official graphql-ws client is the judge: a subscription it sends wrong
 * must fail on its own, with a code, and never take the socket (and every
 * other subscription on it) down.
 */
let t: TestHub;
/** MAX_SUBSCRIPTIONS_PER_SOCKET in server/src/app/ws.ts. */
const MAX_SUBSCRIPTIONS_PER_SOCKET = 100;
beforeAll(async () => {
  t = await startTestHub({ HUB_RATE_LIMIT_RPS: '0' });
});
afterAll(async () => t?.stop());

interface Outcome {
  values: unknown[];
  errors: Array<{ message: string; extensions?: { code?: string } }>;
  completed: boolean;
  failed: boolean;
}

function open(token: string, closes: number[]): Client {
  return createClient({
    url: `${t.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    on: { closed: (event) => closes.push((event as { code: number }).code) },
  });
}

function start(client: Client, query: string, variables: Record<string, unknown> = {}): Outcome {
  const outcome: Outcome = { values: [], errors: [], completed: false, failed: false };
  client.subscribe(
    { query, variables },
    {
      next: (value) => void outcome.values.push(value.data),
      error: (error) => {
        outcome.failed = true;
        // graphql-ws hands an operation's errors over as the array the server sent; a closed socket as a CloseEvent.
        outcome.errors.push(...(Array.isArray(error) ? error : [{ message: String((error as { code?: number }).code ?? error) }]));
      },
      complete: () => void (outcome.completed = true),
    },
  );
  return outcome;
}

/** Waits until the expectations in `check` hold. */
const until = (check: () => void) =>
  eventually('the expected messages', () => {
    check();
    return true;
  });

async function emit(tag: string): Promise<void> {
  await t.hub.db.transaction(async (tx) => {
    tx.emit({ type: EventType.PRODUCT_CHANGED, subjectId: '1', accountNumber: null, payload: { tag } as never });
  });
}

describe('mistakes in subscriptions on a shared socket', () => {
  it('fails each bad subscription alone with its code while the good one on the same socket keeps streaming', async () => {
    const closes: number[] = [];
    const client = open(t.adminToken, closes);
    try {
      const good = start(client, 'subscription { events(after: "0", types: [PRODUCT_CHANGED]) { id payload } }');
      await emit('before');
      await until(() => expect(good.values).toHaveLength(1));

      const unparseable = start(client, 'subscription { events(types: [PRODUCT_CHANGED]) { id payload ');
      const invalid = start(client, 'subscription { events { shoeSize } }');
      const badVariables = start(client, 'subscription($types: [EventType!]) { events(types: $types) { id } }', {
        types: ['NOT_AN_EVENT'],
      });
      const missingVariable = start(client, 'subscription($after: ID!) { events(after: $after) { id } }');
      const badText = start(client, 'subscription($key: String) { workItemChanged(queueKey: $key) { id } }', { key: 'CALLS\u0000' });
      await until(() => {
        for (const bad of [unparseable, invalid, badVariables, missingVariable, badText]) expect(bad.failed).toBe(true);
      });
      expect(unparseable.errors).toEqual([
        { message: expect.stringMatching(/Syntax Error/), locations: expect.any(Array), extensions: { code: 'BAD_USER_INPUT' } },
      ]);
      expect(invalid.errors).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/shoeSize/), extensions: { code: 'BAD_USER_INPUT' } }),
      ]);
      expect(badVariables.errors).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/\$types/), extensions: { code: 'BAD_USER_INPUT' } }),
      ]);
      expect(missingVariable.errors).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/\$after/), extensions: { code: 'BAD_USER_INPUT' } }),
      ]);

      expect(badText.errors).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/queueKey contains a NUL/), extensions: { code: 'BAD_USER_INPUT' } }),
      ]);

      await emit('after');
      await until(() => expect(good.values).toHaveLength(2));
      expect(good.values[1]).toEqual({ events: { id: expect.any(String), payload: { tag: 'after' } } });
      expect({ closes, goodFailed: good.failed, goodCompleted: good.completed }).toEqual({
        closes: [],
        goodFailed: false,
        goodCompleted: false,
      });
    } finally {
      await client.dispose();
    }
  });

  it("refuses a partner's subscription to a stream it may not read at subscribe time, with FORBIDDEN", async () => {
    const closes: number[] = [];
    const client = open(await t.apiKey('PARTNER'), closes);
    try {
      const allowed = start(client, 'subscription { productChanged { change } }');
      const restricted = start(client, 'subscription { events { id } }');
      const exceptions = start(client, 'subscription { exceptionRaised { id } }');
      // No event is emitted: the refusal must not wait for one.
      await until(() => expect([restricted.failed, exceptions.failed]).toEqual([true, true]));
      expect(restricted.errors).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/PARTNER.*events/), extensions: { code: 'FORBIDDEN' } }),
      ]);
      expect(exceptions.errors[0].extensions?.code).toBe('FORBIDDEN');
      expect({ closes, allowedFailed: allowed.failed }).toEqual({ closes: [], allowedFailed: false });
    } finally {
      await client.dispose();
    }
  });

  it('takes at most 100 operations at once on one connection, refusing the next with RATE_LIMITED, and the others stream on', async () => {
    const closes: number[] = [];
    const client = open(t.adminToken, closes);
    try {
      // From the start of the stream: each catches up, so none can miss the event sent below.
      const going = Array.from({ length: MAX_SUBSCRIPTIONS_PER_SOCKET }, () =>
        start(client, 'subscription { events(after: "0", types: [PRODUCT_CHANGED]) { id payload } }'),
      );
      const extra = start(client, 'subscription { events(types: [PRODUCT_CHANGED]) { id } }');
      await until(() => expect(extra.failed).toBe(true));
      expect(extra.errors).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(/^At most 100 operations at once on one connection/),
          extensions: { code: 'RATE_LIMITED' },
        }),
      ]);
      await emit('many');
      const got = (g: { values: unknown[] }) =>
        g.values.some((v) => (v as { events: { payload: { tag?: string } } }).events.payload.tag === 'many');
      await until(() => expect(going.filter(got)).toHaveLength(MAX_SUBSCRIPTIONS_PER_SOCKET));
      expect({ closes, failed: going.filter((g) => g.failed).length }).toEqual({ closes: [], failed: 0 });
    } finally {
      await client.dispose();
    }
  });
});
