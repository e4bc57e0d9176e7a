import { renderBill } from '../../server/src/modules/documents/bill-renderer';
import { DocumentKind } from '../../server/src/modules/documents/document.entity';
import { DocumentViews } from '../../server/src/modules/documents/document-views';
import { pdfText } from '../../server/src/modules/documents/__tests__/pdf-text';
import { accountWithInvoices } from '../support/billing';
import { gqlOk } from '../support/client';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { sql } from '../support/sql';
import { eventually } from '../support/wait';
import { pay } from '../collections/helpers';

/** Bills of several accounts rendered in one batch read the same as each rendered alone. */
let t: TestHub;

beforeAll(async () => {
  t = await startTestHub();
  await t.hub.services.renderWorker.stop();
});
afterAll(() => checkMoneyAndStop(t));

const JAN = { start: '2026-01-01', end: '2026-02-01' };
const flat = (text: string) => text.replace(/\s+/g, ' ');

async function invoicesOf(accountId: string): Promise<Array<{ id: string; total: string; periodStart: string }>> {
  const data = await gqlOk(
    t.url,
    'query($id: ID) { account(id: $id) { invoices(first: 100) { nodes { id total periodStart status } } } }',
    { id: accountId },
    t.adminToken,
  );
  return data.account.invoices.nodes.filter((i: { status: string }) => i.status !== 'VOID').reverse();
}

