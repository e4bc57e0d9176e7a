import zlib from 'node:zlib';
import type { RequestHandler, Response } from 'express';

/** Smaller answers gain less than the compression costs. */
export const COMPRESS_THRESHOLD = 1024;

/** JSON (GraphQL answers), the console's text assets and the dialer CSV; never event streams or multipart. */
const COMPRESSIBLE = /^(application\/(json|graphql-response\+json|javascript|manifest\+json)|text\/(?!event-stream)|image\/svg\+xml)/i;

type Encoding = 'br' | 'gzip';

/** The client's preferred encoding among br and gzip (q-values honoured), or null. */
export function chooseEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    accepted.set(name.trim(), q ? Number(q[1]) : 1);
  }
  const weight = (name: Encoding) => accepted.get(name) ?? accepted.get('*') ?? 0;
  if (weight('br') > 0 && weight('br') >= weight('gzip')) return 'br';
  return weight('gzip') > 0 ? 'gzip' : null;
}

function addVary(res: Response): void {
  const vary = String(res.getHeader('Vary') ?? '');
  if (!/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary)) res.setHeader('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
}

function createStream(encoding: Encoding): zlib.BrotliCompress | zlib.Gzip {
  // Brotli's default quality (11) costs far more CPU than it saves in bytes for answers made on the fly; 4 is about gzip's speed.
  return encoding === 'br'
    ? zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } })
    : zlib.createGzip({ level: 6 });
}

type Chunk = string | Uint8Array;
type Callback = (error?: Error | null) => void;

function byteLength(chunk: unknown, encoding: unknown): number {
  if (typeof chunk === 'string') return Buffer.byteLength(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  return chunk instanceof Uint8Array ? chunk.length : 0;
}

/**
 * Compresses answers over 1 KB with br or gzip when the client accepts it.
 * The choice is made when the answer starts, from its headers: a length under
 * the threshold, a type that does not compress (or an event stream), a
 * Cache-Control no-transform or an encoding already set leave it as it is.
 * WebSocket traffic never passes through here (it is upgraded before express).
 */
export function compressResponses(): RequestHandler {
  return (req, res, next) => {
    const encoding = req.method === 'HEAD' ? null : chooseEncoding(req.headers['accept-encoding']);
    const write = res.write;
    const end = res.end;
    const writeThrough = (data: Buffer): boolean => (write as (chunk: Buffer) => boolean).call(res, data);
    const endThrough = (): void => void (end as () => Response).call(res);
    let stream: zlib.BrotliCompress | zlib.Gzip | null = null;
    let decided = false;

    const decide = (ending: boolean, firstLength: number) => {
      decided = true;
      res.write = write;
      res.end = end;
      if (res.headersSent || !COMPRESSIBLE.test(String(res.getHeader('Content-Type') ?? ''))) return;
      addVary(res);
      if (!encoding || res.getHeader('Content-Encoding') || /no-transform/i.test(String(res.getHeader('Cache-Control') ?? ''))) return;
      if (res.statusCode === 204 || res.statusCode === 304) return;
      const declared = Number(res.getHeader('Content-Length'));
      const length = Number.isFinite(declared) && res.hasHeader('Content-Length') ? declared : ending ? firstLength : Infinity;
      if (length < COMPRESS_THRESHOLD) return;
      res.setHeader('Content-Encoding', encoding);
      res.removeHeader('Content-Length');
      const compressor = createStream(encoding);
      stream = compressor;
      compressor.on('data', (data: Buffer) => {
        if (!writeThrough(data)) compressor.pause();
      });
      // The socket drained: compressed output flows again (unless the socket is still full).
      res.on('drain', () => {
        if (!res.writableNeedDrain) compressor.resume();
      });
      // A writer piping into the answer (express.static, sendFile) waits for the answer's 'drain' after a
      // write returned false, and that write went to the compressor: tell it when the compressor drained.
      compressor.on('drain', () => res.emit('drain'));
      compressor.on('end', endThrough);
      compressor.on('error', (error) => res.destroy(error));
      res.write = ((chunk: Chunk, enc?: BufferEncoding | Callback, cb?: Callback) =>
        compressor.write(chunk, typeof enc === 'string' ? enc : 'utf8', typeof enc === 'function' ? enc : cb)) as Response['write'];
      res.end = ((chunk?: Chunk | Callback, enc?: BufferEncoding | Callback, cb?: Callback) => {
        const done = [chunk, enc, cb].find((x): x is Callback => typeof x === 'function');
        if (done) res.once('finish', () => done());
        if (chunk !== undefined && typeof chunk !== 'function') compressor.end(chunk, typeof enc === 'string' ? enc : 'utf8');
        else compressor.end();
        return res;
      }) as Response['end'];
    };

    res.write = ((chunk: Chunk, ...rest: unknown[]) => {
      if (!decided) decide(false, byteLength(chunk, rest[0]));
      return (res.write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as Response['write'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (!decided) decide(true, typeof chunk === 'function' ? 0 : byteLength(chunk, rest[0]));
      return (res.end as (...args: unknown[]) => Response)(chunk, ...rest);
    }) as Response['end'];
    // Kept for a streamed answer that wants its chunks on the wire at once.
    (res as Response & { flush?: () => void }).flush = () => stream?.flush();
    next();
  };
}
