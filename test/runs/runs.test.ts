import { errorCode, gql, gqlOk, subscribe, wsClient } from '../support/client';
import { fingerprinter, type Fingerprinter } from '../support/db-fingerprint';
import { account, enroll, publishedProduct } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { accountWithInvoices } from '../support/billing';
import { createPath, RUN as RUN_COLLECTIONS } from '../collections/helpers';
import { openDispute } from '../disputes/helpers';
import { BillRun, BillRunStatus } from '../../server/src/modules/billing/billing.entity';
import { CollectionsRun, CollectionsRunStatus } from '../../server/src/modules/collections/collections.entity';
import { RUNNING_KEY } from '../../server/src/modules/runs/run-guard';

let t: TestHub;
let prints: Fingerprinter;
let integrator: string;
let operatorKey: string;

beforeAll(async () => {
  t = await startTestHub();
  // Its timer could write an SLA breach between the two looks at the database around a preview.
  await t.hub.slaSweeper.stop();
  await t.hub.services.runSchedules.stop();
  // Bills are rendered and sent after they are issued, in the background: they too could write between the two looks.
  await t.hub.services.renderWorker.stop();
  await t.hub.services.deliveryWorker.stop();
  prints = await fingerprinter(t);
  integrator = await t.apiKey('INTEGRATOR');
  operatorKey = await t.apiKey('OPERATOR', 'night-shift');
});
afterAll(async () => checkMoneyAndStop(t));

const PREVIEW = `query($asOf: Date!) { previewBilling(asOf: $asOf) { kind asOf accounts counts { key count amount }
  samples { outcome amount detail account { id number } } } }`;
const PREVIEW_COLLECTIONS = `query($asOf: Date!) { previewCollections(asOf: $asOf) { kind asOf accounts counts { key count amount }
  samples { outcome amount detail account { id number } } } }`;
const RUN_BILLING = `mutation($asOf: Date!, $wait: Boolean) { runBilling(asOf: $asOf, wait: $wait) {
  id status startedBy accountsConsidered invoicesIssued invoicesHeld accountsBlocked } }`;

const cents = (money: string | null): number => (money === null ? 0 : Math.round(Number(money) * 100));
type Count = { key: string; count: number; amount: string | null };
const ACTIONS = ['REMINDER', 'LETTER', 'CALL_REQUEST', 'DIALER_EXPORT', 'LATE_FEE', 'AGENCY_REFERRAL', 'MARKET_DROP'];
const PREVENTED = ['HELD', 'WAITING_FOR_NOTICE', 'BLACKOUT_DATE', 'PROTECTED', 'PAYMENT_PLAN', 'DISPUTED'];
/** The actions a preview says the run takes (the counts of what the controls keep back are beside them). */
const actionsIn = (counts: Count[]) => counts.filter((c) => ACTIONS.includes(c.key)).reduce((n, c) => n + c.count, 0);
const countOf = (counts: Count[], key: string): Count => counts.find((c) => c.key === key) as Count;

async function usage(reads: Array<Record<string, string>>): Promise<void> {
  await gqlOk(t.url, 'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }', { reads }, t.adminToken);
}

