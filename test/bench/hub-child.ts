/**
 * The real hub (startHub, as main.ts runs it) in a child process of the bench,
 * with two probes: the SQL statements it runs (all, and those run on behalf of
 * each HTTP request), and its memory, both answered over IPC.
 */
import 'reflect-metadata';
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import http from 'node:http';
import { Session } from 'node:inspector';
import { MysqlQueryRunner } from 'typeorm/driver/mysql/MysqlQueryRunner';
import { BetterSqlite3QueryRunner } from 'typeorm/driver/better-sqlite3/BetterSqlite3QueryRunner';
import { loadConfig } from '../../server/src/config/env';
import { startHub } from '../../server/src/app/hub';
import { procMemory } from './lib';

interface RequestProbe {
  statements: number;
}

const perRequest = new AsyncLocalStorage<RequestProbe>();
let statements = 0;
let requests = 0;
let requestStatements = 0;
let probing = false;
/** BENCH_PROFILE_SQL=1: time per statement shape, printed to stderr when the process stops. */
const profile = process.env.BENCH_PROFILE_SQL ? new Map<string, { n: number; ms: number }>() : null;

function printProfile(): void {
  if (!profile) return;
  const rows = [...profile].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25);
  for (const [sql, { n, ms }] of rows) process.stderr.write(`${ms.toFixed(0).padStart(8)} ms ${String(n).padStart(7)} x  ${sql}\n`);
}

/** Counts every statement the hub sends, and charges it to the HTTP request it runs for, if any. */
export function countStatements(): void {
  for (const runner of [MysqlQueryRunner, BetterSqlite3QueryRunner]) {
    const proto = runner.prototype as unknown as { query: (...args: unknown[]) => Promise<unknown> };
    const original = proto.query;
    proto.query = function (this: unknown, ...args: unknown[]) {
      statements++;
      const probe = perRequest.getStore();
      if (probe) probe.statements++;
      if (!profile) return original.apply(this, args);
      const t0 = performance.now();
      const key = String(args[0]).replace(/\s+/g, ' ').slice(0, 90);
      return original.apply(this, args).finally(() => {
        const entry = profile?.get(key) ?? { n: 0, ms: 0 };
        entry.n++;
        entry.ms += performance.now() - t0;
        profile?.set(key, entry);
      });
    };
  }
  const emit = http.Server.prototype.emit as (this: http.Server, event: string, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
    // AsyncLocalStorage slows every promise down: only while statements per request are being counted.
    if (event !== 'request' || !probing) return emit.call(this, event, ...args);
    const probe: RequestProbe = { statements: 0 };
    const res = args[1] as http.ServerResponse;
    res.once('finish', () => {
      requests++;
      requestStatements += probe.statements;
    });
    return perRequest.run(probe, () => emit.call(this, event, ...args));
  } as typeof http.Server.prototype.emit;
}

let inspector: Session | null = null;

async function cpuProfile(start: boolean): Promise<void> {
  const dir = process.env.BENCH_CPU_PROFILE;
  if (!dir) return;
  const post = (method: string): Promise<{ profile?: unknown }> =>
    new Promise((resolve, reject) =>
      inspector?.post(method, (error, result) => (error ? reject(error) : resolve((result ?? {}) as { profile?: unknown }))),
    );
  if (start) {
    inspector ??= new Session();
    inspector.connect();
    await post('Profiler.enable');
    await post('Profiler.start');
    return;
  }
  const { profile } = await post('Profiler.stop');
  inspector?.disconnect();
  fs.writeFileSync(`${dir}/hub-${process.pid}-${Date.now()}.cpuprofile`, JSON.stringify(profile));
}

export function answerStats(): void {
  process.on('message', (m: { id: number; type: string }) => {
    if (m.type === 'stats') {
      const mem = procMemory(process.pid);
      process.send?.({
        id: m.id,
        value: { ...mem, heapUsed: process.memoryUsage().heapUsed, statements, requests, requestStatements },
      });
    } else if (m.type === 'probe' || m.type === 'unprobe') {
      probing = m.type === 'probe';
      if (!probing) perRequest.disable();
      process.send?.({ id: m.id, value: null });
    } else if (m.type === 'cpuProfile' || m.type === 'cpuProfileEnd') {
      // BENCH_CPU_PROFILE=dir: a CPU profile of one measured phase, written there (see cpuProfile in lib.ts).
      cpuProfile(m.type === 'cpuProfile').then(
        () => process.send?.({ id: m.id, value: null }),
        (error: unknown) => process.send?.({ id: m.id, value: { error: String(error) } }),
      );
    } else if (m.type === 'resetPeak') {
      try {
        // Linux: "5" resets the peak RSS (VmHWM) to the current RSS.
        fs.writeFileSync(`/proc/${process.pid}/clear_refs`, '5');
      } catch {
        // Not Linux: the peak then covers the whole life of the process.
      }
      process.send?.({ id: m.id, value: null });
    }
  });
}

export async function main(): Promise<void> {
  countStatements();
  answerStats();
  const hub = await startHub(loadConfig());
  process.stdout.write(`Billing hub ready at ${hub.url}\n`);
  const stop = () => {
    printProfile();
    hub.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.once('disconnect', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`hub child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
