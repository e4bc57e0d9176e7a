import { errorCode, gql, gqlOk } from '../support/client';
import { daysFromToday } from '../support/dates';
import { account, publishedProduct, unique } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { sql, int } from '../support/sql';
import { createPath, pay, runCollections } from '../collections/helpers';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => checkMoneyAndStop(t));

const IMPORT = `mutation($rows: [AccountImportInput!]!, $dryRun: Boolean) {
  importAccounts(rows: $rows, dryRun: $dryRun) { accepted duplicates rejected { index code message } } }`;
const STATE = `query($n: String) { account(number: $n) { id number name email segment status balance pastDue daysPastDue
  collectionsPath { name } enrollments { product { code } promoCode startDate }
  invoices { nodes { number status issueDate dueDate total amountDue lines { kind description amount } } } } }`;

interface ImportResult {
  accepted: number;
  duplicates: number;
  rejected: Array<{ index: number; code: string; message: string }>;
}

async function importRows(rows: Array<Record<string, unknown>>, dryRun?: boolean, token = t.adminToken): Promise<ImportResult> {
  return (await gqlOk(t.url, IMPORT, { rows, dryRun: dryRun ?? null }, token)).importAccounts;
}

async function state(number: string) {
  return (await gqlOk(t.url, STATE, { n: number }, t.adminToken)).account;
}

function row(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const number = unique('IMP');
  return { number, name: `Customer ${number}`, segment: 'residential', ...overrides };
}

