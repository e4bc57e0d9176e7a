import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, type StoreObject } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { errorCodes } from '../../shared/errors';
import { ConnectionStateStore } from './connection-state';

export interface HubConnection {
  apollo: ApolloClient;
  /** The one WebSocket: Apollo's subscriptions and the event stream share it. */
  ws: Client;
  connection: ConnectionStateStore;
  dispose(): void;
}

/**
 * Keeps a connection while a component holds it; the last release disposes it
 * a moment later, unless it is held again at once (React's StrictMode unmounts
 * and remounts every effect once in development).
 */
export function retainConnection(hub: HubConnection): () => void {
  const held = holds.get(hub) ?? { count: 0, timer: null };
  holds.set(hub, held);
  held.count++;
  if (held.timer) clearTimeout(held.timer);
  held.timer = null;
  return () => {
    held.count--;
    if (held.count === 0) held.timer = setTimeout(() => hub.dispose(), 0);
  };
}

const holds = new WeakMap<HubConnection, { count: number; timer: ReturnType<typeof setTimeout> | null }>();

export interface HubConnectionOptions {
  token: string;
  /** Called once when the hub no longer accepts the token. */
  onUnauthenticated(): void;
  httpUri?: string;
  wsUrl?: string;
}

/** graphql-ws closes a socket whose credentials it refuses with 4403; retrying cannot help. */
const FORBIDDEN = 4403;

function closeCodeOf(event: unknown): number | null {
  return event && typeof event === 'object' && 'code' in event && typeof event.code === 'number' ? event.code : null;
}

function defaultWsUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/graphql`;
}

/** What was read replaces what was there; what was not asked this time (a page's nodes) stays. */
function keepUnaskedFields(existing: StoreObject | undefined, incoming: StoreObject): StoreObject {
  return { ...existing, ...incoming };
}

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      // Objects keyed by what makes them unique; those without a key of their own live inside their parent.
      BillingRules: { keyFields: ['segment'] },
      BlackoutDate: { keyFields: ['date'] },
      // The one branding: saving it updates what every screen shows.
      Branding: { keyFields: [] },
      RunSchedule: { keyFields: ['kind'] },
      Kpis: { keyFields: false },
      AgingBuckets: { keyFields: false },
      Account: {
        fields: {
          // A connection's page replaces the previous one: each screen asks for the page it shows. The
          // account's header asks for the same page's totalCount alone, which keeps the nodes a tab read.
          invoices: { merge: keepUnaskedFields },
          payments: { merge: keepUnaskedFields },
          workItems: { merge: false },
        },
      },
    },
  });
}

/** One signed-in session's Apollo client: HTTP for queries and mutations, graphql-ws for subscriptions. */
export function createHubConnection(options: HubConnectionOptions): HubConnection {
  const authorization = `Bearer ${options.token}`;
  const connection = new ConnectionStateStore();
  let ended = false;
  const endSession = () => {
    if (ended) return;
    ended = true;
    options.onUnauthenticated();
  };

  let everConnected = false;
  const ws = createClient({
    url: options.wsUrl ?? defaultWsUrl(),
    connectionParams: { authorization },
    // Connects with the first subscription: the console's event stream, open for as long as the session.
    // (Created during render, so creating the client must not open a socket by itself.)
    lazy: true,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: (event) => closeCodeOf(event) !== FORBIDDEN,
    // 1s, 2s, 4s... up to 15s, with jitter so a restarted hub is not hit by every console at once.
    retryWait: async (retries) => {
      const base = Math.min(15_000, 1000 * 2 ** Math.min(retries, 4));
      await new Promise((resolve) => setTimeout(resolve, base / 2 + Math.random() * (base / 2)));
    },
    on: {
      connecting: () => connection.set(everConnected ? 'reconnecting' : 'connecting'),
      connected: () => {
        everConnected = true;
        connection.set('live');
      },
      closed: (event) => {
        if (closeCodeOf(event) === FORBIDDEN) {
          connection.set('closed');
          endSession();
          return;
        }
        if (!ended) connection.set(everConnected ? 'reconnecting' : 'connecting');
      },
    },
  });

  const errorLink = new ErrorLink(({ error }) => {
    if (errorCodes(error).includes('UNAUTHENTICATED')) endSession();
  });
  const http = new HttpLink({ uri: options.httpUri ?? '/graphql', headers: { authorization } });
  const link = ApolloLink.from([
    errorLink,
    ApolloLink.split((operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION, new GraphQLWsLink(ws), http),
  ]);

  const apollo = new ApolloClient({ link, cache: createCache() });

  return {
    apollo,
    ws,
    connection,
    dispose: () => {
      ended = true;
      connection.set('closed');
      void ws.dispose();
      apollo.stop();
      void apollo.clearStore();
    },
  };
}

/** The unauthenticated client the sign-in screen uses: HTTP only. */
export function createAnonymousClient(httpUri = '/graphql'): ApolloClient {
  return new ApolloClient({ link: new HttpLink({ uri: httpUri }), cache: new InMemoryCache() });
}
