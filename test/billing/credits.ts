import { gqlOk } from '../support/client';
import type { TestHub } from '../support/hub';
import { cents, int, sql } from '../support/sql';

/** Helpers for the carried-credit suites: usage in, bill runs, the account's invoices as the API shows them. */

export interface Line {
  kind: string;
  description: string;
  amount: string;
}

export interface Bill {
  id: string;
  status: string;
  total: string;
  periodStart: string;
  periodEnd: string;
  lines: Line[];
}

const INVOICES = `query($id: ID) { account(id: $id) { invoices(first: 100) { nodes { id status total periodStart periodEnd
  lines { kind description amount } } } } }`;

export async function recordUsage(t: TestHub, accountNumber: string, periodStart: string, periodEnd: string, kwh: number): Promise<void> {
  const result = await gqlOk(
    t.url,
    'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted rejected { index message } } }',
    { reads: [{ accountNumber, periodStart, periodEnd, quantity: String(kwh) }] },
    t.adminToken,
  );
  if (result.recordUsage.rejected.length > 0) throw new Error(`usage rejected: ${JSON.stringify(result.recordUsage.rejected)}`);
}

export async function runBilling(t: TestHub, asOf: string): Promise<{ status: string; invoicesIssued: number; invoicesHeld: number }> {
  const data = await gqlOk(
    t.url,
    'mutation($asOf: Date!) { runBilling(asOf: $asOf) { status invoicesIssued invoicesHeld accountsFailed } }',
    { asOf },
    t.adminToken,
  );
  if (data.runBilling.accountsFailed > 0) throw new Error(`bill run as of ${asOf}: ${data.runBilling.accountsFailed} accounts failed`);
  return data.runBilling;
}

/** The account's invoices, oldest first. */
export async function billsOf(t: TestHub, accountId: string): Promise<Bill[]> {
  const data = await gqlOk(t.url, INVOICES, { id: accountId }, t.adminToken);
  return [...(data.account.invoices.nodes as Bill[])].sort((a, b) => Number(a.id) - Number(b.id));
}

/** [amount, description] of each CREDIT line. */
export const creditLines = (bill: Bill): Array<[string, string]> =>
  bill.lines.filter((l) => l.kind === 'CREDIT').map((l) => [l.amount, l.description]);

/** Cents of the bill's lines of the kinds given. */
export const sumOf = (bill: Bill, kinds: string[]): bigint =>
  bill.lines.filter((l) => kinds.includes(l.kind)).reduce((sum, l) => sum + cents(l.amount), 0n);

/** Cents of credit waiting for the account's next invoice, as an auditor reads the table (positive). */
export async function pendingCredit(t: TestHub, accountId: string): Promise<bigint> {
  const [row] = await sql(t, 'SELECT SUM(amount) AS pending FROM pending_charge WHERE account_id = ? AND invoice_id IS NULL', [
    Number(accountId),
  ]);
  return -int(row.pending);
}

export async function setRules(
  t: TestHub,
  segment: string,
  rules: { highConsumptionFactor: string; swingPercent: string; maxInvoiceAmount: string | null },
): Promise<void> {
  await gqlOk(
    t.url,
    'mutation($input: BillingRulesInput!) { setBillingRules(input: $input) { segment } }',
    { input: { segment, paymentTermsDays: 21, ...rules } },
    t.adminToken,
  );
}

export async function voidInvoice(t: TestHub, id: string, reason = 'Meter misread'): Promise<void> {
  await gqlOk(t.url, 'mutation($id: ID!, $r: String!) { voidInvoice(id: $id, reason: $r) { id } }', { id, r: reason }, t.adminToken);
}

export async function releaseInvoice(t: TestHub, id: string): Promise<void> {
  await gqlOk(t.url, 'mutation($id: ID!) { releaseInvoice(id: $id, note: "Checked with the customer") { id } }', { id }, t.adminToken);
}

/** An invoice with what credit notes took of it, as the API shows them. */
export interface NotedBill extends Bill {
  amountCredited: string;
  creditNotes: Array<{ total: string; lines: Array<{ kind: string; amount: string }> }>;
}

const NOTED_INVOICES = `query($id: ID) { account(id: $id) { invoices(first: 100) { nodes { id status total periodStart periodEnd
  amountCredited lines { kind description amount } creditNotes { total lines { kind amount } } } } } }`;

/** The account's invoices with their credit notes, oldest first. */
export async function notedBillsOf(t: TestHub, accountId: string): Promise<NotedBill[]> {
  const data = await gqlOk(t.url, NOTED_INVOICES, { id: accountId }, t.adminToken);
  return [...(data.account.invoices.nodes as NotedBill[])].sort((a, b) => Number(a.id) - Number(b.id));
}

/** One read, estimated or actual, and what the hub did with it (an actual read for a billed estimate's period replaces it). */
export async function recordRead(
  t: TestHub,
  accountNumber: string,
  periodStart: string,
  periodEnd: string,
  kwh: number,
  estimated: boolean,
): Promise<{ accepted: number; replaced: number; rejected: Array<{ index: number; message: string }> }> {
  const data = await gqlOk(
    t.url,
    'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted replaced rejected { index message } } }',
    { reads: [{ accountNumber, periodStart, periodEnd, quantity: String(kwh), estimated }] },
    t.adminToken,
  );
  return data.recordUsage;
}

/** Cents the account owes, as the API answers it. */
export async function balanceOf(t: TestHub, accountId: string): Promise<bigint> {
  const data = await gqlOk(t.url, 'query($id: ID) { account(id: $id) { balance } }', { id: accountId }, t.adminToken);
  return cents(data.account.balance);
}
