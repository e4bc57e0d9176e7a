import { errorCode, gql, gqlOk } from '../support/client';
import { account, unique } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { sql } from '../support/sql';

/**
 * Identifiers are compared exactly on both databases. The scratch MariaDB
 * databases are created with utf8mb4_unicode_ci, as a real server's default,
 * which ignores case and accents: without an explicit binary collation on each
 * identifier column, every pair below would be one value there.
 */
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => checkMoneyAndStop(t));

const RECORD_PAYMENT = 'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id amount account { number } } }';

/** Pairs a MariaDB server's default collation takes for one value: case, accents, ß and ss, full-width letters. */
const LOOK_ALIKES: Array<[string, string]> = [
  ['CHK-abc', 'chk-ABC'],
  ['CHK-1001-é', 'CHK-1001-e'],
  ['CHK-straße', 'CHK-strasse'],
  ['CHK-Ｘ7', 'CHK-X7'],
];

describe('identifiers that differ only in case or accents', () => {
  it('records two cheques whose idempotency keys differ only in case, accents or width as two payments', async () => {
    const customer = await account(t);
    const ids = new Set<string>();
    for (const [first, second] of LOOK_ALIKES) {
      for (const key of [first, second]) {
        const prefix = unique('K');
        const data = await gqlOk(
          t.url,
          RECORD_PAYMENT,
          {
            input: { accountNumber: customer.number, amount: '25.00', channel: 'CHECK', idempotencyKey: `${prefix}-${key}` },
          },
          t.adminToken,
        );
        ids.add(data.recordPayment.id);
        // The same key again is the same payment: idempotency still holds, exactly.
        const again = await gqlOk(
          t.url,
          RECORD_PAYMENT,
          {
            input: { accountNumber: customer.number, amount: '25.00', channel: 'CHECK', idempotencyKey: `${prefix}-${key}` },
          },
          t.adminToken,
        );
        expect(again.recordPayment.id).toBe(data.recordPayment.id);
      }
    }
    expect(ids.size).toBe(LOOK_ALIKES.length * 2);
    // A pair under one prefix: the second key of a pair must not answer with the first's payment.
    const customer2 = await account(t);
    for (const [first, second] of LOOK_ALIKES) {
      const a = await gqlOk(
        t.url,
        RECORD_PAYMENT,
        {
          input: { accountNumber: customer2.number, amount: '10.00', channel: 'CHECK', idempotencyKey: first },
        },
        t.adminToken,
      );
      const b = await gqlOk(
        t.url,
        RECORD_PAYMENT,
        {
          input: { accountNumber: customer2.number, amount: '10.00', channel: 'CHECK', idempotencyKey: second },
        },
        t.adminToken,
      );
      expect({ first, second, same: a.recordPayment.id === b.recordPayment.id }).toEqual({ first, second, same: false });
    }
    const paid = await gqlOk(
      t.url,
      'query($n: String) { account(number: $n) { balance payments { totalCount } } }',
      { n: customer2.number },
      t.adminToken,
    );
    expect(paid.account).toEqual({ balance: '-80.00', payments: { totalCount: 8 } });
  });

  it('keeps accounts whose numbers differ only in case apart, and pays the one named', async () => {
    const suffix = unique('x').replace(/-/g, '');
    const lower = await account(t, { number: `acc-${suffix}` });
    const upper = await account(t, { number: `ACC-${suffix.toUpperCase()}` });
    expect(lower.id).not.toBe(upper.id);
    const paid = await gqlOk(
      t.url,
      RECORD_PAYMENT,
      {
        input: { accountNumber: upper.number, amount: '5.00', channel: 'ACH', idempotencyKey: unique('acct-case') },
      },
      t.adminToken,
    );
    expect(paid.recordPayment.account.number).toBe(upper.number);
    const both = await gqlOk(
      t.url,
      'query($a: String, $b: String) { a: account(number: $a) { id balance } b: account(number: $b) { id balance } }',
      { a: lower.number, b: upper.number },
      t.adminToken,
    );
    expect(both).toEqual({ a: { id: lower.id, balance: '0.00' }, b: { id: upper.id, balance: '-5.00' } });
    // A number that matches neither exactly finds nothing; it is never taken for a look-alike.
    const none = await gql(t.url, 'query($n: String) { account(number: $n) { id } }', { n: `Acc-${suffix}` }, t.adminToken);
    expect(none.data?.account ?? null).toBeNull();
    // Search stays forgiving: it is for people, and finds both spellings.
    const found = await gqlOk(t.url, 'query($s: String) { accounts(search: $s) { nodes { id } } }', { s: `acc-${suffix}` }, t.adminToken);
    expect(found.accounts.nodes.map((n: { id: string }) => n.id).sort()).toEqual([lower.id, upper.id].sort());
  });

  it('keeps products whose codes differ only in case apart', async () => {
    const suffix = unique('p').replace(/-/g, '');
    const create = (code: string) =>
      gql(
        t.url,
        'mutation($input: CreateProductInput!) { createProduct(input: $input) { id code } }',
        { input: { code, name: `Product ${code}`, unit: 'kWh', fixedCharge: '1.00' } },
        t.adminToken,
      );
    const lower = await create(`gas-${suffix}`);
    const upper = await create(`GAS-${suffix.toUpperCase()}`);
    expect([errorCode(lower), errorCode(upper)]).toEqual([undefined, undefined]);
    const found = await gqlOk(
      t.url,
      'query($a: String, $b: String) { a: product(code: $a) { id } b: product(code: $b) { id } }',
      { a: `gas-${suffix}`, b: `GAS-${suffix.toUpperCase()}` },
      t.adminToken,
    );
    expect(found).toEqual({ a: { id: lower.data?.createProduct.id }, b: { id: upper.data?.createProduct.id } });
    // The exact code again is still a conflict.
    expect(errorCode(await create(`gas-${suffix}`))).toBe('CONFLICT');
  });

  it('collates every identifier column binary on MySQL, and none without case on SQLite', async () => {
    // Identifier-looking columns; a new one created with varchar instead of the `identifier` column builder shows up here.
    const IDENTIFIER =
      /(^|_)(key|code|number|username|digest|status|kind|type|role|segment|channel|action|severity|reference|actor|zone|register)$|^subject_id$/;
    if (t.hub.db.dialect === 'mysql') {
      const rows = await sql(
        t,
        `SELECT table_name AS t, column_name AS c, collation_name AS k FROM information_schema.columns
          WHERE table_schema = DATABASE() AND data_type IN ('varchar', 'char') AND table_name <> 'migrations'`,
      );
      const loose = rows.filter((r) => IDENTIFIER.test(String(r.c)) && r.k !== 'utf8mb4_bin').map((r) => `${r.t}.${r.c} (${r.k})`);
      expect(loose).toEqual([]);
      expect(rows.filter((r) => IDENTIFIER.test(String(r.c))).length).toBeGreaterThan(40);
    } else {
      const tables = await sql(t, "SELECT name, sql FROM sqlite_master WHERE type = 'table'");
      expect(tables.filter((r) => /collate\s+nocase/i.test(String(r.sql))).map((r) => r.name)).toEqual([]);
    }
  });
});
