import { gqlOk } from '../support/client';
import { account, enroll, publishedProduct, unique } from '../support/factories';
import type { TestHub } from '../support/hub';

export const RECORD =
  'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted duplicates replaced rejected { index code message } } }';

export const INVOICE_FIELDS = `id number status total amountCredited amountDue voidReason
  lines { id kind description quantity unitPrice amount register estimated periodStart periodEnd }
  creditNotes { id total lines { kind amount invoiceLine { id } } }`;

export interface Line {
  id: string;
  kind: string;
  description: string;
  amount: string;
  register: string | null;
  estimated: boolean;
  periodStart: string | null;
  periodEnd: string | null;
}
export interface InvoiceView {
  id: string;
  number: string;
  status: string;
  total: string;
  amountCredited: string;
  amountDue: string;
  voidReason: string | null;
  lines: Line[];
  creditNotes: Array<{ id: string; total: string; lines: Array<{ kind: string; amount: string; invoiceLine: { id: string } | null }> }>;
}

/** Rules that never hold an invoice (so a rebill is issued), or that hold every invoice over 1.00. */
export async function segments(t: TestHub): Promise<{ open: string; holding: string }> {
  const open = unique('OPEN').replace(/-/g, '_').toUpperCase();
  const holding = unique('HOLD').replace(/-/g, '_').toUpperCase();
  const set = 'mutation($input: BillingRulesInput!) { setBillingRules(input: $input) { segment } }';
  await gqlOk(
    t.url,
    set,
    { input: { segment: open, highConsumptionFactor: '1000', swingPercent: '100000', paymentTermsDays: 21 } },
    t.adminToken,
  );
  await gqlOk(
    t.url,
    set,
    { input: { segment: holding, highConsumptionFactor: '1000', swingPercent: '100000', maxInvoiceAmount: '1.00', paymentTermsDays: 21 } },
    t.adminToken,
  );
  return { open, holding };
}

/** An account on a product at 0.10 a kWh and 9.95 fixed, with a 10 % promo when asked. */
export async function customer(t: TestHub, segment: string, promo = false): Promise<{ id: string; number: string }> {
  const promoCode = unique('TENOFF').replace(/-/g, '_').toUpperCase();
  const product = await publishedProduct(
    t,
    {
      fixedCharge: '9.95',
      rates: [{ effectiveFrom: '2020-01-01', unitPrice: '0.10' }],
      ...(promo ? { promoCodes: [{ code: promoCode, percentOff: '10' }] } : {}),
    },
    '2020-01-01',
  );
  const a = await account(t, { segment });
  await enroll(t, a.id, product.code, '2020-01-01', promo ? promoCode : undefined);
  return a;
}

export async function record(t: TestHub, reads: Array<Record<string, unknown>>): Promise<Record<string, any>> {
  return (await gqlOk(t.url, RECORD, { reads }, t.adminToken)).recordUsage;
}

export async function run(t: TestHub, asOf: string): Promise<Record<string, any>> {
  return (
    await gqlOk(
      t.url,
      'mutation($asOf: Date!) { runBilling(asOf: $asOf) { id status invoicesIssued invoicesHeld } }',
      { asOf },
      t.adminToken,
    )
  ).runBilling;
}

/** The account's invoices, oldest first. */
export async function invoices(t: TestHub, accountId: string): Promise<InvoiceView[]> {
  const data = await gqlOk(
    t.url,
    `query($id: ID) { account(id: $id) { invoices(first: 100) { nodes { ${INVOICE_FIELDS} } } } }`,
    { id: accountId },
    t.adminToken,
  );
  return [...data.account.invoices.nodes].reverse();
}

export async function reads(t: TestHub, accountId: string, status?: string): Promise<Array<Record<string, any>>> {
  const data = await gqlOk(
    t.url,
    `query($id: ID, $status: UsageReadStatus) { account(id: $id) { usageReads(status: $status, first: 100) {
       totalCount nodes { id register periodStart periodEnd quantity estimated status invoice { id number } replacedBy { id quantity } } } } }`,
    { id: accountId, status: status ?? null },
    t.adminToken,
  );
  return data.account.usageReads.nodes;
}

export async function balance(t: TestHub, accountId: string): Promise<string> {
  return (await gqlOk(t.url, 'query($id: ID) { account(id: $id) { balance } }', { id: accountId }, t.adminToken)).account.balance;
}

export const JAN = { periodStart: '2026-01-01', periodEnd: '2026-02-01' };
export const FEB = { periodStart: '2026-02-01', periodEnd: '2026-03-01' };
