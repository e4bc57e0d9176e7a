/**
 * The soak's load pieces: a recorder of latencies and errors per operation
 * (per minute and in all), GraphQL calls timed and classified by error code,
 * a driver that sends one operation at a steady rate whatever its latency,
 * and an SMTP receiver that only counts what it accepts.
 */
import http from 'node:http';
import { percentile, sleep } from './lib';

export class Recorder {
  private latencies = new Map<string, number[]>();
  private minuteErrors = new Map<string, number>();
  readonly errors = new Map<string, number>();

  time(op: string, ms: number): void {
    const list = this.latencies.get(op) ?? [];
    list.push(ms);
    this.latencies.set(op, list);
  }

  /** One failed call of `op`, under its error code (extensions.code, HTTP_<status> or TRANSPORT); the first message of each goes to stderr. */
  error(op: string, code: string, message = ''): void {
    const key = `${code} (${op})`;
    if (!this.errors.has(key)) process.stderr.write(`first ${key}: ${message.slice(0, 400)}\n`);
    this.minuteErrors.set(key, (this.minuteErrors.get(key) ?? 0) + 1);
    this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
  }

  /** The minute's figures per operation (count, p50, p99) and its errors; starts the next minute. */
  minute(): { ops: Array<{ op: string; n: number; p50: number; p99: number }>; errors: Map<string, number> } {
    const ops = [...this.latencies].map(([op, list]) => {
      list.sort((a, b) => a - b);
      return { op, n: list.length, p50: percentile(list, 50), p99: percentile(list, 99) };
    });
    const errors = this.minuteErrors;
    this.latencies = new Map();
    this.minuteErrors = new Map();
    return { ops, errors };
  }
}

/**
 * At most 64 calls of an operation on the wire at once; more wait their turn in its agent, as in a client's queue.
 * An idle socket is closed after 4 s, before the server's 5 s keep-alive timeout: reusing a socket the server is
 * closing that moment fails with ECONNRESET, which would count a client's race as the hub's error.
 */
const agents = new Map<string, http.Agent>();
const agentFor = (op: string, sockets: number): http.Agent => {
  const agent = agents.get(op) ?? new http.Agent({ keepAlive: true, maxSockets: sockets, timeout: 4_000 });
  agents.set(op, agent);
  return agent;
};

/** Posts one GraphQL call, records its latency under `op` and its error codes; answers its data, or null when it failed. */
export async function call<T>(
  rec: Recorder,
  op: string,
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
  sockets = 64,
): Promise<T | null> {
  const body = JSON.stringify({ query, variables });
  const target = new URL(`${url}/graphql`);
  const t0 = performance.now();
  try {
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        {
          hostname: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent: agentFor(op, sockets),
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    rec.time(op, performance.now() - t0);
    let parsed: { data?: T; errors?: Array<{ message?: string; extensions?: { code?: string } }> } = {};
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      // Not JSON: counted by its status below.
    }
    if (parsed.errors?.length) {
      for (const e of parsed.errors) rec.error(op, e.extensions?.code ?? 'NO_CODE', e.message);
      return null;
    }
    if (status !== 200 || !parsed.data) {
      rec.error(op, `HTTP_${status}`, text);
      return null;
    }
    return parsed.data;
  } catch (error) {
    rec.error(op, 'TRANSPORT', String(error));
    return null;
  }
}

/** Calls send(i) `rate` times a second until `until` (performance.now()), each awaited by nobody: the rate holds whatever the latency. */
export async function steady(rate: number, until: number, send: (i: number) => Promise<unknown>): Promise<void> {
  const t0 = performance.now();
  const inFlight = new Set<Promise<unknown>>();
  for (let i = 0; ; i++) {
    const due = t0 + (i * 1000) / rate;
    if (due >= until) break;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const p: Promise<unknown> = send(i).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all([...inFlight]);
}
