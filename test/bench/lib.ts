import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScratchDatabase, type ScratchDatabase, type TestDb } from '../support/databases';
import { testHubEnv } from '../support/hub-env';

export type { ScratchDatabase, TestDb };
export { createScratchDatabase };

export const ADMIN_PASSWORD = 'bench-admin-password';
export const REDIS_URL = process.env.HUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Seconds since t0 (from performance.now()), to 2 decimals. */
export function secondsSince(t0: number): number {
  return Math.round((performance.now() - t0) / 10) / 100;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** One printed figure: what was measured, its value, and the baseline beside it. */
export function report(line: string): void {
  process.stdout.write(`${line}\n`);
}

export function heading(title: string): void {
  process.stdout.write(`\n== ${title}\n`);
}

/** The environment a hub process gets for a scratch database. */
export function hubEnv(db: ScratchDatabase, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...testHubEnv(db, ADMIN_PASSWORD),
    // The figures are the engine's: no per-key request quota in the way.
    HUB_RATE_LIMIT_RPS: '0',
    // As deployed: graphql-js skips its development-only checks.
    NODE_ENV: 'production',
    ...extra,
  };
}

export interface ChildStats {
  rss: number;
  /** Peak resident set size of the process since it started (or since resetPeak). */
  peakRss: number;
  heapUsed: number;
  /** HTTP requests finished, and the SQL statements those requests ran. */
  requests: number;
  requestStatements: number;
  /** Every SQL statement the process ran, background work included. */
  statements: number;
}

export interface BenchChild {
  child: ChildProcess;
  url: string;
  pid: number;
  stats(): Promise<ChildStats>;
  /** Starts a new peak RSS window (Linux clear_refs). */
  resetPeak(): Promise<void>;
  /** Counts SQL statements per HTTP request while on (it slows the process down a little). */
  probe(on: boolean): Promise<void>;
  /** Any other command the child understands. */
  ask<T>(type: string, extra?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

const HERE = __dirname;

/** Starts a bench child script (hub-child.js, plain-server.js...) and waits for its "ready at" line. */
export async function spawnChild(script: string, env: Record<string, string>, args: string[] = []): Promise<BenchChild> {
  const file = path.join(HERE, script);
  // BENCH_NODE_ARGS (e.g. --cpu-prof) goes to the children: profiles of the hub under load.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
  const child = spawn(process.execPath, [...nodeArgs, file, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      BENCH_PROFILE_SQL: process.env.BENCH_PROFILE_SQL ?? '',
      BENCH_CPU_PROFILE: process.env.BENCH_CPU_PROFILE ?? '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
    if (process.env.BENCH_VERBOSE) process.stderr.write(c);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script}: not ready after 60 s; ${out} ${err}`)), 60_000);
    const check = () => {
      const m = /ready at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready: ${err}`));
    });
  });
  let seq = 0;
  const ask = <T>(type: string, extra: Record<string, unknown> = {}): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = ++seq;
      const onMessage = (m: { id?: number; value?: T }) => {
        if (m.id !== id) return;
        child.off('message', onMessage);
        resolve(m.value as T);
      };
      child.on('message', onMessage);
      child.send({ ...extra, id, type }, (e) => e && reject(e));
    });
  return {
    child,
    url,
    pid: child.pid as number,
    stats: () => ask<ChildStats>('stats'),
    resetPeak: () => ask<void>('resetPeak'),
    probe: (on) => ask<void>(on ? 'probe' : 'unprobe'),
    ask,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Posts one GraphQL operation; throws on errors. */
export async function gqlOk<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string | null,
): Promise<T> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors).slice(0, 500)}`);
  return body.data as T;
}

export async function adminToken(url: string): Promise<string> {
  const data = await gqlOk<{ login: { token: string } }>(
    url,
    'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
    { u: 'admin', p: ADMIN_PASSWORD },
  );
  return data.login.token;
}

export async function apiKey(url: string, token: string, role: string, name: string): Promise<string> {
  const data = await gqlOk<{ createApiKey: { secret: string } }>(
    url,
    'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
    { input: { name, role } },
    token,
  );
  return data.createApiKey.secret;
}

/** Peak and current RSS of a process from /proc (Linux). */
export function procMemory(pid: number): { rss: number; peakRss: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), peakRss: kb('VmHWM') };
  } catch {
    return { rss: 0, peakRss: 0 };
  }
}

export function machine(): string {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return `${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${mb(os.totalmem())} RAM, node ${process.version}, load average ${load}`;
}

/** Runs fn with a scratch database of the kind, dropping it afterwards whatever happens. */
export async function withScratch<T>(kind: TestDb, fn: (db: ScratchDatabase) => Promise<T>): Promise<T> {
  const db = await createScratchDatabase(kind);
  try {
    return await fn(db);
  } finally {
    await db.drop().catch(() => undefined);
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); 0 elsewhere. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The database server's process, when it runs on this machine. */
export function databasePid(): number | null {
  try {
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const comm = fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (comm === 'mariadbd' || comm === 'mysqld') return Number(entry);
    }
  } catch {
    // Not Linux.
  }
  return null;
}

/** Starts counting the CPU the given processes use; the returned function describes it per second of wall time. */
export function cpuMeter(processes: Record<string, number | null>): () => string {
  const t0 = performance.now();
  const start = Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, pid ? cpuSeconds(pid) : 0]));
  return () => {
    const wall = (performance.now() - t0) / 1000;
    const parts = Object.entries(processes)
      .filter(([, pid]) => pid)
      .map(([name, pid]) => `${name} ${((cpuSeconds(pid as number) - start[name]) / wall).toFixed(2)}`);
    return `CPU used, in cores: ${parts.join(', ')} (of ${os.cpus().length})`;
  };
}
