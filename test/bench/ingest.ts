/**
 * Usage ingestion: 100,000 meter reads over 2,000 accounts through
 * recordUsage, 10,000 reads a call (the most one call takes), from 1, 2 and 4
 * concurrent callers, each on its own share of the accounts. Every other call
 * of a caller carries corrections and duplicates: actual reads replacing the
 * estimates of its previous call, and reads of that call sent again. After
 * each run the stored reads are counted against what was sent. Baseline in the
 * same run: the same rows as plain multi-row INSERTs, one transaction a call,
 * from one connection (mysql2 or better-sqlite3).
 */
import http from 'node:http';
import os from 'node:os';
import type { DataSource, EntityManager } from 'typeorm';
import { adminToken, cpuMeter, databasePid, fmt, heading, hubEnv, report, secondsSince, spawnChild, withScratch, type TestDb } from './lib';
import { count, migratedDataSource, nextMonth, seedAccounts, seedCatalog } from './seed';

const ACCOUNTS = 2_000;
const READS = 100_000;
const PER_CALL = 10_000;
/** Of a call's new reads, one in ten is an estimate (the next call replaces it with an actual read). */
const ESTIMATE_EVERY = 10;
/** Reads of the previous call a carrying call sends again unchanged. */
const RESENT = 1_000;
const CALLERS = [1, 2, 4];
const STAMP = '2026-01-01 00:00:00.000';

interface Read {
  accountNumber: string;
  periodStart: string;
  periodEnd: string;
  quantity: string;
  estimated: boolean;
}

interface Call {
  reads: Read[];
  /** What the hub should answer. */
  accepted: number;
  duplicates: number;
  replaced: number;
}

/**
 * The calls of one caller over its accounts: monthly reads, month after month
 * for every account of its share, until `total` reads are sent. Odd calls
 * carry, before their new reads, the actual reads for the previous call's
 * estimates and `RESENT` of its reads unchanged.
 */
function callsOf(numbers: string[], total: number): Call[] {
  const months = new Map<string, string>(numbers.map((n) => [n, '2020-01-01']));
  let k = 0;
  const fresh = (): Read => {
    const accountNumber = numbers[k % numbers.length];
    const periodStart = months.get(accountNumber) as string;
    const periodEnd = nextMonth(periodStart);
    months.set(accountNumber, periodEnd);
    const quantity = `${200 + ((k * 7919) % 700)}.${String(k % 1000).padStart(3, '0')}`;
    return { accountNumber, periodStart, periodEnd, quantity, estimated: k++ % ESTIMATE_EVERY === 0 };
  };
  const calls: Call[] = [];
  for (let sent = 0; sent < total;) {
    const size = Math.min(PER_CALL, total - sent);
    const previous = calls.length % 2 === 1 ? calls[calls.length - 1] : null;
    const carried: Read[] = [];
    let replaced = 0;
    if (previous) {
      const estimates = previous.reads.filter((r) => r.estimated).slice(0, size / 4);
      carried.push(...estimates.map((r) => ({ ...r, estimated: false, quantity: `${r.quantity.split('.')[0]}.5` })));
      replaced = carried.length;
      carried.push(...previous.reads.filter((r) => !r.estimated).slice(0, Math.min(RESENT, size / 4)));
    }
    const reads = [...carried];
    while (reads.length < size) reads.push(fresh());
    calls.push({ reads, accepted: size - carried.length, duplicates: carried.length - replaced, replaced });
    sent += size;
  }
  return calls;
}

/** The callers' calls: caller i takes every callers-th account, and an equal share of the reads. */
function plan(numbers: string[], callers: number): Call[][] {
  return Array.from({ length: callers }, (_, i) =>
    callsOf(
      numbers.filter((_, n) => n % callers === i),
      READS / callers,
    ),
  );
}

const sum = (calls: Call[][], key: 'accepted' | 'duplicates' | 'replaced'): number => calls.flat().reduce((s, c) => s + c[key], 0);

async function seeded(ds: DataSource): Promise<string[]> {
  const { productIds } = await seedCatalog(ds, 1);
  const { numbers } = await seedAccounts(ds, { count: ACCOUNTS, productIds, reads: 0, prefix: 'U' });
  return numbers;
}

interface Answer {
  accepted: number;
  duplicates: number;
  replaced: number;
  rejected: Array<{ index: number; message: string }>;
}

/**
 * One recordUsage call on a connection of its own: a kept-alive connection the
 * hub closes after 5 s idle could be picked for the next call just as it
 * closes, which fails that call on a machine too busy to run timers on time.
 */
