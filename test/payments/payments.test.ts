import { errorCode, gql, gqlOk, subscribe, wsClient } from '../support/client';
import { accountWithInvoices } from '../support/billing';
import { daysFromToday } from '../support/dates';
import { account } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { listening } from '../support/live';
import { Invoice } from '../../server/src/modules/billing/billing.entity';
import { applyToInvoices } from '../../server/src/modules/payments/payment.statements';

let t: TestHub;
let integrator: string;
beforeAll(async () => {
  t = await startTestHub();
  integrator = await t.apiKey('INTEGRATOR', 'Payment processor');
});
afterAll(async () => checkMoneyAndStop(t));

const RECORD = `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) {
  id amount unapplied status channel reference receivedAt allocations { amount invoice { id status amountPaid amountDue } } } }`;

const STATE =
  'query($id: ID) { account(id: $id) { balance pastDue daysPastDue invoices(first: 50) { nodes { id status total amountPaid amountDue dueDate } } } }';

let keyCount = 0;
const key = () => `pay-${process.pid}-${++keyCount}`;

// 100 kWh x 0.10 + 9.95 = 19.95; 110 kWh: 20.95; 120 kWh: 21.95 (steady use: no threshold holds).
const THREE_MONTHS = [
  { start: '2026-01-01', end: '2026-02-01', kwh: 100 },
  { start: '2026-02-01', end: '2026-03-01', kwh: 110 },
  { start: '2026-03-01', end: '2026-04-01', kwh: 120 },
];

