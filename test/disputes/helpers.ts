import { gql, gqlOk } from '../support/client';
import type { TestHub } from '../support/hub';

export const DISPUTE = `id reason status openedBy openedAt resolution resolvedAt invoice { id status amountDue }
  creditNote { id total } workItem { id status queue { key } }`;

export function openDispute(t: TestHub, invoiceId: string, reason = 'Meter was read twice') {
  return gql(
    t.url,
    `mutation($i: ID!, $r: String!) { openDispute(invoiceId: $i, reason: $r) { ${DISPUTE} } }`,
    { i: invoiceId, r: reason },
    t.adminToken,
  );
}

export function resolveDispute(
  t: TestHub,
  id: string,
  outcome: string,
  creditNoteId: string | null = null,
  resolution = 'Checked the reads',
) {
  return gql(
    t.url,
    `mutation($id: ID!, $o: DisputeStatus!, $r: String!, $c: ID) { resolveDispute(id: $id, outcome: $o, resolution: $r, creditNoteId: $c) { ${DISPUTE} } }`,
    { id, o: outcome, r: resolution, c: creditNoteId },
    t.adminToken,
  );
}

export async function standing(t: TestHub, id: string) {
  return (
    await gqlOk(
      t.url,
      `query($id: ID) { account(id: $id) { balance pastDue daysPastDue collectionsActions { action asOf }
        invoices(first: 50) { nodes { id status amountDue dispute { id status } } } } }`,
      { id },
      t.adminToken,
    )
  ).account;
}

export async function fullCredit(t: TestHub, invoiceId: string): Promise<{ id: string; total: string }> {
  const q = 'mutation($input: CreditInvoiceInput!) { creditInvoice(input: $input) { id total } }';
  return (await gqlOk(t.url, q, { input: { invoiceId, reason: 'Dispute upheld' } }, t.adminToken)).creditInvoice;
}
