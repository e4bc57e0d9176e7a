import { addDays } from '../../server/src/common/dates';
import { errorCode, gql, gqlOk } from '../support/client';
import { account, unique } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { balance, customer, FEB, invoices, JAN, reads, record, RECORD, run, segments } from './corrections-support';

let t: TestHub;
let open: string;
let holding: string;
beforeAll(async () => {
  t = await startTestHub();
  ({ open, holding } = await segments(t));
});
afterAll(async () => checkMoneyAndStop(t));

const CANCEL = 'mutation($id: ID!, $reason: String!) { cancelUsageRead(id: $id, reason: $reason) { id status } }';
const VOID =
  'mutation($id: ID!, $reason: String!, $cancel: Boolean) { voidInvoice(id: $id, reason: $reason, cancelReads: $cancel) { id status voidReason } }';

describe('an actual read arriving after its estimate was billed', () => {
  it('credits the estimate, bills the actual on a rebill invoice with no fixed charge, and the totals come out exact', async () => {
    const a = await customer(t, open, true);
    expect(await record(t, [{ accountNumber: a.number, ...JAN, quantity: '100', estimated: true }])).toMatchObject({ accepted: 1 });
    await run(t, '2026-02-01');
    const [first] = await invoices(t, a.id);
    // 100 kWh at 0.10 (estimated), 9.95 fixed, 10 % off the usage.
    expect(first.total).toBe('18.95');
    const usage = first.lines.find((l) => l.kind === 'USAGE');
    expect(usage).toMatchObject({ amount: '10.00', register: 'TOTAL', estimated: true });
    expect(usage?.description).toMatch(/estimated/);
    expect(first.lines.find((l) => l.kind === 'FIXED')).toMatchObject({ estimated: false, register: null });

    const replaced = await record(t, [{ accountNumber: a.number, ...JAN, quantity: '120' }]);
    expect(replaced).toEqual({ accepted: 0, duplicates: 0, replaced: 1, rejected: [] });
    const [estimate] = await reads(t, a.id, 'REPLACED');
    const [actual] = await reads(t, a.id, 'UNBILLED');
    expect(estimate).toMatchObject({
      estimated: true,
      quantity: '100',
      invoice: { id: first.id },
      replacedBy: { id: actual.id, quantity: '120' },
    });
    expect(actual).toMatchObject({ estimated: false, status: 'UNBILLED', replacedBy: null });

    // The credit note takes back exactly the estimate's usage less its share of the promo: 10.00 - 1.00.
    const [credited] = await invoices(t, a.id);
    expect(credited.amountCredited).toBe('9.00');
    expect(credited.creditNotes).toHaveLength(1);
    expect(credited.creditNotes[0].total).toBe('9.00');
    expect(credited.creditNotes[0].lines.map((l) => [l.kind, l.amount])).toEqual([
      ['USAGE', '10.00'],
      ['CREDIT', '-1.00'],
    ]);

    // Sending the actual again changes nothing: it is a duplicate now.
    expect(await record(t, [{ accountNumber: a.number, ...JAN, quantity: '120' }])).toMatchObject({ duplicates: 1, replaced: 0 });

    await run(t, '2026-02-02');
    const all = await invoices(t, a.id);
    expect(all).toHaveLength(2);
    const rebill = all[1];
    expect(rebill.lines.map((l) => l.kind)).toEqual(['USAGE', 'CREDIT']);
    expect(rebill.lines[0]).toMatchObject({ amount: '12.00', estimated: false, register: 'TOTAL' });
    expect(rebill.lines[0].description).toContain(`Corrects ${first.number}: actual read replaces estimate`);
    expect(rebill.lines[1].amount).toBe('-1.20');
    expect(rebill.total).toBe('10.80');
    // What the customer owes is the fixed charge and the actual usage less the promo: 9.95 + 12.00 - 1.20.
    expect(await balance(t, a.id)).toBe('20.75');
    expect(await reads(t, a.id, 'BILLED')).toMatchObject([{ id: actual.id, invoice: { id: rebill.id } }]);

    const events = await gqlOk(
      t.url,
      'query { events(types: [USAGE_READ_REPLACED], first: 500) { nodes { subjectId accountNumber payload } } }',
      {},
      t.adminToken,
    );
    expect(events.events.nodes.find((e: { subjectId: string }) => e.subjectId === estimate.id)).toMatchObject({
      accountNumber: a.number,
      payload: { replacedById: actual.id, billedOn: first.id, estimated: true, newEstimated: false },
    });
  });
  it("issues the rebill without weighing it against the previous month's bill (no BILL_SWING hold)", async () => {
    const swinging = unique('SWING').replace(/-/g, '_').toUpperCase();
    await gqlOk(
      t.url,
      'mutation($input: BillingRulesInput!) { setBillingRules(input: $input) { segment } }',
      { input: { segment: swinging, highConsumptionFactor: '1000', swingPercent: '50', paymentTermsDays: 21 } },
      t.adminToken,
    );
    const a = await customer(t, swinging);
    await record(t, [{ accountNumber: a.number, periodStart: '2025-12-01', periodEnd: '2026-01-01', quantity: '100', estimated: false }]);
    await run(t, '2026-01-01');
    await record(t, [{ accountNumber: a.number, ...JAN, quantity: '100', estimated: true }]);
    await run(t, '2026-02-01');
    expect((await invoices(t, a.id)).map((i) => [i.status, i.total])).toEqual([
      ['ISSUED', '19.95'],
      ['ISSUED', '19.95'],
    ]);
    // The actual read is a fifth of the estimate: the rebill of 2.00 is 90 % below December's bill, and is no month's bill.
    await record(t, [{ accountNumber: a.number, ...JAN, quantity: '20' }]);
    await run(t, '2026-02-02');
    const rebill = (await invoices(t, a.id))[2];
    expect(rebill).toMatchObject({ status: 'ISSUED', total: '2.00' });
    expect(rebill.lines.map((l) => l.kind)).toEqual(['USAGE']);
    // 19.95 + 19.95 - 10.00 credited + 2.00
    expect(await balance(t, a.id)).toBe('31.90');
  });

  it("is billed as an ordinary read, fixed charge included, once the estimate's invoice is credited in full to be billed again", async () => {
    const a = await customer(t, open, true);
    await record(t, [{ accountNumber: a.number, ...JAN, quantity: '100', estimated: true }]);
    await run(t, '2026-02-01');
    const [first] = await invoices(t, a.id);
    await record(t, [{ accountNumber: a.number, ...JAN, quantity: '120' }]);
    await gqlOk(
      t.url,
      'mutation($input: CreditInvoiceInput!) { creditInvoice(input: $input) { id total } }',
      { input: { invoiceId: first.id, reason: 'Rate was wrong; bill again', rebill: true } },
      t.adminToken,
    );
    await run(t, '2026-02-02');
    const next = (await invoices(t, a.id))[1];
    expect(next.lines.map((l) => l.kind)).toEqual(['USAGE', 'FIXED', 'CREDIT']);
    expect(next.lines[0].description).not.toMatch(/Corrects/);
    expect(next.total).toBe('20.75');
    expect(await balance(t, a.id)).toBe('20.75');
  });
});

