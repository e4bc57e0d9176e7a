import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { GraphQLError, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { prepareOperation } from './ws-operation';
import { quietClientFailures } from './ws-disconnects';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Principal } from '../common/auth/roles';
import { formatExecutionError } from '../common/errors/format-error';
import { HubError } from '../common/errors/hub-error';
import { Topic } from '../events/pubsub';
import { sharedSubscribe } from '../events/shared-subscription';
import type { HubPubSub } from '../events/pubsub';
import { createContext } from '../common/context';
import { CredentialWatch } from './credential-watch';
import { SocketFlusher, textFrame } from './socket-flush';
import type { Logger } from '../common/logger';
import type { Services } from './services';

/**
 * Operations one connection may have going at once. A client that needs more
 * opens another connection; each subscription costs its share of every event,
 * and a catch-up from far back a share of the database's reads.
 */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 100;

type SocketExtra = {
  principal?: Principal;
  socket: WebSocket;
  /** The ids of the operations admitted and still going (see MAX_SUBSCRIPTIONS_PER_SOCKET). */
  operations?: Set<string>;
};

function credentialOf(params: Readonly<Record<string, unknown>> | undefined): string | null {
  const value = params?.authorization ?? params?.Authorization;
  if (typeof value !== 'string' || value === '') return null;
  return /^Bearer\s/i.test(value) ? value : `Bearer ${value}`;
}

/**
 * graphql-ws on the HTTP server's /graphql path. A socket without valid
 * credentials is closed with 4403 before any subscription starts; the
 * credentials are checked again for every subscription, and a socket whose
 * credentials stop holding (a revoked key, an expired session) is closed
 * with 4403 (see CredentialWatch).
 */
export async function attachWebSocket(
  httpServer: Server,
  schema: GraphQLSchema,
  services: Services,
  pubsub: HubPubSub,
  log: Logger,
  opts: { production: boolean } = { production: false },
): Promise<{ dispose(): Promise<void> }> {
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: 1024 * 1024 });
  const sockets = new CredentialWatch((principals) => services.identity.credentialProblems(principals), log);
  // The TCP socket under each WebSocket, whose writes the flusher holds and releases.
  const tcp = new WeakMap<WebSocket, Socket>();
  wss.on('connection', (socket, request) => tcp.set(socket, request.socket));
  const flusher = new SocketFlusher();
  const formatOne = (error: GraphQLError) =>
    formatExecutionError(error, (err) => log.error('subscription error', err), { hideSuggestions: opts.production });
  const formatResult = (result: ExecutionResult) => (result.errors ? { ...result, errors: result.errors.map(formatOne) } : result);

  const authenticate = async (params: Readonly<Record<string, unknown>> | undefined): Promise<Principal | null> => {
    const credential = credentialOf(params);
    if (!credential) return null;
    try {
      return await services.identity.authenticate(credential);
    } catch (error) {
      if (error instanceof HubError) return null;
      throw error;
    }
  };

  const cleanup = useServer<Record<string, unknown>, SocketExtra>(
    {
      schema,
      // Subscribers of the same events operation share one execution per event.
      subscribe: sharedSubscribe(formatResult, textFrame),
      onConnect: async (ctx) => {
        const principal = await authenticate(ctx.connectionParams);
        if (!principal) return false;
        ctx.extra.principal = principal;
        sockets.add(ctx.extra.socket, principal);
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        // Counted from the moment it arrives, so that operations sent together cannot all slip under the limit.
        const operations = (ctx.extra.operations ??= new Set());
        if (operations.size >= MAX_SUBSCRIPTIONS_PER_SOCKET) {
          return [
            new GraphQLError(
              `At most ${MAX_SUBSCRIPTIONS_PER_SOCKET} operations at once on one connection: complete one, or open another connection`,
              { extensions: { code: 'RATE_LIMITED' } },
            ),
          ];
        }
        operations.add(id);
        const refused = (errors: readonly GraphQLError[]) => {
          operations.delete(id);
          return [...errors];
        };
        const principal = await authenticate(ctx.connectionParams);
        if (!principal) {
          ctx.extra.socket.close(CloseCode.Forbidden, 'Forbidden');
          return refused([
            new GraphQLError('The credentials of this connection are no longer valid', { extensions: { code: 'UNAUTHENTICATED' } }),
          ]);
        }
        ctx.extra.principal = principal;
        try {
          await services.limits.admit(principal, 'ws');
        } catch (error) {
          if (error instanceof GraphQLError) return refused([error]);
          operations.delete(id);
          throw error;
        }
        // Parsed, validated and checked here so that every mistake is answered on its own operation id with a code, and the socket's other subscriptions go on.
        const prepared = prepareOperation(schema, payload, principal);
        return 'errors' in prepared ? refused(prepared.errors) : prepared.args;
      },
      onComplete: (ctx, id) => {
        ctx.extra.operations?.delete(id);
      },
      context: (ctx, id) => {
        const socket = ctx.extra.socket;
        const subscriber = { id, write: (frame: Buffer) => flusher.write(socket, tcp.get(socket) as Socket, frame) };
        // The TCP peer: a socket's operations (a login sent over it included) count against the address it came from.
        const address = ctx.extra.request.socket.remoteAddress;
        return createContext(services, ctx.extra.principal ?? null, { subscription: true, subscriber, address });
      },
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? formatResult(result) : undefined),
      onError: (ctx, id, _payload, errors) => {
        ctx.extra.operations?.delete(id);
        return errors.map(formatOne);
      },
      onClose: (ctx) => {
        sockets.remove(ctx.extra.socket);
      },
    },
    wss,
  );
  // After graphql-ws's own listeners, which it replaces for failures the client causes.
  wss.on('connection', (socket) => quietClientFailures(socket, log));

  const stopRevocations = await pubsub.subscribe(Topic.CREDENTIAL_REVOKED, ({ kind, id }) =>
    sockets.closeFor(kind, id, 'Credentials revoked'),
  );

  return {
    dispose: async () => {
      stopRevocations();
      sockets.stop();
      flusher.flush();
      await cleanup.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
