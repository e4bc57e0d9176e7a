import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface GqlError {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GqlResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: GqlError[];
  status: number;
}

/** Posts one GraphQL operation over HTTP, as a partner's or the console's client would. */
export async function gql<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string | null,
): Promise<GqlResult<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GqlResult<T>, 'status'>;
  return { ...body, status: res.status };
}

/** Like gql, but fails the test on any error and returns data. */
export async function gqlOk<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string | null,
): Promise<T> {
  const result = await gql<T>(url, query, variables, token);
  if (result.errors?.length) {
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  }
  return result.data as T;
}

export function errorCode(result: GqlResult<unknown>): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}

export function wsClient(
  url: string,
  token: string | null,
  opts: { retryAttempts?: number; onClose?: (code: number) => void } = {},
): Client {
  return createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: opts.retryAttempts ?? 0,
    lazy: true,
    on: { closed: (event) => opts.onClose?.((event as { code: number }).code) },
  });
}

export interface Subscription<T> {
  /** Values received so far. */
  values: T[];
  errors: unknown[];
  /** Resolves once `count` values have arrived (or rejects after timeoutMs). */
  waitFor(count: number, timeoutMs?: number): Promise<T[]>;
  stop(): void;
  done: Promise<void>;
}

/** Starts a subscription and collects what it pushes. */
export function subscribe<T = Record<string, any>>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
): Subscription<T> {
  const values: T[] = [];
  const errors: unknown[] = [];
  const waiters: Array<() => void> = [];
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const notify = () => waiters.splice(0).forEach((w) => w());
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(...value.errors);
        if (value.data) values.push(value.data as T);
        notify();
      },
      error: (error) => {
        errors.push(error);
        notify();
        finish();
      },
      complete: () => {
        notify();
        finish();
      },
    },
  );
  return {
    values,
    errors,
    done,
    stop,
    waitFor: (count, timeoutMs = 10_000) =>
      new Promise<T[]>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for ${count} values; got ${values.length}; errors ${JSON.stringify(errors)}`)),
          timeoutMs,
        );
        const check = () => {
          if (values.length >= count) {
            clearTimeout(timer);
            resolve(values.slice());
          } else if (errors.length > 0) {
            clearTimeout(timer);
            reject(new Error(`subscription failed: ${JSON.stringify(errors)}`));
          } else waiters.push(check);
        };
        check();
      }),
  };
}
