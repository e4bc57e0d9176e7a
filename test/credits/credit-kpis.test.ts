import { gqlOk } from '../support/client';
import { accountWithInvoices } from '../support/billing';
import { daysFromToday } from '../support/dates';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { accountState, credit, invoice, pay } from './helpers';

/** Receivables and DSO count credit notes: DSO's amount invoiced is net of the notes issued in its window. A hub of its own. */
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => checkMoneyAndStop(t));

const kpis = async () =>
  (await gqlOk(t.url, 'query($asOf: Date) { kpis(asOf: $asOf) { receivables dso } }', { asOf: daysFromToday() }, t.adminToken)).kpis;

describe('KPIs with credit notes', () => {
  it('lowers receivables by what a note applied and the invoiced amount by the note', async () => {
    // 450 kWh x 0.10 + 9.95 = 54.95, issued ten days ago.
    const a = await accountWithInvoices(t, [{ start: daysFromToday(-40), end: daysFromToday(-10), kwh: 450 }]);
    await pay(t, a.number, '20.00');
    // 34.95 / 54.95 x 90
    expect(await kpis()).toEqual({ receivables: '34.95', dso: '57.24' });
    const usage = (await invoice(t, a.invoices[0].id)).lines.find((l: { kind: string }) => l.kind === 'USAGE');
    const note = await credit(t, { invoiceId: a.invoices[0].id, items: [{ invoiceLineId: usage.id, amount: '10.00' }] });
    expect(note.errors).toBeUndefined();
    // 24.95 / (54.95 - 10.00) x 90
    expect(await kpis()).toEqual({ receivables: '24.95', dso: '49.96' });
    expect(await accountState(t, a.id)).toMatchObject({ balance: '24.95', pastDue: '0.00' });
  });

  it('takes a past-due invoice out of pastDue and daysPastDue the moment a note settles it', async () => {
    // Issued 60 days ago, due 21 days later: 39 days past due.
    const a = await accountWithInvoices(t, [{ start: daysFromToday(-90), end: daysFromToday(-60), kwh: 450 }]);
    expect(await accountState(t, a.id)).toMatchObject({ pastDue: '54.95' });
    const days = async () =>
      (await gqlOk(t.url, 'query($id: ID) { account(id: $id) { daysPastDue } }', { id: a.id }, t.adminToken)).account.daysPastDue;
    expect(await days()).toBe(39);
    expect((await credit(t, { invoiceId: a.invoices[0].id })).errors).toBeUndefined();
    expect(await accountState(t, a.id)).toMatchObject({ pastDue: '0.00', balance: '0.00' });
    expect(await days()).toBe(0);
  });
});
