import { accountWithInvoices } from '../support/billing';
import { errorCode, gql, gqlOk } from '../support/client';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { D, delinquent, pathOfItsOwn } from '../collections/controls-helpers';
import { runCollections } from '../collections/helpers';
import { fullCredit, openDispute, resolveDispute, standing } from './helpers';

/**
 * Disputes through the API. Every account owes 59.95 due 9 days ago on a path
 * of its own segment with a letter at 1 day past due, so a run dated today
 * writes one unless the amount is under an OPEN dispute.
 */
let t: TestHub;
let segment: string;

beforeAll(async () => {
  t = await startTestHub();
  segment = (
    await pathOfItsOwn(t, [
      { name: 'Letter', daysPastDue: 1, minPastDue: '0', action: 'LETTER', template: 'Dear {{name}}, {{pastDue}} is due.' },
    ])
  ).segment;
});
afterAll(async () => checkMoneyAndStop(t));

async function auditActions(invoiceId: string): Promise<string[]> {
  const q = 'query($id: String) { auditLog(subjectType: "Invoice", subjectId: $id) { nodes { action } } }';
  return (await gqlOk(t.url, q, { id: invoiceId }, t.adminToken)).auditLog.nodes.map((n: { action: string }) => n.action);
}

async function eventsOf(type: string, subjectId: string) {
  const q = `{ events(types: [${type}], first: 500) { nodes { subjectId payload } } }`;
  return (await gqlOk(t.url, q, {}, t.adminToken)).events.nodes.filter((e: { subjectId: string }) => e.subjectId === subjectId);
}

describe('an OPEN dispute', () => {
  it('leaves the invoice out of pastDue, daysPastDue and collections, not out of the balance; REJECTED counts it again from its due date', async () => {
    const a = await delinquent(t, segment);
    const [inv] = a.invoices;
    const before = await standing(t, a.id);
    expect([before.balance, before.pastDue, before.daysPastDue]).toEqual(['59.95', '59.95', 9]);

    const opened = await openDispute(t, inv.id);
    expect(opened.errors).toBeUndefined();
    const d = opened.data?.openDispute;
    expect(d).toMatchObject({ status: 'OPEN', reason: 'Meter was read twice', resolution: null, resolvedAt: null, creditNote: null });
    expect(d.workItem).toMatchObject({ status: 'OPEN', queue: { key: 'DISPUTES' } });

    const during = await standing(t, a.id);
    expect([during.balance, during.pastDue, during.daysPastDue]).toEqual(['59.95', '0.00', 0]);
    expect(during.invoices.nodes[0].dispute).toEqual({ id: d.id, status: 'OPEN' });
    await runCollections(t, D(0));
    expect((await standing(t, a.id)).collectionsActions).toEqual([]);

    const open = await gqlOk(t.url, '{ disputes(status: OPEN, first: 500) { id } }', {}, t.adminToken);
    expect(open.disputes.map((x: { id: string }) => x.id)).toContain(d.id);

    const rejected = await resolveDispute(t, d.id, 'REJECTED');
    expect(rejected.errors).toBeUndefined();
    expect(rejected.data?.resolveDispute).toMatchObject({
      status: 'REJECTED',
      resolution: 'Checked the reads',
      workItem: { status: 'RESOLVED' },
    });
    const after = await standing(t, a.id);
    expect([after.balance, after.pastDue, after.daysPastDue]).toEqual(['59.95', '59.95', 9]);
    await runCollections(t, D(0));
    expect((await standing(t, a.id)).collectionsActions).toEqual([{ action: 'LETTER', asOf: D(0) }]);

    expect(await auditActions(inv.id)).toEqual(expect.arrayContaining(['openDispute', 'resolveDispute']));
    expect((await eventsOf('DISPUTE_OPENED', d.id))[0].payload).toMatchObject({ invoiceId: inv.id, workItemId: d.workItem.id });
    expect((await eventsOf('DISPUTE_RESOLVED', d.id))[0].payload).toMatchObject({ outcome: 'REJECTED', creditNoteId: null });
    const rejectedList = await gqlOk(t.url, '{ disputes(status: REJECTED, first: 500) { id } }', {}, t.adminToken);
    expect(rejectedList.disputes.map((x: { id: string }) => x.id)).toContain(d.id);
  });

  it('counts daysPastDue from the oldest invoice not disputed', async () => {
    const a = await accountWithInvoices(
      t,
      [
        { start: D(-90), end: D(-60), kwh: 500 },
        { start: D(-60), end: D(-30), kwh: 500 },
      ],
      { segment },
    );
    const before = await standing(t, a.id);
    expect([before.balance, before.pastDue, before.daysPastDue]).toEqual(['119.90', '119.90', 39]);
    expect((await openDispute(t, a.invoices[0].id)).errors).toBeUndefined();
    const during = await standing(t, a.id);
    expect([during.balance, during.pastDue, during.daysPastDue]).toEqual(['119.90', '59.95', 9]);
  });

  it('UPHELD with the credit note that settles it', async () => {
    const a = await delinquent(t, segment);
    const [inv] = a.invoices;
    const d = (await openDispute(t, inv.id)).data?.openDispute;
    const note = await fullCredit(t, inv.id);
    const upheld = await resolveDispute(t, d.id, 'UPHELD', note.id, 'Read twice: credited in full');
    expect(upheld.errors).toBeUndefined();
    expect(upheld.data?.resolveDispute).toMatchObject({
      status: 'UPHELD',
      creditNote: { id: note.id, total: '59.95' },
      invoice: { status: 'PAID', amountDue: '0.00' },
      workItem: { status: 'RESOLVED' },
    });
    const after = await standing(t, a.id);
    expect([after.balance, after.pastDue, after.daysPastDue]).toEqual(['0.00', '0.00', 0]);
    expect((await eventsOf('DISPUTE_RESOLVED', d.id))[0].payload).toMatchObject({ outcome: 'UPHELD', creditNoteId: note.id });
    // The same credit note cannot settle a second dispute.
    const b = await delinquent(t, segment);
    const other = (await openDispute(t, b.invoices[0].id)).data?.openDispute;
    expect(errorCode(await resolveDispute(t, other.id, 'UPHELD', note.id))).toBe('BAD_USER_INPUT');
  });
});

