import 'reflect-metadata';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { storedSetting } from '../db/settings';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError } from 'graphql';
import { checkQueryCost } from './query-limits';
import { compressResponses } from './compress';
import {
  answerClientErrors,
  answerUnauthenticatedWith401,
  BODY_LIMIT_BYTES,
  corsFor,
  documentGate,
  jsonErrors,
  refuseSubscriptionsOverHttp,
  requireUtf8,
} from './http-edge';
import type { HubConfig } from '../config/env';
import { formatError } from '../common/errors/format-error';
import { HubError } from '../common/errors/hub-error';
import { Database } from '../db/database';
import { createDataSource } from '../db/data-source';
import { migrate } from '../db/migrate';
import { EventRelay } from '../events/relay';
import { isEmptyHub, seedDemo } from '../demo/seed';
import { SlaSweeper } from '../modules/work-queues/sla-sweeper';
import { registerDialerExport } from '../modules/collections/dialer-export.route';
import { registerDocumentRoutes } from '../modules/documents/documents.route';
import { registerPrintBatchRoutes } from '../modules/delivery/print-batches.route';
import { HubPubSub } from '../events/pubsub';
import { mountConsole } from './console';
import { createContext, type HubContext } from '../common/context';
import { createLogger, type Logger } from '../common/logger';
import { getSchema } from './schema';
import { createServices, type Services } from './services';
import { attachWebSocket } from './ws';
import { entities } from './entities';

export interface Hub {
  url: string;
  port: number;
  db: Database;
  services: Services;
  relay: EventRelay;
  slaSweeper: SlaSweeper;
  log: Logger;
  /** The first admin's password when it was generated at this start. */
  generatedAdminPassword: string | null;
  stop(): Promise<void>;
}

/** How long /healthz waits for the database before it answers 503. */
const HEALTH_TIMEOUT_MS = 2_000;