describe('recording payments', () => {
  it('pays the oldest due invoice first and keeps the rest unapplied for the next invoice', async () => {
    const a = await accountWithInvoices(t, THREE_MONTHS);
    expect(a.invoices.map((i) => i.total)).toEqual(['19.95', '20.95', '21.95']);
    const before = (await gqlOk(t.url, STATE, { id: a.id }, t.adminToken)).account;
    expect(before.balance).toBe('62.85');
    expect(before.pastDue).toBe('62.85');
    expect(before.daysPastDue).toBeGreaterThan(200);

    const p = (
      await gqlOk(
        t.url,
        RECORD,
        { input: { accountNumber: a.number, amount: '30.00', channel: 'ACH', reference: 'ACH-001', idempotencyKey: key() } },
        integrator,
      )
    ).recordPayment;
    expect(p).toMatchObject({ amount: '30.00', unapplied: '0.00', status: 'APPLIED', channel: 'ACH', reference: 'ACH-001' });
    expect(
      p.allocations.map((x: { amount: string; invoice: { id: string; status: string } }) => [x.invoice.id, x.amount, x.invoice.status]),
    ).toEqual([
      [a.invoices[0].id, '19.95', 'PAID'],
      [a.invoices[1].id, '10.05', 'ISSUED'],
    ]);

    const over = (
      await gqlOk(
        t.url,
        RECORD,
        { input: { accountNumber: a.number, amount: '100.00', channel: 'CARD', idempotencyKey: key() } },
        integrator,
      )
    ).recordPayment;
    expect(over.unapplied).toBe('67.15'); // 100 - 10.90 - 21.95
    const after = (await gqlOk(t.url, STATE, { id: a.id }, t.adminToken)).account;
    expect(after.invoices.nodes.every((i: { status: string }) => i.status === 'PAID')).toBe(true);
    expect(after).toMatchObject({ balance: '-67.15', pastDue: '0.00', daysPastDue: 0 });

    // The next invoice takes the unapplied money as soon as it is issued.
    await gqlOk(
      t.url,
      'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }',
      { reads: [{ accountNumber: a.number, periodStart: '2026-04-01', periodEnd: '2026-05-01', quantity: '100' }] },
      t.adminToken,
    );
    await gqlOk(t.url, 'mutation { runBilling(asOf: "2026-05-01") { id } }', {}, t.adminToken);
    const next = (await gqlOk(t.url, STATE, { id: a.id }, t.adminToken)).account;
    const newest = next.invoices.nodes[0];
    expect(newest).toMatchObject({ total: '19.95', amountPaid: '19.95', amountDue: '0.00', status: 'PAID' });
    expect(next.balance).toBe('-47.20');
  });

  it('returns the first payment for a retried key, and refuses the key for another payment', async () => {
    const a = await accountWithInvoices(t, THREE_MONTHS.slice(0, 1));
    const input = { accountNumber: a.number, amount: '5.00', channel: 'CARD', idempotencyKey: key() };
    const first = (await gqlOk(t.url, RECORD, { input }, integrator)).recordPayment;
    const again = (await gqlOk(t.url, RECORD, { input }, integrator)).recordPayment;
    expect(again.id).toBe(first.id);
    const conflict = await gql(t.url, RECORD, { input: { ...input, amount: '6.00' } }, integrator);
    expect(errorCode(conflict)).toBe('IDEMPOTENCY_CONFLICT');
    const state = (
      await gqlOk(t.url, 'query($id: ID) { account(id: $id) { payments { totalCount } balance } }', { id: a.id }, t.adminToken)
    ).account;
    expect(state).toEqual({ payments: { totalCount: 1 }, balance: '14.95' });
  });

  it('refuses bad payments and changes nothing', async () => {
    const a = await account(t);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ amount: '0' }, 'BAD_USER_INPUT'],
      [{ amount: '-5.00' }, 'BAD_USER_INPUT'],
      [{ amount: '1.001' }, 'BAD_USER_INPUT'],
      [{ amount: '99999999999999999999' }, 'BAD_USER_INPUT'],
      [{ idempotencyKey: '' }, 'BAD_USER_INPUT'],
      [{ receivedAt: 'yesterday' }, 'BAD_USER_INPUT'],
      // Received on a day that has not come (more than a day ahead of the hub's clock).
      [{ receivedAt: new Date(Date.now() + 25 * 3600 * 1000).toISOString() }, 'BAD_USER_INPUT'],
      [{ accountNumber: 'NOBODY' }, 'NOT_FOUND'],
    ];
    for (const [override, code] of cases) {
      const result = await gql(
        t.url,
        RECORD,
        { input: { accountNumber: a.number, amount: '10.00', channel: 'CASH', idempotencyKey: key(), ...override } },
        integrator,
      );
      expect([override, errorCode(result)]).toEqual([override, code]);
    }
    const state = (await gqlOk(t.url, 'query($id: ID) { account(id: $id) { payments { totalCount } } }', { id: a.id }, t.adminToken))
      .account;
    expect(state.payments.totalCount).toBe(0);
    // A day ahead is within what clocks and time zones make of "today": recorded.
    const early = await gqlOk(
      t.url,
      RECORD,
      {
        input: {
          accountNumber: a.number,
          amount: '10.00',
          channel: 'CASH',
          idempotencyKey: key(),
          receivedAt: new Date(Date.now() + 23 * 3600 * 1000).toISOString(),
        },
      },
      integrator,
    );
    expect(early.recordPayment.id).toEqual(expect.any(String));
  });

  it('reverses a payment once, reopening the invoices it paid', async () => {
    const a = await accountWithInvoices(t, THREE_MONTHS.slice(0, 2));
    const p = (
      await gqlOk(
        t.url,
        RECORD,
        { input: { accountNumber: a.number, amount: '40.90', channel: 'CHECK', idempotencyKey: key() } },
        integrator,
      )
    ).recordPayment;
    expect(p.allocations).toHaveLength(2);
    const reverse =
      'mutation($id: ID!) { reversePayment(id: $id, reason: "Check returned NSF") { status unapplied allocations { amount } } }';
    expect(errorCode(await gql(t.url, reverse, { id: p.id }, integrator))).toBe('FORBIDDEN');
    const reversed = (await gqlOk(t.url, reverse, { id: p.id }, t.adminToken)).reversePayment;
    expect(reversed).toEqual({ status: 'REVERSED', unapplied: '0.00', allocations: [] });
    const state = (await gqlOk(t.url, STATE, { id: a.id }, t.adminToken)).account;
    expect(state.invoices.nodes.map((i: { status: string; amountPaid: string }) => [i.status, i.amountPaid])).toEqual([
      ['ISSUED', '0.00'],
      ['ISSUED', '0.00'],
    ]);
    expect(state.balance).toBe('40.90');
    expect(errorCode(await gql(t.url, reverse, { id: p.id }, t.adminToken))).toBe('INVALID_STATE');
    const events = await gqlOk(t.url, '{ events(types: [PAYMENT_REVERSED]) { nodes { subjectId } } }', {}, t.adminToken);
    expect(events.events.nodes.map((e: { subjectId: string }) => e.subjectId)).toContain(p.id);
  });

  it('pushes payments to paymentReceived subscribers', async () => {
    const a = await accountWithInvoices(t, THREE_MONTHS.slice(0, 1));
    const client = wsClient(t.url, integrator);
    const feed = await listening(t, () => subscribe(client, 'subscription { paymentReceived { id amount account { number } } }'));
    const p = (
      await gqlOk(
        t.url,
        RECORD,
        { input: { accountNumber: a.number, amount: '7.50', channel: 'ONLINE', idempotencyKey: key() } },
        integrator,
      )
    ).recordPayment;
    const [pushed] = await feed.waitFor(1);
    expect(pushed.paymentReceived).toEqual({ id: p.id, amount: '7.50', account: { number: a.number } });
    feed.stop();
    await client.dispose();
  });

  it('never over-applies an invoice under 50 concurrent payments, some sharing keys', async () => {
    const a = await accountWithInvoices(t, THREE_MONTHS);
    const keys = Array.from({ length: 35 }, () => key());
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        gql(
          t.url,
          RECORD,
          { input: { accountNumber: a.number, amount: '3.33', channel: 'CARD', idempotencyKey: keys[i % 35] } },
          integrator,
        ),
      ),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    const ids = new Set(results.map((r) => (r.data as { recordPayment: { id: string } }).recordPayment.id));
    expect(ids.size).toBe(35);
    const [invoices, payments, allocations] = await Promise.all([
      t.hub.db.manager.query('SELECT id, total, amount_paid, status FROM invoice WHERE account_id = ?', [a.id]),
      t.hub.db.manager.query('SELECT id, amount, unapplied FROM payment WHERE account_id = ?', [a.id]),
      t.hub.db.manager.query(
        'SELECT pa.invoice_id AS invoice_id, pa.payment_id AS payment_id, pa.amount AS amount FROM payment_allocation pa JOIN payment p ON p.id = pa.payment_id WHERE p.account_id = ?',
        [a.id],
      ),
    ]);
    expect(payments).toHaveLength(35);
    const cents = (v: unknown) => Number(v);
    for (const invoice of invoices) {
      const allocated = allocations
        .filter((x: { invoice_id: unknown }) => String(x.invoice_id) === String(invoice.id))
        .reduce((s: number, x: { amount: unknown }) => s + cents(x.amount), 0);
      expect(cents(invoice.amount_paid)).toBe(allocated);
      expect(cents(invoice.amount_paid)).toBeLessThanOrEqual(cents(invoice.total));
      expect(invoice.status).toBe(cents(invoice.amount_paid) === cents(invoice.total) ? 'PAID' : 'ISSUED');
    }
    for (const payment of payments) {
      const allocated = allocations
        .filter((x: { payment_id: unknown }) => String(x.payment_id) === String(payment.id))
        .reduce((s: number, x: { amount: unknown }) => s + cents(x.amount), 0);
      expect(cents(payment.amount)).toBe(allocated + cents(payment.unapplied));
    }
    // 35 x 3.33 = 116.55 paid against 62.85 owed: 53.70 left over.
    const state = (await gqlOk(t.url, STATE, { id: a.id }, t.adminToken)).account;
    expect(state.balance).toBe('-53.70');
  });

  it("refuses, at the commit, to pay invoices from an amount paid that is no longer an invoice's, and writes nothing", async () => {
    // The invoices a payment pays are locked from its read to its commit, so no request can change them in between;
    // this drives the guard behind that lock directly: the compare-and-set that goes with the COMMIT.
    const a = await accountWithInvoices(t, THREE_MONTHS.slice(0, 2));
    const [first, second] = a.invoices.map((i) => Object.assign(new Invoice(), { id: i.id, total: 0, amountPaid: 0 }));
    const change = (invoice: Invoice, amount: number) => ({ invoice, amount, paid: invoice.amountPaid + amount, settles: false });
    const stateOf = async () =>
      (
        (await t.hub.db.manager.query('SELECT id, amount_paid, status FROM invoice WHERE account_id = ? ORDER BY id', [a.id])) as Array<{
          amount_paid: unknown;
          status: string;
        }>
      ).map((r) => [Number(r.amount_paid), r.status]);
    const pay = (changes: ReturnType<typeof change>[], label: string) =>
      t.hub.db.transaction(async (tx) => {
        tx.writeLater([applyToInvoices(tx.em, changes, new Date())]);
        tx.audit({ actor: 'tester', action: label, subjectType: 'Invoice', subjectId: first.id });
      });
    try {
      // The second invoice was read as holding 5.00 paid: it holds nothing, so neither is paid and nothing commits.
      second.amountPaid = 500;
      await expect(pay([change(first, 300), change(second, 200)], 'stale')).rejects.toThrow(/amount_paid/);
      expect(await stateOf()).toEqual([
        [0, 'ISSUED'],
        [0, 'ISSUED'],
      ]);
      expect(await t.hub.db.manager.query("SELECT id FROM audit_entry WHERE action = 'stale'")).toEqual([]);
      // With the amounts as the invoices hold them, the same statement pays both, each its own share.
      second.amountPaid = 0;
      await pay([change(first, 300), change(second, 200)], 'fresh');
      expect(await stateOf()).toEqual([
        [300, 'ISSUED'],
        [200, 'ISSUED'],
      ]);
    } finally {
      await t.hub.db.manager.query('UPDATE invoice SET amount_paid = 0 WHERE account_id = ?', [a.id]);
    }
  });
});

