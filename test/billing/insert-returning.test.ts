import { gqlOk } from '../support/client';
import { testDbKind } from '../support/databases';
import { account, enroll, publishedProduct } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';

// MariaDB hands back the invoices a bill run inserts (INSERT ... RETURNING); MySQL 8 does not, and the hub reads
// their ids back by billing key. Both ways run here on MariaDB, told to take MySQL's.
const onMariaDb = testDbKind() === 'mariadb' ? describe : describe.skip;

const QUANTITIES = ['100', '250.5', '37', '1200', '0.25', '640', '88.8'];

type Billed = { total: string; lines: Array<{ kind: string; quantity: string | null; amount: string }> };

onMariaDb("a bill run's invoices, whether the server returns the rows it inserted or not", () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
    t.hub.services.billRuns.chunkSize = 3;
  });
  afterAll(async () => t?.stop());

  /** Bills one account per quantity and answers, per account in order, its one invoice, checked against its read. */
  async function billAccounts(asOf: string): Promise<Billed[]> {
    const product = await publishedProduct(t);
    const accounts = [];
    for (const quantity of QUANTITIES) {
      const a = await account(t);
      await enroll(t, a.id, product.code, '2026-01-01');
      accounts.push({ ...a, quantity });
    }
    await gqlOk(
      t.url,
      'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }',
      {
        reads: accounts.map((a) => ({ accountNumber: a.number, periodStart: '2026-04-01', periodEnd: '2026-05-01', quantity: a.quantity })),
      },
      t.adminToken,
    );
    const run = (await gqlOk(t.url, 'mutation($asOf: Date!) { runBilling(asOf: $asOf) { status invoicesIssued } }', { asOf }, t.adminToken))
      .runBilling;
    expect(run).toEqual({ status: 'COMPLETED', invoicesIssued: QUANTITIES.length });

    const billed: Billed[] = [];
    for (const a of accounts) {
      const data = await gqlOk(
        t.url,
        `query($id: ID!) {
          invoices(accountId: $id) { nodes { id account { id } total lines { kind quantity amount } } }
          account(id: $id) { usageReads { nodes { quantity status invoice { id } } } }
        }`,
        { id: a.id },
        t.adminToken,
      );
      const [invoice] = data.invoices.nodes;
      expect(data.invoices.nodes).toHaveLength(1);
      expect(invoice.account.id).toBe(a.id);
      // The invoice bills this account's own read, and the read points back to it.
      expect(invoice.lines.filter((l: { kind: string }) => l.kind === 'USAGE').map((l: { quantity: string }) => l.quantity)).toEqual([
        a.quantity,
      ]);
      expect(data.account.usageReads.nodes).toEqual([{ quantity: a.quantity, status: 'BILLED', invoice: { id: invoice.id } }]);
      billed.push({ total: invoice.total, lines: invoice.lines });
    }
    return billed;
  }

  it('stores the same invoices, each with its own lines and reads, when the hub reads their ids back as on MySQL 8', async () => {
    const returned = await billAccounts('2026-05-01');
    expect(await t.hub.db.returnsInsertedRows).toBe(true);

    t.hub.db.returnsInsertedRows = Promise.resolve(false);
    try {
      const readBack = await billAccounts('2026-05-02');
      expect(readBack).toEqual(returned);
    } finally {
      t.hub.db.returnsInsertedRows = undefined;
    }
  });
});