function recordUsage(url: string, token: string, reads: Read[]): Promise<Answer> {
  const body = JSON.stringify({
    query: 'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted duplicates replaced rejected { index message } } }',
    variables: { reads },
  });
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}/graphql`,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const answer = JSON.parse(text) as { data?: { recordUsage: Answer }; errors?: unknown[] };
          if (answer.data && !answer.errors) resolve(answer.data.recordUsage);
          else reject(new Error(`recordUsage failed: ${text.slice(0, 500)}`));
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

interface RunFigures {
  seconds: number;
  cpu: string;
}

/** One run of the hub: the callers send their calls at once, each one call at a time; then the stored reads are counted. */
async function engineRun(kind: TestDb, callers: number, profile: boolean): Promise<RunFigures> {
  return withScratch(kind, async (db) => {
    const ds = await migratedDataSource(db);
    const hub = await spawnChild('hub-child.js', hubEnv(db));
    try {
      const calls = plan(await seeded(ds), callers);
      const token = await adminToken(hub.url);
      const cpu = cpuMeter({ hub: hub.pid, MariaDB: kind === 'mariadb' ? databasePid() : null });
      if (profile) await hub.ask('cpuProfile');
      const t0 = performance.now();
      await Promise.all(
        calls.map(async (mine) => {
          for (const call of mine) {
            const r = await recordUsage(hub.url, token, call.reads);
            if (r.rejected.length > 0 || r.accepted !== call.accepted || r.duplicates !== call.duplicates || r.replaced !== call.replaced)
              throw new Error(
                `recordUsage answered ${JSON.stringify(r).slice(0, 300)} for ${JSON.stringify({ ...call, reads: undefined })}`,
              );
          }
        }),
      );
      const seconds = secondsSince(t0);
      const used = cpu();
      if (profile) await hub.ask('cpuProfileEnd');
      const live = await count(ds, 'SELECT COUNT(*) AS n FROM usage_read WHERE live = 1');
      const rows = await count(ds, 'SELECT COUNT(*) AS n FROM usage_read');
      const [accepted, replaced] = [sum(calls, 'accepted'), sum(calls, 'replaced')];
      if (live !== accepted || rows !== accepted + replaced)
        throw new Error(`${live} counting reads and ${rows} rows stored; expected ${accepted} and ${accepted + replaced}`);
      return { seconds, cpu: used };
    } finally {
      await hub.stop();
      await ds.destroy();
    }
  });
}

/** Multi-row INSERTs of usage_read rows, 1,000 a statement. */
async function insertReads(em: EntityManager, rows: unknown[][]): Promise<void> {
  const columns = ['account_id', 'register', 'period_start', 'period_end', 'quantity', 'estimated', 'live', 'created_at'];
  const tuple = `(${columns.map(() => '?').join(',')})`;
  for (let i = 0; i < rows.length; i += 1000) {
    const slice = rows.slice(i, i + 1000);
    await em.query(`INSERT INTO usage_read (${columns.join(',')}) VALUES ${slice.map(() => tuple).join(',')}`, slice.flat());
  }
}

/**
 * The database's pace for the same rows: every read sent, as a row, in plain
 * multi-row INSERTs, one transaction per call (rows the hub would not count go
 * in with live = NULL, so the unique index lets them in).
 */
async function baseline(kind: TestDb): Promise<number> {
  return withScratch(kind, async (db) => {
    const ds = await migratedDataSource(db);
    try {
      const numbers = await seeded(ds);
      const ids = new Map(
        ((await ds.query('SELECT id, number FROM account')) as Array<{ id: string | number; number: string }>).map((a) => [a.number, a.id]),
      );
      const [calls] = plan(numbers, 1);
      const t0 = performance.now();
      for (const call of calls) {
        const carried = call.duplicates + call.replaced;
        await ds.transaction(async (em) => {
          await insertReads(
            em,
            call.reads.map((r, i) => [
              ids.get(r.accountNumber),
              'TOTAL',
              r.periodStart,
              r.periodEnd,
              Math.round(Number(r.quantity) * 1_000_000),
              r.estimated ? 1 : 0,
              i < carried ? null : 1,
              STAMP,
            ]),
          );
        });
      }
      const seconds = secondsSince(t0);
      const rows = await count(ds, 'SELECT COUNT(*) AS n FROM usage_read');
      if (rows !== READS) throw new Error(`baseline stored ${rows} rows for ${READS} reads`);
      return seconds;
    } finally {
      await ds.destroy();
    }
  });
}

const loadAverage = (): string => os.loadavg()[0].toFixed(1);

export async function benchIngest(kind: TestDb): Promise<void> {
  heading(
    `Usage ingestion on ${kind}: ${fmt(READS)} reads over ${fmt(ACCOUNTS)} accounts through recordUsage, ${fmt(PER_CALL)} reads a call, ` +
      'every other call carrying corrections and duplicates',
  );
  const plainSeconds = await baseline(kind);
  report(
    `  baseline, the same rows as plain multi-row INSERTs, one transaction a call, one connection: ${plainSeconds} s, ` +
      `${fmt(READS / plainSeconds)} rows/s (load average ${loadAverage()})`,
  );
  const one = plan(
    Array.from({ length: ACCOUNTS }, (_, i) => String(i)),
    1,
  );
  report(
    `  sent: ${fmt(sum(one, 'accepted'))} new reads, ${fmt(sum(one, 'replaced'))} actual reads replacing estimates, ${fmt(sum(one, 'duplicates'))} sent again`,
  );
  for (const callers of CALLERS) {
    const run = await engineRun(kind, callers, callers === 1);
    report(
      `  recordUsage, ${callers} caller${callers > 1 ? 's' : ''} on disjoint accounts: ${run.seconds} s, ${fmt(READS / run.seconds)} reads/s, ` +
        `${(run.seconds / plainSeconds).toFixed(2)} x the baseline; ${run.cpu} (load average ${loadAverage()})`,
    );
  }
}
