/**
 * The baseline for the read benchmark: the hub's own schema, resolvers,
 * services, DataLoaders and authentication, served by plain graphql-js
 * (parse, validate, execute on every request) over node:http, with none of
 * Apollo Server, express, or the hub's plugins in the way.
 */
import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { execute, parse, validate, type DocumentNode } from 'graphql';
import { createContext } from '../../server/src/common/context';
import { createLogger } from '../../server/src/common/logger';
import { getSchema } from '../../server/src/app/schema';
import { createServices } from '../../server/src/app/services';
import { loadConfig } from '../../server/src/config/env';
import { Database } from '../../server/src/db/database';
import { createDataSource } from '../../server/src/db/data-source';
import { HubPubSub } from '../../server/src/events/pubsub';
import { answerStats, countStatements } from './hub-child';
import { entities } from '../../server/src/app/entities';

async function main(): Promise<void> {
  countStatements();
  answerStats();
  const config = loadConfig();
  const log = createLogger('error');
  const ds = createDataSource(config.database, { entities });
  await ds.initialize();
  const db = new Database(ds);
  const services = await createServices(config, db, HubPubSub.inMemory(), log, 'plain-baseline');
  const schema = await getSchema();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        let status = 200;
        let body: unknown;
        try {
          const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
            query: string;
            variables?: Record<string, unknown>;
          };
          const principal = await services.identity.authenticate(req.headers.authorization);
          const document: DocumentNode = parse(query);
          const errors = validate(schema, document);
          if (errors.length > 0) {
            status = 400;
            body = { errors };
          } else {
            body = await execute({ schema, document, variableValues: variables, contextValue: createContext(services, principal) });
          }
        } catch (error) {
          status = 500;
          body = { errors: [{ message: error instanceof Error ? error.message : String(error) }] };
        }
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  process.stdout.write(`Plain graphql-js server ready at http://localhost:${(server.address() as AddressInfo).port}\n`);
  const stop = () => {
    server.close();
    ds.destroy().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`plain server failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
