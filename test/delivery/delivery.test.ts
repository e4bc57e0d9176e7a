import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { PDFDocument } from 'pdf-lib';
import { accountWithInvoices } from '../support/billing';
import { errorCode, gql, gqlOk } from '../support/client';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { eventually } from '../support/wait';
import { DeliveryWorker } from '../../server/src/modules/delivery/delivery-worker';
import { Mailer } from '../../server/src/modules/delivery/mailer';
import { SmtpSink } from './smtp-sink';

const DOC = `query($id: ID!) { invoice(id: $id) { document { id kind sha256 deliveries { id method to status attempts lastError sentAt } } } }`;
const RESEND = 'mutation($id: ID!) { resendDocument(id: $id) { id deliveries { status } } }';
const EVENTS = `query($types: [EventType!]) { events(after: "0", first: 500, types: $types) { nodes { type subjectId accountNumber payload } } }`;
const ITEMS = `query { workItems(queueKey: "DOCUMENT_DELIVERY", first: 100) { nodes { kind title account { number } } } }`;
const ONE_READ = [{ start: '2026-01-01', end: '2026-02-01', kwh: 310 }];

type DeliveryRow = {
  id: string;
  method: string;
  to: string | null;
  status: string;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
};
type Doc = { id: string; kind: string; sha256: string; deliveries: DeliveryRow[] };

type DeliveryEvent = { subjectId: string; accountNumber: string; payload: Record<string, unknown> };

/** What `found` picks from the events of a type, once it finds it: the relay numbers an event a moment after its commit. */
function eventsOnceThere<T>(t: TestHub, type: string, found: (events: DeliveryEvent[]) => T | undefined): Promise<T> {
  return eventually(type, async () => found((await gqlOk(t.url, EVENTS, { types: [type] }, t.adminToken)).events.nodes as DeliveryEvent[]));
}

let n = 0;
const address = (what: string) => `${what}-${process.pid}-${++n}@customers.example`;

/** The bill of the account's first invoice once its deliveries are all settled (none QUEUED), or at least `count` of them. */
async function settledBill(t: TestHub, invoiceId: string, count = 1): Promise<Doc> {
  return eventually(
    `the bill of invoice ${invoiceId} delivered`,
    async () => {
      const doc = (await gqlOk(t.url, DOC, { id: invoiceId }, t.adminToken)).invoice.document as Doc | null;
      if (!doc || doc.deliveries.length < count || doc.deliveries.some((d) => d.status === 'QUEUED')) return undefined;
      return doc;
    },
    { timeoutMs: 30_000 },
  );
}

/** The bill of the invoice once stored with its one mail queued (the delivery worker stopped). */
function queuedMail(t: TestHub, invoiceId: string): Promise<Doc> {
  return eventually(`the bill of invoice ${invoiceId} stored with its mail queued`, async () => {
    const doc = (await gqlOk(t.url, DOC, { id: invoiceId }, t.adminToken)).invoice.document as Doc | null;
    return doc?.deliveries.length === 1 && doc.deliveries[0].status === 'QUEUED' ? doc : undefined;
  });
}

