/**
 * Target 2: a partner's catalog read and an operator's page of work items,
 * under 32 concurrent clients (autocannon, in the bench process), against the
 * hub and against plain graphql-js + node:http over the same resolvers.
 */
import {
  adminToken,
  apiKey,
  cpuMeter,
  databasePid,
  fmt,
  gqlOk,
  heading,
  hubEnv,
  report,
  spawnChild,
  withScratch,
  type BenchChild,
  type ScratchDatabase,
  type TestDb,
} from './lib';
import { describeLoad, load, type LoadFigures } from './load';
import { migratedDataSource, seedAccounts, seedCatalog } from './seed';

const CONNECTIONS = 32;

export const CATALOG = `query Catalog($on: Date) { availableProducts(on: $on) {
  id code name unit fixedCharge salesStart salesEnd version
  rates { effectiveFrom effectiveTo unitPrice }
  promoCodes { code percentOff amountOff validFrom validTo }
  incentives { kind description value } } }`;

const WORK_PAGE = `query ReviewPage($first: Int) { workQueue(key: "INVOICE_REVIEW") { name openCount overdueCount
  items(first: $first) { totalCount pageInfo { endCursor hasNextPage } nodes {
    id kind title status priority dueAt createdAt
    account { id number name segment balance pastDue }
    invoice { id number status total amountDue periodStart periodEnd lines { kind description amount } }
    exception { id code severity status message } } } } }`;

interface Setup {
  kind: TestDb;
  hub: BenchChild;
  plain: BenchChild;
  partner: string;
  operator: string;
}

/** 20 products for the catalog; 200 accounts whose invoices are all held for review, each with its exception and work item. */
async function setUp(db: ScratchDatabase): Promise<Setup> {
  const ds = await migratedDataSource(db);
  const catalog = await seedCatalog(ds, 20, true);
  await seedAccounts(ds, { count: 200, productIds: catalog.productIds, segment: 'REVIEW_ALL', prefix: 'R' });
  await ds.destroy();
  const hub = await spawnChild('hub-child.js', hubEnv(db));
  const admin = await adminToken(hub.url);
  await gqlOk(
    hub.url,
    'mutation { setBillingRules(input: { segment: "REVIEW_ALL", highConsumptionFactor: "2", swingPercent: "50", maxInvoiceAmount: "0.01", paymentTermsDays: 21 }) { segment } }',
    {},
    admin,
  );
  const run = await gqlOk<{ runBilling: { invoicesHeld: number } }>(
    hub.url,
    'mutation { runBilling(asOf: "2026-02-01") { invoicesHeld } }',
    {},
    admin,
  );
  if (run.runBilling.invoicesHeld !== 200) throw new Error(`expected 200 held invoices, got ${run.runBilling.invoicesHeld}`);
  const partner = await apiKey(hub.url, admin, 'PARTNER', 'bench-partner');
  await gqlOk(
    hub.url,
    'mutation { createUser(input: { username: "operator", displayName: "Operator", password: "operator-password", role: OPERATOR }) { id } }',
    {},
    admin,
  );
  const login = await gqlOk<{ login: { token: string } }>(
    hub.url,
    'mutation { login(username: "operator", password: "operator-password") { token } }',
  );
  const plain = await spawnChild('plain-server.js', hubEnv(db));
  return { kind: db.kind, hub, plain, partner, operator: login.login.token };
}

/** SQL statements per request, from sequential requests (nothing else runs on their behalf). */
async function statementsPerRequest(server: BenchChild, token: string, query: string, variables: Record<string, unknown>): Promise<number> {
  await server.probe(true);
  const before = await server.stats();
  const n = 10;
  for (let i = 0; i < n; i++) await gqlOk(server.url, query, variables, token);
  const after = await server.stats();
  await server.probe(false);
  const requests = after.requests - before.requests;
  return requests > 0 ? (after.requestStatements - before.requestStatements) / requests : NaN;
}

async function compare(
  s: Setup,
  name: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
  seconds: number,
): Promise<{ hub: LoadFigures; plain: LoadFigures }> {
  // Both answer the same data before anything is timed.
  const [fromHub, fromPlain] = await Promise.all([gqlOk(s.hub.url, query, variables, token), gqlOk(s.plain.url, query, variables, token)]);
  if (JSON.stringify(fromHub) !== JSON.stringify(fromPlain)) throw new Error(`${name}: the hub and the baseline answer differently`);
  const warm = { token, query, variables, connections: CONNECTIONS, seconds: 1 };
  await load({ ...warm, url: s.hub.url });
  const cpu = cpuMeter({ hub: s.hub.pid, MariaDB: s.kind === 'mariadb' ? databasePid() : null, 'load generator': process.pid });
  const hub = await load({ ...warm, url: s.hub.url, seconds });
  const cpuUsed = cpu();
  await load({ ...warm, url: s.plain.url });
  const plain = await load({ ...warm, url: s.plain.url, seconds });
  report(`  ${name}`);
  report(`    hub:                                ${describeLoad(hub)}`);
  report(`    baseline, graphql-js + node:http:   ${describeLoad(plain)}`);
  report(`    while the hub was measured, ${cpuUsed}`);
  report(
    `    the hub's overhead: ${fmt((plain.requestsPerSecond / hub.requestsPerSecond - 1) * 100)}% in throughput, ` +
      `${fmt((hub.p50 / plain.p50 - 1) * 100)}% in median latency`,
  );
  return { hub, plain };
}

export async function benchRead(kind: TestDb, seconds: number): Promise<void> {
  heading(`Reads on ${kind}: ${CONNECTIONS} concurrent clients, ${seconds} s each`);
  await withScratch(kind, async (db) => {
    const s = await setUp(db);
    try {
      await compare(s, "a partner's availableProducts (20 products with rates, promo codes, incentives)", s.partner, CATALOG, {}, seconds);
      await compare(
        s,
        "an operator's page of 50 review items with their accounts, invoices (with lines) and exceptions",
        s.operator,
        WORK_PAGE,
        { first: 50 },
        seconds,
      );
      const catalog = await statementsPerRequest(s.hub, s.partner, CATALOG, {});
      const page10 = await statementsPerRequest(s.hub, s.operator, WORK_PAGE, { first: 10 });
      const page50 = await statementsPerRequest(s.hub, s.operator, WORK_PAGE, { first: 50 });
      report(
        `  SQL statements per request (hub, authentication included): availableProducts ${fmt(catalog, 1)}; ` +
          `work item page of 10: ${fmt(page10, 1)}, of 50: ${fmt(page50, 1)}`,
      );
    } finally {
      await s.hub.stop();
      await s.plain.stop();
    }
  });
}
