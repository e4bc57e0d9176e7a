import zlib from 'node:zlib';
import compression from 'compression';
import type { RequestHandler } from 'express';

/** Smaller answers gain less than the compression costs. */
export const COMPRESS_THRESHOLD = 1024;

/**
 * Compresses answers over 1 KB (GraphQL JSON, the console's files, the dialer
 * CSV) with br or gzip when the client's Accept-Encoding allows it, through
 * express's own compression middleware, which keeps streamed answers (static
 * files piped with back-pressure) flowing. WebSocket traffic never passes
 * through here: it is upgraded before express.
 */
export function compressResponses(): RequestHandler {
  return compression({
    threshold: COMPRESS_THRESHOLD,
    // Brotli's default quality (11) costs far more CPU than it saves in bytes for answers made on the fly; 4 is about gzip's speed.
    brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
}