describe('a corrected read', () => {
  it('conflicts unless it says replace; with replace it credits the billed read and is billed again', async () => {
    const a = await customer(t, open);
    await record(t, [{ accountNumber: a.number, ...FEB, quantity: '50' }]);
    await run(t, '2026-03-01');
    const [first] = await invoices(t, a.id);
    expect(first.total).toBe('14.95');

    const conflicting = await record(t, [{ accountNumber: a.number, ...FEB, quantity: '55' }]);
    expect(conflicting.rejected).toEqual([{ index: 0, code: 'CONFLICTING_READ', message: expect.stringMatching(/replace: true/) }]);
    // An estimate does not replace an actual read either.
    const estimate = await record(t, [{ accountNumber: a.number, ...FEB, quantity: '55', estimated: true }]);
    expect(estimate.rejected.map((r: { code: string }) => r.code)).toEqual(['CONFLICTING_READ']);

    expect(await record(t, [{ accountNumber: a.number, ...FEB, quantity: '55', replace: true }])).toMatchObject({ replaced: 1 });
    const [credited] = await invoices(t, a.id);
    expect(credited.amountCredited).toBe('5.00');
    expect(credited.amountDue).toBe('9.95');

    await run(t, '2026-03-02');
    const rebill = (await invoices(t, a.id))[1];
    expect(rebill.total).toBe('5.50');
    expect(rebill.lines).toHaveLength(1);
    expect(rebill.lines[0].description).toContain(`Corrects ${first.number}: corrected read`);
    expect(await balance(t, a.id)).toBe('15.45');
  });

  it('an estimate and its actual read in one call: the actual is stored, counted in replaced, and no event names the estimate', async () => {
    const a = await customer(t, open);
    const sent = await record(t, [
      { accountNumber: a.number, ...JAN, quantity: '50', estimated: true },
      { accountNumber: a.number, ...JAN, quantity: '60' },
      { accountNumber: a.number, ...JAN, quantity: '60' },
    ]);
    // Each read sent is counted once: the estimate accepted, the actual taking its place, the repeat a duplicate.
    expect(sent).toEqual({ accepted: 1, duplicates: 1, replaced: 1, rejected: [] });
    expect((await reads(t, a.id)).map((r) => [r.quantity, r.estimated, r.status])).toEqual([['60', false, 'UNBILLED']]);
    const events = await gqlOk(t.url, '{ events(types: [USAGE_READ_REPLACED], first: 500) { nodes { accountNumber } } }', {}, t.adminToken);
    expect(events.events.nodes.filter((e: { accountNumber: string }) => e.accountNumber === a.number)).toEqual([]);
  });

  it('a read that replaces an unbilled one simply takes its place', async () => {
    const a = await customer(t, open);
    await record(t, [{ accountNumber: a.number, ...JAN, quantity: '10', estimated: true }]);
    expect(await record(t, [{ accountNumber: a.number, ...JAN, quantity: '20', estimated: true, replace: true }])).toMatchObject({
      replaced: 1,
    });
    await run(t, '2026-02-01');
    const [only] = await invoices(t, a.id);
    expect(only.total).toBe('11.95');
    expect(only.lines.find((l) => l.kind === 'USAGE')?.description).not.toMatch(/Corrects/);
  });
});

