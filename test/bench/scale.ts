/**
 * Target 5: one bill run shared by several hub processes (REDIS_URL set, the
 * run's chunks claimed with SELECT ... FOR UPDATE SKIP LOCKED): the same run
 * over the same accounts with one process, then with two.
 */
import { adminToken, fmt, heading, hubEnv, mb, REDIS_URL, report, spawnChild, withScratch, type BenchChild } from './lib';
import { timeBillRun } from './bill-run';
import { count, migratedDataSource, seedAccounts, seedCatalog } from './seed';

async function sharedRun(accounts: number, processes: number): Promise<{ seconds: number; byProcess: number[]; peakRss: number[] }> {
  return withScratch('mariadb', async (db) => {
    const ds = await migratedDataSource(db);
    const catalog = await seedCatalog(ds, 8);
    await seedAccounts(ds, { count: accounts, productIds: catalog.productIds });
    const hubs: BenchChild[] = [];
    try {
      for (let i = 0; i < processes; i++) hubs.push(await spawnChild('hub-child.js', hubEnv(db, { REDIS_URL })));
      const token = await adminToken(hubs[0].url);
      const { seconds, run } = await timeBillRun(hubs[0].url, token, '2026-02-01');
      if (run.status !== 'COMPLETED' || run.invoicesIssued !== accounts)
        throw new Error(`shared run ended ${run.status}, ${run.invoicesIssued} invoices`);
      const invoices = await count(ds, 'SELECT COUNT(DISTINCT account_id) AS n FROM invoice');
      if (invoices !== accounts) throw new Error(`${invoices} accounts invoiced of ${accounts}`);
      const rows = (await ds.query(
        'SELECT billed_by AS who, COUNT(*) AS chunks FROM bill_run_chunk WHERE position >= 0 GROUP BY billed_by',
      )) as Array<{ who: string; chunks: string | number }>;
      const byPid = new Map(rows.map((r) => [r.who.split(':')[1], Number(r.chunks)]));
      const stats = await Promise.all(hubs.map((h) => h.stats()));
      return { seconds, byProcess: hubs.map((h) => byPid.get(String(h.pid)) ?? 0), peakRss: stats.map((s) => s.peakRss) };
    } finally {
      for (const hub of hubs) await hub.stop();
      await ds.destroy();
    }
  });
}

export async function benchScale(accounts: number): Promise<void> {
  heading(`Bill run shared by hub processes (MariaDB, REDIS_URL set): ${fmt(accounts)} accounts`);
  const one = await sharedRun(accounts, 1);
  report(`  1 process:   ${one.seconds} s, ${fmt(accounts / one.seconds)} accounts/s (peak RSS ${mb(one.peakRss[0])})`);
  const two = await sharedRun(accounts, 2);
  report(
    `  2 processes: ${two.seconds} s, ${fmt(accounts / two.seconds)} accounts/s; chunks billed per process: ${two.byProcess.join(' + ')} ` +
      `(peak RSS ${two.peakRss.map(mb).join(', ')})`,
  );
  report(`  speed-up from 1 to 2 processes: ${(one.seconds / two.seconds).toFixed(2)} x`);
}
