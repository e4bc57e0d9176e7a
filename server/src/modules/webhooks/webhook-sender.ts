import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, hostOf, isForbiddenAddress } from './url-safety';

/** At most this much of an answer's body is read; the rest is never downloaded. */
export const MAX_ANSWER_BYTES = 64 * 1024;
/** Connections kept per receiving host and in all: one delivery at a time per endpoint needs few. */
const SOCKETS_PER_HOST = 8;
const SOCKETS_IN_ALL = 1024;

export interface SendResult {
  succeeded: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface OutgoingMessage {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What went wrong, in words an integrator recognises; never the request's headers. */
function describe(error: unknown, timeoutMs: number): string {
  const e = error as { code?: string; message?: string } | null;
  switch (e?.code) {
    case 'ETIMEDOUT_WEBHOOK':
      return `no complete answer within ${timeoutMs / 1000} s`;
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'EWEBHOOKADDRESS':
      return e.message ?? 'refused address';
    default:
      return (e?.message ?? String(error)).slice(0, 200);
  }
}

/**
 * Posts webhook messages with node's HTTP client: no redirects followed, at
 * most 64 KB of an answer read, a whole attempt bounded by the timeout, every
 * connection checked against forbidden addresses as it is made, and a bounded
 * pool of kept-alive sockets shared by all endpoints.
 */
export class WebhookSender {
  private readonly agents: { http: http.Agent; https: https.Agent };

  constructor(private readonly opts: { allowPrivate: boolean; timeoutMs: number }) {
    const agentOptions = {
      keepAlive: true,
      maxSockets: SOCKETS_PER_HOST,
      maxTotalSockets: SOCKETS_IN_ALL,
      maxFreeSockets: SOCKETS_PER_HOST,
    };
    this.agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };
  }

  send(message: OutgoingMessage): Promise<SendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    return new Promise<SendResult>((resolve) => {
      let settled = false;
      let request: http.ClientRequest | null = null;
      const timer = setTimeout(() => {
        const error = Object.assign(new Error('timed out'), { code: 'ETIMEDOUT_WEBHOOK' });
        fail(error);
        request?.destroy(error);
      }, this.opts.timeoutMs);
      const finish = (result: Omit<SendResult, 'durationMs'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ...result, durationMs: elapsed() });
      };
      const fail = (error: unknown, statusCode: number | null = null) =>
        finish({ succeeded: false, statusCode, error: describe(error, this.opts.timeoutMs) });

      let url: URL;
      try {
        url = new URL(message.url);
      } catch {
        fail(new Error('the URL no longer parses'));
        return;
      }
      const host = hostOf(url);
      // An address in the URL is connected to without a lookup, so it is checked here.
      if (!this.opts.allowPrivate && isIP(host) && isForbiddenAddress(host)) {
        fail(Object.assign(new Error(`refused address ${host} (loopback, private, link-local or multicast)`), { code: 'EWEBHOOKADDRESS' }));
        return;
      }
      const client = url.protocol === 'https:' ? https : http;
      request = client.request(url, {
        method: 'POST',
        agent: url.protocol === 'https:' ? this.agents.https : this.agents.http,
        lookup: guardedLookup(this.opts.allowPrivate),
        headers: {
          ...message.headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(message.body)),
          'user-agent': 'billing-hub-webhooks/1',
        },
      });
      request.on('error', (error) => fail(error));
      request.on('response', (response) => {
        const status = response.statusCode ?? 0;
        let read = 0;
        const done = () => {
          if (status >= 200 && status < 300) finish({ succeeded: true, statusCode: status, error: null });
          else if (status >= 300 && status < 400) {
            const location = String(response.headers.location ?? '').slice(0, 200);
            finish({ succeeded: false, statusCode: status, error: `redirect${location ? ` to ${location}` : ''} not followed` });
          } else finish({ succeeded: false, statusCode: status, error: `answered HTTP ${status}` });
        };
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) {
            // Enough: the status is known, and the socket is not reused for a half-read answer.
            done();
            response.destroy();
          }
        });
        response.on('end', done);
        response.on('error', (error) => fail(error, status));
        response.on('aborted', () => fail(new Error('the answer was cut off'), status));
      });
      request.end(message.body);
    });
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}