describe('payment plans', () => {
  const CREATE = `mutation($input: CreatePaymentPlanInput!) { createPaymentPlan(input: $input) { id status total installments { dueDate amount paid status } } }`;

  it('spreads the past-due amount over installments summing exactly, counting payments toward them in order', async () => {
    const a = await accountWithInvoices(t, THREE_MONTHS.slice(0, 2)); // 40.90 past due
    const plan = (
      await gqlOk(
        t.url,
        CREATE,
        { input: { accountId: a.id, installments: 3, firstDueDate: daysFromToday(1), intervalDays: 14 } },
        t.adminToken,
      )
    ).createPaymentPlan;
    expect(plan).toMatchObject({ status: 'ACTIVE', total: '40.90' });
    expect(plan.installments).toEqual([
      { dueDate: daysFromToday(1), amount: '13.63', paid: '0.00', status: 'DUE' },
      { dueDate: daysFromToday(15), amount: '13.63', paid: '0.00', status: 'DUE' },
      { dueDate: daysFromToday(29), amount: '13.64', paid: '0.00', status: 'DUE' },
    ]);
    expect(
      errorCode(await gql(t.url, CREATE, { input: { accountId: a.id, installments: 2, firstDueDate: daysFromToday(1) } }, t.adminToken)),
    ).toBe('INVALID_STATE');
    await gqlOk(t.url, RECORD, { input: { accountNumber: a.number, amount: '20.00', channel: 'CARD', idempotencyKey: key() } }, integrator);
    const partly = (
      await gqlOk(
        t.url,
        'query($id: ID) { account(id: $id) { paymentPlan { status installments { paid status } } } }',
        { id: a.id },
        t.adminToken,
      )
    ).account.paymentPlan;
    expect(partly.installments).toEqual([
      { paid: '13.63', status: 'PAID' },
      { paid: '6.37', status: 'DUE' },
      { paid: '0.00', status: 'DUE' },
    ]);
    await gqlOk(t.url, RECORD, { input: { accountNumber: a.number, amount: '20.90', channel: 'CARD', idempotencyKey: key() } }, integrator);
    const done = (await gqlOk(t.url, 'query($id: ID) { account(id: $id) { paymentPlan { status } } }', { id: a.id }, t.adminToken)).account
      .paymentPlan;
    expect(done.status).toBe('COMPLETED');
    const events = await gqlOk(t.url, '{ events(types: [PAYMENT_PLAN_CREATED]) { nodes { subjectId } } }', {}, t.adminToken);
    expect(events.events.nodes.map((e: { subjectId: string }) => e.subjectId)).toContain(plan.id);
  });

  it('cancels an active plan once and refuses a plan with nothing past due', async () => {
    const a = await accountWithInvoices(t, THREE_MONTHS.slice(0, 1));
    const plan = (await gqlOk(t.url, CREATE, { input: { accountId: a.id, installments: 2, firstDueDate: daysFromToday(1) } }, t.adminToken))
      .createPaymentPlan;
    const cancel = 'mutation($id: ID!) { cancelPaymentPlan(id: $id) { status } }';
    expect((await gqlOk(t.url, cancel, { id: plan.id }, t.adminToken)).cancelPaymentPlan.status).toBe('CANCELLED');
    expect(errorCode(await gql(t.url, cancel, { id: plan.id }, t.adminToken))).toBe('INVALID_STATE');
    const clean = await account(t);
    expect(
      errorCode(
        await gql(t.url, CREATE, { input: { accountId: clean.id, installments: 2, firstDueDate: daysFromToday(1) } }, t.adminToken),
      ),
    ).toBe('INVALID_STATE');
    expect(
      errorCode(await gql(t.url, CREATE, { input: { accountId: a.id, installments: 0, firstDueDate: daysFromToday(1) } }, t.adminToken)),
    ).toBe('BAD_USER_INPUT');
  });
});
