import { pdfText } from '../../server/src/modules/documents/__tests__/pdf-text';
import { renderHere } from '../../server/src/modules/documents/render-pdf';
import { accountWithInvoices } from '../support/billing';
import { gqlOk } from '../support/client';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { eventually } from '../support/wait';

/** HUB_RENDER_THREADS=0: the PDFs are laid out on the thread that answers the API, as they were before the render threads. */
let t: TestHub;

beforeAll(async () => {
  t = await startTestHub({ HUB_RENDER_THREADS: '0' });
});
afterAll(() => checkMoneyAndStop(t));

const DOC = `query($id: ID!) { invoice(id: $id) { number total document { url sha256 bytes } } }`;

it('stores and serves the bill of an issued invoice, laid out on the API thread', async () => {
  expect(t.hub.services.config.renderThreads).toBe(0);
  expect(t.hub.services.pdfs).toBe(renderHere);
  const customer = await accountWithInvoices(t, [{ start: '2026-01-01', end: '2026-02-01', kwh: 310 }], { name: 'Ida Inline' });
  const invoice = await eventually(`the bill of invoice ${customer.invoices[0].id}`, async () => {
    const data = await gqlOk(t.url, DOC, { id: customer.invoices[0].id }, t.adminToken);
    return data.invoice.document ? data.invoice : undefined;
  });
  const res = await fetch(`${t.url}${invoice.document.url}`, { headers: { authorization: `Bearer ${t.adminToken}` } });
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(bytes.length).toBe(invoice.document.bytes);
  const text = pdfText(bytes).text.replace(/\s+/g, ' ');
  for (const expected of [invoice.number, 'Ida Inline', customer.number, `Total new charges ${invoice.total}`])
    expect(text).toContain(expected);
});
