import { gqlOk } from '../support/client';
import { relayed, startTestHub, type TestHub } from '../support/hub';
import { eventually } from '../support/wait';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub({ HUB_DEMO: 'true' });
}, 120_000);
afterAll(async () => t?.stop());

describe('the demo retailer', () => {
  it('opens on a living hub: products, 200 accounts, bills with exceptions, payments and collections', async () => {
    const data = await gqlOk(
      t.url,
      `{ products { totalCount nodes { code status } }
         accounts { totalCount }
         residential: accounts(segment: "RESIDENTIAL") { totalCount }
         commercial: accounts(segment: "COMMERCIAL") { totalCount }
         vip: accounts(segment: "VIP") { totalCount }
         highRisk: accounts(segment: "HIGH_RISK") { totalCount }
         held: invoices(status: HELD) { totalCount }
         paid: invoices(status: PAID) { totalCount }
         blocked: billingExceptions(severity: CRITICAL, status: OPEN) { totalCount nodes { code } }
         collectionsPaths { name segments isDefault steps { action } }
         kpis { receivables heldInvoices openWorkItems }
       }`,
      {},
      t.adminToken,
    );
    expect(data.products.totalCount).toBe(6);
    expect(data.products.nodes.every((p: { status: string }) => p.status === 'ACTIVE')).toBe(true);
    expect(data.accounts.totalCount).toBe(200);
    for (const segment of ['residential', 'commercial', 'vip', 'highRisk']) expect(data[segment].totalCount).toBeGreaterThan(0);
    expect(data.held.totalCount).toBeGreaterThan(0);
    expect(data.paid.totalCount).toBeGreaterThan(0);
    // The product with a rate gap leaves blocked invoices waiting for the missing rate.
    expect(data.blocked.totalCount).toBeGreaterThan(0);
    expect(new Set(data.blocked.nodes.map((n: { code: string }) => n.code))).toEqual(new Set(['MISSING_RATE']));
    expect(data.collectionsPaths.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['VIP: gentle', 'High risk: fast']));
    // The seed's events are numbered by the relay once the hub is up, a thousand per transaction: wait until the outbox is empty.
    await relayed(t);
    const events = await eventually('the seed events to be numbered', async () => {
      const counts = await gqlOk(
        t.url,
        `{ actions: events(types: [COLLECTIONS_ACTION_TAKEN]) { totalCount } payments: events(types: [PAYMENT_RECEIVED]) { totalCount }
           plans: events(types: [PAYMENT_PLAN_CREATED]) { totalCount } }`,
        {},
        t.adminToken,
      );
      return counts.actions.totalCount > 0 ? counts : undefined;
    });
    expect(events.payments.totalCount).toBeGreaterThan(100);
    expect(events.plans.totalCount).toBe(1);
    expect(Number(data.kpis.receivables)).toBeGreaterThan(0);
    expect(data.kpis.openWorkItems).toBeGreaterThan(0);
  });

  it('taxes its customers in two zones with two tax codes each, one account exempt', async () => {
    const data = await gqlOk(
      t.url,
      `{ taxRates { zone code percent effectiveTo appliesTo } invoices(first: 20) { nodes { account { taxExempt } lines { kind taxCode } } } }`,
      {},
      t.adminToken,
    );
    const codes = new Set(data.taxRates.map((r: { zone: string; code: string }) => `${r.zone} ${r.code}`));
    expect([...codes].sort()).toEqual(['NORTHVILLE CITY_UTILITY', 'NORTHVILLE STATE', 'SOUTHPORT CITY_UTILITY', 'SOUTHPORT STATE']);
    // The state tax is on the whole bill: an operator's charge added as taxable is taxed too.
    for (const state of data.taxRates.filter((r: { code: string }) => r.code === 'STATE')) {
      expect([...state.appliesTo].sort()).toEqual(['CHARGE', 'CREDIT', 'FEE', 'FIXED', 'USAGE']);
    }
    const taxed = data.invoices.nodes.filter((i: { lines: Array<{ kind: string }> }) => i.lines.some((l) => l.kind === 'TAX'));
    expect(taxed.length).toBeGreaterThan(0);
    const exempt = await t.hub.db.manager.query('SELECT COUNT(*) AS n FROM account WHERE tax_exempt = 1');
    expect(Number(exempt[0].n)).toBe(1);
  });

  it('is seeded once: a restart on the same database adds nothing', async () => {
    const before = await gqlOk(t.url, '{ accounts { totalCount } invoices { totalCount } }', {}, t.adminToken);
    const db = t.db;
    await t.hub.stop();
    t = await startTestHub({ HUB_DEMO: 'true' }, db);
    const after = await gqlOk(t.url, '{ accounts { totalCount } invoices { totalCount } }', {}, t.adminToken);
    expect(after).toEqual(before);
    // This hub now owns the database: stop() drops it.
    const stop = t.stop;
    t.stop = async () => {
      await stop();
      await db.drop();
    };
  });
});