describe('cancelling a read', () => {
  it('an unbilled read is never billed; a billed one is credited; a cancelled one cannot be cancelled again', async () => {
    const a = await customer(t, open);
    await record(t, [
      { accountNumber: a.number, ...JAN, quantity: '30' },
      { accountNumber: a.number, ...FEB, quantity: '40' },
    ]);
    await run(t, '2026-02-01');
    const [billed, waiting] = [(await reads(t, a.id, 'BILLED'))[0], (await reads(t, a.id, 'UNBILLED'))[0]];
    expect(billed.periodStart).toBe(JAN.periodStart);

    expect(
      (await gqlOk(t.url, CANCEL, { id: waiting.id, reason: 'Meter swapped; read belongs to another meter' }, t.adminToken))
        .cancelUsageRead,
    ).toEqual({ id: waiting.id, status: 'CANCELLED' });
    expect((await gqlOk(t.url, CANCEL, { id: billed.id, reason: 'Entered twice' }, t.adminToken)).cancelUsageRead.status).toBe('CANCELLED');
    const [first] = await invoices(t, a.id);
    expect(first.amountCredited).toBe('3.00');
    expect(first.amountDue).toBe('9.95');

    await run(t, '2026-03-01');
    expect(await invoices(t, a.id)).toHaveLength(1);
    expect(await reads(t, a.id, 'CANCELLED')).toHaveLength(2);

    const again = await gql(t.url, CANCEL, { id: billed.id, reason: 'again' }, t.adminToken);
    expect(errorCode(again)).toBe('INVALID_STATE');
    expect(errorCode(await gql(t.url, CANCEL, { id: '99999999', reason: 'x' }, t.adminToken))).toBe('NOT_FOUND');
    expect(errorCode(await gql(t.url, CANCEL, { id: 'abc', reason: 'x' }, t.adminToken))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(t.url, CANCEL, { id: billed.id, reason: '  ' }, t.adminToken))).toBe('BAD_USER_INPUT');
    // A new read for the cancelled period is accepted as new.
    expect(await record(t, [{ accountNumber: a.number, ...FEB, quantity: '41' }])).toMatchObject({ accepted: 1 });
  });
});

