import type { Logger } from 'typeorm';
import { gqlOk } from '../support/client';
import { account } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { int, sql } from '../support/sql';

/**
 * A list costs what its reader asks for: `totalCount` is a COUNT over every
 * matching row, as dear as the page itself on a large table, so it runs only
 * when the operation selects it, and then gives the exact number.
 */
describe('connections count only when asked', () => {
  let t: TestHub;
  const statements: string[] = [];

  beforeAll(async () => {
    t = await startTestHub();
    for (let i = 0; i < 3; i++) await account(t, { name: `Counted ${i}` });
    // Every statement the hub sends goes through its data source's logger.
    const ds = t.hub.db.ds;
    const original = ds.logger;
    const spy: Logger = {
      logQuery: (query, parameters, runner) => {
        statements.push(query);
        return original.logQuery(query, parameters, runner);
      },
      logQueryError: (...args) => original.logQueryError(...args),
      logQuerySlow: (...args) => original.logQuerySlow(...args),
      logSchemaBuild: (...args) => original.logSchemaBuild(...args),
      logMigration: (...args) => original.logMigration(...args),
      log: (...args) => original.log(...args),
    };
    Object.defineProperty(ds, 'logger', { value: spy, configurable: true });
  });
  afterAll(async () => {
    await t?.stop();
  });

  async function countsDuring(query: string): Promise<{ data: Record<string, any>; counts: number }> {
    statements.length = 0;
    const data = await gqlOk(t.url, query, {}, t.adminToken);
    return { data, counts: statements.filter((s) => /COUNT\s*\(/i.test(s)).length };
  }

  it('reads a page without counting the whole list', async () => {
    const { data, counts } = await countsDuring('query { accounts(first: 2) { nodes { id } pageInfo { hasNextPage } } }');
    expect(data.accounts.nodes).toHaveLength(2);
    expect(data.accounts.pageInfo.hasNextPage).toBe(true);
    expect(counts).toBe(0);
  });

  it('counts once, exactly, when totalCount is asked, however often the operation asks it', async () => {
    const { data, counts } = await countsDuring(
      'query { accounts(first: 2) { totalCount again: totalCount nodes { id } } events(first: 1) { nodes { id } } }',
    );
    expect(data.accounts.totalCount).toBe(3);
    expect(data.accounts.again).toBe(3);
    expect(counts).toBe(1);
  });

  it('does the same for the lists inside an object and for the events', async () => {
    const { accounts } = await gqlOk(t.url, 'query { accounts(first: 1) { nodes { id } } }', {}, t.adminToken);
    const id = accounts.nodes[0].id as string;
    const lean = await countsDuring(`query { account(id: "${id}") { invoices { nodes { id } } payments { nodes { id } } } }`);
    expect(lean.counts).toBe(0);
    const counted = await countsDuring(
      `query { account(id: "${id}") { invoices { totalCount } payments { totalCount } } events(first: 1) { totalCount } }`,
    );
    expect(counted.data.account.invoices.totalCount).toBe(0);
    expect(counted.data.account.payments.totalCount).toBe(0);
    expect(counted.counts).toBe(3);
    const [stored] = await sql(t, 'SELECT COUNT(*) AS n FROM event');
    expect(BigInt(counted.data.events.totalCount)).toBe(int(stored.n));
  });
});
