/** The error codes of the public contract (extensions.code). */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  IDEMPOTENCY_CONFLICT = 'IDEMPOTENCY_CONFLICT',
  INVALID_STATE = 'INVALID_STATE',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  RATE_LIMITED = 'RATE_LIMITED',
  CURSOR_EXPIRED = 'CURSOR_EXPIRED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/**
 * An error meant for the client: its message says what to fix and its code is
 * one of the contract's. Anything else thrown is masked as INTERNAL_SERVER_ERROR.
 */
export class HubError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HubError';
  }
}

export const badInput = (message: string, details?: Record<string, unknown>): HubError =>
  new HubError(ErrorCode.BAD_USER_INPUT, message, details);
export const notFound = (what: string): HubError => new HubError(ErrorCode.NOT_FOUND, `${what} not found`);
export const conflict = (message: string): HubError => new HubError(ErrorCode.CONFLICT, message);
export const invalidState = (message: string): HubError => new HubError(ErrorCode.INVALID_STATE, message);
export const forbidden = (message = 'Your role may not do this'): HubError => new HubError(ErrorCode.FORBIDDEN, message);
export const unauthenticated = (message = 'Sign in or send an API key'): HubError => new HubError(ErrorCode.UNAUTHENTICATED, message);
/** An event id to resume after is older than the events still kept; the message names the oldest id kept. */
export const cursorExpired = (message: string, details?: Record<string, unknown>): HubError =>
  new HubError(ErrorCode.CURSOR_EXPIRED, message, details);