describe('previewBilling', () => {
  it('says what the run then does, account by account, and writes nothing', async () => {
    const product = await publishedProduct(t, { fixedCharge: '5.00', rates: [{ effectiveFrom: '2026-01-01', unitPrice: '0.10' }] });
    // No rate before March: the January read cannot be priced.
    const late = await publishedProduct(t, { fixedCharge: '5.00', rates: [{ effectiveFrom: '2026-03-01', unitPrice: '0.10' }] });
    await gqlOk(
      t.url,
      'mutation($input: BillingRulesInput!) { setBillingRules(input: $input) { segment } }',
      { input: { segment: 'BIG', highConsumptionFactor: '3', swingPercent: '50', maxInvoiceAmount: '100.00', paymentTermsDays: 14 } },
      t.adminToken,
    );
    const issued = await Promise.all([account(t), account(t)]);
    const held = await account(t, { segment: 'BIG' });
    const blocked = await account(t);
    for (const a of [...issued, held]) await enroll(t, a.id, product.code, '2026-01-01');
    await enroll(t, blocked.id, late.code, '2026-01-01');
    await usage([
      { accountNumber: issued[0].number, periodStart: '2026-01-01', periodEnd: '2026-02-01', quantity: '100' },
      { accountNumber: issued[1].number, periodStart: '2026-01-01', periodEnd: '2026-02-01', quantity: '250' },
      { accountNumber: held.number, periodStart: '2026-01-01', periodEnd: '2026-02-01', quantity: '5000' },
      { accountNumber: blocked.number, periodStart: '2026-01-01', periodEnd: '2026-02-01', quantity: '10' },
    ]);

    const before = await prints.take();
    const preview = (await gqlOk(t.url, PREVIEW, { asOf: '2026-02-01' }, integrator)).previewBilling;
    expect(await prints.take()).toEqual(before);

    expect(preview).toMatchObject({ kind: 'BILLING', asOf: '2026-02-01', accounts: 4 });
    expect(preview.counts).toEqual([
      { key: 'ISSUED', count: 2, amount: '45.00' },
      { key: 'HELD', count: 1, amount: '505.00' },
      { key: 'BLOCKED', count: 1, amount: null },
      { key: 'NOTHING_TO_BILL', count: 0, amount: null },
    ]);
    const sample = (id: string) => preview.samples.find((s: { account: { id: string } }) => s.account.id === id);
    expect(sample(held.id)).toMatchObject({ outcome: 'HELD', amount: '505.00', detail: expect.stringContaining('HIGH_AMOUNT') });
    expect(sample(blocked.id)).toMatchObject({ outcome: 'BLOCKED', amount: null, detail: expect.stringMatching(/rate/i) });
    expect(sample(issued[0].id)).toMatchObject({ outcome: 'ISSUED', amount: '15.00' });

    // The run does what the preview said, and records who started it (a key's name for admins only).
    const run = (await gqlOk(t.url, RUN_BILLING, { asOf: '2026-02-01' }, operatorKey)).runBilling;
    expect(run).toMatchObject({
      status: 'COMPLETED',
      startedBy: 'apikey',
      accountsConsidered: preview.accounts,
      invoicesIssued: countOf(preview.counts, 'ISSUED').count,
      invoicesHeld: countOf(preview.counts, 'HELD').count,
      accountsBlocked: countOf(preview.counts, 'BLOCKED').count,
    });
    const invoices = await gqlOk(t.url, 'query { invoices(first: 500) { nodes { total status billRun { id } } } }', {}, t.adminToken);
    const ofRun = invoices.invoices.nodes.filter((i: { billRun: { id: string } | null }) => i.billRun?.id === run.id);
    const sum = (status: string) =>
      ofRun.filter((i: { status: string }) => i.status === status).reduce((s: number, i: { total: string }) => s + cents(i.total), 0);
    expect(sum('ISSUED')).toBe(cents(countOf(preview.counts, 'ISSUED').amount));
    expect(sum('HELD')).toBe(cents(countOf(preview.counts, 'HELD').amount));

    // Once billed, the same asOf has nothing left but the blocked account.
    const after = (await gqlOk(t.url, PREVIEW, { asOf: '2026-02-01' }, t.adminToken)).previewBilling;
    expect(after.accounts).toBe(1);
    expect(countOf(after.counts, 'BLOCKED').count).toBe(1);
  });

  it('refuses a malformed asOf and a partner', async () => {
    expect(errorCode(await gql(t.url, PREVIEW, { asOf: '2026-02-30' }, t.adminToken))).toBe('BAD_USER_INPUT');
    const partner = await t.apiKey('PARTNER');
    expect(errorCode(await gql(t.url, PREVIEW, { asOf: '2026-02-01' }, partner))).toBe('FORBIDDEN');
  });
});

