import { errorCode, gql, gqlOk } from '../support/client';
import { accountWithInvoices } from '../support/billing';
import { account as newAccount, unique } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { accountState, bill, credit, pay, refund, runBilling } from './helpers';

/** Operators' one-off charges on the next invoice, and refunds of unapplied credit, through the API. */
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => checkMoneyAndStop(t));

const ADD = 'mutation($input: AddChargeInput!) { addCharge(input: $input) { id amount description taxable createdBy invoice { id } } }';
const REMOVE = 'mutation($id: ID!) { removePendingCharge(id: $id) }';

function addCharge(accountId: string, amount: string, description = 'Meter test visit') {
  return gql(t.url, ADD, { input: { accountId, amount, description, taxable: false } }, t.adminToken);
}

describe('pending charges', () => {
  it('puts charges and credits on the next regular invoice as CHARGE lines; a removed one stays off', async () => {
    const a = await accountWithInvoices(t, [{ start: '2026-01-01', end: '2026-02-01', kwh: 450 }]);
    const added = await addCharge(a.id, '12.50');
    expect(added.data!.addCharge).toMatchObject({ amount: '12.50', description: 'Meter test visit', taxable: false, invoice: null });
    const goodwill = (await addCharge(a.id, '-2.50', 'Goodwill')).data!.addCharge;
    const dropped = (await addCharge(a.id, '99.00', 'Entered by mistake')).data!.addCharge;
    expect((await gqlOk(t.url, REMOVE, { id: dropped.id }, t.adminToken)).removePendingCharge).toBe(true);
    expect((await accountState(t, a.id)).pendingCharges.map((c: { id: string }) => c.id)).toEqual([added.data!.addCharge.id, goodwill.id]);

    // 430 kWh x 0.10 + 9.95 = 52.95, + 12.50 - 2.50 = 62.95.
    await bill(t, a.number, '2026-02-01', '2026-03-01', 430);
    const state = await accountState(t, a.id);
    const feb = state.invoices.nodes[0];
    expect(feb.total).toBe('62.95');
    expect(feb.lines.filter((l: { kind: string }) => l.kind === 'CHARGE').map((l: { amount: string }) => l.amount)).toEqual([
      '12.50',
      '-2.50',
    ]);
    expect(state.pendingCharges).toEqual([]);
    const billed = await gql(t.url, REMOVE, { id: goodwill.id }, t.adminToken);
    expect(errorCode(billed)).toBe('INVALID_STATE');
  });

  it('bills an account with a pending charge alone, on an invoice of its own', async () => {
    const a = await newAccount(t);
    await addCharge(a.id, '25.00', 'Reconnection fee');
    await runBilling(t, '2026-03-01');
    const state = await accountState(t, a.id);
    expect(state.invoices.nodes).toEqual([
      expect.objectContaining({
        status: 'ISSUED',
        total: '25.00',
        lines: [{ kind: 'CHARGE', amount: '25.00', description: 'Reconnection fee' }],
      }),
    ]);
    expect(state.balance).toBe('25.00');
    // A second run bills nothing more.
    await runBilling(t, '2026-03-02');
    expect((await accountState(t, a.id)).invoices.nodes).toHaveLength(1);
  });

  it('refuses an amount of 0, an empty description, an unknown account and unknown charges', async () => {
    const a = await newAccount(t);
    expect(errorCode(await addCharge(a.id, '0.00'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await addCharge(a.id, '5.00', ' '))).toBe('BAD_USER_INPUT');
    expect(errorCode(await addCharge('999999999', '5.00'))).toBe('NOT_FOUND');
    expect(errorCode(await gql(t.url, REMOVE, { id: '999999999' }, t.adminToken))).toBe('NOT_FOUND');
    expect((await accountState(t, a.id)).pendingCharges).toEqual([]);
  });
});

describe('refunds', () => {
  it('pays back unapplied credit once per key, never more than there is', async () => {
    const a = await accountWithInvoices(t, [{ start: '2026-01-01', end: '2026-02-01', kwh: 450 }]);
    await pay(t, a.number, '54.95');
    await credit(t, { invoiceId: a.invoices[0].id });
    expect((await accountState(t, a.id)).unappliedCredit).toBe('54.95');

    const tooMuch = await refund(t, a.number, '54.96');
    expect(errorCode(tooMuch)).toBe('BAD_USER_INPUT');
    expect(tooMuch.errors![0].message).toContain('54.95 of unapplied credit');
    expect(errorCode(await refund(t, a.number, '0.00'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await refund(t, 'NO-SUCH-ACCOUNT', '1.00'))).toBe('NOT_FOUND');

    const key = unique('refund');
    const first = await refund(t, a.number, '20.00', key);
    expect(first.data!.recordRefund).toMatchObject({ amount: '20.00', channel: 'ACH', account: { id: a.id } });
    const retry = await refund(t, a.number, '20.00', key);
    expect(retry.data!.recordRefund.id).toBe(first.data!.recordRefund.id);
    expect(errorCode(await refund(t, a.number, '21.00', key))).toBe('IDEMPOTENCY_CONFLICT');
    expect(await accountState(t, a.id)).toMatchObject({ unappliedCredit: '34.95', balance: '-34.95' });

    // Concurrent refunds of the rest: one fits.
    const racing = await Promise.all([1, 2, 3].map(() => refund(t, a.number, '30.00')));
    expect(racing.filter((r) => !r.errors).length).toBe(1);
    expect((await accountState(t, a.id)).unappliedCredit).toBe('4.95');
    const events = await gqlOk(t.url, '{ events(types: [REFUND_RECORDED], first: 500) { nodes { subjectId payload } } }', {}, t.adminToken);
    expect(events.events.nodes.find((e: { subjectId: string }) => e.subjectId === first.data!.recordRefund.id).payload).toMatchObject({
      amount: '20.00',
      unappliedCredit: '34.95',
    });
  });

  it('keeps a payment that refunds drew on from being reversed', async () => {
    const a = await newAccount(t);
    const payment = await pay(t, a.number, '40.00');
    expect((await refund(t, a.number, '40.00')).errors).toBeUndefined();
    // The payment shows where its money went: nothing allocated, nothing left, all of it refunded.
    const paid = await gqlOk(
      t.url,
      'query($id: ID!) { payment(id: $id) { amount unapplied refunded allocations { amount } } }',
      { id: payment.id },
      t.adminToken,
    );
    expect(paid.payment).toEqual({ amount: '40.00', unapplied: '0.00', refunded: '40.00', allocations: [] });
    const reversed = await gql(
      t.url,
      'mutation($id: ID!) { reversePayment(id: $id, reason: "NSF") { status } }',
      { id: payment.id },
      t.adminToken,
    );
    expect(errorCode(reversed)).toBe('INVALID_STATE');
  });
});