describe('held invoices', () => {
  it('voided with cancelReads: its reads are cancelled and the next run does not bill them', async () => {
    const a = await customer(t, holding);
    await record(t, [{ accountNumber: a.number, ...JAN, quantity: '500' }]);
    await run(t, '2026-02-01');
    const [held] = await invoices(t, a.id);
    expect(held.status).toBe('HELD');
    const voided = await gqlOk(t.url, VOID, { id: held.id, reason: 'Meter fault: read is wrong', cancel: true }, t.adminToken);
    expect(voided.voidInvoice).toEqual({ id: held.id, status: 'VOID', voidReason: 'Meter fault: read is wrong' });
    expect((await reads(t, a.id)).map((r) => r.status)).toEqual(['CANCELLED']);
    await run(t, '2026-02-02');
    expect(await invoices(t, a.id)).toHaveLength(1);
  });

  it('voided without cancelReads: its reads are billed again by the next run', async () => {
    const a = await customer(t, holding);
    await record(t, [{ accountNumber: a.number, ...JAN, quantity: '500' }]);
    await run(t, '2026-02-01');
    const [held] = await invoices(t, a.id);
    await gqlOk(t.url, VOID, { id: held.id, reason: 'Try again' }, t.adminToken);
    expect((await reads(t, a.id)).map((r) => r.status)).toEqual(['UNBILLED']);
    await run(t, '2026-02-02');
    expect((await invoices(t, a.id)).map((i) => i.status)).toEqual(['VOID', 'HELD']);
  });

  it('a read replaced while on a HELD invoice voids it; its other reads and the replacement are billed next', async () => {
    const a = await customer(t, holding);
    await record(t, [
      { accountNumber: a.number, ...JAN, quantity: '500', estimated: true },
      { accountNumber: a.number, ...FEB, quantity: '10' },
    ]);
    await run(t, '2026-03-01');
    const [held] = await invoices(t, a.id);
    expect(held.status).toBe('HELD');
    // An integrator's feed sends the replacement.
    const replaced = await gqlOk(
      t.url,
      RECORD,
      { reads: [{ accountNumber: a.number, ...JAN, quantity: '5' }] },
      await t.apiKey('INTEGRATOR'),
    );
    expect(replaced.recordUsage).toMatchObject({ replaced: 1 });
    const [voided] = await invoices(t, a.id);
    expect(voided).toMatchObject({ status: 'VOID', voidReason: expect.stringMatching(/read replaced/) });
    // What every reader sees of it names the key only as "apikey": its name is the admins' (in the audit log).
    const resolved = await gqlOk(t.url, '{ events(types: [EXCEPTION_RESOLVED], first: 500) { nodes { payload } } }', {}, t.adminToken);
    const resolution = resolved.events.nodes
      .map((e: { payload: { invoiceId: string; resolution: string } }) => e.payload)
      .find((p: { invoiceId: string }) => p.invoiceId === held.id);
    expect(resolution.resolution).toMatch(/^Voided by apikey: read replaced/);
    expect((await reads(t, a.id, 'UNBILLED')).map((r) => r.quantity).sort()).toEqual(['10', '5']);
    await run(t, '2026-03-02');
    const next = (await invoices(t, a.id))[1];
    // 15 kWh and the fixed charge: an ordinary invoice, not a rebill.
    expect(next.total).toBe('11.45');
    expect(next.lines.some((l) => /Corrects/.test(l.description))).toBe(false);
  });
});

