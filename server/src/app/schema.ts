import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { authChecker } from '../common/auth/auth-checker';
import { EventResolver } from '../events/event.resolver';
import { AuditResolver } from '../modules/audit/audit.resolver';
import { IdentityResolver } from '../modules/identity/identity.resolver';
import { ProductResolver } from '../modules/catalog/product.resolver';

export const resolvers: NonEmptyArray<Function> = [IdentityResolver, AuditResolver, EventResolver, ProductResolver];

let built: Promise<GraphQLSchema> | null = null;

/** The executable schema, built once per process from the resolvers' decorators. */
export function getSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers,
    authChecker,
    validate: false,
    // Every subscription supplies its own `subscribe` (events/event.service.ts), so
    // type-graphql's topic-based PubSub is never used; it only insists on one being set.
    pubSub: {
      publish: () => {
        throw new Error('publish through HubPubSub');
      },
      subscribe: () => {
        throw new Error('subscribe through HubPubSub');
      },
    },
  });
  return built;
}

/** The SDL committed as schema/schema.graphql. */
export async function printHubSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}