describe('a batch of bills for different accounts', () => {
  it('stores for each bill the view, words and figures it gets rendered alone, with its own previous bill, payments, credits and estimates', async () => {
    const paid = await accountWithInvoices(t, [{ ...JAN, kwh: 310 }], { name: 'Zoë Peña' });
    const credited = await accountWithInvoices(t, [{ ...JAN, kwh: 200 }], { name: 'Bo Credit' });
    const unpaid = await accountWithInvoices(t, [{ ...JAN, kwh: 120 }], { name: 'Di Unpaid' });
    const fresh = await accountWithInvoices(t, [], { name: 'Cy Estimate' });
    await pay(t, paid.number, paid.invoices[0].total, t.adminToken);
    const lines = await gqlOk(
      t.url,
      'query($id: ID!) { invoice(id: $id) { lines { id kind } } }',
      { id: credited.invoices[0].id },
      t.adminToken,
    );
    const usageLine = lines.invoice.lines.find((l: { kind: string }) => l.kind === 'USAGE');
    await gqlOk(
      t.url,
      'mutation($input: CreditInvoiceInput!) { creditInvoice(input: $input) { id } }',
      { input: { invoiceId: credited.invoices[0].id, reason: 'Meter misread', items: [{ invoiceLineId: usageLine.id, amount: '5.00' }] } },
      t.adminToken,
    );
    const feb = { periodStart: '2026-02-01', periodEnd: '2026-03-01' };
    await gqlOk(
      t.url,
      'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }',
      {
        reads: [
          { accountNumber: paid.number, ...feb, quantity: '250' },
          { accountNumber: credited.number, ...feb, quantity: '180' },
          { accountNumber: unpaid.number, ...feb, quantity: '90' },
          { accountNumber: fresh.number, ...feb, quantity: '75', estimated: true },
        ],
      },
      t.adminToken,
    );
    await gqlOk(t.url, 'mutation($asOf: Date!) { runBilling(asOf: $asOf) { id } }', { asOf: '2026-03-01' }, t.adminToken);

    const accounts = [paid, credited, unpaid, fresh];
    const invoices = new Map<string, Awaited<ReturnType<typeof invoicesOf>>>();
    for (const a of accounts) invoices.set(a.id, await invoicesOf(a.id));
    const all = [...invoices.values()].flat();
    expect(all).toHaveLength(7);
    // Seven bills queued as issued; the worker queues the credit note too and renders all eight in one claimed batch.
    expect(Number((await sql(t, 'SELECT COUNT(*) AS n FROM document_job'))[0].n)).toBe(7);
    expect(await t.hub.services.renderWorker.runOnce()).toBe(8);

    const views = new DocumentViews(t.hub.db, t.hub.services.branding, t.hub.services.config.timezone);
    const docs = await t.hub.services.documents.forInvoices(all.map((i) => i.id));
    expect(docs).toHaveLength(7);
    const batch = await views.bills(all.map((i) => i.id));
    const text = new Map<string, string>();
    for (const invoice of all) {
      const doc = docs.find((d) => d.invoiceId === invoice.id);
      const stored = await t.hub.services.documents.content(String(doc?.id));
      const alone = await views.bill(invoice.id);
      // The view a bill gets in a batch is the one it gets alone, and so are the stored PDF's words and figures.
      expect(batch.get(invoice.id)).toEqual({ accountId: doc?.accountId, view: alone, figuresAt: expect.any(Date) });
      const words = flat(pdfText(stored as Buffer).text);
      expect(words).toBe(flat(pdfText((await renderBill(alone)).bytes).text));
      text.set(invoice.id, words);
    }

    const second = (a: { id: string }) => (invoices.get(a.id) ?? [])[invoices.get(a.id)?.length === 2 ? 1 : 0];
    const first = (a: { id: string }) => (invoices.get(a.id) ?? [])[0];
    const due = (words: string | undefined) => /Amount due (-?[\d,]+\.\d\d)/.exec(words ?? '')?.[1];
    // January's bill, drawn in the same batch as February's, states the payment made after January was issued
    // (nothing was paid when it was drawn before); February's starts from what January's says is due.
    const paidJanuary = text.get(first(paid).id);
    expect(paidJanuary).toContain(`Payments since your last bill -${first(paid).total}`);
    expect(paidJanuary).toContain('Amount due 0.00');
    const paidText = text.get(second(paid).id);
    expect(paidText).toContain('Previous balance 0.00');
    expect(paidText).toContain('Payments since your last bill 0.00');
    expect(paidText).toContain(`Amount due ${second(paid).total}`);
    expect(paidText).toContain('Zoë Peña');

    const creditedJanuary = text.get(first(credited).id);
    expect(creditedJanuary).toContain('Credits since your last bill -5.00');
    const creditedText = text.get(second(credited).id);
    expect(creditedText).toContain(`Previous balance ${due(creditedJanuary)}`);
    expect(creditedText).not.toContain('Credits since your last bill');
    expect(creditedText).toContain('Bo Credit');

    const unpaidText = text.get(second(unpaid).id);
    const owed = (Number(first(unpaid).total) + Number(second(unpaid).total)).toFixed(2);
    expect(unpaidText).toContain(`Previous balance ${first(unpaid).total}`);
    expect(unpaidText).toContain(`Amount due ${owed}`);

    const freshText = text.get(first(fresh).id);
    expect(invoices.get(fresh.id)).toHaveLength(1);
    expect(freshText).toContain('Previous balance 0.00');
    expect(freshText).toContain('based on estimated meter reads');
    expect(freshText).toContain(`Amount due ${first(fresh).total}`);
    for (const [id, words] of text) {
      if (id !== first(fresh).id) expect(words).not.toContain('estimated meter reads');
    }
  });
});

