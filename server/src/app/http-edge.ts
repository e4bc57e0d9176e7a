import type { GraphQLResponse } from '@apollo/server';
import { isUtf8 } from 'node:buffer';
import { maxHeaderSize, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import cors from 'cors';
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { GraphQLError, OperationTypeNode, type OperationDefinitionNode } from 'graphql';
import { ErrorCode } from '../common/errors/hub-error';
import type { Logger } from '../common/logger';
import { parseWithinLimits } from './query-limits';

/**
 * The largest request body. 10,000 usage reads, the largest legitimate
 * request, take about 1.3 MB (1.8 MB with 64-character account numbers);
 * reading and parsing a body costs about 100 ms per MB of the only thread.
 */
export const BODY_LIMIT_BYTES = 3 * 1024 * 1024;

/** Answers with the GraphQL response shape every client of /graphql already reads. */
function sendError(res: Response, status: number, code: ErrorCode, message: string): void {
  res
    .status(status)
    .type('application/json; charset=utf-8')
    .send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/** The query text of a POST body or a GET query string, when there is one. */
function queryOf(req: Request): string | null {
  const body: unknown = req.body;
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    const query = (body as { query?: unknown }).query;
    if (typeof query === 'string') return query;
  }
  const search = req.query?.query;
  return typeof search === 'string' ? search : null;
}

/**
 * Query texts that passed, so that the operations a client sends again and
 * again (all of the console's, a partner's catalog query) are not parsed
 * twice per request; Apollo keeps its own parsed copy. Bounded by count and
 * by the size of the texts kept.
 */
const passed = new Set<string>();
const PASSED_KEPT = 1_000;
const PASSED_TEXT_MAX = 20_000;

/**
 * Checks the document's size and shape before Apollo parses and validates it
 * (see parseWithinLimits): validation costs grow faster than the document,
 * and a few kilobytes built to exploit that would otherwise hold the only
 * thread for minutes. Everything else is left to Apollo.
 */
export const documentGate: RequestHandler = (req, res, next) => {
  const query = queryOf(req);
  if (query === null || passed.has(query)) return next();
  try {
    parseWithinLimits(query);
    if (query.length <= PASSED_TEXT_MAX) {
      if (passed.size >= PASSED_KEPT) passed.clear();
      passed.add(query);
    }
  } catch (error) {
    if (error instanceof GraphQLError) {
      const code = error.extensions.code === ErrorCode.QUERY_TOO_COMPLEX ? ErrorCode.QUERY_TOO_COMPLEX : ErrorCode.BAD_USER_INPUT;
      return sendError(res, 400, code, error.message);
    }
    return next(error);
  }
  next();
};

/**
 * The JSON body parser's check that a body is the UTF-8 it claims to be. Decoding
 * would turn bytes of another encoding (a Latin-1 "é") into U+FFFD and store
 * that in place of the client's text; refused instead (body-parser answers
 * the thrown error as 'entity.not.utf8').
 */
export function requireUtf8(_req: unknown, _res: unknown, body: Buffer): void {
  if (!isUtf8(body)) throw Object.assign(new Error('The body is not valid UTF-8'), { status: 400, type: 'entity.not.utf8' });
}

/** The content-encodings body-parser decodes; any other is refused before decoding (encoding.unsupported). */
const DECODED = new Set(['gzip', 'deflate', 'br']);

/** body-parser's error types for a body the client sent wrong. */
const BODY_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  'entity.too.large': {
    code: ErrorCode.QUERY_TOO_COMPLEX,
    message: `The request body is larger than ${BODY_LIMIT_BYTES / 1024 / 1024} MB; split it (recordUsage takes up to 10,000 reads per call)`,
  },
  'entity.parse.failed': {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'The body is not valid JSON; send one JSON object with "query" and "variables"',
  },
  'charset.unsupported': {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'Send the body as UTF-8 (content-type: application/json; charset=utf-8)',
  },
  'entity.not.utf8': {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'The body is not valid UTF-8; send JSON encoded as UTF-8 (content-type: application/json; charset=utf-8)',
  },
  'encoding.unsupported': {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'Send the body uncompressed, or with content-encoding gzip, deflate or br',
  },
  'request.size.invalid': { code: ErrorCode.BAD_USER_INPUT, message: 'The body is shorter or longer than its content-length says' },
};

/** A client that went away mid-request: routine, not the hub's fault. */
function isClientGone(error: { type?: unknown; code?: unknown }): boolean {
  return error.type === 'request.aborted' || error.code === 'ECONNABORTED';
}

/**
 * The last handler: every error that reaches express (a body that is not
 * JSON, too large, in another charset, a failure in a route) is answered as
 * GraphQL JSON with the contract's code, never with express's HTML page,
 * which carries a stack trace and file paths unless NODE_ENV is production.
 */