describe('delivery by email over SMTP', () => {
  let t: TestHub;
  const sink = new SmtpSink();

  beforeAll(async () => {
    const url = await sink.start();
    t = await startTestHub({ HUB_SMTP_URL: url, HUB_MAIL_FROM: 'Billing <bills@retailer.example>', HUB_MAIL_RETRY_SECONDS: '0.2' });
  });
  afterAll(async () => {
    await checkMoneyAndStop(t);
    await sink.stop();
  });

  it('sends the bill to the account email with the stored PDF attached, marks it SENT and emits DOCUMENT_DELIVERED', async () => {
    const email = address('happy');
    const customer = await accountWithInvoices(t, ONE_READ, { email });
    const doc = await settledBill(t, customer.invoices[0].id);
    expect(doc.deliveries).toEqual([
      expect.objectContaining({ method: 'EMAIL', to: email, status: 'SENT', attempts: 1, lastError: null, sentAt: expect.any(String) }),
    ]);
    const mails = sink.mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0].from?.text).toContain('bills@retailer.example');
    const { branding } = await gqlOk(t.url, 'query { branding { name } }', {}, t.adminToken);
    expect(mails[0].subject).toBe(`Your bill from ${branding.name}`);
    expect(mails[0].text).toContain(customer.number);
    expect(mails[0].attachments).toHaveLength(1);
    const pdf = mails[0].attachments[0];
    expect(pdf.contentType).toBe('application/pdf');
    const downloaded = await fetch(`${t.url}/documents/${doc.id}.pdf`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(Buffer.compare(pdf.content, Buffer.from(await downloaded.arrayBuffer()))).toBe(0);
    // The attachment and the download go by the bill's number.
    const { invoice } = await gqlOk(
      t.url,
      'query($id: ID!) { invoice(id: $id) { number } }',
      { id: customer.invoices[0].id },
      t.adminToken,
    );
    expect(pdf.filename).toBe(`${invoice.number}.pdf`);
    expect(downloaded.headers.get('content-disposition')).toBe(`inline; filename="${invoice.number}.pdf"`);
    const events = await eventsOnceThere(t, 'DOCUMENT_DELIVERED', (nodes) =>
      nodes.some((e) => e.subjectId === doc.deliveries[0].id) ? nodes : undefined,
    );
    expect(events.find((e) => e.subjectId === doc.deliveries[0].id)).toMatchObject({
      accountNumber: customer.number,
      payload: { documentId: doc.id, kind: 'INVOICE', method: 'EMAIL', to: email, attempts: 1 },
    });
  });

  it('tries again after a temporary refusal (451) and sends the mail once', async () => {
    const email = address('busy');
    sink.answer(email, [451, 250]);
    const customer = await accountWithInvoices(t, ONE_READ, { email });
    const doc = await settledBill(t, customer.invoices[0].id);
    expect(doc.deliveries).toEqual([expect.objectContaining({ status: 'SENT', attempts: 2, lastError: null })]);
    expect(sink.attempts.get(email)).toBe(2);
    expect(sink.mailsTo(email)).toHaveLength(1);
  });

  it('marks a refused mail (550) FAILED with a work item in DOCUMENT_DELIVERY and DOCUMENT_DELIVERY_FAILED', async () => {
    const email = address('gone');
    sink.answer(email, [550]);
    const customer = await accountWithInvoices(t, ONE_READ, { email });
    const doc = await settledBill(t, customer.invoices[0].id);
    expect(doc.deliveries).toEqual([expect.objectContaining({ status: 'FAILED', attempts: 1, sentAt: null })]);
    expect(doc.deliveries[0].lastError).toMatch(/refused it: 550/);
    expect(sink.attempts.get(email)).toBe(1);
    expect(sink.mailsTo(email)).toHaveLength(0);
    const items = (await gqlOk(t.url, ITEMS, {}, t.adminToken)).workItems.nodes as Array<{
      kind: string;
      title: string;
      account: { number: string };
    }>;
    const item = items.find((i) => i.account?.number === customer.number);
    expect(item).toMatchObject({ kind: 'DOCUMENT_DELIVERY_FAILED' });
    expect(item?.title).toContain(email);
    const failed = await eventsOnceThere(t, 'DOCUMENT_DELIVERY_FAILED', (nodes) => nodes.find((e) => e.subjectId === doc.deliveries[0].id));
    expect(failed.payload).toMatchObject({ documentId: doc.id, to: email, reason: expect.stringMatching(/550/) });
  });

  it('sends mail after mail over one kept-open connection, and opens another once the server has closed it', async () => {
    const before = sink.connections;
    const emails = [address('kept'), address('kept'), address('kept')];
    for (const email of emails) {
      const customer = await accountWithInvoices(t, ONE_READ, { email });
      expect((await settledBill(t, customer.invoices[0].id)).deliveries).toEqual([
        expect.objectContaining({ status: 'SENT', attempts: 1 }),
      ]);
    }
    for (const email of emails) expect(sink.mailsTo(email)).toHaveLength(1);
    // At most the one the first of them opened: the connection earlier tests left open may carry them all.
    expect(sink.connections - before).toBeLessThanOrEqual(1);

    sink.dropConnections();
    const opened = sink.connections;
    const email = address('reopened');
    const customer = await accountWithInvoices(t, ONE_READ, { email });
    expect((await settledBill(t, customer.invoices[0].id)).deliveries).toEqual([
      expect.objectContaining({ status: 'SENT', attempts: 1, lastError: null }),
    ]);
    expect(sink.mailsTo(email)).toHaveLength(1);
    expect(sink.connections).toBe(opened + 1);
  });

  it('sends each mail once when several claims look at the same deliveries at once', async () => {
    const worker = t.hub.services.deliveryWorker;
    await worker.stop();
    try {
      const emails = [address('race'), address('race'), address('race'), address('race')];
      const invoiceIds: string[] = [];
      for (const email of emails) invoiceIds.push((await accountWithInvoices(t, ONE_READ, { email })).invoices[0].id);
      for (const id of invoiceIds) await queuedMail(t, id);
      // Three claims at once over the same four deliveries: each is won by one of them, and only it sends and marks it.
      const sent = await Promise.all([worker.runOnce(), worker.runOnce(), worker.runOnce()]);
      expect(sent.reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(emails.length);
      for (const id of invoiceIds) {
        expect((await settledBill(t, id)).deliveries).toEqual([expect.objectContaining({ status: 'SENT', attempts: 1, lastError: null })]);
      }
      for (const email of emails) expect(sink.mailsTo(email)).toHaveLength(1);
    } finally {
      worker.start();
    }
  });

  it('hands back the rest of a batch when a slow mail server leaves too little of the lease, so no mail goes out twice', async () => {
    const services = t.hub.services;
    await services.deliveryWorker.stop();
    // Two workers, as two processes, with a 2 s lease; the server takes 1 s to answer each mail.
    const worker = (name: string) =>
      new DeliveryWorker(
        t.hub.db,
        new Mailer(services.config.mail),
        { content: (id) => services.documents.content(id), senderName: async () => (await services.branding.current()).name },
        services.workQueues,
        `${name}-${process.pid}`,
        services.config.mail.retryMs,
        { error: () => undefined },
        2_000,
      );
    const [first, second] = [worker('first'), worker('second')];
    try {
      const emails = [address('slow'), address('slow'), address('slow'), address('slow')];
      const invoiceIds: string[] = [];
      for (const email of emails) {
        sink.delay(email, 1_000);
        invoiceIds.push((await accountWithInvoices(t, ONE_READ, { email })).invoices[0].id);
      }
      for (const id of invoiceIds) await queuedMail(t, id);
      // The first claims all four; the second looks once the first's lease would have lapsed, had it sent them all.
      const sent = await Promise.all([first.runOnce(), new Promise((r) => setTimeout(r, 2_500)).then(() => second.runOnce())]);
      expect(sent[0] + sent[1]).toBe(emails.length);
      for (const email of emails) expect(sink.mailsTo(email)).toHaveLength(1);
      // Handed back unsent, a delivery's attempt is not counted.
      for (const id of invoiceIds) {
        expect((await settledBill(t, id)).deliveries).toEqual([expect.objectContaining({ status: 'SENT', attempts: 1, lastError: null })]);
      }
    } finally {
      await Promise.all([first.stop(), second.stop()]);
      services.deliveryWorker.start();
    }
  });

  it('resendDocument queues a new delivery that is sent; the first stays as it was', async () => {
    const email = address('again');
    const customer = await accountWithInvoices(t, ONE_READ, { email });
    const first = await settledBill(t, customer.invoices[0].id);
    const resent = await gqlOk(t.url, RESEND, { id: first.id }, t.adminToken);
    expect(resent.resendDocument.id).toBe(first.id);
    const doc = await settledBill(t, customer.invoices[0].id, 2);
    expect(doc.deliveries.map((d) => [d.status, d.to])).toEqual([
      ['SENT', email],
      ['SENT', email],
    ]);
    expect(doc.deliveries[0]).toEqual(first.deliveries[0]);
    expect(sink.mailsTo(email)).toHaveLength(2);
  });

  it('refuses resendDocument for an unknown document, an account on NONE, and a reader; changing nothing', async () => {
    expect(errorCode(await gql(t.url, RESEND, { id: '999999999' }, t.adminToken))).toBe('NOT_FOUND');
    expect(errorCode(await gql(t.url, RESEND, { id: 'abc' }, t.adminToken))).toBe('BAD_USER_INPUT');
    const customer = await accountWithInvoices(t, ONE_READ, { delivery: 'NONE' });
    const doc = await eventually(
      'the bill',
      async () => ((await gqlOk(t.url, DOC, { id: customer.invoices[0].id }, t.adminToken)).invoice.document as Doc | null) ?? undefined,
    );
    expect(doc.deliveries).toEqual([]);
    const refused = await gql(t.url, RESEND, { id: doc.id }, t.adminToken);
    expect(errorCode(refused)).toBe('INVALID_STATE');
    expect(refused.errors?.[0].message).toMatch(/NONE.*EMAIL or PRINT/);
    const reader = await t.apiKey('INTEGRATOR');
    expect(errorCode(await gql(t.url, RESEND, { id: doc.id }, reader))).toBe('FORBIDDEN');
    expect((await gqlOk(t.url, DOC, { id: customer.invoices[0].id }, t.adminToken)).invoice.document.deliveries).toEqual([]);
  });
});