describe('a batch of documents for accounts on different delivery methods', () => {
  it('queues in the storing transaction a mail for EMAIL, a place in the print batch for PRINT and nothing for NONE, each bill once', async () => {
    const email = `batch-${process.pid}@customers.example`;
    const periods = [
      { ...JAN, kwh: 100 },
      { start: '2026-02-01', end: '2026-03-01', kwh: 120 },
    ];
    const mailed = await accountWithInvoices(t, periods, { email, delivery: 'EMAIL' });
    const printed = await accountWithInvoices(t, [{ ...JAN, kwh: 140 }], { delivery: 'PRINT' });
    const alsoPrinted = await accountWithInvoices(t, [{ ...JAN, kwh: 150 }], { delivery: 'PRINT' });
    const none = await accountWithInvoices(t, [{ ...JAN, kwh: 160 }], { email: `none-${process.pid}@customers.example`, delivery: 'NONE' });
    // The five bills, two of them of one account, rendered and stored in one claimed batch.
    expect(await t.hub.services.renderWorker.runOnce()).toBe(5);

    const billOf = async (invoiceId: string) => {
      const data = await gqlOk(
        t.url,
        'query($id: ID!) { invoice(id: $id) { document { id deliveries { id method to status } } } }',
        { id: invoiceId },
        t.adminToken,
      );
      return data.invoice.document as { id: string; deliveries: Array<{ id: string; method: string; to: string; status: string }> };
    };
    const withoutIds = (bill: { deliveries: Array<{ id: string }> }) => bill.deliveries.map(({ id: _id, ...rest }) => rest);
    for (const invoice of mailed.invoices) {
      expect(withoutIds(await billOf(invoice.id))).toEqual([
        { method: 'EMAIL', to: email, status: expect.stringMatching(/^(QUEUED|SENT)$/) },
      ]);
    }
    expect(withoutIds(await billOf(none.invoices[0].id))).toEqual([]);

    // Each printed bill is SENT in today's print batch, and its DOCUMENT_DELIVERED event names that delivery and that bill.
    const bills = await Promise.all(
      [printed, alsoPrinted].map(async (account) => ({ account, bill: await billOf(account.invoices[0].id) })),
    );
    type Delivered = { subjectId: string; accountNumber: string; payload: Record<string, unknown> };
    // The relay numbers the events a moment after the commit.
    const delivered = await eventually("the printed bills' DOCUMENT_DELIVERED events", async () => {
      const data = await gqlOk(
        t.url,
        'query { events(after: "0", first: 500, types: [DOCUMENT_DELIVERED]) { nodes { subjectId accountNumber payload } } }',
        {},
        t.adminToken,
      );
      const nodes = data.events.nodes as Delivered[];
      return bills.every(({ bill }) => nodes.some((e) => e.payload.documentId === bill.id)) ? nodes : undefined;
    });
    for (const { account, bill } of bills) {
      expect(withoutIds(bill)).toEqual([{ method: 'PRINT', to: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), status: 'SENT' }]);
      const [delivery] = bill.deliveries;
      expect(delivered.filter((e) => e.payload.documentId === bill.id)).toEqual([
        {
          subjectId: delivery.id,
          accountNumber: account.number,
          payload: { documentId: bill.id, kind: 'INVOICE', method: 'PRINT', to: delivery.to, attempts: 1 },
        },
      ]);
    }
  });
});

describe('a batch with a document another process stored first', () => {
  it('stores the others and keeps the first copy of that one', async () => {
    const first = await accountWithInvoices(t, [{ ...JAN, kwh: 210 }]);
    const second = await accountWithInvoices(t, [{ ...JAN, kwh: 220 }]);
    const views = new DocumentViews(t.hub.db, t.hub.services.branding, t.hub.services.config.timezone);
    const bill = async (account: { id: string }, invoiceId: string) => ({
      doc: { kind: DocumentKind.INVOICE, accountId: account.id, invoiceId, pdf: await renderBill(await views.bill(invoiceId)) },
      jobId: null,
    });
    const [a, b] = [first.invoices[0].id, second.invoices[0].id];
    const documents = t.hub.services.documents;
    expect(await documents.storeMany([await bill(first, a)])).toBe(1);
    const [stored] = await documents.forInvoices([a]);
    // The same bill again, first in the batch: the whole batch is undone and its documents stored one by one.
    expect(await documents.storeMany([await bill(first, a), await bill(second, b)])).toBe(1);
    expect((await documents.forInvoices([a])).map((d) => d.id)).toEqual([stored.id]);
    expect(await documents.forInvoices([b])).toHaveLength(1);
    // Each stored document has the one delivery its own transaction queued: none is left from the batch undone.
    const deliveries = await t.hub.services.deliveries.forDocuments([stored.id, (await documents.forInvoices([b]))[0].id]);
    expect(deliveries.map((d) => d.method)).toEqual(['PRINT', 'PRINT']);
  });
});
