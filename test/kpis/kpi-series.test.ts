import { errorCode, gql, gqlOk } from '../support/client';
import { accountWithInvoices } from '../support/billing';
import { daysFromToday } from '../support/dates';
import { unique } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { credit, invoice } from '../credits/helpers';

/** The dashboard's monthly series against a plain month-by-month recomputation from the ledger the API shows. */
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => checkMoneyAndStop(t));

const cents = (m: string): number => Math.round(Number(m) * 100);
const money = (c: number): string => (c / 100).toFixed(2);
const addDay = (d: string) => daysAfter(d, 1);
function daysAfter(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const SERIES = `query($asOf: Date, $months: Int!) { kpis(asOf: $asOf) { monthly(months: $months) { month endDate invoiced collected receivables pastDue dso }
  slaByQueue(months: $months) { queueKey month resolved resolvedInTime attainment } } }`;

const LEDGER = `query($id: ID) { account(id: $id) {
  invoices(first: 100) { nodes { id status issueDate dueDate total } }
  payments(first: 100) { nodes { amount receivedAt status allocations { amount invoice { id } } } }
  creditNotes(first: 100) { nodes { issueDate total appliedToInvoice invoice { id } } } } }`;

interface Ledger {
  invoices: Array<{ id: string; status: string; issueDate: string | null; dueDate: string | null; total: string }>;
  payments: Array<{ amount: string; receivedAt: string; status: string; allocations: Array<{ amount: string; invoice: { id: string } }> }>;
  credits: Array<{ issueDate: string; total: string; appliedToInvoice: string; invoiceId: string }>;
}

/** The plain reference: every figure summed invoice by invoice, in cents. */
function reference(ledger: Ledger, month: string, lastDay: string) {
  const from = `${month}-01`;
  const inMonth = (d: string) => d >= from && d <= lastDay;
  const billed = ledger.invoices.filter((i) => (i.status === 'ISSUED' || i.status === 'PAID') && i.issueDate && i.issueDate <= lastDay);
  const invoiced =
    billed.filter((i) => inMonth(i.issueDate!)).reduce((s, i) => s + cents(i.total), 0) -
    ledger.credits.filter((c) => inMonth(c.issueDate)).reduce((s, c) => s + cents(c.total), 0);
  const collected = ledger.payments
    .filter((p) => p.status === 'APPLIED' && inMonth(p.receivedAt.slice(0, 10)))
    .reduce((s, p) => s + cents(p.amount), 0);
  const openAt = (id: string, total: string) => {
    let open = cents(total);
    for (const p of ledger.payments) {
      if (p.receivedAt.slice(0, 10) > lastDay) continue;
      for (const a of p.allocations) if (a.invoice.id === id) open -= cents(a.amount);
    }
    for (const c of ledger.credits) if (c.invoiceId === id && c.issueDate <= lastDay) open -= cents(c.appliedToInvoice);
    return open;
  };
  const receivables = billed.reduce((s, i) => s + openAt(i.id, i.total), 0);
  const pastDue = billed.filter((i) => i.dueDate! < lastDay).reduce((s, i) => s + openAt(i.id, i.total), 0);
  const days = (Date.parse(`${addDay(lastDay)}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  // DSO to 2 places, half-up, in integer arithmetic: receivables x days x 100 / invoiced.
  const dso = invoiced > 0 ? (Math.floor((2 * receivables * days * 100) / invoiced + 1) >> 1) / 100 : 0;
  return {
    month,
    endDate: lastDay,
    invoiced: money(invoiced),
    collected: money(collected),
    receivables: money(receivables),
    pastDue: money(pastDue),
    dso: String(dso),
  };
}

async function ledgerOf(ids: string[]): Promise<Ledger> {
  const out: Ledger = { invoices: [], payments: [], credits: [] };
  for (const id of ids) {
    const a = (await gqlOk(t.url, LEDGER, { id }, t.adminToken)).account;
    out.invoices.push(...a.invoices.nodes);
    out.payments.push(...a.payments.nodes);
    out.credits.push(
      ...a.creditNotes.nodes.map((c: { invoice: { id: string } } & Ledger['credits'][number]) => ({ ...c, invoiceId: c.invoice.id })),
    );
  }
  return out;
}

async function pay(accountNumber: string, amount: string, receivedAt?: string) {
  await gqlOk(
    t.url,
    'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }',
    { input: { accountNumber, amount, channel: 'ACH', idempotencyKey: unique('series'), receivedAt } },
    t.adminToken,
  );
}

describe('monthly series', () => {
  it('matches a plain recomputation to the cent in every month, with payments, credit notes and a held invoice', async () => {
    // 19.95, 20.95 and 21.95 issued 02-01, 03-01 and 04-01, each due 21 days later.
    const a = await accountWithInvoices(t, [
      { start: '2026-01-01', end: '2026-02-01', kwh: 100 },
      { start: '2026-02-01', end: '2026-03-01', kwh: 110 },
      { start: '2026-03-01', end: '2026-04-01', kwh: 120 },
    ]);
    const b = await accountWithInvoices(t, [{ start: daysFromToday(-45), end: daysFromToday(-15), kwh: 333 }]);
    await pay(a.number, '10.00', '2026-02-15T12:00:00.000Z');
    await pay(a.number, '25.00', '2026-03-31T23:30:00.000Z');
    await pay(a.number, '3.33', '2026-04-01T00:00:00.000Z');
    await pay(b.number, '7.77');
    const usage = (await invoice(t, a.invoices[2].id)).lines.find((l: { kind: string }) => l.kind === 'USAGE');
    expect((await credit(t, { invoiceId: a.invoices[2].id, items: [{ invoiceLineId: usage.id, amount: '5.55' }] })).errors).toBeUndefined();
    expect((await credit(t, { invoiceId: b.invoices[0].id })).errors).toBeUndefined();

    const ledger = await ledgerOf([a.id, b.id]);
    for (const asOf of [daysFromToday(), '2026-04-10', '2026-03-31']) {
      const { monthly } = (await gqlOk(t.url, SERIES, { asOf, months: 14 }, t.adminToken)).kpis;
      expect(monthly).toHaveLength(14);
      expect(monthly[13].endDate).toBe(asOf);
      for (const m of monthly) expect(m).toEqual(reference(ledger, m.month, m.endDate));
    }
    // Spot checks by hand: March invoiced 20.95; at its end 19.95 + 20.95 - 35.00 = 5.90 open, all past due.
    const march = (await gqlOk(t.url, SERIES, { asOf: '2026-03-31', months: 1 }, t.adminToken)).kpis.monthly[0];
    expect(march).toEqual({
      month: '2026-03',
      endDate: '2026-03-31',
      invoiced: '20.95',
      collected: '25.00',
      receivables: '5.90',
      pastDue: '5.90',
      dso: '8.73',
    });
  });

  it('answers BAD_USER_INPUT for a month count outside 1..36', async () => {
    for (const months of [0, 37]) {
      expect(errorCode(await gql(t.url, SERIES, { months }, t.adminToken))).toBe('BAD_USER_INPUT');
    }
  });
});

describe('SLA attainment per queue', () => {
  it('counts the items each queue resolved in the month, and those resolved in time', async () => {
    await gqlOk(
      t.url,
      'mutation { setBillingRules(input: { segment: "SERIES_HOLD", highConsumptionFactor: "2", swingPercent: "50", maxInvoiceAmount: "1.00", paymentTermsDays: 21 }) { segment } }',
      {},
      t.adminToken,
    );
    const held = await accountWithInvoices(t, [{ start: '2026-03-01', end: '2026-04-01', kwh: 50 }], { segment: 'SERIES_HOLD' });
    const before = (await gqlOk(t.url, SERIES, { months: 2 }, t.adminToken)).kpis.slaByQueue;
    const items = await gqlOk(t.url, 'query { workItems(status: OPEN) { nodes { queue { key } invoice { id } } } }', {}, t.adminToken);
    const queueKey = items.workItems.nodes.find((w: { invoice: { id: string } | null }) => w.invoice?.id === held.invoices[0].id).queue.key;
    await gqlOk(t.url, 'mutation($id: ID!) { releaseInvoice(id: $id) { status } }', { id: held.invoices[0].id }, t.adminToken);
    const after = (await gqlOk(t.url, SERIES, { months: 2 }, t.adminToken)).kpis.slaByQueue;
    const month = daysFromToday().slice(0, 7);
    const row = (list: Array<{ queueKey: string; month: string; resolved: number }>) =>
      list.find((r) => r.queueKey === queueKey && r.month === month);
    const was = row(before)?.resolved ?? 0;
    expect(row(after)).toMatchObject({ resolved: was + 1 });
    const r = row(after) as unknown as { resolved: number; resolvedInTime: number; attainment: string };
    expect(r.attainment).toBe(String(Math.round((r.resolvedInTime / r.resolved) * 10000) / 10000));
    expect(r.resolvedInTime).toBe(r.resolved);
    // Nothing resolved in a month long past.
    expect((await gqlOk(t.url, SERIES, { asOf: '2025-01-31', months: 1 }, t.adminToken)).kpis.slaByQueue).toEqual([]);
  });
});