describe('previewCollections', () => {
  it('counts the actions the run then takes, with their amounts, and writes nothing', async () => {
    await createPath(t, {
      name: 'Preview path',
      segments: ['PREVIEWED'],
      steps: [
        { name: 'Reminder', daysPastDue: 3, minPastDue: '0', action: 'REMINDER', template: 'Pay {{pastDue}}' },
        { name: 'Dialer', daysPastDue: 7, minPastDue: '0', action: 'DIALER_EXPORT' },
        { name: 'Fee', daysPastDue: 10, minPastDue: '10.00', action: 'LATE_FEE', feePercent: '5' },
      ],
    });
    const a = await accountWithInvoices(t, [{ start: '2026-03-01', end: '2026-04-01', kwh: 300 }], { segment: 'PREVIEWED' });
    const b = await accountWithInvoices(t, [{ start: '2026-03-01', end: '2026-04-01', kwh: 500 }], { segment: 'PREVIEWED' });
    const dueDate = a.invoices[0].dueDate as string;
    const asOf = new Date(Date.parse(`${dueDate}T00:00:00Z`) + 12 * 86_400_000).toISOString().slice(0, 10);
    const pastDue = cents(a.invoices[0].total) + cents(b.invoices[0].total);

    const before = await prints.take();
    const preview = (await gqlOk(t.url, PREVIEW_COLLECTIONS, { asOf }, integrator)).previewCollections;
    expect(await prints.take()).toEqual(before);

    expect(preview).toMatchObject({ kind: 'COLLECTIONS', asOf });
    expect(preview.accounts).toBeGreaterThanOrEqual(2);
    const fee = (c: number) => Math.round((c * 5) / 100);
    const mine = preview.samples.filter((s: { account: { id: string } }) => [a.id, b.id].includes(s.account.id));
    expect(mine.map((s: { outcome: string }) => s.outcome).sort()).toEqual(
      ['DIALER_EXPORT', 'DIALER_EXPORT', 'LATE_FEE', 'LATE_FEE', 'REMINDER', 'REMINDER'].sort(),
    );
    const fees = mine
      .filter((s: { outcome: string }) => s.outcome === 'LATE_FEE')
      .reduce((x: number, s: { amount: string }) => x + cents(s.amount), 0);
    expect(fees).toBe(fee(cents(a.invoices[0].total)) + fee(cents(b.invoices[0].total)));
    const reminders = mine.filter((s: { outcome: string }) => s.outcome === 'REMINDER');
    expect(reminders.reduce((x: number, s: { amount: string }) => x + cents(s.amount), 0)).toBe(pastDue);
    expect(preview.counts.map((c: Count) => c.key)).toEqual([...ACTIONS, ...PREVENTED]);

    const run = (await gqlOk(t.url, RUN_COLLECTIONS, { asOf }, t.adminToken)).runCollections;
    expect(run.status).toBe('COMPLETED');
    expect(run.accountsEvaluated).toBe(preview.accounts);
    expect(run.actionsTaken).toBe(actionsIn(preview.counts));
    // The same day again: every step was taken, so nothing is left to do.
    const again = (await gqlOk(t.url, PREVIEW_COLLECTIONS, { asOf }, t.adminToken)).previewCollections;
    expect(again.counts.every((c: Count) => c.count === 0)).toBe(true);
  });

  it('follows a collections run started without waiting through collectionsRunProgress, and refuses an unknown one', async () => {
    const started = await gqlOk(t.url, 'mutation { runCollections(asOf: "2026-12-01", wait: false) { id } }', {}, t.adminToken);
    const client = wsClient(t.url, t.adminToken);
    const progress = subscribe(client, 'subscription($id: ID!) { collectionsRunProgress(id: $id) { id status accountsEvaluated } }', {
      id: started.runCollections.id,
    });
    await progress.done;
    expect(progress.errors).toEqual([]);
    expect(progress.values.at(-1)?.collectionsRunProgress).toMatchObject({ id: started.runCollections.id, status: 'COMPLETED' });
    const unknown = subscribe(client, 'subscription { collectionsRunProgress(id: "999999") { id } }');
    await unknown.done;
    expect(JSON.stringify(unknown.errors)).toContain('NOT_FOUND');
    await client.dispose();
  });

  it('counts what each control keeps from the run, beside the actions it takes', async () => {
    await createPath(t, {
      name: 'Controlled path',
      segments: ['CONTROLLED'],
      steps: [
        { name: 'Reminder', daysPastDue: 3, minPastDue: '0', action: 'REMINDER', template: 'Pay {{pastDue}}' },
        { name: 'Drop', daysPastDue: 5, minPastDue: '0', action: 'MARKET_DROP' },
      ],
    });
    const held = await accountWithInvoices(t, [{ start: '2026-05-01', end: '2026-06-01', kwh: 300 }], { segment: 'CONTROLLED' });
    const stormed = await accountWithInvoices(t, [{ start: '2026-05-01', end: '2026-06-01', kwh: 400 }], { segment: 'CONTROLLED' });
    const dueDate = held.invoices[0].dueDate as string;
    const asOf = new Date(Date.parse(`${dueDate}T00:00:00Z`) + 12 * 86_400_000).toISOString().slice(0, 10);
    await gqlOk(
      t.url,
      'mutation($a: ID!) { holdCollections(accountId: $a, until: "2099-01-01", reason: "Hardship review") { id } }',
      { a: held.id },
      t.adminToken,
    );
    await gqlOk(t.url, 'mutation($d: Date!) { addBlackoutDate(date: $d, reason: "Ice storm") { date } }', { d: asOf }, t.adminToken);

    const preview = (await gqlOk(t.url, PREVIEW_COLLECTIONS, { asOf }, t.adminToken)).previewCollections;
    const samples = (id: string) =>
      preview.samples.filter((s: { account: { id: string } }) => s.account.id === id).map((s: { outcome: string }) => s.outcome);
    // The held account: both due steps kept back by the hold. The other: its reminder taken, its drop kept back by the storm.
    expect(samples(held.id).sort()).toEqual(['HELD', 'HELD']);
    expect(samples(stormed.id).sort()).toEqual(['BLACKOUT_DATE', 'REMINDER']);
    expect(countOf(preview.counts, 'HELD')).toMatchObject({ count: 2 });
    expect(countOf(preview.counts, 'BLACKOUT_DATE')).toMatchObject({ count: 1 });

    const run = (await gqlOk(t.url, RUN_COLLECTIONS, { asOf }, t.adminToken)).runCollections;
    expect(run.actionsTaken).toBe(actionsIn(preview.counts));
    const taken = async (id: string) =>
      (
        await gqlOk(t.url, 'query($id: ID) { account(id: $id) { collectionsActions { action } } }', { id }, t.adminToken)
      ).account.collectionsActions.map((a: { action: string }) => a.action);
    expect(await taken(held.id)).toEqual([]);
    expect(await taken(stormed.id)).toEqual(['REMINDER']);
    await gqlOk(t.url, 'mutation($d: Date!) { removeBlackoutDate(date: $d) }', { d: asOf }, t.adminToken);
  });

  it('counts under DISPUTED the due steps only an OPEN dispute keeps from the run', async () => {
    await createPath(t, {
      name: 'Disputed path',
      segments: ['DISPUTING'],
      steps: [
        { name: 'Reminder', daysPastDue: 3, minPastDue: '0', action: 'REMINDER', template: 'Pay {{pastDue}}' },
        { name: 'Letter', daysPastDue: 30, minPastDue: '0', action: 'LETTER', template: 'Dear {{name}}, {{pastDue}} is due.' },
      ],
    });
    const periods = [
      { start: '2026-05-01', end: '2026-06-01', kwh: 300 },
      { start: '2026-06-01', end: '2026-07-01', kwh: 300 },
    ];
    const [whole, part, held] = [
      await accountWithInvoices(t, periods, { segment: 'DISPUTING' }),
      await accountWithInvoices(t, periods, { segment: 'DISPUTING' }),
      await accountWithInvoices(t, periods, { segment: 'DISPUTING' }),
    ];
    // Both invoices of `whole` disputed; the older one of `part` and of `held` (which is also on hold).
    for (const invoice of [...whole.invoices, part.invoices[0], held.invoices[0]])
      expect((await openDispute(t, invoice.id)).errors).toBeUndefined();
    await gqlOk(
      t.url,
      'mutation($a: ID!) { holdCollections(accountId: $a, until: "2099-01-01", reason: "Hardship review") { id } }',
      { a: held.id },
      t.adminToken,
    );
    // 12 days after the newer invoice's due date: the older one is over 30 days past due.
    const asOf = new Date(Date.parse(`${whole.invoices[1].dueDate}T00:00:00Z`) + 12 * 86_400_000).toISOString().slice(0, 10);

    const preview = (await gqlOk(t.url, PREVIEW_COLLECTIONS, { asOf }, t.adminToken)).previewCollections;
    const samples = (id: string) =>
      preview.samples.filter((s: { account: { id: string } }) => s.account.id === id).map((s: { outcome: string }) => s.outcome);
    // `whole`: nothing past due but for the disputes, so both steps; `part`: its reminder is due on the newer invoice,
    // the letter only on the disputed one; `held`: the hold keeps its steps whatever the dispute.
    expect(samples(whole.id)).toEqual(['DISPUTED', 'DISPUTED']);
    expect(samples(part.id).sort()).toEqual(['DISPUTED', 'REMINDER']);
    expect(samples(held.id)).toEqual(['HELD']);
    expect(countOf(preview.counts, 'DISPUTED')).toMatchObject({ count: 3 });
    const disputedSample = preview.samples.find(
      (s: { outcome: string; account: { id: string } }) => s.outcome === 'DISPUTED' && s.account.id === part.id,
    );
    expect(cents(disputedSample.amount)).toBe(cents(part.invoices[0].total) + cents(part.invoices[1].total));

    const run = (await gqlOk(t.url, RUN_COLLECTIONS, { asOf }, t.adminToken)).runCollections;
    expect(run.actionsTaken).toBe(actionsIn(preview.counts));
    const taken = async (id: string) =>
      (
        await gqlOk(t.url, 'query($id: ID) { account(id: $id) { collectionsActions { action } } }', { id }, t.adminToken)
      ).account.collectionsActions.map((a: { action: string }) => a.action);
    expect(await taken(whole.id)).toEqual([]);
    expect(await taken(part.id)).toEqual(['REMINDER']);
    expect(await taken(held.id)).toEqual([]);
  });
});

