import { errorCode, gql, gqlOk } from '../support/client';
import { account, enroll, publishedProduct, unique } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => t?.stop());

const ACCOUNT = 'id number name email phone segment status createdAt enrollments { product { code } promoCode startDate endDate }';

describe('accounts', () => {
  it('creates an account and finds it by id, number, name or email', async () => {
    const created = (
      await gqlOk(
        t.url,
        `mutation($input: CreateAccountInput!) { createAccount(input: $input) { ${ACCOUNT} } }`,
        { input: { number: 'A-100200', name: 'Maria Lopez', email: 'maria@example.com', phone: '+1 (555) 010-2000', segment: 'vip' } },
        t.adminToken,
      )
    ).createAccount;
    expect(created).toMatchObject({ number: 'A-100200', segment: 'VIP', status: 'ACTIVE', enrollments: [] });
    expect((await gqlOk(t.url, 'query($id: ID) { account(id: $id) { number } }', { id: created.id }, t.adminToken)).account.number).toBe(
      'A-100200',
    );
    expect((await gqlOk(t.url, '{ account(number: "A-100200") { name } }', {}, t.adminToken)).account.name).toBe('Maria Lopez');
    for (const search of ['100200', 'lopez', 'MARIA@EXAMPLE']) {
      const found = await gqlOk(
        t.url,
        'query($s: String) { accounts(search: $s) { totalCount nodes { number } } }',
        { s: search },
        t.adminToken,
      );
      expect(found.accounts.nodes.map((a: { number: string }) => a.number)).toEqual(['A-100200']);
    }
    // LIKE wildcards in a search are taken literally.
    expect((await gqlOk(t.url, '{ accounts(search: "%") { totalCount } }', {}, t.adminToken)).accounts.totalCount).toBe(0);
  });

  it('filters by segment and status and pages through with cursors', async () => {
    for (let i = 0; i < 5; i++) await account(t, { segment: 'COMMERCIAL' });
    const page1 = await gqlOk(
      t.url,
      '{ accounts(segment: "commercial", status: ACTIVE, first: 2) { totalCount pageInfo { endCursor hasNextPage } nodes { number } } }',
      {},
      t.adminToken,
    );
    expect(page1.accounts.totalCount).toBe(5);
    expect(page1.accounts.nodes).toHaveLength(2);
    expect(page1.accounts.pageInfo.hasNextPage).toBe(true);
    const seen = [...page1.accounts.nodes];
    let cursor = page1.accounts.pageInfo.endCursor;
    for (;;) {
      const page = await gqlOk(
        t.url,
        'query($after: String) { accounts(segment: "COMMERCIAL", first: 2, after: $after) { pageInfo { endCursor hasNextPage } nodes { number } } }',
        { after: cursor },
        t.adminToken,
      );
      seen.push(...page.accounts.nodes);
      if (!page.accounts.pageInfo.hasNextPage) break;
      cursor = page.accounts.pageInfo.endCursor;
    }
    expect(new Set(seen.map((a) => a.number)).size).toBe(5);
    expect(errorCode(await gql(t.url, '{ accounts(first: 0) { totalCount } }', {}, t.adminToken))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(t.url, '{ accounts(after: "garbage") { totalCount } }', {}, t.adminToken))).toBe('BAD_USER_INPUT');
  });

  it('updates an account and refuses a taken number, bad email and empty name', async () => {
    const a = await account(t);
    const updated = await gqlOk(
      t.url,
      'mutation($id: ID!) { updateAccount(id: $id, input: { segment: "HIGH_RISK", phone: "555-0100" }) { segment phone name } }',
      { id: a.id },
      t.adminToken,
    );
    expect(updated.updateAccount).toMatchObject({ segment: 'HIGH_RISK', phone: '555-0100' });
    const before = (await gqlOk(t.url, '{ accounts { totalCount } }', {}, t.adminToken)).accounts.totalCount;
    const create = 'mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }';
    expect(errorCode(await gql(t.url, create, { input: { number: a.number, name: 'Copy', segment: 'X' } }, t.adminToken))).toBe('CONFLICT');
    expect(
      errorCode(await gql(t.url, create, { input: { number: unique('B'), name: 'X', email: 'not-an-email', segment: 'X' } }, t.adminToken)),
    ).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(t.url, create, { input: { number: unique('B'), name: ' ', segment: 'X' } }, t.adminToken))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await gql(t.url, create, { input: { number: 'x'.repeat(33), name: 'X', segment: 'X' } }, t.adminToken))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await gql(t.url, create, { input: { number: unique('B'), name: 'X', segment: 'NO SPACES' } }, t.adminToken))).toBe(
      'BAD_USER_INPUT',
    );
    expect((await gqlOk(t.url, '{ accounts { totalCount } }', {}, t.adminToken)).accounts.totalCount).toBe(before);
    expect(errorCode(await gql(t.url, 'mutation { updateAccount(id: "99999", input: { name: "X" }) { id } }', {}, t.adminToken))).toBe(
      'NOT_FOUND',
    );
  });

  it('keeps partners out of accounts', async () => {
    const partner = await t.apiKey('PARTNER');
    expect(errorCode(await gql(t.url, '{ accounts { totalCount } }', {}, partner))).toBe('FORBIDDEN');
    expect(errorCode(await gql(t.url, '{ account(number: "A-100200") { id } }', {}, partner))).toBe('FORBIDDEN');
    expect(
      errorCode(await gql(t.url, 'mutation { createAccount(input: { number: "P1", name: "P", segment: "X" }) { id } }', {}, partner)),
    ).toBe('FORBIDDEN');
  });
});

