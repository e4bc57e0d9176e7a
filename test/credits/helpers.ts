import { gql, gqlOk } from '../support/client';
import { unique } from '../support/factories';
import type { TestHub } from '../support/hub';

export const INVOICE = `query($id: ID!) { invoice(id: $id) { id status total amountPaid amountCredited amountDue
  lines { id kind amount description }
  creditNotes { id number total appliedToInvoice reason createdBy lines { kind amount invoiceLine { id } } } } }`;
export const ACCOUNT = `query($id: ID) { account(id: $id) { balance pastDue unappliedCredit
  pendingCharges { id amount description taxable invoice { id } }
  creditNotes(first: 50) { totalCount nodes { id number total } }
  invoices(first: 50) { nodes { id status total amountPaid amountCredited amountDue lines { kind amount description } } } } }`;
export const CREDIT = `mutation($input: CreditInvoiceInput!) { creditInvoice(input: $input) {
  id number total appliedToInvoice reason issueDate createdBy lines { kind description amount invoiceLine { id kind } }
  invoice { id status amountDue amountCredited } account { id } } }`;
export const REFUND = 'mutation($input: RecordRefundInput!) { recordRefund(input: $input) { id amount channel reference account { id } } }';
export const PAY = 'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id unapplied } }';

export interface InvoiceLineView {
  id: string;
  kind: string;
  amount: string;
  description: string;
}

export async function invoice(t: TestHub, id: string) {
  return (await gqlOk(t.url, INVOICE, { id }, t.adminToken)).invoice;
}

export async function accountState(t: TestHub, id: string) {
  return (await gqlOk(t.url, ACCOUNT, { id }, t.adminToken)).account;
}

export function credit(t: TestHub, input: Record<string, unknown>) {
  return gql(t.url, CREDIT, { input: { reason: 'Meter misread', ...input } }, t.adminToken);
}

export async function pay(t: TestHub, accountNumber: string, amount: string): Promise<{ id: string; unapplied: string }> {
  const input = { accountNumber, amount, channel: 'CHECK', idempotencyKey: unique('pay') };
  return (await gqlOk(t.url, PAY, { input }, t.adminToken)).recordPayment;
}

export function refund(t: TestHub, accountNumber: string, amount: string, idempotencyKey = unique('refund'), channel = 'ACH') {
  return gql(t.url, REFUND, { input: { accountNumber, amount, channel, idempotencyKey } }, t.adminToken);
}

export async function bill(t: TestHub, accountNumber: string, start: string, end: string, kwh: number): Promise<void> {
  await gqlOk(
    t.url,
    'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }',
    { reads: [{ accountNumber, periodStart: start, periodEnd: end, quantity: String(kwh) }] },
    t.adminToken,
  );
  await runBilling(t, end);
}

export async function runBilling(t: TestHub, asOf: string): Promise<void> {
  await gqlOk(t.url, 'mutation($asOf: Date!) { runBilling(asOf: $asOf) { id } }', { asOf }, t.adminToken);
}
