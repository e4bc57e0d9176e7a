import { gqlOk } from './client';
import { account, enroll, publishedProduct } from './factories';
import type { TestHub } from './hub';

/**
 * An account with issued invoices, one per given month (quantity in kWh at 0.10, plus 9.95
 * fixed): each [periodStart, periodEnd) read is billed by a run as of its periodEnd.
 */
export async function accountWithInvoices(
  t: TestHub,
  periods: Array<{ start: string; end: string; kwh: number }>,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; number: string; invoices: Array<{ id: string; total: string; dueDate: string }> }> {
  const product = await publishedProduct(
    t,
    { fixedCharge: '9.95', rates: [{ effectiveFrom: '2020-01-01', unitPrice: '0.10' }] },
    '2020-01-01',
  );
  const a = await account(t, overrides);
  await enroll(t, a.id, product.code, '2020-01-01');
  for (const p of periods) {
    await gqlOk(
      t.url,
      'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }',
      { reads: [{ accountNumber: a.number, periodStart: p.start, periodEnd: p.end, quantity: String(p.kwh) }] },
      t.adminToken,
    );
    await gqlOk(t.url, 'mutation($asOf: Date!) { runBilling(asOf: $asOf) { id } }', { asOf: p.end }, t.adminToken);
  }
  const data = await gqlOk(
    t.url,
    'query($id: ID) { account(id: $id) { invoices(first: 100) { nodes { id total dueDate status } } } }',
    { id: a.id },
    t.adminToken,
  );
  const invoices = data.account.invoices.nodes.filter((i: { status: string }) => i.status !== 'VOID').reverse();
  return { ...a, invoices };
}
