import { gqlOk } from '../support/client';
import { accountWithInvoices } from '../support/billing';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => checkMoneyAndStop(t));

const KPIS = `query($asOf: Date) { kpis(asOf: $asOf) { asOf receivables dso heldInvoices openExceptions openWorkItems overdueWorkItems slaAttainment
  aging { current days1to30 days31to60 days61to90 over90 } } }`;

const kpis = async (asOf: string) => (await gqlOk(t.url, KPIS, { asOf }, t.adminToken)).kpis;

describe('receivables KPIs against a hand-computed fixture', () => {
  let a: Awaited<ReturnType<typeof accountWithInvoices>>;
  let heldInvoiceId: string;

  beforeAll(async () => {
    // Invoices issued 2026-02-01, 03-01 and 04-01 for 19.95, 20.95 and 21.95, due 21 days later.
    a = await accountWithInvoices(t, [
      { start: '2026-01-01', end: '2026-02-01', kwh: 100 },
      { start: '2026-02-01', end: '2026-03-01', kwh: 110 },
      { start: '2026-03-01', end: '2026-04-01', kwh: 120 },
    ]);
    // A segment whose rules hold every invoice over 1.00: one held invoice, one exception, one review item.
    await gqlOk(
      t.url,
      'mutation { setBillingRules(input: { segment: "KPI_HOLD", highConsumptionFactor: "2", swingPercent: "50", maxInvoiceAmount: "1.00", paymentTermsDays: 21 }) { segment } }',
      {},
      t.adminToken,
    );
    const held = await accountWithInvoices(t, [{ start: '2026-03-01', end: '2026-04-01', kwh: 50 }], { segment: 'KPI_HOLD' });
    heldInvoiceId = held.invoices[0].id;
  });

  it('ages open amounts by days past due and computes DSO over 90 days', async () => {
    // As of 2026-05-01: due 02-22 is 68 days late, 03-22 is 40, 04-22 is 9.
    expect(await kpis('2026-05-01')).toEqual({
      asOf: '2026-05-01',
      receivables: '62.85',
      aging: { current: '0.00', days1to30: '21.95', days31to60: '20.95', days61to90: '19.95', over90: '0.00' },
      // 62.85 owed / 62.85 invoiced in (01-31, 05-01] x 90 days.
      dso: '90',
      heldInvoices: 1,
      openExceptions: 1,
      openWorkItems: 1,
      overdueWorkItems: 0,
      slaAttainment: '1',
    });
    // As of 2026-04-10 the March invoice (due 04-22) is current; January is 47 days late, February 19.
    const april = await kpis('2026-04-10');
    expect(april.aging).toEqual({ current: '21.95', days1to30: '20.95', days31to60: '19.95', days61to90: '0.00', over90: '0.00' });
    // Nothing issued yet as of mid-January.
    expect(await kpis('2026-01-15')).toMatchObject({ receivables: '0.00', dso: '0' });
  });

  it('follows payments and the operator resolving the held invoice', async () => {
    await gqlOk(
      t.url,
      'mutation($n: String!) { recordPayment(input: { accountNumber: $n, amount: "10.00", channel: CARD, idempotencyKey: "kpi-fixture-1" }) { id } }',
      { n: a.number },
      t.adminToken,
    );
    await gqlOk(t.url, 'mutation($id: ID!) { releaseInvoice(id: $id) { status } }', { id: heldInvoiceId }, t.adminToken);
    const today = new Date().toISOString().slice(0, 10);
    // Today January owes 9.95, and with February and March it is over 90 days late; the released invoice, issued today, is current.
    expect(await kpis(today)).toMatchObject({
      receivables: '67.80',
      aging: { current: '14.95', days1to30: '0.00', days31to60: '0.00', days61to90: '0.00', over90: '52.85' },
      heldInvoices: 0,
      openExceptions: 0,
      openWorkItems: 0,
      // The review item was resolved within its 24-hour SLA, today.
      slaAttainment: '1',
    });
    // As of 2026-05-01 the figures stand as they stood that day: the payment and the release came later.
    expect(await kpis('2026-05-01')).toMatchObject({
      receivables: '62.85',
      aging: { current: '0.00', days1to30: '21.95', days31to60: '20.95', days61to90: '19.95', over90: '0.00' },
      dso: '90',
    });
  });
});
