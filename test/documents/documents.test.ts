import { createHash } from 'node:crypto';
import { pdfText } from '../../server/src/modules/documents/__tests__/pdf-text';
import { tinyPng } from '../../server/src/modules/documents/__tests__/sample-views';
import { RenderThreads } from '../../server/src/modules/documents/render-threads';
import { accountWithInvoices } from '../support/billing';
import { errorCode, gql, gqlOk } from '../support/client';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { eventually } from '../support/wait';
import { createPath, HIGH_RISK_PATH, pay, runCollections } from '../collections/helpers';

let t: TestHub;
let partner: string;
let integrator: string;

const BRANDING = `branding { name address supportPhone supportEmail website color footer hasLogo }`;
const SET_BRANDING = `mutation($input: BrandingInput!) { setBranding(input: $input) { name color hasLogo footer } }`;
const INVOICE_DOC = `query($id: ID!) { invoice(id: $id) { number status total amountDue previewUrl document { id kind url sha256 pages bytes deliveries { id } account { number } } } }`;
const ADDRESS = { line1: 'Øster Allé 12', line2: '3. sal', city: 'København', postalCode: '2100', country: 'Denmark' };

async function download(path: string, token: string | null): Promise<{ status: number; bytes: Buffer; type: string | null }> {
  const res = await fetch(`${t.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') };
}

async function documentOf(invoiceId: string) {
  return eventually(`the bill of invoice ${invoiceId}`, async () => {
    const data = await gqlOk(t.url, INVOICE_DOC, { id: invoiceId }, t.adminToken);
    return data.invoice.document ? data.invoice : undefined;
  });
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

beforeAll(async () => {
  t = await startTestHub();
  partner = await t.apiKey('PARTNER');
  integrator = await t.apiKey('INTEGRATOR');
});
afterAll(async () => checkMoneyAndStop(t));

describe('branding', () => {
  it('starts with a default, and setBranding keeps name, colour, footer and a PNG logo', async () => {
    expect((await gqlOk(t.url, `query { ${BRANDING} }`, {}, t.adminToken)).branding).toMatchObject({ name: 'Billing hub', hasLogo: false });
    const input = {
      name: 'Nordlys Energi',
      address: 'Øster Allé 1\n2100 København Ø',
      supportPhone: '+45 70 10 20 30',
      supportEmail: 'help@nordlys.example',
      color: '#0b6e4f',
      footer: 'Nordlys Energi A/S · green power',
      logoPng: tinyPng().toString('base64'),
    };
    const set = await gqlOk(t.url, SET_BRANDING, { input }, t.adminToken);
    expect(set.setBranding).toEqual({
      name: 'Nordlys Energi',
      color: '#0B6E4F',
      hasLogo: true,
      footer: 'Nordlys Energi A/S · green power',
    });
    const read = await gqlOk(t.url, `query { ${BRANDING} }`, {}, integrator);
    expect(read.branding).toMatchObject({ name: 'Nordlys Energi', address: 'Øster Allé 1\n2100 København Ø', hasLogo: true });
  });

  it('refuses a logo that is not a PNG or is over 500 KB, and a colour that is not #RRGGBB, changing nothing', async () => {
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100)]).toString('base64');
    const big = Buffer.concat([tinyPng(), Buffer.alloc(500 * 1024)]).toString('base64');
    for (const bad of [
      { logoPng: jpeg },
      { logoPng: big },
      { logoPng: 'not base64 at all' },
      { color: 'green' },
      { color: '#12345' },
      { name: ' ' },
    ]) {
      const result = await gql(t.url, SET_BRANDING, { input: { name: 'Other', ...bad } }, t.adminToken);
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].message).toMatch(/PNG|500 KB|#RRGGBB|must not be empty|base64/);
    }
    expect((await gqlOk(t.url, `query { ${BRANDING} }`, {}, t.adminToken)).branding).toMatchObject({
      name: 'Nordlys Energi',
      color: '#0B6E4F',
      hasLogo: true,
    });
    expect(errorCode(await gql(t.url, SET_BRANDING, { input: { name: 'X' } }, integrator))).toBe('FORBIDDEN');
  });
});

describe('account addresses', () => {
  it('are kept on create, changed and cleared on update, and checked', async () => {
    const created = await gqlOk(
      t.url,
      'mutation($input: CreateAccountInput!) { createAccount(input: $input) { id address { line1 line2 city region postalCode country } } }',
      { input: { number: `ADDR-${process.pid}`, name: 'Zoë Peña', segment: 'RESIDENTIAL', address: ADDRESS } },
      t.adminToken,
    );
    expect(created.createAccount.address).toEqual({ ...ADDRESS, region: null });
    const UPDATE = 'mutation($id: ID!, $input: UpdateAccountInput!) { updateAccount(id: $id, input: $input) { address { city } } }';
    const moved = await gqlOk(
      t.url,
      UPDATE,
      { id: created.createAccount.id, input: { address: { ...ADDRESS, city: 'Aarhus' } } },
      t.adminToken,
    );
    expect(moved.updateAccount.address).toEqual({ city: 'Aarhus' });
    const bad = await gql(
      t.url,
      UPDATE,
      { id: created.createAccount.id, input: { address: { ...ADDRESS, postalCode: '21;00' } } },
      t.adminToken,
    );
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    const cleared = await gqlOk(t.url, UPDATE, { id: created.createAccount.id, input: { address: null } }, t.adminToken);
    expect(cleared.updateAccount.address).toBeNull();
  });
});

describe('account delivery method', () => {
  const CREATE = 'mutation($input: CreateAccountInput!) { createAccount(input: $input) { id delivery } }';
  const UPDATE = 'mutation($id: ID!, $input: UpdateAccountInput!) { updateAccount(id: $id, input: $input) { delivery email } }';

  it('defaults to EMAIL with an email and PRINT without, and EMAIL needs an email', async () => {
    const withEmail = await gqlOk(
      t.url,
      CREATE,
      { input: { number: `DLV-A-${process.pid}`, name: 'Ana', segment: 'RESIDENTIAL', email: 'ana@example.com' } },
      t.adminToken,
    );
    expect(withEmail.createAccount.delivery).toBe('EMAIL');
    const without = await gqlOk(
      t.url,
      CREATE,
      { input: { number: `DLV-B-${process.pid}`, name: 'Bo', segment: 'RESIDENTIAL' } },
      t.adminToken,
    );
    expect(without.createAccount.delivery).toBe('PRINT');
    const chosen = await gqlOk(
      t.url,
      CREATE,
      { input: { number: `DLV-C-${process.pid}`, name: 'Cy', segment: 'RESIDENTIAL', email: 'cy@example.com', delivery: 'NONE' } },
      t.adminToken,
    );
    expect(chosen.createAccount.delivery).toBe('NONE');

    const refused = await gql(
      t.url,
      CREATE,
      { input: { number: `DLV-D-${process.pid}`, name: 'Di', segment: 'RESIDENTIAL', delivery: 'EMAIL' } },
      t.adminToken,
    );
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0].message).toMatch(/email/);
    expect(errorCode(await gql(t.url, UPDATE, { id: without.createAccount.id, input: { delivery: 'EMAIL' } }, t.adminToken))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await gql(t.url, UPDATE, { id: without.createAccount.id, input: { delivery: null } }, t.adminToken))).toBe(
      'BAD_USER_INPUT',
    );
    const switched = await gqlOk(
      t.url,
      UPDATE,
      { id: without.createAccount.id, input: { email: 'bo@example.com', delivery: 'EMAIL' } },
      t.adminToken,
    );
    expect(switched.updateAccount).toEqual({ delivery: 'EMAIL', email: 'bo@example.com' });

    // Its email cannot then be cleared while bills go by email; cleared with a move to PRINT, it can.
    const cleared = await gql(t.url, UPDATE, { id: without.createAccount.id, input: { email: null } }, t.adminToken);
    expect(errorCode(cleared)).toBe('BAD_USER_INPUT');
    expect(cleared.errors?.[0].message).toMatch(/delivery EMAIL needs the account's email/);
    const moved = await gqlOk(t.url, UPDATE, { id: without.createAccount.id, input: { email: null, delivery: 'PRINT' } }, t.adminToken);
    expect(moved.updateAccount).toEqual({ delivery: 'PRINT', email: null });
  });
});

describe('bills', () => {
  let customer: { id: string; number: string; invoices: Array<{ id: string; total: string; dueDate: string }> };

  beforeAll(async () => {
    customer = await accountWithInvoices(t, [{ start: '2026-01-01', end: '2026-02-01', kwh: 310 }], { name: 'Zoë Peña', address: ADDRESS });
  });

  it('stores the bill of an issued invoice once, with its number, total, amount due and the accented name in the PDF', async () => {
    const invoice = await documentOf(customer.invoices[0].id);
    const doc = invoice.document;
    expect(doc).toMatchObject({ kind: 'INVOICE', url: `/documents/${doc.id}.pdf`, account: { number: customer.number } });
    // No email: the account is on PRINT, and the bill went into the day's print batch.
    expect(doc.deliveries).toHaveLength(1);
    const got = await download(doc.url, t.adminToken);
    expect(got.status).toBe(200);
    expect(got.type).toBe('application/pdf');
    expect(createHash('sha256').update(got.bytes).digest('hex')).toBe(doc.sha256);
    expect(got.bytes.length).toBe(doc.bytes);
    const { text, pages } = pdfText(got.bytes);
    expect(pages).toBe(doc.pages);
    const words = flat(text);
    for (const expected of [
      invoice.number,
      'Zoë Peña',
      'Øster Allé 12',
      'Nordlys Energi',
      customer.number,
      `Total new charges ${invoice.total}`,
    ]) {
      expect(words).toContain(expected);
    }
    expect(words).toMatch(new RegExp(`Amount due ${invoice.total.replace('.', '\\.')}`));
    expect(words).toContain('Your usage (kWh)');
    // Laid out beside the API's thread (HUB_RENDER_THREADS defaults to at least one).
    expect(t.hub.services.pdfs).toBeInstanceOf(RenderThreads);
    expect((t.hub.services.pdfs as RenderThreads).threads).toBeGreaterThan(0);
  });

  it('serves the same bytes every time, and each invoice has one document however often the workers run', async () => {
    const invoice = await documentOf(customer.invoices[0].id);
    await Promise.all([t.hub.services.renderWorker.runOnce(new Date(Date.now() + 7200_000)), t.hub.services.renderWorker.runOnce()]);
    const again = await gqlOk(t.url, INVOICE_DOC, { id: customer.invoices[0].id }, t.adminToken);
    expect(again.invoice.document).toEqual(invoice.document);
    const listed = await gqlOk(
      t.url,
      'query($id: ID) { account(id: $id) { documents { totalCount nodes { id kind } } } }',
      { id: customer.id },
      t.adminToken,
    );
    expect(listed.account.documents.nodes.filter((d: { kind: string }) => d.kind === 'INVOICE')).toEqual([
      { id: invoice.document.id, kind: 'INVOICE' },
    ]);
    const first = await download(invoice.document.url, integrator);
    const second = await download(invoice.document.url, t.adminToken);
    expect(first.bytes.equals(second.bytes)).toBe(true);
    expect(
      (await gqlOk(t.url, 'query($id: ID!) { document(id: $id) { id sha256 } }', { id: invoice.document.id }, integrator)).document,
    ).toEqual({
      id: invoice.document.id,
      sha256: invoice.document.sha256,
    });
  });

  it('shows on the next bill the payment since the last one, the previous balance and the new amount due', async () => {
    const first = await documentOf(customer.invoices[0].id);
    await pay(t, customer.number, first.total, t.adminToken);
    await gqlOk(
      t.url,
      'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }',
      { reads: [{ accountNumber: customer.number, periodStart: '2026-02-01', periodEnd: '2026-03-01', quantity: '250' }] },
      t.adminToken,
    );
    await gqlOk(t.url, 'mutation($asOf: Date!) { runBilling(asOf: $asOf) { id } }', { asOf: '2026-03-01' }, t.adminToken);
    const listed = await gqlOk(
      t.url,
      'query($id: ID) { account(id: $id) { invoices { nodes { id periodStart } } } }',
      { id: customer.id },
      t.adminToken,
    );
    const secondId = listed.account.invoices.nodes.find((i: { periodStart: string }) => i.periodStart === '2026-02-01').id;
    const second = await documentOf(secondId);
    const words = flat(pdfText((await download(second.document.url, t.adminToken)).bytes).text);
    expect(words).toContain(`Previous balance ${first.total}`);
    expect(words).toContain(`Payments since your last bill -${first.total}`);
    expect(words).toContain(`New charges ${second.total}`);
    expect(words).toMatch(new RegExp(`Amount due ${second.total.replace('.', '\\.')}`));
    expect(words).toContain('1 Feb 2026 – 28 Feb 2026');
  });

  it('refuses the download to PARTNER keys and to callers without credentials, and answers 404 for unknown ids', async () => {
    const invoice = await documentOf(customer.invoices[0].id);
    expect((await download(invoice.document.url, partner)).status).toBe(403);
    expect((await download(invoice.document.url, null)).status).toBe(401);
    expect((await download(invoice.document.url, 'not-a-token')).status).toBe(401);
    const unknown = await download('/documents/99999999.pdf', t.adminToken);
    expect([unknown.status, unknown.bytes.toString()]).toEqual([404, expect.stringContaining('No document 99999999')]);
    const misnamed = await download('/documents/abc.pdf', t.adminToken);
    expect([misnamed.status, misnamed.bytes.toString()]).toEqual([404, expect.stringContaining('the file is named <documentId>.pdf')]);
    expect(errorCode(await gql(t.url, 'query($id: ID!) { document(id: $id) { id } }', { id: invoice.document.id }, partner))).toBe(
      'FORBIDDEN',
    );
  });

  it('previews a HELD invoice as a PDF on demand without storing it, and gives no preview once issued', async () => {
    await gqlOk(
      t.url,
      'mutation($input: BillingRulesInput!) { setBillingRules(input: $input) { segment } }',
      {
        input: { segment: 'HELD_DOCS', highConsumptionFactor: '100', swingPercent: '1000', maxInvoiceAmount: '1.00', paymentTermsDays: 21 },
      },
      t.adminToken,
    );
    const held = await accountWithInvoices(t, [{ start: '2026-01-01', end: '2026-02-01', kwh: 100 }], {
      segment: 'HELD_DOCS',
      name: 'Øyvind Ærø',
    });
    const listed = await gqlOk(
      t.url,
      'query($id: ID) { account(id: $id) { invoices { nodes { id status } } } }',
      { id: held.id },
      t.adminToken,
    );
    const heldId = listed.account.invoices.nodes.find((i: { status: string }) => i.status === 'HELD').id;
    const invoice = (await gqlOk(t.url, INVOICE_DOC, { id: heldId }, t.adminToken)).invoice;
    expect(invoice.document).toBeNull();
    expect(invoice.previewUrl).toBe(`/documents/preview/${heldId}.pdf`);
    const preview = await download(invoice.previewUrl, t.adminToken);
    expect(preview.status).toBe(200);
    const words = flat(pdfText(preview.bytes).text);
    expect(words).toContain('Bill (preview)');
    expect(words).toContain('Øyvind Ærø');
    expect(words).toContain(invoice.number);
    expect((await download(invoice.previewUrl, partner)).status).toBe(403);
    const docs = await gqlOk(t.url, 'query($id: ID) { account(id: $id) { documents { totalCount } } }', { id: held.id }, t.adminToken);
    expect(docs.account.documents.totalCount).toBe(0);

    await gqlOk(t.url, 'mutation($id: ID!) { releaseInvoice(id: $id) { status } }', { id: heldId }, t.adminToken);
    const released = await documentOf(heldId);
    expect(released.previewUrl).toBeNull();
    expect((await download(`/documents/preview/${heldId}.pdf`, t.adminToken)).status).toBe(409);
    expect(flat(pdfText((await download(released.document.url, t.adminToken)).bytes).text)).not.toContain('preview');
  });
});

describe('credit notes', () => {
  it('stores a credit note as sent, with its number, the bill it credits and the total', async () => {
    const customer = await accountWithInvoices(t, [{ start: '2026-01-01', end: '2026-02-01', kwh: 200 }], { name: 'Zoë Credit' });
    const issued = await gqlOk(
      t.url,
      'mutation($input: CreditInvoiceInput!) { creditInvoice(input: $input) { id number total invoice { number } } }',
      { input: { invoiceId: customer.invoices[0].id, reason: 'Meter misread: Øster street reading' } },
      t.adminToken,
    );
    const note = issued.creditInvoice;
    const doc = await eventually('the credit note document', async () => {
      const data = await gqlOk(
        t.url,
        'query($id: ID!) { creditNote(id: $id) { document { id kind url sha256 } } }',
        { id: note.id },
        t.adminToken,
      );
      return data.creditNote.document ?? undefined;
    });
    expect(doc.kind).toBe('CREDIT_NOTE');
    const got = await download(doc.url, t.adminToken);
    expect(createHash('sha256').update(got.bytes).digest('hex')).toBe(doc.sha256);
    const words = flat(pdfText(got.bytes).text);
    for (const expected of [note.number, note.invoice.number, 'Zoë Credit', `Total credited ${note.total}`, 'Øster street reading']) {
      expect(words).toContain(expected);
    }
  });
});

describe('credits since the last bill', () => {
  it('shows on the next bill the credit notes issued since the last one, apart from payments', async () => {
    const customer = await accountWithInvoices(t, [{ start: '2026-01-01', end: '2026-02-01', kwh: 200 }]);
    // "Since" is since the last bill was drawn: what the January bill already states is not repeated on the next.
    await documentOf(customer.invoices[0].id);
    const first = await gqlOk(
      t.url,
      'query($id: ID!) { invoice(id: $id) { total lines { id kind } } }',
      { id: customer.invoices[0].id },
      t.adminToken,
    );
    const usage = first.invoice.lines.find((l: { kind: string }) => l.kind === 'USAGE');
    await gqlOk(
      t.url,
      'mutation($input: CreditInvoiceInput!) { creditInvoice(input: $input) { id } }',
      { input: { invoiceId: customer.invoices[0].id, reason: 'Meter misread', items: [{ invoiceLineId: usage.id, amount: '5.00' }] } },
      t.adminToken,
    );
    await pay(t, customer.number, '3.00', t.adminToken);
    await gqlOk(
      t.url,
      'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }',
      { reads: [{ accountNumber: customer.number, periodStart: '2026-02-01', periodEnd: '2026-03-01', quantity: '250' }] },
      t.adminToken,
    );
    await gqlOk(t.url, 'mutation($asOf: Date!) { runBilling(asOf: $asOf) { id } }', { asOf: '2026-03-01' }, t.adminToken);
    const listed = await gqlOk(
      t.url,
      'query($id: ID) { account(id: $id) { invoices { nodes { id periodStart } } } }',
      { id: customer.id },
      t.adminToken,
    );
    const secondId = listed.account.invoices.nodes.find((i: { periodStart: string }) => i.periodStart === '2026-02-01').id;
    const second = await documentOf(secondId);
    const words = flat(pdfText((await download(second.document.url, t.adminToken)).bytes).text);
    expect(words).toContain(`Previous balance ${first.invoice.total}`);
    expect(words).toContain('Payments since your last bill -3.00');
    expect(words).toContain('Credits since your last bill -5.00');
  });
});

describe('letters', () => {
  it('stores a REMINDER as a letter with the letterhead and the step text', async () => {
    await createPath(t, { ...HIGH_RISK_PATH, name: 'High risk (documents)', segments: ['RISK_DOCS'] });
    const risky = await accountWithInvoices(t, [{ start: '2026-01-01', end: '2026-02-01', kwh: 310 }], {
      name: 'Zoë Risk',
      segment: 'RISK_DOCS',
      address: ADDRESS,
    });
    await runCollections(t, '2026-02-25');
    const ACTIONS = 'query($id: ID) { account(id: $id) { collectionsActions { action detail document { id kind url sha256 } } } }';
    const action = await eventually('the reminder letter', async () => {
      const data = await gqlOk(t.url, ACTIONS, { id: risky.id }, t.adminToken);
      const reminder = data.account.collectionsActions.find((a: { action: string }) => a.action === 'REMINDER');
      return reminder?.document ? reminder : undefined;
    });
    expect(action.document.kind).toBe('LETTER');
    const got = await download(action.document.url, t.adminToken);
    expect(createHash('sha256').update(got.bytes).digest('hex')).toBe(action.document.sha256);
    const words = flat(pdfText(got.bytes).text);
    expect(words).toContain('Payment reminder');
    expect(words).toContain(`NOTICE ${risky.number}`);
    expect(words).toContain('Zoë Risk');
    expect(words).toContain('Nordlys Energi');
  });
});
