import { errorCode, gql, gqlOk, subscribe, wsClient } from '../support/client';
import { account, enroll, publishedProduct } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { listening } from '../support/live';
import { sleep } from '../support/wait';

let t: TestHub;
let integrator: string;
beforeAll(async () => {
  t = await startTestHub();
  integrator = await t.apiKey('INTEGRATOR');
});
afterAll(async () => checkMoneyAndStop(t));

const RUN =
  'mutation($asOf: Date!) { runBilling(asOf: $asOf) { id status asOf accountsConsidered accountsProcessed invoicesIssued invoicesHeld accountsBlocked finishedAt } }';
const INVOICES = `query($id: ID) { account(id: $id) { balance pastDue daysPastDue invoices { totalCount nodes { id number status total amountDue issueDate dueDate periodStart periodEnd
  lines { kind description quantity unitPrice amount periodStart periodEnd } exceptions { code severity status message } } } } }`;

async function usage(reads: Array<{ accountNumber: string; periodStart: string; periodEnd: string; quantity: string }>) {
  const result = await gqlOk(
    t.url,
    'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted rejected { index message } } }',
    { reads },
    integrator,
  );
  expect(result.recordUsage.rejected).toEqual([]);
}

async function run(asOf: string) {
  return (await gqlOk(t.url, RUN, { asOf }, t.adminToken)).runBilling;
}

async function invoicesOf(accountId: string) {
  return (await gqlOk(t.url, INVOICES, { id: accountId }, t.adminToken)).account;
}

/**
 * On MariaDB: holds the account's row lock in a transaction of its own while the release is sent, and checks that
 * the release waits for it before it touches the invoice (it spends the account's unapplied credit, as payments,
 * credit notes and reversals do under that lock, which each takes before its invoices).
 */
async function whileAccountLocked<T>(accountId: string, invoiceId: string, releasing: Promise<T>): Promise<T> {
  const holder = t.hub.db.ds.createQueryRunner();
  await holder.connect();
  try {
    await holder.startTransaction();
    await holder.query('SELECT id FROM account WHERE id = ? FOR UPDATE', [accountId]);
    await sleep(500);
    const [invoice] = await t.hub.db.manager.query('SELECT status FROM invoice WHERE id = ?', [invoiceId]);
    expect(invoice.status).toBe('HELD');
    // Not locked by the waiting release: NOWAIT fails at once on a row another transaction holds.
    await holder.query('SELECT id FROM invoice WHERE id = ? FOR UPDATE NOWAIT', [invoiceId]);
    await holder.commitTransaction();
  } finally {
    if (holder.isTransactionActive) await holder.rollbackTransaction();
    await holder.release();
  }
  return releasing;
}

async function queueItems(key: string) {
  const data = await gqlOk(
    t.url,
    `query($key: String!) { workQueue(key: $key) { openCount items { nodes { id status kind title account { number } invoice { number status } exception { code status } } } } }`,
    { key },
    t.adminToken,
  );
  return data.workQueue;
}