describe('bad input', () => {
  it('one OPEN dispute per invoice, only on ISSUED invoices, and nothing changes', async () => {
    const a = await delinquent(t, segment);
    const [inv] = a.invoices;
    const d = (await openDispute(t, inv.id)).data?.openDispute;
    const again = await openDispute(t, inv.id, 'Again');
    expect(errorCode(again)).toBe('CONFLICT');
    expect(again.errors?.[0].message).toMatch(/already has an OPEN dispute/);
    expect(errorCode(await openDispute(t, inv.id, '  '))).toBe('BAD_USER_INPUT');
    expect(errorCode(await openDispute(t, inv.id, 'x'.repeat(501)))).toBe('BAD_USER_INPUT');
    expect(errorCode(await openDispute(t, '999999999'))).toBe('NOT_FOUND');
    expect(errorCode(await openDispute(t, 'abc'))).toBe('BAD_USER_INPUT');

    const byHand = await gql(
      t.url,
      'mutation($id: ID!) { resolveWorkItem(id: $id, resolution: "Done") { id } }',
      { id: d.workItem.id },
      t.adminToken,
    );
    expect(errorCode(byHand)).toBe('INVALID_STATE');
    expect(byHand.errors?.[0].message).toMatch(/resolveDispute/);
    expect(errorCode(await resolveDispute(t, d.id, 'OPEN'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await resolveDispute(t, d.id, 'UPHELD'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await resolveDispute(t, d.id, 'REJECTED', '1'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await resolveDispute(t, d.id, 'REJECTED', null, ''))).toBe('BAD_USER_INPUT');
    expect(errorCode(await resolveDispute(t, '999999999', 'REJECTED'))).toBe('NOT_FOUND');
    expect(errorCode(await resolveDispute(t, d.id, 'UPHELD', '999999999'))).toBe('NOT_FOUND');
    const b = await delinquent(t, segment);
    const foreign = await fullCredit(t, b.invoices[0].id);
    const wrong = await resolveDispute(t, d.id, 'UPHELD', foreign.id);
    expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
    expect(wrong.errors?.[0].message).toMatch(/not on invoice/);
    expect((await standing(t, a.id)).invoices.nodes[0].dispute).toEqual({ id: d.id, status: 'OPEN' });

    expect((await resolveDispute(t, d.id, 'REJECTED')).errors).toBeUndefined();
    expect(errorCode(await resolveDispute(t, d.id, 'REJECTED'))).toBe('INVALID_STATE');
    // Once resolved, a new dispute may be opened.
    expect((await openDispute(t, inv.id, 'New evidence')).errors).toBeUndefined();

    // PAID (by the foreign credit note) and VOID invoices cannot be disputed.
    expect(errorCode(await openDispute(t, b.invoices[0].id))).toBe('INVALID_STATE');
    const c = await delinquent(t, segment);
    await gqlOk(
      t.url,
      'mutation($id: ID!) { voidInvoice(id: $id, reason: "Wrong account") { id } }',
      { id: c.invoices[0].id },
      t.adminToken,
    );
    const voided = await openDispute(t, c.invoices[0].id);
    expect(errorCode(voided)).toBe('INVALID_STATE');
    expect(voided.errors?.[0].message).toMatch(/VOID/);
    expect(errorCode(await gql(t.url, '{ disputes(first: 0) { id } }', {}, t.adminToken))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(t.url, '{ disputes(after: "x") { id } }', {}, t.adminToken))).toBe('BAD_USER_INPUT');
  });
});
