import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { ErrorCode, HubError } from './hub-error';

export type ErrorLogger = (error: unknown) => void;

/** graphql-js and Apollo codes for a request the client got wrong. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Apollo's automatic persisted queries: the clients (Apollo Client's
 * persisted-query link) read these codes to send the full query, so they keep them.
 */
const PERSISTED_QUERY_CODES = new Set(['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);

/** Apollo's refusals of a persisted-query request, which carry no code of their own, with what to fix. */
const PERSISTED_QUERY_REFUSALS = new Map([
  [
    'provided sha does not match query',
    'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent with it; send the lowercase hex SHA-256 of the exact query text',
  ],
  ['Unsupported persisted query version', 'extensions.persistedQuery.version must be 1'],
]);

/** graphql-js's suggestions ("Did you mean ...?"), which spell out the schema's names. */
const SUGGESTION = / ?Did you mean(.+?)\?$/;

export interface FormatOptions {
  /** Drop "Did you mean ...?" from messages (when introspection is off). */
  hideSuggestions?: boolean;
}

const CONTRACT_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * graphql-js stops coercing variables after 50 errors and adds an error of its
 * own, without a code, that Apollo would report as internal: it is still the
 * client's input that was wrong.
 */
const VARIABLE_ERROR_LIMIT = 'Too many errors processing variables, error limit reached.';

function validationMessage(error: ArgumentValidationError): string {
  const problems = error.extensions.validationErrors.flatMap((e) => Object.values(e.constraints ?? {})).join('; ');
  return problems ? `Invalid input: ${problems}` : error.message;
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
  // A statement unanswered for QUERY_TIMEOUT_MS (a network partition).
  'PROTOCOL_SEQUENCE_TIMEOUT',
]);

/** A failure to reach the database (as opposed to a query it refused): worth telling the client to retry. */
function isDatabaseUnreachable(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown }; message?: unknown; originalError?: unknown } | null;
  const code = e?.driverError?.code ?? e?.code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  // A failure while authenticating reaches here wrapped ("Context creation failed: ...").
  if (e?.originalError && e.originalError !== error && isDatabaseUnreachable(e.originalError)) return true;
  return (
    typeof e?.message === 'string' && /connection (lost|is in closed state)|closed state|Pool is closed|connect ETIMEDOUT/i.test(e.message)
  );
}

/**
 * Turns any error into the contract's shape: a HubError keeps its code and
 * message; a malformed request is BAD_USER_INPUT; anything else is logged and
 * masked, so SQL text, driver messages and stacks never reach a client.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: ErrorLogger,
  opts: FormatOptions = {},
): GraphQLFormattedError {
  const result = format(formatted, error, log);
  return opts.hideSuggestions ? { ...result, message: result.message.replace(SUGGESTION, '') } : result;
}

function format(formatted: GraphQLFormattedError, error: unknown, log: ErrorLogger): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { locations: formatted.locations, path: formatted.path };
  if (original instanceof HubError) {
    return { ...base, message: original.message, extensions: { code: original.code, ...original.details } };
  }
  if (original instanceof ArgumentValidationError) {
    return { ...base, message: validationMessage(original), extensions: { code: ErrorCode.BAD_USER_INPUT } };
  }
  const code = formatted.extensions?.code;
  if (original instanceof GraphQLError && typeof code === 'string' && PERSISTED_QUERY_CODES.has(code)) {
    return { ...base, message: formatted.message, extensions: { code } };
  }
  const refusal = original instanceof GraphQLError && !original.path ? PERSISTED_QUERY_REFUSALS.get(original.message) : undefined;
  if (refusal) return { ...base, message: refusal, extensions: { code: ErrorCode.BAD_USER_INPUT } };
  // Errors graphql-js raised itself (parse, validation, variable coercion) are the client's to fix.
  if (original instanceof GraphQLError && typeof code === 'string') {
    if (CLIENT_CODES.has(code) || (!original.path && original.message.startsWith(VARIABLE_ERROR_LIMIT))) {
      return { ...base, message: formatted.message, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    if (CONTRACT_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      const retryAfter = formatted.extensions?.retryAfter;
      return { ...base, message: formatted.message, extensions: typeof retryAfter === 'number' ? { code, retryAfter } : { code } };
    }
  }
  log(original);
  const message = isDatabaseUnreachable(original) ? 'The database is unavailable; try again shortly' : 'Internal server error';
  return { ...base, message, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

/** The same formatting for errors that never passed through Apollo (graphql-ws). */
export function formatExecutionError(error: GraphQLError, log: ErrorLogger, opts: FormatOptions = {}): GraphQLFormattedError {
  return formatError(error.toJSON(), error, log, opts);
}
