import type { Logger as TypeOrmLogger } from 'typeorm';
import { gqlOk } from '../support/client';
import { account, enroll, publishedProduct } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
  // Bills are rendered and sent in the background after they are issued: their statements are not the page's.
  await t.hub.services.renderWorker.stop();
  await t.hub.services.deliveryWorker.stop();
  // Every invoice of this segment is held for review: 60 review items, each with its account, invoice and exception.
  await gqlOk(
    t.url,
    'mutation { setBillingRules(input: { segment: "REVIEW_ALL", highConsumptionFactor: "2", swingPercent: "50", maxInvoiceAmount: "0.01", paymentTermsDays: 21 }) { segment } }',
    {},
    t.adminToken,
  );
  const product = await publishedProduct(t);
  const accounts = [];
  for (let i = 0; i < 60; i++) {
    const a = await account(t, { segment: 'REVIEW_ALL' });
    await enroll(t, a.id, product.code, '2026-01-01');
    accounts.push(a);
  }
  await gqlOk(
    t.url,
    'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }',
    { reads: accounts.map((a) => ({ accountNumber: a.number, periodStart: '2026-01-01', periodEnd: '2026-02-01', quantity: '100' })) },
    t.adminToken,
  );
  const run = await gqlOk(t.url, 'mutation { runBilling(asOf: "2026-02-01") { invoicesHeld } }', {}, t.adminToken);
  expect(run.runBilling.invoicesHeld).toBe(60);
}, 120_000);
afterAll(async () => checkMoneyAndStop(t));

it('costs the same few SQL statements for a page of 10 review items as for 50, with their accounts, invoices and exceptions', async () => {
  const logger: TypeOrmLogger = t.hub.db.ds.logger;
  const original = logger.logQuery.bind(logger);
  const page = `query($first: Int) { workQueue(key: "INVOICE_REVIEW") { openCount items(first: $first) { totalCount nodes {
    id title account { number name balance } invoice { number total status lines { kind amount } account { number } }
    exception { code message account { number } invoice { number } } } } } }`;
  const statementsFor = async (first: number): Promise<number> => {
    let count = 0;
    // The event relay, the SLA sweep, webhook delivery, the runs' heartbeats and schedules and the sales calendar
    // work in the background, in transactions of their own; count what the page reads.
    logger.logQuery = (query, parameters, runner) => {
      if (
        !/\b(outbox|event|webhook_endpoint|bill_run|bill_run_chunk|collections_run|collections_run_chunk|run_schedule|product)\b|sla_breached_at|^(BEGIN|START TRANSACTION|SET TRANSACTION|COMMIT|ROLLBACK)/i.test(
          query,
        )
      )
        count++;
      return original(query, parameters, runner);
    };
    try {
      const data = await gqlOk(t.url, page, { first }, t.adminToken);
      const nodes = data.workQueue.items.nodes;
      expect(nodes).toHaveLength(first);
      for (const node of nodes) {
        expect(node.invoice.status).toBe('HELD');
        expect(node.invoice.account.number).toBe(node.account.number);
        expect(node.exception).toMatchObject({ code: 'HIGH_AMOUNT', invoice: { number: node.invoice.number } });
        expect(node.invoice.lines.length).toBeGreaterThan(0);
      }
    } finally {
      logger.logQuery = original;
    }
    return count;
  };
  // The fewer of two reads of each page: a background statement the filter above does not know can land in one of them.
  const ten = Math.min(await statementsFor(10), await statementsFor(10));
  const fifty = Math.min(await statementsFor(50), await statementsFor(50));
  expect(fifty).toBe(ten);
  expect(ten).toBeLessThanOrEqual(15);
});
