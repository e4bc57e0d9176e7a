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
  return numberedAsShown(message);
}

/**
 * The lists the hub's messages point into by 0-based index ("steps[2]"), with
 * the name the forms give their rows, which they number from 1 ("Step 3").
 * Lists left out here (a remittance file's lines, an import's rows: sent in
 * batches, so an index is not the line the operator sees) keep their paths.
 */
const ROW_NAMES: Readonly<Record<string, string>> = {
  steps: 'step',
  tiers: 'tier',
  registerPrices: 'register',
  rates: 'rate',
  promoCodes: 'promo code',
  incentives: 'incentive',
  protections: 'protection',
  openingBalance: 'open invoice',
  // A by-line credit sends only the lines given an amount, in the invoice's order.
  items: 'credited line',
};

/** A dotted path with list indexes, as the hub writes where a value is: input.rates[1].tiers[0].unitPrice. */
const FIELD_PATH = /(?<![\w.\]])[A-Za-z_]\w*(?:\[\d+\])?(?:\.[A-Za-z_]\w*(?:\[\d+\])?)*/g;
const SEGMENT = /^(\w+)(?:\[(\d+)\])?$/;

/**
 * Names each list item in a message as the form numbers it: "steps[2].daysPastDue
 * must be..." is "Step 3: daysPastDue must be...", "Rate tiers[0]: ..." is
 * "Rate tier 1: ...". Messages without such a path (a remittance's "Line 4: ...")
 * are kept as they are.
 */
export function numberedAsShown(message: string): string {
  return message.replace(FIELD_PATH, (path: string, at: number) => {
    if (!path.includes('[')) return path;
    const parts = path.split('.').map((segment) => {
      const [, name = '', index] = SEGMENT.exec(segment) ?? [];
      return { name, index: index === undefined ? null : Number(index) };
    });
    const indexed = parts.map((p, i) => (p.index === null ? -1 : i)).filter((i) => i >= 0);
    const [first, last] = [indexed[0], indexed[indexed.length - 1]];
    // Before the first list: the argument's own name (input.), which no form shows.
    const rows = parts.slice(first, last + 1);
    if (rows.some((p) => p.index === null || !Object.hasOwn(ROW_NAMES, p.name))) return path;
    let named = rows.map((p) => `${ROW_NAMES[p.name]} ${(p.index ?? 0) + 1}`).join(', ');
    if (at === 0) named = named[0].toUpperCase() + named.slice(1);
    const field = parts
      .slice(last + 1)
      .map((p) => p.name)
      .join('.');
    const next = message.charAt(at + path.length);
    if (!field) return /\s/.test(next) ? `${named}:` : named;
    return next === ':' ? `${named}, ${field}` : `${named}: ${field}`;
  });
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
