import type { GraphQLSchema } from 'graphql';
import type { Role } from './auth/roles';

/**
 * Schema description texts that several types and fields share, written once.
 * Everything else is described where it is defined, in its decorator.
 */

/** The `first` argument of every connection. */
export const PAGE_FIRST = 'How many items to return: default 50, at most 500 (more is capped at 500); less than 1 answers BAD_USER_INPUT.';

/** The `after` argument of every connection. */
export const PAGE_AFTER =
  'The pageInfo.endCursor of the previous page, to read the page after it; leave it out for the first page. A cursor this API did not give out answers BAD_USER_INPUT.';

/** A connection type: one page of a list that can grow without bound. */
export function connectionDescription(items: string): string {
  return `One page of ${items}: the items, where the page ends and how many there are in all. Pass pageInfo.endCursor as \`after\` to read the next page.`;
}

/** Who may call a root field, as the sentence its description carries. */
export function rolesSentence(roles: readonly Role[] | null): string {
  return roles ? `Roles: ${roles.join(', ')}.` : 'Needs no credentials.';
}

/**
 * A query's, mutation's or subscription's description: what it does, the roles
 * that may call it (the same groups as its @Authorized decorator), and the
 * errors particular to it. The errors any call can answer are on the root types.
 */
export function rootDescription(text: string, roles: readonly Role[] | null, errors?: string): string {
  return [text, rolesSentence(roles), errors ? `Errors: ${errors}` : null].filter((part) => part !== null).join('\n\n');
}

/** The errors any call can answer, on top of those its own description names. */
const COMMON_ERRORS =
  "Any call can also answer UNAUTHENTICATED (missing, unknown, expired or revoked credentials), FORBIDDEN (the caller's role may not call it), BAD_USER_INPUT (a malformed argument; the message names it), RATE_LIMITED (over the request rate; retry after extensions.retryAfter seconds), QUERY_TOO_COMPLEX (over the depth, alias or cost limits; nothing ran) or INTERNAL_SERVER_ERROR (a fault of the hub or its database, never a client mistake). A refused call changes nothing.";

/** The root types, which type-graphql builds without a description. */
export const ROOT_DESCRIPTIONS = {
  Query: `Everything the hub can be asked, over HTTP POST /graphql. Send credentials as "Authorization: Bearer <token or API key>"; each field names the roles that may call it. ${COMMON_ERRORS}`,
  Mutation: `Every change the hub accepts, over HTTP POST /graphql, one transaction each, recorded in the audit log with the caller, before and after. Each field names the roles that may call it. ${COMMON_ERRORS}`,
  Subscription: `Live streams over WebSocket on /graphql (the graphql-transport-ws protocol of graphql-ws), credentials in connectionParams.authorization: a socket without valid credentials is closed with code 4403, and revoking an API key closes its sockets. Each field names the roles that may subscribe. ${COMMON_ERRORS}`,
} as const;

/** Gives the built schema's root types their descriptions. */
export function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (type && type.name in ROOT_DESCRIPTIONS) type.description = ROOT_DESCRIPTIONS[type.name as keyof typeof ROOT_DESCRIPTIONS];
  }
  return schema;
}