export function jsonErrors(log: Logger): ErrorRequestHandler {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const e = (error ?? {}) as { type?: unknown; code?: unknown; errno?: unknown; status?: unknown; expose?: unknown; message?: unknown };
    if (isClientGone(e)) {
      log.info(`client went away during ${req.method} ${req.path}`);
      if (!res.headersSent) res.destroy();
      return;
    }
    if (res.headersSent) {
      log.error(`${req.method} ${req.path} failed after its answer began`, error);
      res.destroy();
      return;
    }
    const known = typeof e.type === 'string' ? BODY_ERRORS[e.type] : undefined;
    const status = typeof e.status === 'number' && e.status >= 400 && e.status < 500 ? e.status : null;
    if (known && status) return sendError(res, status, known.code, known.message);
    // A path the router cannot decode (a Latin-1 byte such as %E9, a stray %): the client's URL, not the hub, is wrong.
    if (status === 400 && error instanceof URIError) {
      return sendError(res, 400, ErrorCode.BAD_USER_INPUT, 'The path is not valid percent-encoded UTF-8; encode it as UTF-8 (é is %C3%A9)');
    }
    // A body its content-encoding does not decode: zlib's error (an errno, no type) says it in zlib's words ("incorrect header check").
    const encoding = req.headers['content-encoding'];
    const named = typeof encoding === 'string' ? encoding.trim().toLowerCase() : '';
    if (status === 400 && e.type === undefined && typeof e.errno === 'number' && DECODED.has(named)) {
      return sendError(
        res,
        400,
        ErrorCode.BAD_USER_INPUT,
        `The body does not decode as ${named}, as its content-encoding says; compress the JSON with ${named}, or send it uncompressed with no content-encoding`,
      );
    }
    // Other client errors from express and its parsers carry a message written for the client (expose).
    if (status && e.expose === true && typeof e.message === 'string') return sendError(res, status, ErrorCode.BAD_USER_INPUT, e.message);
    log.error(`${req.method} ${req.path} failed`, error);
    sendError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
  };
}

/**
 * Cross-origin calls from the listed browser origins only (HUB_CORS_ORIGINS);
 * with none listed, no CORS headers at all, so browsers keep other sites'
 * pages from reading the API. Apollo's CSRF prevention still applies to
 * every request.
 */
export function corsFor(origins: readonly string[]): RequestHandler {
  if (origins.length === 0) return (_req, _res, next) => next();
  return cors({
    origin: [...origins],
    methods: ['GET', 'POST'],
    allowedHeaders: ['authorization', 'content-type', 'apollo-require-preflight', 'x-apollo-operation-name'],
    exposedHeaders: ['retry-after', 'www-authenticate'],
    maxAge: 600,
  });
}

/** Apollo would run a subscription's resolver once, without its event stream, and fail inside. */
export function refuseSubscriptionsOverHttp(operation: OperationDefinitionNode): void {
  if (operation.operation !== OperationTypeNode.SUBSCRIPTION) return;
  throw new GraphQLError(
    'Subscriptions are served over WebSocket (the graphql-transport-ws protocol of graphql-ws) at /graphql, not over HTTP',
    { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } },
  );
}

/**
 * One status for UNAUTHENTICATED over HTTP, whatever raised it (no
 * credentials, bad ones, a wrong password): 401 with WWW-Authenticate, as
 * RFC 6750 asks of an API that takes bearer credentials.
 */
export function answerUnauthenticatedWith401(response: GraphQLResponse): void {
  if (response.body.kind !== 'single') return;
  if (!response.body.singleResult.errors?.some((e) => e.extensions?.code === ErrorCode.UNAUTHENTICATED)) return;
  response.http.status = 401;
  if (!response.http.headers.has('www-authenticate')) response.http.headers.set('www-authenticate', 'Bearer');
}

/** Requests node's HTTP parser refuses before express sees them, by its error code: the status node answers with, and what to fix. */
const PARSER_ERRORS: Record<string, [status: number, message: string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    `The request's headers are larger than ${Math.floor(maxHeaderSize / 1024)} KB; send the API key or session token alone in Authorization, with fewer or shorter cookies`,
  ],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'A chunk extension of the body is too large; send the body without chunk extensions'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'The request took too long to arrive; send it again'],
};

type ParsingSocket = Duplex & { _httpMessage?: (ServerResponse & { req?: IncomingMessage }) | null };

/**
 * Answers what node's HTTP parser refuses (headers over its limit, malformed
 * HTTP) as every other client mistake is answered, GraphQL JSON with
 * BAD_USER_INPUT, where node would send a bare status line; then closes the
 * connection, as node does. Bytes that fail after a whole request still being
 * answered (a body longer than its content-length, a pipelined request) get no
 * answer of their own, which the client would read as that request's: its
 * answer goes out, then the connection closes.
 */
export function answerClientErrors(server: Server): void {
  const closing = new WeakSet<Duplex>();
  server.on('clientError', (error: NodeJS.ErrnoException, socket: ParsingSocket) => {
    if (closing.has(socket)) return;
    closing.add(socket);
    const inFlight = socket._httpMessage;
    if (inFlight?.req?.complete) {
      inFlight.shouldKeepAlive = false;
      inFlight.once('close', () => socket.destroy());
      return;
    }
    if (error.code !== 'ECONNRESET' && socket.writable && !inFlight?.headersSent) {
      const [status, message] = PARSER_ERRORS[error.code ?? ''] ?? [400, 'The request is not valid HTTP/1.1'];
      const body = JSON.stringify({ errors: [{ message, extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy();
  });
}
