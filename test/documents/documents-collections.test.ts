import { DocumentViews } from '../../server/src/modules/documents/document-views';
import { pdfText } from '../../server/src/modules/documents/__tests__/pdf-text';
import { accountWithInvoices } from '../support/billing';
import { gqlOk } from '../support/client';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { createPath, pay, runCollections } from '../collections/helpers';

/**
 * The documents of collections actions as the customer reads them: a late fee's bill and a letter drawn after a
 * payment that came in between the run and the rendering. The render worker is stopped, so each test says when
 * documents are drawn.
 */
let t: TestHub;
let account: { id: string; number: string; invoices: Array<{ id: string; total: string; dueDate: string }> };
/** The run's day: the January bill is past due, the fee invoice is due that day. */
const AS_OF = '2026-03-01';

const ACTIONS = `query($id: ID) { account(id: $id) { pastDue collectionsActions { id action detail
  invoice { id number total document { url } } document { url } } } }`;
interface Action {
  id: string;
  action: string;
  detail: string;
  invoice: { id: string; number: string; total: string; document: { url: string } | null } | null;
  document: { url: string } | null;
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

async function state(): Promise<{ pastDue: string; actions: Action[] }> {
  const data = await gqlOk(t.url, ACTIONS, { id: account.id }, t.adminToken);
  return { pastDue: data.account.pastDue, actions: data.account.collectionsActions };
}

async function words(url: string): Promise<string> {
  const res = await fetch(`${t.url}${url}`, { headers: { authorization: `Bearer ${t.adminToken}` } });
  expect(res.status).toBe(200);
  return flat(pdfText(Buffer.from(await res.arrayBuffer())).text);
}

beforeAll(async () => {
  t = await startTestHub();
  await t.hub.services.renderWorker.stop();
  await createPath(t, {
    name: 'Documents path',
    segments: ['DOCS_COLLECTIONS'],
    steps: [
      {
        name: 'Overdue letter',
        daysPastDue: 1,
        minPastDue: '0',
        action: 'LETTER',
        template: 'Dear {{name}},\n\nOur records show that {{pastDue}} on account {{accountNumber}} is {{daysPastDue}} days past due.',
      },
      { name: 'Late fee', daysPastDue: 1, minPastDue: '0', action: 'LATE_FEE', feeAmount: '5.00' },
    ],
  });
  account = await accountWithInvoices(t, [{ start: '2026-01-01', end: '2026-02-01', kwh: 310 }], {
    name: 'Zoë Letter',
    segment: 'DOCS_COLLECTIONS',
  });
  await t.hub.services.renderWorker.runOnce();
  await runCollections(t, AS_OF);
});
afterAll(async () => checkMoneyAndStop(t));

describe('a collections letter', () => {
  it('states in its box the figures its text was written with, though a payment came in before it was drawn', async () => {
    const owed = account.invoices[0].total;
    const before = await state();
    const letter = before.actions.find((a) => a.action === 'LETTER') as Action;
    expect(letter.document).toBeNull();
    expect(letter.detail).toContain(`${owed} on account ${account.number}`);
    // Between the run and the rendering, the customer pays part of it: the account owes less now.
    await pay(t, account.number, (Number(owed) / 2).toFixed(2), t.adminToken);
    expect((await state()).pastDue).not.toBe(before.pastDue);

    await t.hub.services.renderWorker.runOnce();
    const drawn = (await state()).actions.find((a) => a.id === letter.id) as Action;
    const text = await words(drawn.document?.url as string);
    const inText = /Our records show that ([\d,]+\.\d\d) on account/.exec(text)?.[1];
    const inBox = /Past due ([\d,]+\.\d\d)/.exec(text)?.[1];
    const daysInText = /is (\d+) days past due/.exec(text)?.[1];
    expect([inBox, inText]).toEqual([owed, owed]);
    expect(text).toContain(`Days past due ${daysInText}`);
  });

  it('keeps its figures with the action, however late it is drawn, and is dated the day it was sent', async () => {
    const data = await gqlOk(
      t.url,
      'query($id: ID) { account(id: $id) { collectionsActions { id action asOf pastDue daysPastDue detail } } }',
      { id: account.id },
      t.adminToken,
    );
    const letter = data.account.collectionsActions.find((a: { action: string }) => a.action === 'LETTER');
    const owed = account.invoices[0].total;
    const days = /is (\d+) days past due/.exec(letter.detail)?.[1];
    expect(letter).toMatchObject({ asOf: AS_OF, pastDue: owed, daysPastDue: Number(days) });
    // Events are swept after the days kept; the letter's figures are the action's own.
    const retention = t.hub.services.eventRetention;
    await retention.sweepOnce(new Date(Date.now() + (retention.days + 1) * 24 * 3600 * 1000));
    const views = new DocumentViews(t.hub.db, t.hub.services.branding, t.hub.services.config.timezone);
    const view = await views.letter(letter.id);
    expect(view.figures).toEqual({ pastDue: Math.round(Number(owed) * 100), daysPastDue: Number(days) });
    // The run was dated 2026-03-01, and sent its letter today.
    expect(view.date).toBe(new Date().toISOString().slice(0, 10));
  });
});

describe('a late fee on its own bill', () => {
  it('says the day the fee was charged on, not a billing period whose last day comes before its first', async () => {
    await t.hub.services.renderWorker.runOnce();
    const fee = (await state()).actions.find((a) => a.action === 'LATE_FEE');
    expect(fee?.invoice?.document).not.toBeNull();
    const bill = await words(fee?.invoice?.document?.url as string);
    expect(bill).toContain(fee?.invoice?.number);
    expect(bill).toContain('Charged on 1 Mar 2026');
    expect(bill).not.toContain('Billing period');
    expect(bill).not.toContain('28 Feb 2026');
    // A regular bill keeps its period, first to last day.
    const regular = await gqlOk(
      t.url,
      'query($id: ID!) { invoice(id: $id) { document { url } } }',
      { id: account.invoices[0].id },
      t.adminToken,
    );
    expect(await words(regular.invoice.document.url)).toContain('Billing period 1 Jan 2026 – 31 Jan 2026');
  });
});
