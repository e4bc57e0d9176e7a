import { accountWithInvoices } from '../support/billing';
import { gqlOk } from '../support/client';
import { testDbKind } from '../support/databases';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { sql } from '../support/sql';

/**
 * Two hubs on one MariaDB database render the same queue of bills: every bill
 * is rendered by exactly one of them, and stored once. (The embedded database
 * serves one process.)
 */
const mariadb = testDbKind() === 'mariadb';
const maybe = mariadb ? describe : describe.skip;

let a: TestHub;
let b: TestHub;

beforeAll(async () => {
  if (!mariadb) return;
  a = await startTestHub();
  b = await startTestHub({}, a.db);
  // Both stopped while the bills are issued, then run at once below.
  await a.hub.services.renderWorker.stop();
  await b.hub.services.renderWorker.stop();
});
afterAll(async () => {
  if (!mariadb) return;
  await b.hub.stop();
  await checkMoneyAndStop(a);
});

maybe('documents across processes', () => {
  it('renders each queued bill in one process only, and stores it once', async () => {
    const customers = [];
    for (let i = 0; i < 6; i++) customers.push(await accountWithInvoices(a, [{ start: '2026-01-01', end: '2026-02-01', kwh: 100 + i }]));
    const invoices = customers.flatMap((c) => c.invoices.map((inv) => inv.id));
    const queued = await sql(a, 'SELECT COUNT(*) AS n FROM document_job');
    expect(Number(queued[0].n)).toBe(invoices.length);

    const [storedA, storedB] = await Promise.all([a.hub.services.renderWorker.runOnce(), b.hub.services.renderWorker.runOnce()]);
    expect(storedA + storedB).toBe(invoices.length);
    expect(a.hub.services.renderWorker.rendered + b.hub.services.renderWorker.rendered).toBe(invoices.length);
    const perInvoice = await sql(a, 'SELECT invoice_id AS i, COUNT(*) AS n FROM document GROUP BY invoice_id');
    expect(perInvoice.map((r) => Number(r.n))).toEqual(invoices.map(() => 1));
    expect(Number((await sql(a, 'SELECT COUNT(*) AS n FROM document_job'))[0].n)).toBe(0);
    const seen = await gqlOk(b.url, 'query($id: ID!) { invoice(id: $id) { document { id } } }', { id: invoices[0] }, b.adminToken);
    expect(seen.invoice.document).not.toBeNull();
  });
});
