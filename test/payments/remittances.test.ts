import { errorCode, gql, gqlOk } from '../support/client';
import { accountWithInvoices } from '../support/billing';
import { account, unique } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';

let t: TestHub;
let integrator: string;
beforeAll(async () => {
  t = await startTestHub();
  integrator = await t.apiKey('INTEGRATOR', 'Lockbox');
});
afterAll(async () => checkMoneyAndStop(t));

const IMPORT = `mutation($channel: PaymentChannel!, $lines: [RemittanceLineInput!]!) {
  importRemittances(channel: $channel, lines: $lines) { matched suspense returned duplicates rejected { index code message } } }`;
const STATE = `query($id: ID) { account(id: $id) { balance payments(first: 50) { nodes { id amount status reference channel } }
  invoices(first: 50) { nodes { id number total amountPaid status lines { kind amount } } } } }`;
const SUSPENSE = `query($status: SuspenseStatus) { suspensePayments(status: $status) {
  id reference amount channel detail status payment { id amount account { number } } workItem { id status kind queue { key } } } }`;

const PERIODS = [
  { start: '2026-01-01', end: '2026-02-01', kwh: 100 },
  { start: '2026-02-01', end: '2026-03-01', kwh: 110 },
];

type Line = Record<string, unknown>;
const importLines = async (lines: Line[], channel = 'CHECK') =>
  (await gqlOk(t.url, IMPORT, { channel, lines }, integrator)).importRemittances;
const state = async (id: string) => (await gqlOk(t.url, STATE, { id }, t.adminToken)).account;