describe('delivery by email without SMTP', () => {
  let t: TestHub;

  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => checkMoneyAndStop(t));

  it('writes the mail, PDF attached, as an .eml file under the data folder, and marks it SENT', async () => {
    const email = address('files');
    const customer = await accountWithInvoices(t, ONE_READ, { email });
    const doc = await settledBill(t, customer.invoices[0].id);
    expect(doc.deliveries).toEqual([expect.objectContaining({ status: 'SENT', to: email, attempts: 1 })]);
    const dir = path.join(t.db.dataDir, 'mail');
    const file = path.join(dir, `delivery-${doc.deliveries[0].id}.eml`);
    expect(await readdir(dir)).toContain(path.basename(file));
    const mail = await simpleParser(await readFile(file));
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toContain(email);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].contentType).toBe('application/pdf');
    expect(mail.attachments[0].content.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('delivery by post: print batches', () => {
  let t: TestHub;
  const BATCHES = '{ printBatches(first: 10) { totalCount nodes { id date documents pages pdfUrl manifestUrl createdAt } } }';
  const ADDRESS = { line1: '1 Main St, Flat "B"', city: 'Springfield', postalCode: '12345', country: 'US' };

  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => checkMoneyAndStop(t));

  it("puts PRINT documents in the day's batch: one merged PDF and a CSV manifest, downloadable; resend adds it again", async () => {
    const a = await accountWithInvoices(t, ONE_READ, { name: 'Zoë, Peña', address: ADDRESS });
    const b = await accountWithInvoices(t, ONE_READ, { name: '=cmd', delivery: 'PRINT', email: address('paper') });
    const docA = await settledBill(t, a.invoices[0].id);
    const docB = await settledBill(t, b.invoices[0].id);
    const batches = (await gqlOk(t.url, `query ${BATCHES}`, {}, t.adminToken)).printBatches;
    expect(batches.totalCount).toBe(1);
    const batch = batches.nodes[0];
    expect(docA.deliveries).toEqual([expect.objectContaining({ method: 'PRINT', status: 'SENT', to: batch.date, attempts: 1 })]);
    expect(batch).toMatchObject({ id: batch.date.replace(/-/g, ''), documents: 2, pdfUrl: `/print-batches/${batch.date}.pdf` });
    const get = (p: string, token: string | null = t.adminToken) =>
      fetch(`${t.url}${p}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const pdf = await get(batch.pdfUrl);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(batch.pages);
    const lines = (await (await get(batch.manifestUrl)).text()).split('\r\n');
    expect(lines[0]).toBe('document,account_number,name,address,pages');
    expect(lines[1]).toMatch(new RegExp(`^${docA.id},${a.number},"Zoë, Peña","1 Main St, Flat ""B"", 12345, Springfield, US",\\d+$`));
    expect(lines[2]).toMatch(new RegExp(`^${docB.id},${b.number},'=cmd,"12 Harbour Road, 5003, Bergen, Norway",\\d+$`));
    expect(lines.slice(3)).toEqual(['']);
    expect(Number(lines[1].split(',').pop()) + Number(lines[2].split(',').pop())).toBe(batch.pages);
    await gqlOk(t.url, RESEND, { id: docA.id }, t.adminToken);
    const after = (await gqlOk(t.url, `query ${BATCHES}`, {}, t.adminToken)).printBatches.nodes[0];
    expect(after.documents).toBe(3);
    expect((await get(batch.pdfUrl, null)).status).toBe(401);
    expect((await get('/print-batches/2001-01-01.csv')).status).toBe(404);
    expect((await get('/print-batches/today.pdf')).status).toBe(404);
    const printed = await eventsOnceThere(t, 'DOCUMENT_DELIVERED', (nodes) => {
      const found = nodes.filter((e) => e.payload.method === 'PRINT');
      return found.length >= 3 ? found : undefined;
    });
    expect(printed).toHaveLength(3);
  });

  it('prints nothing for an account with no postal address: FAILED, with a work item and DOCUMENT_DELIVERY_FAILED', async () => {
    const c = await accountWithInvoices(t, ONE_READ, { address: null });
    const doc = await settledBill(t, c.invoices[0].id);
    expect(doc.deliveries).toEqual([expect.objectContaining({ method: 'PRINT', to: null, status: 'FAILED', sentAt: null })]);
    expect(doc.deliveries[0].lastError).toBe(`account ${c.number} has no postal address to print and post to`);
    const items = (await gqlOk(t.url, ITEMS, {}, t.adminToken)).workItems.nodes as Array<{ kind: string; account: { number: string } }>;
    expect(items.filter((i) => i.account?.number === c.number).map((i) => i.kind)).toEqual(['DOCUMENT_DELIVERY_FAILED']);
    const failed = await eventsOnceThere(t, 'DOCUMENT_DELIVERY_FAILED', (nodes) => nodes.find((e) => e.subjectId === doc.deliveries[0].id));
    expect(failed.payload).toMatchObject({ documentId: doc.id, method: 'PRINT', to: null });
    // Not in any print batch; a resend is refused until the account has an address, then goes in today's batch.
    const manifest = async () => {
      const batch = (await gqlOk(t.url, `query ${BATCHES}`, {}, t.adminToken)).printBatches.nodes[0];
      return (await fetch(`${t.url}${batch.manifestUrl}`, { headers: { authorization: `Bearer ${t.adminToken}` } })).text();
    };
    expect(await manifest()).not.toContain(c.number);
    const refused = await gql(t.url, RESEND, { id: doc.id }, t.adminToken);
    expect(errorCode(refused)).toBe('INVALID_STATE');
    expect(refused.errors?.[0].message).toBe(`Account ${c.number} has no postal address to print and post to: give it one first`);
    await gqlOk(
      t.url,
      'mutation($id: ID!, $input: UpdateAccountInput!) { updateAccount(id: $id, input: $input) { id } }',
      { id: c.id, input: { address: ADDRESS } },
      t.adminToken,
    );
    await gqlOk(t.url, RESEND, { id: doc.id }, t.adminToken);
    expect((await settledBill(t, c.invoices[0].id, 2)).deliveries.map((d) => d.status)).toEqual(['FAILED', 'SENT']);
    expect(await manifest()).toContain(c.number);
  });
});