/** Starts the whole hub: database and migrations, event relay, GraphQL over HTTP and WebSocket. */
export async function startHub(config: HubConfig): Promise<Hub> {
  const log = createLogger(config.logLevel);
  // One process at a time: replicas started together on an empty database wait for the first.
  await migrate(config.database, { onWait: (message) => log.info(message) });
  const ds = createDataSource(config.database, { entities });
  await ds.initialize();
  const db = new Database(ds);

  const deploymentId = await storedSetting(db, 'deployment_id', () => randomBytes(9).toString('base64url'));
  const pubsub = config.redisUrl ? HubPubSub.redis(config.redisUrl, deploymentId, (e) => log.error('redis', e)) : HubPubSub.inMemory();
  const services = await createServices(config, db, pubsub, log, deploymentId);
  const generatedAdminPassword = await services.identity.ensureFirstAdmin(config.adminUsername, config.adminPassword);
  if (generatedAdminPassword) {
    // Printed as soon as it exists: it is shown this once and never stored in clear.
    log.notice(
      `\nFirst start: sign in as "${config.adminUsername}" with password ${generatedAdminPassword}\n(shown once; set HUB_ADMIN_PASSWORD to choose it)\n`,
    );
  }
  // Runs a process that died left RUNNING: alone on its database, this process knows none of them is still worked on.
  await services.collectionsRuns.recover({ alone: config.redisUrl === null });
  if (config.demo && (await isEmptyHub(db))) await seedDemo(services, config.timezone, log);
  const relay = new EventRelay(db, pubsub, log);
  relay.start();
  const slaSweeper = new SlaSweeper(services.workQueues, log);
  slaSweeper.start();

  const schema = await getSchema();
  const app = express();
  app.disable('x-powered-by');
  app.use(compressResponses());
  // Which proxies' X-Forwarded-For to believe for req.ip (HUB_TRUST_PROXY); by default none: the address is the TCP peer's.
  app.set('trust proxy', config.trustProxy);
  const httpServer = http.createServer(app);
  answerClientErrors(httpServer);
  const ws = await attachWebSocket(httpServer, schema, services, pubsub, log, { production: config.production });

  const apollo = new ApolloServer<HubContext>({
    schema,
    introspection: !config.production,
    // With introspection off, "Did you mean ...?" hints would still spell out the schema field by field.
    hideSchemaDetailsFromClientErrors: config.production,
    csrfPrevention: true,
    // main.ts stops the whole hub on SIGTERM/SIGINT; Apollo's own handler would re-raise the signal and end the process before that finishes.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) =>
      formatError(formatted, error, (e) => log.error('request failed', e), { hideSuggestions: config.production }),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // The hub sets no cache hints; Apollo's default cache-control plugin would still wrap every field resolver of every request.
      ApolloServerPluginCacheControlDisabled(),
      { serverWillStart: async () => ({ drainServer: async () => ws.dispose() }) },
      {
        // The document's size and shape were checked before parsing (documentGate); its cost is checked once the operation is known, before anything runs.
        requestDidStart: async () => ({
          didResolveOperation: async ({ document, operation, request }) => {
            if (!operation) return;
            refuseSubscriptionsOverHttp(operation);
            checkQueryCost(schema, document, operation, request.variables ?? {});
          },
          willSendResponse: async ({ response }) => answerUnauthenticatedWith401(response),
        }),
      },
    ],
  });
  await apollo.start();

  app.get('/healthz', async (_req, res) => {
    // A database that does not answer within HEALTH_TIMEOUT_MS is as good as unreachable (a partition never refuses).
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('no answer')), HEALTH_TIMEOUT_MS);
    });
    try {
      await Promise.race([ds.query('SELECT 1'), timeout]);
      res.status(200).json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'database unreachable' });
    } finally {
      clearTimeout(timer);
    }
  });

  registerDialerExport(app, services, (e) => log.error('dialer export failed', e));
  registerDocumentRoutes(app, services, (e) => log.error('document download failed', e));
  registerPrintBatchRoutes(app, services, (e) => log.error('print batch download failed', e));

  app.use(
    '/graphql',
    corsFor(config.corsOrigins),
    express.json({ limit: BODY_LIMIT_BYTES, verify: requireUtf8 }),
    documentGate,
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        let principal;
        try {
          principal = await services.identity.authenticate(req.headers.authorization);
        } catch (error) {
          // Apollo answers a failed context with HTTP 500 unless told otherwise; a bad credential is the client's to fix.
          if (error instanceof HubError) {
            const headers = new HeaderMap([['www-authenticate', 'Bearer error="invalid_token"']]);
            throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status: 401, headers } } });
          }
          throw error;
        }
        const address = req.ip ?? 'unknown';
        await services.limits.admit(principal, address);
        return createContext(services, principal, { address });
      },
    }),
  );

  // Last: every other GET is the console's (its screens are client-side routes).
  mountConsole(app);
  app.use(jsonErrors(log));

  await new Promise<void>((resolve) => httpServer.listen(config.port, resolve));
  // With Redis, every process bills chunks of runs started anywhere in the deployment and takes over those of a process that died.
  await services.billRuns.startWorker({ shared: config.redisUrl !== null });
  // Every process delivers webhooks (each endpoint leased by one at a time) and sweeps events past their retention.
  await services.webhookDispatcher.start();
  services.eventRetention.start();
  services.salesCalendar.start();
  // Every process ticks; each day's scheduled run is claimed by one.
  services.runSchedules.start();
  // Every process renders queued bills and letters (each job leased by one process at a time).
  services.renderWorker.start();
  // Every process sends queued deliveries (each leased by one process at a time).
  services.deliveryWorker.start();
  const port = (httpServer.address() as AddressInfo).port;

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await slaSweeper.stop();
      await services.runSchedules.stop();
      await services.billRuns.stop();
      await services.collectionsRuns.stop();
      await services.webhookDispatcher.stop();
      await services.eventRetention.stop();
      await services.salesCalendar.stop();
      await services.renderWorker.stop();
      await services.pdfs.close();
      await services.deliveryWorker.stop();
      await apollo.stop();
      await relay.stop();
      await pubsub.close();
      await services.limits.close();
      await ds.destroy();
    })();
    return stopping;
  };

  return { url: `http://localhost:${port}`, port, db, services, relay, slaSweeper, log, generatedAdminPassword, stop };
}