describe('registers and bad input', () => {
  it('keeps registers apart, checks the register, and takes replace with no stored twin as a new read', async () => {
    const a = await customer(t, open);
    const result = await record(t, [
      { accountNumber: a.number, ...JAN, quantity: '10', register: 'ON_PEAK' },
      { accountNumber: a.number, ...JAN, quantity: '20', register: 'OFF_PEAK' },
      { accountNumber: a.number, ...JAN, quantity: '30' },
      { accountNumber: a.number, ...JAN, quantity: '1', register: 'on-peak' },
      { accountNumber: a.number, ...JAN, quantity: '1', register: 'A_VERY_LONG_REGISTER' },
      { accountNumber: a.number, periodStart: '2026-01-15', periodEnd: '2026-02-15', quantity: '1', register: 'ON_PEAK' },
      { accountNumber: a.number, ...FEB, quantity: '7', replace: true },
      { accountNumber: a.number, ...JAN, quantity: '10', register: 'ON_PEAK' },
    ]);
    expect(result.accepted).toBe(4);
    expect(result.duplicates).toBe(1);
    expect(result.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [3, 'INVALID_VALUE'],
      [4, 'INVALID_VALUE'],
      [5, 'OVERLAP'],
    ]);
    expect(result.rejected[0].message).toMatch(/register "on-peak" must be 1 to 16 characters A-Z, 0-9 and _/);
    const stored = await reads(t, a.id);
    expect(stored.map((r) => r.register).sort()).toEqual(['OFF_PEAK', 'ON_PEAK', 'TOTAL', 'TOTAL']);
    const one = await gqlOk(
      t.url,
      'query($id: ID!) { usageRead(id: $id) { id register account { id } } }',
      { id: stored[0].id },
      t.adminToken,
    );
    expect(one.usageRead.account.id).toBe(a.id);
    expect((await gqlOk(t.url, 'query { usageRead(id: "99999999") { id } }', {}, t.adminToken)).usageRead).toBeNull();
  });

  it("pages an account's reads and refuses bad void requests", async () => {
    const a = await customer(t, open);
    await record(
      t,
      [0, 1, 2].map((i) => ({ accountNumber: a.number, periodStart: `2026-0${i + 1}-01`, periodEnd: `2026-0${i + 2}-01`, quantity: '1' })),
    );
    const page = await gqlOk(
      t.url,
      'query($id: ID) { account(id: $id) { usageReads(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { periodStart } } } }',
      { id: a.id },
      t.adminToken,
    );
    expect(page.account.usageReads).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    expect(page.account.usageReads.nodes.map((n: { periodStart: string }) => n.periodStart)).toEqual(['2026-03-01', '2026-02-01']);

    await run(t, '2026-04-01');
    const [issued] = await invoices(t, a.id);
    await gqlOk(
      t.url,
      'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }',
      { input: { accountNumber: a.number, amount: issued.total, channel: 'ACH', idempotencyKey: `pay-${a.number}` } },
      t.adminToken,
    );
    expect(errorCode(await gql(t.url, VOID, { id: issued.id, reason: 'no' }, t.adminToken))).toBe('INVALID_STATE');
    expect(errorCode(await gql(t.url, VOID, { id: issued.id, reason: ' ' }, t.adminToken))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(t.url, VOID, { id: '99999999', reason: 'x' }, t.adminToken))).toBe('NOT_FOUND');
    // A read billed on a PAID invoice is still credited when corrected.
    expect(await record(t, [{ accountNumber: a.number, ...JAN, quantity: '2', replace: true }])).toMatchObject({ replaced: 1 });
    expect((await invoices(t, a.id))[0]).toMatchObject({ status: 'PAID', amountCredited: '0.10' });
  });
});

describe('at scale', () => {
  it('replaces 10,000 estimates by actual reads in one call', async () => {
    const accounts = await Promise.all(Array.from({ length: 20 }, () => account(t, { segment: open })));
    const readsOf = (estimated: boolean) =>
      accounts.flatMap((a) =>
        Array.from({ length: 500 }, (_, i) => ({
          accountNumber: a.number,
          periodStart: addDays('2030-01-01', i * 2),
          periodEnd: addDays('2030-01-01', i * 2 + 2),
          quantity: estimated ? '10' : `${(i % 13) + 1}.5`,
          estimated,
        })),
      );
    expect(await record(t, readsOf(true))).toMatchObject({ accepted: 10_000, rejected: [] });
    // How fast it goes is the ingest bench's to measure (npm run bench -- --only ingest), not this test's.
    expect(await record(t, readsOf(false))).toEqual({ accepted: 0, duplicates: 0, replaced: 10_000, rejected: [] });
    const listed = await reads(t, accounts[0].id, 'REPLACED');
    expect(listed).toHaveLength(100);
    expect(listed[0].replacedBy).not.toBeNull();
    expect(await record(t, readsOf(false).slice(0, 500))).toMatchObject({ duplicates: 500, replaced: 0 });
  }, 120_000);
});
