import { gqlOk } from '../support/client';
import { accountWithInvoices } from '../support/billing';
import { daysFromToday } from '../support/dates';
import { unique } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { sql } from '../support/sql';
import { accountState, runCollections } from './helpers';

/**
 * A delinquency ends the moment nothing is past due, not at the next run:
 * whether a customer gets a reminder never depends on when runs happened.
 * Every account here follows the default path (reminder at 5 days, letter at 15).
 */
let t: TestHub;
let integrator: string;
beforeAll(async () => {
  t = await startTestHub();
  integrator = await t.apiKey('INTEGRATOR');
});
afterAll(async () => checkMoneyAndStop(t));

async function pay(accountNumber: string, amount: string) {
  const input = { accountNumber, amount, channel: 'ACH', idempotencyKey: unique('pay') };
  await gqlOk(t.url, 'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }', { input }, integrator);
}

async function bill(accountNumber: string, start: string, end: string, kwh: string) {
  await gqlOk(
    t.url,
    'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }',
    { reads: [{ accountNumber, periodStart: start, periodEnd: end, quantity: kwh }] },
    t.adminToken,
  );
  await gqlOk(t.url, 'mutation($asOf: Date!) { runBilling(asOf: $asOf) { id } }', { asOf: end }, t.adminToken);
}

async function actionsOf(id: string): Promise<string[]> {
  return (await accountState(t, id)).collectionsActions.map((a: { asOf: string; action: string }) => `${a.asOf} ${a.action}`);
}

async function openDelinquencies(accountId: string): Promise<number> {
  return (await sql(t, 'SELECT id FROM collections_episode WHERE open_account_id = ?', [accountId])).length;
}

describe('a delinquency that ends between two runs', () => {
  // 900.5 kWh x 0.10 + 9.95 = 100.00.
  const JANUARY = { start: '2026-01-01', end: '2026-02-01', kwh: 900.5 };

  for (const extraRun of [false, true]) {
    it(`starts the path over for the next past-due invoice${extraRun ? ', as with a run in between' : ''}`, async () => {
      const a = await accountWithInvoices(t, [JANUARY]);
      expect(a.invoices[0]).toMatchObject({ total: '100.00', dueDate: '2026-02-22' });
      await runCollections(t, '2026-02-28');
      expect(await actionsOf(a.id)).toEqual(['2026-02-28 REMINDER']);

      await pay(a.number, '100.00');
      expect(await openDelinquencies(a.id)).toBe(0);
      if (extraRun) await runCollections(t, '2026-03-10');

      await bill(a.number, '2026-02-01', '2026-03-01', '900.5'); // due 2026-03-22
      await runCollections(t, '2026-03-28');
      expect(await actionsOf(a.id)).toEqual(['2026-02-28 REMINDER', '2026-03-28 REMINDER']);
    });
  }

  it('ends on a payment of everything past due while a current bill stays open', async () => {
    // Due 19 days ago, and due in 11 days.
    const a = await accountWithInvoices(t, [
      { start: daysFromToday(-71), end: daysFromToday(-40), kwh: 100 },
      { start: daysFromToday(-40), end: daysFromToday(-10), kwh: 110 },
    ]);
    expect(a.invoices.map((i) => i.dueDate)).toEqual([daysFromToday(-19), daysFromToday(11)]);
    await runCollections(t, daysFromToday(0));
    expect(await actionsOf(a.id)).toEqual([`${daysFromToday(0)} REMINDER`, `${daysFromToday(0)} LETTER`]);

    await pay(a.number, a.invoices[0].total);
    expect(await openDelinquencies(a.id)).toBe(0);

    // Five days after the current bill's due date it is a new delinquency: the reminder again.
    await runCollections(t, daysFromToday(17));
    expect(await actionsOf(a.id)).toEqual([`${daysFromToday(0)} REMINDER`, `${daysFromToday(0)} LETTER`, `${daysFromToday(17)} REMINDER`]);
  });

  it('ends when the invoice past due is voided', async () => {
    const a = await accountWithInvoices(t, [{ start: '2026-01-01', end: '2026-02-01', kwh: 100 }]);
    await runCollections(t, '2026-02-28');
    expect(await actionsOf(a.id)).toEqual(['2026-02-28 REMINDER']);
    await gqlOk(
      t.url,
      'mutation($id: ID!) { voidInvoice(id: $id, reason: "Wrong meter") { status } }',
      { id: a.invoices[0].id },
      t.adminToken,
    );
    expect(await openDelinquencies(a.id)).toBe(0);
    await bill(a.number, '2026-02-01', '2026-03-01', '110'); // due 2026-03-22
    await runCollections(t, '2026-03-28');
    expect(await actionsOf(a.id)).toEqual(['2026-02-28 REMINDER', '2026-03-28 REMINDER']);
  });

  it('goes on when a payment leaves something past due: no step twice', async () => {
    const a = await accountWithInvoices(t, [
      { start: '2026-01-01', end: '2026-02-01', kwh: 100 },
      { start: '2026-02-01', end: '2026-03-01', kwh: 110 },
    ]);
    await runCollections(t, '2026-03-01');
    expect(await actionsOf(a.id)).toEqual(['2026-03-01 REMINDER']);
    await pay(a.number, a.invoices[0].total);
    expect(await openDelinquencies(a.id)).toBe(1);
    // A run dated before the second bill fell due finds nothing past due; that proves no end.
    await runCollections(t, '2026-03-15');
    expect(await openDelinquencies(a.id)).toBe(1);
    await runCollections(t, '2026-03-28');
    expect(await actionsOf(a.id)).toEqual(['2026-03-01 REMINDER']);
    await runCollections(t, '2026-04-07');
    expect(await actionsOf(a.id)).toEqual(['2026-03-01 REMINDER', '2026-04-07 LETTER']);
  });

  it('ends on a payment before the due date of a delinquency a run dated ahead opened', async () => {
    // Billed today, due in 21 days; a run dated 27 days ahead sends the reminder.
    const a = await accountWithInvoices(t, [{ start: daysFromToday(-31), end: daysFromToday(0), kwh: 900.5 }]);
    expect(a.invoices[0].dueDate).toBe(daysFromToday(21));
    await runCollections(t, daysFromToday(27));
    expect(await actionsOf(a.id)).toEqual([`${daysFromToday(27)} REMINDER`]);

    await pay(a.number, '100.00');
    expect(await openDelinquencies(a.id)).toBe(0);

    await bill(a.number, daysFromToday(0), daysFromToday(30), '900.5'); // due in 51 days
    await runCollections(t, daysFromToday(57));
    expect(await actionsOf(a.id)).toEqual([`${daysFromToday(27)} REMINDER`, `${daysFromToday(57)} REMINDER`]);
  });
});