describe('importAccounts', () => {
  it('creates good rows with enrollment and opening balance, rejects bad ones by index, counts re-sent rows as duplicates', async () => {
    const product = await publishedProduct(t, {}, '2020-01-01');
    const taken = await account(t);
    const good = row({
      email: 'ana@example.com',
      productCode: product.code,
      startDate: '2024-03-01',
      openingBalance: [
        { legacyNumber: 'OLD-1001', issueDate: daysFromToday(-50), dueDate: daysFromToday(-40), amount: '80.25' },
        { legacyNumber: 'OLD-1002', issueDate: daysFromToday(-20), dueDate: daysFromToday(-5), amount: '19.75' },
      ],
    });
    const plain = row({ segment: 'vip' });
    const rows = [
      good,
      row({ email: 'not-an-email' }),
      row({ productCode: 'NO-SUCH-PRODUCT', startDate: '2024-01-01' }),
      { ...plain },
      { ...plain },
      { ...plain, name: 'Someone else' },
      row({ number: taken.number }),
      row({ productCode: product.code, startDate: '2019-06-01' }),
      row({ openingBalance: [{ legacyNumber: 'X', issueDate: '2026-01-10', dueDate: '2026-01-01', amount: '5.00' }] }),
      row({ openingBalance: [{ legacyNumber: 'X', issueDate: '2026-01-01', dueDate: '2026-01-10', amount: '0' }] }),
      row({ openingBalance: [{ legacyNumber: 'X', issueDate: '2026-01-01', dueDate: '2026-13-10', amount: '5.00' }] }),
      row({ collectionsPathId: '999999' }),
      row({ startDate: '2024-01-01' }),
    ];
    const result = await importRows(rows);
    expect(result.accepted).toBe(2);
    expect(result.duplicates).toBe(1);
    expect(result.rejected.map((r) => [r.index, r.code])).toEqual([
      [1, 'INVALID_VALUE'],
      [2, 'UNKNOWN_PRODUCT'],
      [5, 'ACCOUNT_EXISTS'],
      [6, 'ACCOUNT_EXISTS'],
      [7, 'NOT_ON_SALE'],
      [8, 'INVALID_OPENING_BALANCE'],
      [9, 'INVALID_OPENING_BALANCE'],
      [10, 'INVALID_VALUE'],
      [11, 'UNKNOWN_COLLECTIONS_PATH'],
      [12, 'INVALID_VALUE'],
    ]);
    expect(result.rejected[0].message).toMatch(/email/);
    expect(result.rejected[7].message).toMatch(/openingBalance\[0\]\.dueDate/);

    const imported = await state(good.number as string);
    expect(imported).toMatchObject({
      status: 'ACTIVE',
      segment: 'RESIDENTIAL',
      balance: '100.00',
      pastDue: '100.00',
      daysPastDue: 40,
      enrollments: [{ product: { code: product.code }, startDate: '2024-03-01', promoCode: null }],
    });
    const invoices = imported.invoices.nodes.sort((a: { dueDate: string }, b: { dueDate: string }) => a.dueDate.localeCompare(b.dueDate));
    expect(invoices).toEqual([
      expect.objectContaining({
        status: 'ISSUED',
        issueDate: daysFromToday(-50),
        dueDate: daysFromToday(-40),
        total: '80.25',
        amountDue: '80.25',
      }),
      expect.objectContaining({
        status: 'ISSUED',
        issueDate: daysFromToday(-20),
        dueDate: daysFromToday(-5),
        total: '19.75',
        amountDue: '19.75',
      }),
    ]);
    expect(invoices[0].lines).toEqual([{ kind: 'CHARGE', description: expect.stringContaining('OLD-1001'), amount: '80.25' }]);
    expect((await state(plain.number as string)).segment).toBe('VIP');

    // The same call again creates nothing: the accepted rows are duplicates, the bad ones still rejected.
    const [{ n: before }] = await sql(t, 'SELECT COUNT(*) AS n FROM invoice');
    const again = await importRows(rows);
    expect(again.accepted).toBe(0);
    expect(again.duplicates).toBe(3);
    expect(again.rejected).toHaveLength(10);
    const [{ n: after }] = await sql(t, 'SELECT COUNT(*) AS n FROM invoice');
    expect(int(after)).toBe(int(before));
    // A changed row for an imported number is refused, saying how to change it.
    const changed = await importRows([{ ...good, name: 'Renamed' }]);
    expect(changed.rejected).toEqual([{ index: 0, code: 'ACCOUNT_EXISTS', message: expect.stringMatching(/updateAccount/) }]);
  });

  it('sees opening balances in aging, collections and payments', async () => {
    const path = await createPath(t, {
      name: unique('Migrated'),
      segments: ['MIGRATED'],
      steps: [{ name: 'Reminder', daysPastDue: 30, minPastDue: '0', action: 'REMINDER', template: 'Pay {{pastDue}}' }],
    });
    const before = (
      await gqlOk(t.url, 'query($d: Date) { kpis(asOf: $d) { receivables aging { days31to60 } } }', { d: daysFromToday() }, t.adminToken)
    ).kpis;
    const r = row({
      segment: 'MIGRATED',
      collectionsPathId: path.id,
      openingBalance: [{ legacyNumber: 'L-77', issueDate: daysFromToday(-60), dueDate: daysFromToday(-45), amount: '120.00' }],
    });
    expect((await importRows([r])).accepted).toBe(1);
    const kpis = (
      await gqlOk(t.url, 'query($d: Date) { kpis(asOf: $d) { receivables aging { days31to60 } } }', { d: daysFromToday() }, t.adminToken)
    ).kpis;
    expect(Number(kpis.aging.days31to60) - Number(before.aging.days31to60)).toBeCloseTo(120, 2);
    expect(Number(kpis.receivables) - Number(before.receivables)).toBeCloseTo(120, 2);

    await runCollections(t, daysFromToday());
    const collected = (
      await gqlOk(
        t.url,
        'query($n: String) { account(number: $n) { collectionsPath { id } collectionsActions { action detail } } }',
        { n: r.number },
        t.adminToken,
      )
    ).account;
    expect(collected.collectionsPath.id).toBe(path.id);
    expect(collected.collectionsActions).toEqual([{ action: 'REMINDER', detail: 'Pay 120.00' }]);

    // A payment goes to the carried-over invoice like to any other.
    await pay(t, r.number as string, '120.00', t.adminToken);
    const paid = await state(r.number as string);
    expect(paid).toMatchObject({ balance: '0.00', pastDue: '0.00' });
    expect(paid.invoices.nodes[0].status).toBe('PAID');
  });

  it('counts promo redemptions and refuses rows past the limit', async () => {
    const product = await publishedProduct(t, { promoCodes: [{ code: 'WELCOME', percentOff: '10', maxRedemptions: 2 }] }, '2020-01-01');
    const rows = [0, 1, 2].map(() => row({ productCode: product.code, startDate: '2024-01-01', promoCode: 'welcome' }));
    const result = await importRows(rows);
    expect(result.accepted).toBe(2);
    expect(result.rejected).toEqual([{ index: 2, code: 'INVALID_PROMO_CODE', message: expect.stringMatching(/no redemptions left/) }]);
    expect((await state(rows[0].number as string)).enrollments[0].promoCode).toBe('WELCOME');
  });

  it('answers a dry run like the import and writes nothing', async () => {
    const rows = [
      row({ openingBalance: [{ legacyNumber: 'D1', issueDate: daysFromToday(-3), dueDate: daysFromToday(10), amount: '7.00' }] }),
      row({ email: 'x' }),
    ];
    // Other work of the hub (a run an earlier case started) may audit its own steps meanwhile: count the import's entries.
    const importAudits = "SELECT COUNT(*) AS n FROM audit_entry WHERE action IN ('importAccounts', 'importAccount')";
    const [{ n: audits }] = await sql(t, importAudits);
    const dry = await importRows(rows, true);
    expect(dry).toMatchObject({ accepted: 1, duplicates: 0, rejected: [{ index: 1, code: 'INVALID_VALUE' }] });
    expect(await state(rows[0].number as string)).toBeNull();
    const [{ n: auditsAfter }] = await sql(t, importAudits);
    expect(int(auditsAfter)).toBe(int(audits));
    expect((await importRows(rows)).accepted).toBe(1);
  });

  it('creates each account once when the same rows arrive in two calls at the same moment', async () => {
    const rows = Array.from({ length: 300 }, () =>
      row({ openingBalance: [{ legacyNumber: 'C-1', issueDate: daysFromToday(-5), dueDate: daysFromToday(10), amount: '3.00' }] }),
    );
    const [a, b] = await Promise.all([importRows(rows), importRows(rows)]);
    expect(a.rejected).toEqual([]);
    expect(b.rejected).toEqual([]);
    expect(a.accepted + b.accepted).toBe(300);
    expect(a.duplicates + b.duplicates).toBe(300);
    const numbers = rows.map((r) => r.number as string);
    const [{ n }] = await sql(
      t,
      `SELECT COUNT(*) AS n FROM invoice i JOIN account a ON a.id = i.account_id WHERE a.number IN (${numbers.map(() => '?').join(',')})`,
      numbers,
    );
    expect(int(n)).toBe(300n);
  });

  it('refuses more than 10,000 rows and callers that may not operate', async () => {
    const rows = Array.from({ length: 10_001 }, (_, i) => ({ number: `BIG-${i}`, name: 'x', segment: 'R' }));
    expect(errorCode(await gql(t.url, IMPORT, { rows }, t.adminToken))).toBe('BAD_USER_INPUT');
    expect((await sql(t, "SELECT id FROM account WHERE number = 'BIG-0'")).length).toBe(0);
    const integrator = await t.apiKey('INTEGRATOR');
    expect(errorCode(await gql(t.url, IMPORT, { rows: [row()] }, integrator))).toBe('FORBIDDEN');
  });

  it('imports 10,000 rows with opening balances in one call, quickly', async () => {
    const prefix = unique('BULK');
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      number: `${prefix}-${i}`,
      name: `Bulk customer ${i}`,
      segment: 'RESIDENTIAL',
      email: `c${i}@example.com`,
      openingBalance:
        i % 2 === 0 ? [{ legacyNumber: `B${i}`, issueDate: daysFromToday(-30), dueDate: daysFromToday(-10), amount: '12.34' }] : [],
    }));
    const started = Date.now();
    const result = await importRows(rows);
    const seconds = (Date.now() - started) / 1000;
    expect(result).toEqual({ accepted: 10_000, duplicates: 0, rejected: [] });
    expect(seconds).toBeLessThan(60);
    const [{ n }] = await sql(t, "SELECT COUNT(*) AS n FROM invoice WHERE kind = 'OPENING_BALANCE' AND total = 1234");
    expect(int(n)).toBe(5000n);
  });
});