describe('enrollments', () => {
  it('enrolls inside the sales window with a valid promo, and switches products', async () => {
    const first = await publishedProduct(
      t,
      { promoCodes: [{ code: 'WELCOME', amountOff: '20.00', validFrom: '2026-01-01', validTo: '2026-12-01' }] },
      '2026-01-01',
    );
    const second = await publishedProduct(t, {}, '2026-01-01');
    const a = await account(t);
    await enroll(t, a.id, first.code, '2026-02-01', 'welcome');
    await enroll(t, a.id, second.code, '2026-05-01');
    const data = await gqlOk(t.url, `query($id: ID) { account(id: $id) { ${ACCOUNT} } }`, { id: a.id }, t.adminToken);
    expect(data.account.enrollments).toEqual([
      { product: { code: first.code }, promoCode: 'WELCOME', startDate: '2026-02-01', endDate: '2026-05-01' },
      { product: { code: second.code }, promoCode: null, startDate: '2026-05-01', endDate: null },
    ]);
    const promo = await gqlOk(
      t.url,
      'query($code: String) { product(code: $code) { promoCodes { redemptions } } }',
      { code: first.code },
      t.adminToken,
    );
    expect(promo.product.promoCodes[0].redemptions).toBe(1);
  });

  it('refuses an enrollment outside the sales window, with an invalid or exhausted promo, or overlapping', async () => {
    const p = await publishedProduct(
      t,
      { promoCodes: [{ code: 'ONCE', percentOff: '5', maxRedemptions: 1, validFrom: '2026-01-01', validTo: '2026-06-01' }] },
      '2026-03-01',
    );
    await gqlOk(
      t.url,
      'mutation($id: ID!) { retireProduct(id: $id, salesEnd: "2026-09-01") { id } }',
      { id: (await gqlOk(t.url, 'query($c: String) { product(code: $c) { id } }', { c: p.code }, t.adminToken)).product.id },
      t.adminToken,
    );
    const a = await account(t);
    const b = await account(t);
    const attempt = (accountId: string, date: string, promo?: string) =>
      gql(
        t.url,
        'mutation($a: ID!, $p: String!, $d: Date!, $promo: String) { enroll(accountId: $a, productCode: $p, startDate: $d, promoCode: $promo) { id } }',
        { a: accountId, p: p.code, d: date, promo: promo ?? null },
        t.adminToken,
      );
    const early = await attempt(a.id, '2026-02-28');
    expect(errorCode(early)).toBe('BAD_USER_INPUT');
    expect(early.errors?.[0].message).toMatch(/not on sale on 2026-02-28/);
    expect(errorCode(await attempt(a.id, '2026-09-01'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await attempt(a.id, '2026-06-15', 'ONCE'))).toBe('BAD_USER_INPUT'); // promo expired
    expect(errorCode(await attempt(a.id, '2026-04-01', 'NOPE'))).toBe('BAD_USER_INPUT');
    expect((await attempt(a.id, '2026-04-01', 'ONCE')).errors).toBeUndefined();
    const exhausted = await attempt(b.id, '2026-04-01', 'ONCE');
    expect(errorCode(exhausted)).toBe('BAD_USER_INPUT');
    expect(exhausted.errors?.[0].message).toMatch(/no redemptions left/);
    expect(errorCode(await attempt(a.id, '2026-03-15'))).toBe('BAD_USER_INPUT'); // before the current enrollment starts
    // Nothing of the refused attempts was stored.
    const data = await gqlOk(t.url, 'query($id: ID) { account(id: $id) { enrollments { startDate } } }', { id: b.id }, t.adminToken);
    expect(data.account.enrollments).toEqual([]);
  });

  it('gives the last redemption to exactly one of many concurrent enrollments', async () => {
    const p = await publishedProduct(t, { promoCodes: [{ code: 'LAST', amountOff: '10.00', maxRedemptions: 3 }] });
    const accounts = await Promise.all(Array.from({ length: 10 }, () => account(t)));
    const results = await Promise.all(
      accounts.map((a) =>
        gql(
          t.url,
          'mutation($a: ID!, $p: String!) { enroll(accountId: $a, productCode: $p, startDate: "2026-03-01", promoCode: "LAST") { id } }',
          { a: a.id, p: p.code },
          t.adminToken,
        ),
      ),
    );
    expect(results.filter((r) => !r.errors).length).toBe(3);
    expect(results.filter((r) => errorCode(r) === 'BAD_USER_INPUT').length).toBe(7);
    const promo = await gqlOk(
      t.url,
      'query($code: String) { product(code: $code) { promoCodes { redemptions } } }',
      { code: p.code },
      t.adminToken,
    );
    expect(promo.product.promoCodes[0].redemptions).toBe(3);
  });
});
