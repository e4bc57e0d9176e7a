import { accountWithInvoices } from '../support/billing';
import { errorCode, gql, gqlOk } from '../support/client';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { createPath, HIGH_RISK_PATH, runCollections } from '../collections/helpers';
import { D, decide, delinquent, pathOfItsOwn, protect, protectedItems } from '../collections/controls-helpers';
import { credit, pay } from '../credits/helpers';
import { openDispute } from '../disputes/helpers';

/**
 * An account's timeline through the API: an invoice, a collections step, a payment, a dispute,
 * a work note, a credit note and a read, newest first with who did each, paged without gaps or repeats.
 */
let t: TestHub;
let operator: string;
let account: { id: string; number: string; invoices: Array<{ id: string }> };

interface Entry {
  at: string;
  kind: string;
  title: string;
  detail: string;
  actor: string | null;
  amount: string | null;
  subjectId: string;
}

const TIMELINE = `query($id: ID, $first: Int, $after: String) { account(id: $id) {
  timeline(first: $first, after: $after) { nodes { at kind title detail actor amount subjectId } pageInfo { endCursor hasNextPage } } } }`;

async function page(first: number | null, after: string | null = null, token = t.adminToken) {
  return (await gqlOk(t.url, TIMELINE, { id: account.id, first, after }, token)).account.timeline as {
    nodes: Entry[];
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
  };
}

beforeAll(async () => {
  t = await startTestHub();
  operator = await t.userToken('OPERATOR', 'olga');
  await createPath(t, HIGH_RISK_PATH, operator);
  account = await accountWithInvoices(
    t,
    [
      { start: '2026-01-01', end: '2026-02-01', kwh: 310 },
      { start: '2026-02-01', end: '2026-03-01', kwh: 200 },
    ],
    { segment: 'HIGH_RISK' },
  );
  await runCollections(t, '2026-02-25', operator);
  await pay(t, account.number, '10.00');
  const dispute = await openDispute(t, account.invoices[1].id, 'Read twice');
  expect(dispute.errors).toBeUndefined();
  const workItemId = dispute.data!.openDispute.workItem.id as string;
  await gqlOk(
    t.url,
    'mutation($id: ID!, $text: String!) { addWorkItemNote(id: $id, text: $text) { id } }',
    { id: workItemId, text: 'Called the customer' },
    operator,
  );
  const note = await credit(t, { invoiceId: account.invoices[0].id, reason: 'Goodwill' });
  expect(note.errors).toBeUndefined();
  await gqlOk(
    t.url,
    'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }',
    // One batch: its reads share a moment, so pages must also split entries of the same moment.
    {
      reads: [
        { accountNumber: account.number, periodStart: '2026-03-01', periodEnd: '2026-04-01', quantity: '150' },
        { accountNumber: account.number, periodStart: '2026-04-01', periodEnd: '2026-05-01', quantity: '160' },
        { accountNumber: account.number, periodStart: '2026-05-01', periodEnd: '2026-06-01', quantity: '170' },
      ],
    },
    t.adminToken,
  );
});
afterAll(async () => checkMoneyAndStop(t));

describe('the account timeline', () => {
  it('lists what happened newest first, with who did it', async () => {
    const all = await page(50);
    expect(all.pageInfo.hasNextPage).toBe(false);
    expect(all.nodes.map((e) => e.kind)).toEqual([
      'USAGE_READ',
      'USAGE_READ',
      'USAGE_READ',
      'CREDIT_NOTE',
      'WORK_NOTE',
      'DISPUTE',
      'PAYMENT',
      'COLLECTIONS_ACTION',
      'INVOICE',
      'USAGE_READ',
      'INVOICE',
      'USAGE_READ',
    ]);
    const times = all.nodes.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const byKind = (kind: string) => all.nodes.find((e) => e.kind === kind)!;
    expect(byKind('CREDIT_NOTE')).toMatchObject({
      actor: 'admin',
      detail: 'Goodwill',
      title: expect.stringMatching(/^Credit note CN-\d{8} on INV-\d{8}$/),
    });
    expect(byKind('WORK_NOTE')).toMatchObject({ actor: 'olga', detail: 'Called the customer', amount: null });
    expect(byKind('DISPUTE')).toMatchObject({ actor: 'admin', detail: 'Read twice' });
    expect(byKind('PAYMENT')).toMatchObject({ actor: 'admin', amount: '10.00' });
    expect(byKind('COLLECTIONS_ACTION')).toMatchObject({
      actor: 'olga',
      amount: null,
      title: 'Collections: reminder "Past-due notice" (step 1 of path "High risk")',
    });
    expect(byKind('INVOICE')).toMatchObject({ actor: 'admin', subjectId: account.invoices[1].id });
    expect(all.nodes[all.nodes.length - 2]).toMatchObject({ kind: 'INVOICE', subjectId: account.invoices[0].id, amount: '40.95' });
    expect(byKind('USAGE_READ')).toMatchObject({ actor: null, amount: null, title: 'Read of 170 (TOTAL) for 2026-05-01 to 2026-06-01' });
  });

  it('pages without gaps or repeats, whatever the page size', async () => {
    const all = (await page(50)).nodes;
    for (const size of [1, 2, 3, 4, 7]) {
      const seen: Entry[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 20; guard++) {
        const p = await page(size, after);
        expect(p.nodes.length).toBeLessThanOrEqual(size);
        seen.push(...p.nodes);
        if (!p.pageInfo.hasNextPage) break;
        after = p.pageInfo.endCursor;
      }
      expect(seen).toEqual(all);
    }
  });

  it('answers BAD_USER_INPUT for a cursor it did not give out or a page size under 1', async () => {
    for (const variables of [
      { first: 5, after: 'bm9wZQ' },
      { first: 0, after: null },
    ]) {
      const result = await gql(t.url, TIMELINE, { id: account.id, ...variables }, t.adminToken);
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
    }
  });
});

describe("a protected account's step taken anyway", () => {
  it("is shown as the operator's action, not as the action of whoever started the run that referred it", async () => {
    const { segment } = await pathOfItsOwn(t, [
      { name: 'Notice', daysPastDue: 1, minPastDue: '0', action: 'LETTER', template: 'Dear {{name}}, {{pastDue}} is due.' },
      { name: 'Fee after notice', daysPastDue: 3, minPastDue: '0', action: 'LATE_FEE', feeAmount: '2.00' },
    ]);
    const protectedAccount = await delinquent(t, segment);
    expect((await protect(t, protectedAccount.id, [{ code: 'MEDICAL' }])).errors).toBeUndefined();
    // The admin starts the run: it sends the letter and refers the fee to an operator.
    await runCollections(t, D(0));
    const [referral] = await protectedItems(t, protectedAccount.number);
    expect(referral.kind).toBe('PROTECTED_LATE_FEE');
    expect((await decide(t, referral.id, true, 'Customer agreed to the fee', operator)).errors).toBeUndefined();

    const data = await gqlOk(t.url, TIMELINE, { id: protectedAccount.id, first: 50, after: null }, t.adminToken);
    const steps = (data.account.timeline.nodes as Entry[]).filter((e) => e.kind === 'COLLECTIONS_ACTION');
    const path = `Path ${segment}`;
    expect(steps.map((e) => [e.title, e.actor])).toEqual([
      [`Collections: late fee "Fee after notice" (step 2 of path "${path}")`, 'olga'],
      [`Collections: letter "Notice" (step 1 of path "${path}")`, 'admin'],
    ]);
  });
});