describe('importing remittances', () => {
  it('records lines matched by account number, else by invoice number, once per reference', async () => {
    const a = await accountWithInvoices(t, PERIODS);
    const b = await accountWithInvoices(t, PERIODS);
    const invoiceOfB = (await state(b.id)).invoices.nodes.find((i: { id: string }) => i.id === b.invoices[0].id);
    const lines = [
      { reference: unique('chk'), amount: '19.95', accountNumber: a.number },
      { reference: unique('chk'), amount: '5.00', accountNumber: 'NOT-AN-ACCOUNT', invoiceNumber: invoiceOfB.number },
    ];
    expect(await importLines(lines)).toEqual({ matched: 2, suspense: 0, returned: 0, duplicates: 0, rejected: [] });
    const sa = await state(a.id);
    expect(sa.balance).toBe('20.95');
    expect(sa.payments.nodes).toEqual([
      expect.objectContaining({ amount: '19.95', status: 'APPLIED', reference: lines[0].reference, channel: 'CHECK' }),
    ]);
    expect(sa.invoices.nodes.find((i: { id: string }) => i.id === a.invoices[0].id).status).toBe('PAID');
    expect((await state(b.id)).balance).toBe('35.90');
    // Part-paid, the invoice cannot be voided: the refusal says how much is applied, in money.
    const voided = await gql(
      t.url,
      'mutation($id: ID!) { voidInvoice(id: $id, reason: "Billed twice") { id } }',
      { id: invoiceOfB.id },
      t.adminToken,
    );
    expect(errorCode(voided)).toBe('INVALID_STATE');
    expect(voided.errors?.[0].message).toBe(`Invoice ${invoiceOfB.number} has payments applied (5.00); reverse them before voiding`);

    // The same file again records nothing twice.
    expect(await importLines(lines)).toEqual({ matched: 0, suspense: 0, returned: 0, duplicates: 2, rejected: [] });
    expect((await state(a.id)).payments.nodes).toHaveLength(1);
    expect((await state(b.id)).balance).toBe('35.90');
  });

  it('rejects a reference reused with another amount or account as REFERENCE_CONFLICT, and records nothing for it', async () => {
    const a = await accountWithInvoices(t, PERIODS);
    const b = await accountWithInvoices(t, PERIODS);
    const [paid, held] = [unique('chk'), unique('chk')];
    const first = [
      { reference: paid, amount: '3.00', accountNumber: a.number },
      { reference: held, amount: '4.00', accountNumber: 'NO-SUCH-ACCOUNT' },
    ];
    expect(await importLines(first)).toEqual({ matched: 1, suspense: 1, returned: 0, duplicates: 0, rejected: [] });

    const again = [
      { reference: paid, amount: '9.99', accountNumber: a.number },
      { reference: paid, amount: '3.00', accountNumber: b.number },
      { reference: held, amount: '4.01', accountNumber: 'NO-SUCH-ACCOUNT' },
      { reference: held, amount: '4.00', accountNumber: 'ANOTHER-UNKNOWN' },
      { reference: paid, amount: '3.00', accountNumber: a.number },
      { reference: held, amount: '4.00', accountNumber: 'NO-SUCH-ACCOUNT' },
    ];
    const result = await importLines(again);
    expect(result).toMatchObject({ matched: 0, suspense: 0, duplicates: 2 });
    expect(result.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [0, 'REFERENCE_CONFLICT'],
      [1, 'REFERENCE_CONFLICT'],
      [2, 'REFERENCE_CONFLICT'],
      [3, 'REFERENCE_CONFLICT'],
    ]);
    expect(result.rejected[0].message).toBe(
      `Line 0: reference ${paid} is already recorded as a payment of account ${a.number} of 3.00; this line says 9.99 for account ${a.number}. Give each payment a reference of its own`,
    );
    expect(result.rejected[2].message).toContain('a held line (Unknown account NO-SUCH-ACCOUNT) of 4.00; this line says 4.01');

    // Within one call: the second line of a reference is the first again, or a conflict.
    const fresh = unique('chk');
    const inOneCall = await importLines([
      { reference: fresh, amount: '1.00', accountNumber: b.number },
      { reference: fresh, amount: '1.00', accountNumber: b.number },
      { reference: fresh, amount: '2.00', accountNumber: b.number },
    ]);
    expect(inOneCall).toMatchObject({ matched: 1, duplicates: 1 });
    expect(inOneCall.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([[2, 'REFERENCE_CONFLICT']]);

    expect((await state(a.id)).payments.nodes.map((p: { amount: string }) => p.amount)).toEqual(['3.00']);
    expect((await state(b.id)).payments.nodes.map((p: { amount: string }) => p.amount)).toEqual(['1.00']);
    const suspense = await gqlOk(t.url, SUSPENSE, { status: null }, t.adminToken);
    expect(
      suspense.suspensePayments.filter((s: { reference: string }) => s.reference === held).map((s: { amount: string }) => s.amount),
    ).toEqual(['4.00']);
  });

  it("records a file's lines together yet each account's lines in the file's order, oldest invoice first", async () => {
    const accounts: Array<Awaited<ReturnType<typeof accountWithInvoices>>> = [];
    for (let i = 0; i < 4; i++) accounts.push(await accountWithInvoices(t, PERIODS));
    // Each account's invoices are 19.95 and 20.95: its lines pay 5.00 and 14.95 of the first, then the second whole.
    const amounts = ['5.00', '14.95', '20.95'];
    const lines = amounts.flatMap((amount) => accounts.map((a) => ({ reference: unique('lbx'), amount, accountNumber: a.number })));
    expect(await importLines(lines)).toEqual({ matched: 12, suspense: 0, returned: 0, duplicates: 0, rejected: [] });
    const PAID = `query($id: ID) { account(id: $id) { balance
      payments(first: 10) { nodes { reference amount unapplied allocations { invoice { id } amount } } } } }`;
    for (const a of accounts) {
      const { balance, payments } = (await gqlOk(t.url, PAID, { id: a.id }, t.adminToken)).account;
      expect(balance).toBe('0.00');
      const byReference = new Map(payments.nodes.map((p: { reference: string }) => [p.reference, p]));
      const [first, second] = a.invoices.map((i) => i.id);
      const mine = lines.filter((l) => l.accountNumber === a.number).map((l) => byReference.get(l.reference));
      expect(mine).toEqual([
        { reference: expect.any(String), amount: '5.00', unapplied: '0.00', allocations: [{ invoice: { id: first }, amount: '5.00' }] },
        { reference: expect.any(String), amount: '14.95', unapplied: '0.00', allocations: [{ invoice: { id: first }, amount: '14.95' }] },
        { reference: expect.any(String), amount: '20.95', unapplied: '0.00', allocations: [{ invoice: { id: second }, amount: '20.95' }] },
      ]);
    }
  });

  it('holds unmatched lines in UNAPPLIED_CASH until an operator applies one to an account', async () => {
    const a = await accountWithInvoices(t, PERIODS);
    const lines = [
      { reference: unique('wire'), amount: '12.34', accountNumber: unique('GONE') },
      { reference: unique('wire'), amount: '7.00' },
      { reference: unique('wire'), amount: '1.00', invoiceNumber: 'INV-99999999' },
    ];
    expect(await importLines(lines, 'WIRE')).toEqual({ matched: 0, suspense: 3, returned: 0, duplicates: 0, rejected: [] });
    expect(await importLines(lines, 'WIRE')).toMatchObject({ suspense: 0, duplicates: 3 });
    const open = (await gqlOk(t.url, SUSPENSE, { status: 'OPEN' }, t.adminToken)).suspensePayments;
    const held = open.find((s: { reference: string }) => s.reference === lines[0].reference);
    expect(held).toMatchObject({
      amount: '12.34',
      channel: 'WIRE',
      status: 'OPEN',
      payment: null,
      detail: `Unknown account ${lines[0].accountNumber}`,
      workItem: { status: 'OPEN', kind: 'SUSPENSE_PAYMENT', queue: { key: 'UNAPPLIED_CASH' } },
    });
    expect(open.find((s: { reference: string }) => s.reference === lines[1].reference).detail).toBe('No account or invoice number');

    const bad = await gql(
      t.url,
      'mutation($id: ID!, $n: String!) { applySuspensePayment(id: $id, accountNumber: $n) { id } }',
      { id: held.id, n: 'NOPE' },
      t.adminToken,
    );
    expect(errorCode(bad)).toBe('NOT_FOUND');
    const paid = (
      await gqlOk(
        t.url,
        'mutation($id: ID!, $n: String!) { applySuspensePayment(id: $id, accountNumber: $n) { id amount status reference } }',
        { id: held.id, n: a.number },
        t.adminToken,
      )
    ).applySuspensePayment;
    expect(paid).toMatchObject({ amount: '12.34', status: 'APPLIED', reference: lines[0].reference });
    expect((await state(a.id)).balance).toBe('28.56'); // 40.90 - 12.34
    const applied = (await gqlOk(t.url, SUSPENSE, { status: 'APPLIED' }, t.adminToken)).suspensePayments;
    expect(applied.find((s: { id: string }) => s.id === held.id)).toMatchObject({
      status: 'APPLIED',
      payment: { id: paid.id, account: { number: a.number } },
      workItem: { status: 'RESOLVED' },
    });
    const again = await gql(
      t.url,
      'mutation($id: ID!, $n: String!) { applySuspensePayment(id: $id, accountNumber: $n) { id } }',
      { id: held.id, n: a.number },
      t.adminToken,
    );
    expect(errorCode(again)).toBe('INVALID_STATE');
    // Re-importing the applied line records nothing.
    expect(await importLines([lines[0]], 'WIRE')).toMatchObject({ matched: 0, duplicates: 1 });
    expect((await state(a.id)).balance).toBe('28.56');
  });

  it("holds a line naming one account and another account's invoice, and pays a line whose invoice is its account's", async () => {
    const a = await accountWithInvoices(t, PERIODS);
    const b = await accountWithInvoices(t, PERIODS);
    const numberOf = async (id: string, invoiceId: string) =>
      (await state(id)).invoices.nodes.find((i: { id: string }) => i.id === invoiceId).number as string;
    const [ofA, ofB] = [await numberOf(a.id, a.invoices[0].id), await numberOf(b.id, b.invoices[0].id)];
    const lines = [
      { reference: unique('chk'), amount: '19.95', accountNumber: a.number, invoiceNumber: ofB },
      { reference: unique('chk'), amount: '19.95', accountNumber: a.number, invoiceNumber: ofA },
    ];
    expect(await importLines(lines)).toEqual({ matched: 1, suspense: 1, returned: 0, duplicates: 0, rejected: [] });
    // Neither customer is credited with the first: an operator decides whose payment it is.
    expect((await state(a.id)).balance).toBe('20.95');
    expect((await state(b.id)).balance).toBe('40.90');
    const open = (await gqlOk(t.url, SUSPENSE, { status: 'OPEN' }, t.adminToken)).suspensePayments;
    expect(open.find((s: { reference: string }) => s.reference === lines[0].reference)).toMatchObject({
      amount: '19.95',
      detail: `Account ${a.number}, but invoice ${ofB} is account ${b.number}'s`,
      workItem: { status: 'OPEN', kind: 'SUSPENSE_PAYMENT', queue: { key: 'UNAPPLIED_CASH' } },
    });
    // The same file again: both are duplicates; the held reference with another amount is a conflict.
    expect(await importLines(lines)).toMatchObject({ matched: 0, suspense: 0, duplicates: 2 });
    const conflict = await importLines([{ ...lines[0], amount: '1.00' }]);
    expect(conflict.rejected).toEqual([expect.objectContaining({ index: 0, code: 'REFERENCE_CONFLICT' })]);
  });

  it('holds a file of unknown references once each, also when two imports of it run at once', async () => {
    const prefix = unique('lost');
    // More lines than are held in one transaction, so the file is held in several.
    const lines = Array.from({ length: 450 }, (_, i) => ({
      reference: `${prefix}-${i}`,
      amount: `${1 + (i % 50)}.25`,
      accountNumber: `${prefix}-X`,
    }));
    const [first, second] = await Promise.all([importLines(lines, 'ACH'), importLines(lines, 'ACH')]);
    expect([...first.rejected, ...second.rejected]).toEqual([]);
    expect([first.matched + second.matched, first.suspense + second.suspense, first.duplicates + second.duplicates]).toEqual([0, 450, 450]);
    const held = (await gqlOk(t.url, SUSPENSE, { status: 'OPEN' }, t.adminToken)).suspensePayments.filter((s: { reference: string }) =>
      s.reference.startsWith(`${prefix}-`),
    );
    const byReference = new Map(held.map((s: { reference: string }) => [s.reference, s]));
    expect(held).toHaveLength(450);
    for (const line of lines)
      expect(byReference.get(line.reference)).toMatchObject({
        amount: line.amount,
        channel: 'ACH',
        detail: `Unknown account ${line.accountNumber}`,
        workItem: { status: 'OPEN', kind: 'SUSPENSE_PAYMENT', queue: { key: 'UNAPPLIED_CASH' } },
      });
    expect(new Set(held.map((s: { workItem: { id: string } }) => s.workItem.id)).size).toBe(450);
  });

  it("reverses a returned line's payment and charges the segment's returned-payment fee once", async () => {
    const segment = `RET_${process.pid}`;
    await gqlOk(
      t.url,
      'mutation($input: BillingRulesInput!) { setBillingRules(input: $input) { returnedPaymentFee } }',
      { input: { segment, highConsumptionFactor: '5', swingPercent: '500', paymentTermsDays: 30, returnedPaymentFee: '25.00' } },
      t.adminToken,
    );
    const a = await accountWithInvoices(t, PERIODS, { segment });
    const reference = unique('nsf');
    expect(await importLines([{ reference, amount: '40.90', accountNumber: a.number }])).toMatchObject({ matched: 1 });
    expect((await state(a.id)).balance).toBe('0.00');
    const returned = [{ reference: unique('ret'), amount: '40.90', returned: true, returnedReference: reference }];
    expect(await importLines(returned)).toEqual({ matched: 0, suspense: 0, returned: 1, duplicates: 0, rejected: [] });
    const after = await state(a.id);
    expect(after.payments.nodes[0]).toMatchObject({ reference, status: 'REVERSED' });
    const fees = after.invoices.nodes.filter((i: { lines: Array<{ kind: string }> }) => i.lines.some((l) => l.kind === 'FEE'));
    expect(fees).toHaveLength(1);
    expect(fees[0]).toMatchObject({ total: '25.00', status: 'ISSUED' });
    expect(after.balance).toBe('65.90');
    // The return again: nothing reversed twice, no second fee.
    expect(await importLines(returned)).toMatchObject({ returned: 0, duplicates: 1, rejected: [] });
    expect((await state(a.id)).balance).toBe('65.90');
  });

  it('rejects a returned line naming no known payment, and bad lines, with their index; keeps the others', async () => {
    const a = await account(t);
    const result = await importLines([
      { reference: unique('ok'), amount: '3.00', accountNumber: a.number },
      { reference: unique('ret'), amount: '3.00', returned: true, returnedReference: unique('never') },
      { reference: unique('neg'), amount: '-1.00', accountNumber: a.number },
      { reference: '  ', amount: '1.00', accountNumber: a.number },
      { reference: unique('ret'), amount: '3.00', returned: true },
    ]);
    expect(result).toMatchObject({ matched: 1, suspense: 0, returned: 0, duplicates: 0 });
    expect(result.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [1, 'UNKNOWN_RETURNED_PAYMENT'],
      [2, 'INVALID_LINE'],
      [3, 'INVALID_LINE'],
      [4, 'INVALID_LINE'],
    ]);
    expect((await state(a.id)).balance).toBe('-3.00');
  });

  it('refuses more than 10,000 lines and changes nothing', async () => {
    const lines = Array.from({ length: 10_001 }, (_, i) => ({ reference: `too-many-${process.pid}-${i}`, amount: '1.00' }));
    const result = await gql(t.url, IMPORT, { channel: 'ACH', lines }, integrator);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    const open = (await gqlOk(t.url, SUSPENSE, { status: 'OPEN' }, t.adminToken)).suspensePayments;
    expect(open.some((s: { reference: string }) => s.reference.startsWith(`too-many-${process.pid}-`))).toBe(false);
  });
});