describe('the runs', () => {
  it('are listed newest first with who started them, a page at a time, and the collections runs with their dialer files', async () => {
    const first = (await gqlOk(t.url, RUN_BILLING, { asOf: '2026-01-15' }, t.adminToken)).runBilling;
    const second = (await gqlOk(t.url, RUN_BILLING, { asOf: '2026-01-16' }, operatorKey)).runBilling;
    const page = await gqlOk(
      t.url,
      '{ billRuns(first: 2) { totalCount pageInfo { endCursor hasNextPage } nodes { id asOf startedBy status } } }',
      {},
      integrator,
    );
    expect(page.billRuns.nodes).toEqual([
      { id: second.id, asOf: '2026-01-16', startedBy: 'apikey', status: 'COMPLETED' },
      { id: first.id, asOf: '2026-01-15', startedBy: 'admin', status: 'COMPLETED' },
    ]);
    expect(page.billRuns.pageInfo.hasNextPage).toBe(true);
    const next = await gqlOk(
      t.url,
      'query($after: String) { billRuns(first: 500, after: $after) { nodes { id } } }',
      { after: page.billRuns.pageInfo.endCursor },
      integrator,
    );
    expect(next.billRuns.nodes.map((n: { id: string }) => n.id)).not.toContain(first.id);
    expect(page.billRuns.totalCount).toBe(next.billRuns.nodes.length + 2);

    const runs = await gqlOk(t.url, '{ collectionsRuns(first: 5) { totalCount nodes { id startedBy dialerCsv } } }', {}, integrator);
    expect(runs.collectionsRuns.totalCount).toBeGreaterThanOrEqual(1);
    expect(runs.collectionsRuns.nodes[0].startedBy).toBe('admin');
    expect(runs.collectionsRuns.nodes[0].dialerCsv).toMatch(/^accountNumber,name,phone,pastDue,daysPastDue/);
    expect(errorCode(await gql(t.url, '{ billRuns(first: 0) { totalCount } }', {}, integrator))).toBe('BAD_USER_INPUT');
  });

  it('go one of a kind at a time: a second start answers CONFLICT naming the running one, and changes nothing', async () => {
    // A run going on in another process: RUNNING and recently alive.
    const going = (await gqlOk(t.url, RUN_BILLING, { asOf: '2026-01-17' }, t.adminToken)).runBilling;
    const bills = t.hub.db.manager.getRepository(BillRun);
    const collections = t.hub.db.manager.getRepository(CollectionsRun);
    await bills.update(
      { id: going.id },
      { status: BillRunStatus.RUNNING, runningKey: RUNNING_KEY, finishedAt: null, heartbeatAt: new Date() },
    );
    const collecting = (await gqlOk(t.url, RUN_COLLECTIONS, { asOf: '2026-01-17' }, t.adminToken)).runCollections;
    await collections.update(
      { id: collecting.id },
      { status: CollectionsRunStatus.RUNNING, runningKey: RUNNING_KEY, finishedAt: null, heartbeatAt: new Date() },
    );
    const before = await prints.take();
    const refused = await gql(t.url, RUN_BILLING, { asOf: '2026-01-18' }, operatorKey);
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors?.[0].message).toContain(`Bill run ${going.id} (asOf 2026-01-17, started by admin`);
    const refusedToo = await gql(t.url, RUN_COLLECTIONS, { asOf: '2026-01-18' }, operatorKey);
    expect(errorCode(refusedToo)).toBe('CONFLICT');
    expect(refusedToo.errors?.[0].message).toContain(`Collections run ${collecting.id} (asOf 2026-01-17`);
    expect(await prints.take()).toEqual(before);

    await bills.update({ id: going.id }, { status: BillRunStatus.COMPLETED, runningKey: null, finishedAt: new Date() });
    await collections.update({ id: collecting.id }, { status: CollectionsRunStatus.COMPLETED, runningKey: null, finishedAt: new Date() });
    expect((await gqlOk(t.url, RUN_BILLING, { asOf: '2026-01-18' }, operatorKey)).runBilling.status).toBe('COMPLETED');
  });

  it('started at the same moment: one runs, the other answers CONFLICT or starts after it', async () => {
    const results = await Promise.all([
      gql(t.url, RUN_BILLING, { asOf: '2026-01-19' }, t.adminToken),
      gql(t.url, RUN_BILLING, { asOf: '2026-01-19' }, t.adminToken),
      gql(t.url, RUN_BILLING, { asOf: '2026-01-19' }, t.adminToken),
    ]);
    const completed = results.filter((r) => r.data?.runBilling?.status === 'COMPLETED');
    expect(completed.length).toBeGreaterThanOrEqual(1);
    for (const r of results) if (!r.data?.runBilling) expect(errorCode(r)).toBe('CONFLICT');
    const running = await t.hub.db.manager.query("SELECT COUNT(*) AS n FROM bill_run WHERE running_key IS NOT NULL OR status = 'RUNNING'");
    expect(Number(running[0].n)).toBe(0);
  });
});
