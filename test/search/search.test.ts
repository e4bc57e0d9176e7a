import { gqlOk } from '../support/client';
import { accountWithInvoices } from '../support/billing';
import { account, unique } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { credit } from '../credits/helpers';

/** The console's global search: accounts by number, name or email; invoices and credit notes by number. */
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => checkMoneyAndStop(t));

const SEARCH = 'query($text: String!) { search(text: $text) { kind id accountId invoiceId title detail } }';
const search = async (text: string) => (await gqlOk(t.url, SEARCH, { text }, t.adminToken)).search as Array<Record<string, string>>;

describe('search', () => {
  let a: { id: string; number: string };
  let billed: Awaited<ReturnType<typeof accountWithInvoices>>;
  const tag = unique('zq').replace(/-/g, '');

  beforeAll(async () => {
    a = await account(t, { name: `Ada ${tag} Lovelace`, email: `ada.${tag}@example.com` });
    billed = await accountWithInvoices(t, [{ start: '2026-01-01', end: '2026-02-01', kwh: 100 }], { name: `Grace ${tag} Hopper` });
  });

  it('finds an account by its number, part of its name in any case, and its email', async () => {
    expect(await search(a.number)).toEqual([
      {
        kind: 'ACCOUNT',
        id: a.id,
        accountId: a.id,
        invoiceId: null,
        title: `${a.number} · Ada ${tag} Lovelace`,
        detail: `ada.${tag}@example.com`,
      },
    ]);
    expect((await search(`ADA ${tag.toUpperCase()}`)).map((h) => h.id)).toEqual([a.id]);
    expect((await search(`ada.${tag}@example`)).map((h) => h.id)).toEqual([a.id]);
    // Part of a name shared by both: both, in the order they were created.
    expect((await search(tag)).map((h) => h.id)).toEqual([a.id, billed.id]);
  });

  it('finds an invoice and a credit note by number, with or without leading zeros', async () => {
    const inv = billed.invoices[0];
    const number = `INV-${inv.id.padStart(8, '0')}`;
    const expected = {
      kind: 'INVOICE',
      id: inv.id,
      accountId: billed.id,
      invoiceId: inv.id,
      title: number,
      detail: `${billed.number} · Grace ${tag} Hopper`,
    };
    expect(await search(number)).toEqual([expected]);
    expect(await search(`inv-${inv.id}`)).toEqual([expected]);
    const note = await credit(t, { invoiceId: inv.id });
    expect(note.errors).toBeUndefined();
    const noteId = note.data!.creditInvoice.id as string;
    expect(await search(`CN-${noteId.padStart(8, '0')}`)).toEqual([
      {
        kind: 'CREDIT_NOTE',
        id: noteId,
        accountId: billed.id,
        invoiceId: inv.id,
        title: `CN-${noteId.padStart(8, '0')}`,
        detail: `${billed.number} · Grace ${tag} Hopper`,
      },
    ]);
  });

  it('finds nothing for an unknown number, a wildcard or a blank text', async () => {
    expect(await search('INV-99999999')).toEqual([]);
    expect(await search('CN-99999999')).toEqual([]);
    expect(await search(`nobody-${tag}`)).toEqual([]);
    expect(await search('%')).toEqual([]);
    expect(await search('   ')).toEqual([]);
  });
});
