import autocannon from 'autocannon';
import { fmt, percentile } from './lib';

export interface LoadFigures {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  /** Non-2xx answers, transport errors and answers carrying GraphQL errors. */
  failed: number;
}

export interface LoadOptions {
  url: string;
  token: string;
  query: string;
  variables?: Record<string, unknown>;
  connections: number;
  seconds: number;
  /** A fresh body per request (unique idempotency keys...); else the same body every time. */
  body?: () => string;
}

/** autocannon from this process against a server in another: requests/s and latency percentiles of every answer. */
export async function load(opts: LoadOptions): Promise<LoadFigures> {
  const latencies: number[] = [];
  let failed = 0;
  const fixed = JSON.stringify({ query: opts.query, variables: opts.variables ?? {} });
  let finish: (result: autocannon.Result) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const options: autocannon.Options = {
    url: `${opts.url}/graphql`,
    connections: opts.connections,
    duration: opts.seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` },
    body: fixed,
    requests: [
      {
        method: 'POST',
        ...(opts.body
          ? {
              setupRequest: (request: autocannon.Request) => {
                request.body = (opts.body as () => string)();
                return request;
              },
            }
          : {}),
        onResponse: (status, body) => {
          if (status !== 200 || body.includes('"errors":[')) failed++;
        },
      },
    ],
  };
  const instance = autocannon(options, (error, result) => (error ? fail(error) : finish(result)));
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await done;
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: latencies.length / opts.seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    requests: latencies.length,
    failed: failed + result.errors + result.timeouts,
  };
}

export function describeLoad(f: LoadFigures): string {
  return (
    `${fmt(f.requestsPerSecond)} req/s, latency p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms` +
    (f.failed > 0 ? ` (${fmt(f.failed)} of ${fmt(f.requests)} failed)` : '')
  );
}