describe('the seed scenario: issued, blocked by a rate gap, held for high consumption', () => {
  let standard: { id: string; code: string };
  let gappy: { id: string; code: string };
  let issued: { id: string; number: string };
  let blocked: { id: string; number: string };
  let spiky: { id: string; number: string };

  beforeAll(async () => {
    standard = await publishedProduct(t, {
      code: 'STD-FLAT',
      fixedCharge: '9.95',
      rates: [{ effectiveFrom: '2026-01-01', unitPrice: '0.10' }],
    });
    gappy = await publishedProduct(t, {
      code: 'GAPPY',
      fixedCharge: '5.00',
      rates: [
        { effectiveFrom: '2026-01-01', effectiveTo: '2026-02-01', unitPrice: '0.12' },
        { effectiveFrom: '2026-03-01', unitPrice: '0.12' },
      ],
    });
    issued = await account(t, { name: 'Ann Issued' });
    blocked = await account(t, { name: 'Bob Blocked' });
    spiky = await account(t, { name: 'Cy Spike' });
    await enroll(t, issued.id, standard.code, '2026-01-01');
    await enroll(t, blocked.id, gappy.code, '2026-01-01');
    await enroll(t, spiky.id, standard.code, '2026-01-01');
    // January builds the history the consumption test compares with.
    await usage([
      { accountNumber: issued.number, periodStart: '2026-01-01', periodEnd: '2026-02-01', quantity: '310' },
      { accountNumber: spiky.number, periodStart: '2026-01-01', periodEnd: '2026-02-01', quantity: '310' },
    ]);
    const january = await run('2026-02-01');
    expect(january).toMatchObject({
      status: 'COMPLETED',
      accountsConsidered: 2,
      accountsProcessed: 2,
      invoicesIssued: 2,
      invoicesHeld: 0,
      accountsBlocked: 0,
    });
    await usage([
      { accountNumber: issued.number, periodStart: '2026-02-01', periodEnd: '2026-03-01', quantity: '280' },
      { accountNumber: blocked.number, periodStart: '2026-02-01', periodEnd: '2026-03-01', quantity: '280' },
      { accountNumber: spiky.number, periodStart: '2026-02-01', periodEnd: '2026-03-01', quantity: '1400' },
    ]);
  });

  it('bills the three accounts in one run, pushing the new exceptions live', async () => {
    const client = wsClient(t.url, integrator);
    const raised = await listening(t, () =>
      subscribe(client, 'subscription { exceptionRaised { code severity message account { number } invoice { number } } }'),
    );

    const february = await run('2026-03-01');
    expect(february).toMatchObject({
      status: 'COMPLETED',
      accountsConsidered: 3,
      accountsProcessed: 3,
      invoicesIssued: 1,
      invoicesHeld: 1,
      accountsBlocked: 1,
    });
    expect(february.finishedAt).toBeTruthy();

    // Ann: 280 kWh x 28/28 days x 0.10 = 28.00, plus the 9.95 fixed charge.
    const ann = await invoicesOf(issued.id);
    const feb = ann.invoices.nodes.find((i: { periodStart: string }) => i.periodStart === '2026-02-01');
    expect(feb).toMatchObject({
      status: 'ISSUED',
      total: '37.95',
      amountDue: '37.95',
      issueDate: '2026-03-01',
      dueDate: '2026-03-22',
      periodEnd: '2026-03-01',
    });
    expect(feb.number).toMatch(/^INV-\d{8}$/);
    expect(feb.lines.map((l: { kind: string; amount: string }) => [l.kind, l.amount])).toEqual([
      ['USAGE', '28.00'],
      ['FIXED', '9.95'],
    ]);
    expect(feb.lines[0]).toMatchObject({ quantity: '280', unitPrice: '0.1' });

    // Bob: nothing billed; the gap is explained and waits in INVOICING.
    expect((await invoicesOf(blocked.id)).invoices.totalCount).toBe(0);
    const pushed = await raised.waitFor(3);
    const missing = pushed.find((p) => p.exceptionRaised.code === 'MISSING_RATE');
    expect(missing?.exceptionRaised).toMatchObject({ severity: 'CRITICAL', account: { number: blocked.number }, invoice: null });
    expect(missing?.exceptionRaised.message).toMatch(/2026-02-01/);
    const invoicing = await queueItems('INVOICING');
    expect(invoicing.openCount).toBe(1);
    const bobsWork = await gqlOk(
      t.url,
      'query($id: ID) { account(id: $id) { workItems { nodes { kind queue { key } } } } }',
      { id: blocked.id },
      t.adminToken,
    );
    expect(bobsWork.account.workItems.nodes).toEqual([{ kind: 'MISSING_RATE', queue: { key: 'INVOICING' } }]);
    expect(invoicing.items.nodes[0]).toMatchObject({
      status: 'OPEN',
      kind: 'MISSING_RATE',
      account: { number: blocked.number },
      exception: { code: 'MISSING_RATE', status: 'OPEN' },
    });

    // Cy: 1400 kWh in 28 days is 50/day against 10/day: HELD, with the reason spelled out.
    const cy = await invoicesOf(spiky.id);
    const held = cy.invoices.nodes.find((i: { status: string }) => i.status === 'HELD');
    expect(held).toMatchObject({ issueDate: null, dueDate: null, total: '149.95' });
    const consumption = held.exceptions.find((x: { code: string }) => x.code === 'HIGH_CONSUMPTION');
    expect(consumption).toMatchObject({ severity: 'THRESHOLD', status: 'OPEN' });
    expect(consumption.message).toMatch(/Average daily use 50 kWh is 5 x/);
    expect(pushed.some((p) => p.exceptionRaised.code === 'HIGH_CONSUMPTION' && p.exceptionRaised.invoice.number === held.number)).toBe(
      true,
    );
    const review = await queueItems('INVOICE_REVIEW');
    expect(review.openCount).toBe(1);
    expect(review.items.nodes[0]).toMatchObject({
      status: 'OPEN',
      account: { number: spiky.number },
      invoice: { number: held.number, status: 'HELD' },
    });
    // A held invoice is not owed yet.
    expect(cy.balance).toBe('40.95');

    raised.stop();
    await client.dispose();
  });

  it('lets an operator release the held invoice', async () => {
    const held = (await invoicesOf(spiky.id)).invoices.nodes.find((i: { status: string }) => i.status === 'HELD');
    const operator = await t.userToken('OPERATOR');
    const releasing = gqlOk(
      t.url,
      'mutation($id: ID!) { releaseInvoice(id: $id, note: "Customer confirmed the pool heater") { status issueDate dueDate exceptions { status } } }',
      { id: held.id },
      operator,
    );
    const released = t.db.kind === 'mariadb' ? await whileAccountLocked(spiky.id, held.id, releasing) : await releasing;
    expect(released.releaseInvoice.status).toBe('ISSUED');
    expect(released.releaseInvoice.issueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(released.releaseInvoice.exceptions.every((x: { status: string }) => x.status === 'RESOLVED')).toBe(true);
    expect((await queueItems('INVOICE_REVIEW')).openCount).toBe(0);
    const again = await gql(t.url, 'mutation($id: ID!) { releaseInvoice(id: $id) { status } }', { id: held.id }, operator);
    expect(errorCode(again)).toBe('INVALID_STATE');
    const events = await gqlOk(t.url, '{ events(types: [INVOICE_RELEASED]) { nodes { subjectId accountNumber } } }', {}, t.adminToken);
    expect(events.events.nodes).toEqual([{ subjectId: held.id, accountNumber: spiky.number }]);
  });

  it('issues the blocked invoice once the missing rate is added, resolving the exception', async () => {
    await gqlOk(
      t.url,
      'mutation($id: ID!) { addRate(productId: $id, input: { effectiveFrom: "2026-02-01", effectiveTo: "2026-03-01", unitPrice: "0.115" }) { id } }',
      { id: gappy.id },
      t.adminToken,
    );
    const march = await run('2026-03-01');
    expect(march).toMatchObject({ accountsConsidered: 1, invoicesIssued: 1, invoicesHeld: 0, accountsBlocked: 0 });
    const bob = await invoicesOf(blocked.id);
    // 280 x 0.115 = 32.20, plus 5.00 fixed.
    expect(bob.invoices.nodes[0]).toMatchObject({ status: 'ISSUED', total: '37.20' });
    const exceptions = await gqlOk(
      t.url,
      '{ billingExceptions(severity: CRITICAL) { nodes { code status resolvedAt invoice { id } workItem { status } } } }',
      {},
      t.adminToken,
    );
    expect(exceptions.billingExceptions.nodes).toEqual([
      {
        code: 'MISSING_RATE',
        status: 'RESOLVED',
        resolvedAt: expect.any(String),
        invoice: { id: bob.invoices.nodes[0].id },
        workItem: { status: 'RESOLVED' },
      },
    ]);
    const resolved = await gqlOk(t.url, '{ events(types: [EXCEPTION_RESOLVED]) { totalCount } }', {}, t.adminToken);
    expect(resolved.events.totalCount).toBeGreaterThanOrEqual(1);
  });

  it('creates nothing on a third run over the same data', async () => {
    const before = await gqlOk(t.url, '{ invoices { totalCount } billingExceptions { totalCount } }', {}, t.adminToken);
    const third = await run('2026-03-01');
    expect(third).toMatchObject({ status: 'COMPLETED', accountsConsidered: 0, invoicesIssued: 0, invoicesHeld: 0, accountsBlocked: 0 });
    const after = await gqlOk(t.url, '{ invoices { totalCount } billingExceptions { totalCount } }', {}, t.adminToken);
    expect(after).toEqual(before);
  });
});

describe('concurrency and decisions', () => {
  it('bills each read once when two runs start at the same moment (the second answers CONFLICT while the first runs)', async () => {
    const product = await publishedProduct(t);
    const accounts = await Promise.all(Array.from({ length: 30 }, () => account(t)));
    for (const a of accounts) await enroll(t, a.id, product.code, '2026-01-01');
    await usage(accounts.map((a) => ({ accountNumber: a.number, periodStart: '2026-05-01', periodEnd: '2026-06-01', quantity: '100' })));
    const results = await Promise.all([
      gql(t.url, RUN, { asOf: '2026-06-01' }, t.adminToken),
      gql(t.url, RUN, { asOf: '2026-06-01' }, t.adminToken),
    ]);
    // One bill run at a time: a start while another runs is refused, one that comes after it finds nothing left.
    for (const r of results) if (!r.data?.runBilling) expect(errorCode(r)).toBe('CONFLICT');
    const issued = results.reduce((n, r) => n + ((r.data?.runBilling?.invoicesIssued as number | undefined) ?? 0), 0);
    expect(issued).toBe(30);
    const rows = await t.hub.db.manager.query(
      "SELECT COUNT(*) AS n, COUNT(DISTINCT account_id) AS accounts FROM invoice WHERE period_start = '2026-05-01' AND status <> 'VOID'",
    );
    expect(Number(rows[0].n)).toBe(30);
    expect(Number(rows[0].accounts)).toBe(30);
    const unbilled = await t.hub.db.manager.query(
      "SELECT COUNT(*) AS n FROM usage_read WHERE period_start = '2026-05-01' AND invoice_id IS NULL",
    );
    expect(Number(unbilled[0].n)).toBe(0);
  });

  it('voids an unpaid invoice and bills its reads again on the next run', async () => {
    const product = await publishedProduct(t);
    const a = await account(t);
    await enroll(t, a.id, product.code, '2026-01-01');
    await usage([{ accountNumber: a.number, periodStart: '2026-07-01', periodEnd: '2026-08-01', quantity: '200' }]);
    await run('2026-08-01');
    const first = (await invoicesOf(a.id)).invoices.nodes[0];
    expect(
      errorCode(await gql(t.url, 'mutation($id: ID!) { voidInvoice(id: $id, reason: " ") { id } }', { id: first.id }, t.adminToken)),
    ).toBe('BAD_USER_INPUT');
    const voided = await gqlOk(
      t.url,
      'mutation($id: ID!) { voidInvoice(id: $id, reason: "Meter misread") { status amountDue } }',
      { id: first.id },
      t.adminToken,
    );
    expect(voided.voidInvoice).toEqual({ status: 'VOID', amountDue: '0.00' });
    expect(
      errorCode(await gql(t.url, 'mutation($id: ID!) { voidInvoice(id: $id, reason: "again") { id } }', { id: first.id }, t.adminToken)),
    ).toBe('INVALID_STATE');
    const rerun = await run('2026-08-01');
    expect(rerun.invoicesIssued).toBe(1);
    const statuses = (await invoicesOf(a.id)).invoices.nodes.map((i: { status: string }) => i.status);
    expect(statuses.sort()).toEqual(['ISSUED', 'VOID']);
  });

  it('follows a run started without waiting through billRunProgress', async () => {
    const started = await gqlOk(t.url, 'mutation { runBilling(asOf: "2026-12-01", wait: false) { id status } }', {}, t.adminToken);
    const client = wsClient(t.url, t.adminToken);
    const progress = subscribe(
      client,
      'subscription($id: ID!) { billRunProgress(id: $id) { status accountsProcessed accountsConsidered } }',
      { id: started.runBilling.id },
    );
    await progress.done;
    expect(progress.errors).toEqual([]);
    expect(progress.values.at(-1)?.billRunProgress.status).toBe('COMPLETED');
    await client.dispose();
  });

  it('applies segment rules and refuses bad ones', async () => {
    const set =
      'mutation($input: BillingRulesInput!) { setBillingRules(input: $input) { segment highConsumptionFactor swingPercent maxInvoiceAmount paymentTermsDays } }';
    const vip = await gqlOk(
      t.url,
      set,
      { input: { segment: 'vip', highConsumptionFactor: '3', swingPercent: '80', maxInvoiceAmount: '5000.00', paymentTermsDays: 30 } },
      t.adminToken,
    );
    expect(vip.setBillingRules).toEqual({
      segment: 'VIP',
      highConsumptionFactor: '3',
      swingPercent: '80',
      maxInvoiceAmount: '5000.00',
      paymentTermsDays: 30,
    });
    const rules = await gqlOk(t.url, '{ billingRules { segment paymentTermsDays } }', {}, t.adminToken);
    expect(rules.billingRules).toEqual([
      { segment: null, paymentTermsDays: 21 },
      { segment: 'VIP', paymentTermsDays: 30 },
    ]);
    expect(
      errorCode(await gql(t.url, set, { input: { highConsumptionFactor: '0', swingPercent: '50', paymentTermsDays: 21 } }, t.adminToken)),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(await gql(t.url, set, { input: { highConsumptionFactor: '2', swingPercent: '50', paymentTermsDays: -1 } }, t.adminToken)),
    ).toBe('BAD_USER_INPUT');
  });
});
