import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

/** What went wrong, in the server's words when it gave any. */
export interface Problem {
  message: string;
  /** The contract's extensions.code (CONFLICT, BAD_USER_INPUT...), or NETWORK when the hub was not reached. */
  code: string | null;
}

const UNREACHABLE = 'The hub could not be reached. Check the connection and try again.';

function codeOf(extensions: unknown): string | null {
  if (extensions && typeof extensions === 'object' && 'code' in extensions && typeof extensions.code === 'string') {
    return extensions.code;
  }
  return null;
}

/**
 * The GraphQL layer's own refusals of a value (before the hub's rules run)
 * name variables and types; said as the operator typed them instead.
 */
function plainly(message: string): string {
  const enumValue = /Value "([^"]*)" does not exist in "(\w+)" enum/.exec(message);
  if (enumValue) return `"${enumValue[1]}" is not a known ${words(enumValue[2])}: check its spelling`;
  const int = /Int cannot represent non 32-bit signed integer value: (\S+)/.exec(message);
  if (int) return `${int[1]} is too large a whole number`;
  return message;
}

/** EventType -> event type. */
const words = (typeName: string): string => typeName.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** Reads the first GraphQL error of a failed operation, else describes the transport failure. */
export function describeError(error: unknown): Problem {
  if (CombinedGraphQLErrors.is(error) && error.errors.length > 0) {
    const first = error.errors[0];
    return { message: plainly(first.message), code: codeOf(first.extensions) };
  }
  if (ServerError.is(error)) {
    try {
      const body = JSON.parse(error.bodyText) as { errors?: Array<{ message: string; extensions?: unknown }> };
      const first = body.errors?.[0];
      if (first) return { message: plainly(first.message), code: codeOf(first.extensions) };
    } catch {
      // Not JSON: a proxy's or the server's own error page; the status says enough.
    }
    if (error.statusCode === 401) return { message: 'Your session has ended. Sign in again.', code: 'UNAUTHENTICATED' };
    return { message: `The hub answered ${error.statusCode}. Try again in a moment.`, code: null };
  }
  if (error instanceof TypeError) return { message: UNREACHABLE, code: 'NETWORK' };
  if (error instanceof Error) return { message: error.message, code: null };
  return { message: String(error), code: null };
}

/** Every error code of a failed operation: an UNAUTHENTICATED anywhere means the session is over. */
export function errorCodes(error: unknown): string[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => codeOf(e.extensions)).filter((c): c is string => c !== null);
  if (ServerError.is(error) && error.statusCode === 401) return ['UNAUTHENTICATED'];
  return [];
}
