import {
  GraphQLError,
  getOperationAST,
  Kind,
  OperationTypeNode,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values';
import { getMetadataStorage } from 'type-graphql';
import type { Principal } from '../common/auth/roles';
import { ErrorCode, HubError } from '../common/errors/hub-error';
import { checkFieldArguments } from '../common/scalars/validate-args';
import { checkQueryCost, parseWithinLimits } from './query-limits';

/** What a graphql-ws client sends to start an operation. */
export interface OperationPayload {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** graphql-js's own errors carry no code; these are the client's to fix. */
function withCode(error: GraphQLError, code: ErrorCode): GraphQLError {
  if (typeof error.extensions.code === 'string') return error;
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { code } });
}

let subscriptionRoles: Map<string, readonly string[]> | null = null;

/** The roles each subscription's @Authorized names (read once from the resolvers' metadata, after the schema is built). */
function rolesFor(field: string): readonly string[] | undefined {
  subscriptionRoles ??= new Map(
    getMetadataStorage()
      .subscriptions.filter((s) => Array.isArray(s.roles))
      .map((s) => [s.schemaName, (s.roles ?? []).map(String)]),
  );
  return subscriptionRoles.get(field);
}

/**
 * A subscription's root fields get their arguments from its own subscribe
 * function, which type-graphql's argument check (validateArgs) never sees:
 * the same checks are made here.
 */
function checkArguments(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): GraphQLError | null {
  const root = schema.getSubscriptionType();
  if (operation.operation !== OperationTypeNode.SUBSCRIPTION || !root) return null;
  for (const selection of operation.selectionSet.selections) {
    const field = selection.kind === Kind.FIELD ? root.getFields()[selection.name.value] : undefined;
    if (!field || selection.kind !== Kind.FIELD) continue;
    try {
      checkFieldArguments(field, getArgumentValues(field, selection, variables));
    } catch (error) {
      if (error instanceof HubError) return new GraphQLError(error.message, { nodes: [selection], extensions: { code: error.code } });
      if (error instanceof GraphQLError) return withCode(error, ErrorCode.BAD_USER_INPUT);
      throw error;
    }
  }
  return null;
}

/**
 * A subscription's fields are authorized per event; refusing a role at
 * subscribe time instead tells the client at once rather than at the first
 * event, which for a quiet stream could be hours later.
 */
function checkRoles(operation: OperationDefinitionNode, principal: Principal): GraphQLError | null {
  if (operation.operation !== OperationTypeNode.SUBSCRIPTION) return null;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const roles = rolesFor(selection.name.value);
    if (roles && roles.length > 0 && !roles.includes(principal.role)) {
      return new GraphQLError(`The ${principal.role} role may not subscribe to ${selection.name.value}`, {
        nodes: [selection],
        extensions: { code: ErrorCode.FORBIDDEN },
      });
    }
  }
  return null;
}

/**
 * Everything graphql-ws would do before running an operation, and the hub's
 * checks, with every refusal carrying the contract's code: a document over
 * the limits (QUERY_TOO_COMPLEX), one that does not parse or validate or
 * whose variables do not fit (BAD_USER_INPUT), a role that may not subscribe
 * (FORBIDDEN). Left to graphql-ws, a parse error closed the whole socket with
 * 4500, which its client treats as fatal for every other subscription on it.
 */
export function prepareOperation(
  schema: GraphQLSchema,
  payload: OperationPayload,
  principal: Principal,
): { args: ExecutionArgs } | { errors: GraphQLError[] } {
  let document: DocumentNode;
  try {
    document = parseWithinLimits(String(payload.query ?? ''));
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [withCode(error, ErrorCode.BAD_USER_INPUT)] };
    throw error;
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) return { errors: invalid.map((e) => withCode(e, ErrorCode.BAD_USER_INPUT)) };
  const operationName = payload.operationName ?? undefined;
  const operation = getOperationAST(document, operationName);
  if (!operation) {
    const message = operationName
      ? `The document has no operation named "${operationName}"`
      : 'The document has several operations; name the one to run in operationName';
    return { errors: [new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } })] };
  }
  const variables = payload.variables ?? {};
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 10 });
  if (coerced.errors) return { errors: coerced.errors.map((e) => withCode(e, ErrorCode.BAD_USER_INPUT)) };
  const forbidden = checkRoles(operation, principal);
  if (forbidden) return { errors: [forbidden] };
  const badArgument = checkArguments(schema, operation, coerced.coerced);
  if (badArgument) return { errors: [badArgument] };
  try {
    checkQueryCost(schema, document, operation, variables);
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [error] };
    throw error;
  }
  return { args: { schema, document, operationName, variableValues: variables } };
}
