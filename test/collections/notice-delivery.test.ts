import { accountWithInvoices } from '../support/billing';
import { POSTAL_ADDRESS } from '../support/factories';
import { sql } from '../support/sql';
import { gqlOk } from '../support/client';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { eventually } from '../support/wait';
import { SmtpSink } from '../delivery/smtp-sink';
import { actionsOf, D, pathOfItsOwn } from './controls-helpers';
import { runCollections } from './helpers';

/**
 * A market drop rests on a notice the customer received: a notice letter the
 * mail server refused for good does not count, and once an operator resends
 * it to a good address, its days count from the day it was sent.
 */
let t: TestHub;
const sink = new SmtpSink();
let segment: string;
beforeAll(async () => {
  t = await startTestHub({ HUB_SMTP_URL: await sink.start(), HUB_MAIL_RETRY_SECONDS: '0.2' });
  segment = (
    await pathOfItsOwn(t, [
      { name: 'Notice', daysPastDue: 1, minPastDue: '0', action: 'LETTER', template: 'Pay {{pastDue}} within 10 days.' },
      { name: 'Drop', daysPastDue: 3, minPastDue: '0', action: 'MARKET_DROP', noticeStepPosition: 1, noticeDays: 10 },
    ])
  ).segment;
});
afterAll(async () => {
  await checkMoneyAndStop(t);
  await sink.stop();
});

let n = 0;
const address = (what: string) => `${what}-${process.pid}-${++n}@customers.example`;

const LETTERS = `query($id: ID) { account(id: $id) { collectionsActions { action document { id deliveries { status } } } } }`;

/** The notice letter's document once its deliveries are settled (none QUEUED), at least `count` of them. */
function settledLetter(accountId: string, count = 1): Promise<{ id: string; deliveries: Array<{ status: string }> }> {
  return eventually(
    `the notice letter of account ${accountId} delivered`,
    async () => {
      const { account } = await gqlOk(t.url, LETTERS, { id: accountId }, t.adminToken);
      const letter = account.collectionsActions.find((a: { action: string }) => a.action === 'LETTER');
      const doc = letter?.document;
      if (!doc || doc.deliveries.length < count || doc.deliveries.some((d: { status: string }) => d.status === 'QUEUED')) return undefined;
      return doc;
    },
    { timeoutMs: 30_000 },
  );
}

/** An account of the path owing 59.95 due 9 days ago, its mail to the address given. */
const delinquent = (email: string) => accountWithInvoices(t, [{ start: D(-60), end: D(-30), kwh: 500 }], { segment, email });

describe('a notice letter the customer never received', () => {
  it('does not count for the drop; resent to a good address, it counts from the day it was sent', async () => {
    const gone = address('gone');
    sink.answer(gone, [550]);
    const a = await delinquent(gone);
    await runCollections(t, D(0));
    expect((await settledLetter(a.id)).deliveries).toEqual([{ status: 'FAILED' }]);

    await runCollections(t, D(10));
    expect(await actionsOf(t, a.id)).toEqual([`${D(0)} LETTER`]);

    await gqlOk(
      t.url,
      'mutation($id: ID!, $input: UpdateAccountInput!) { updateAccount(id: $id, input: $input) { id } }',
      { id: a.id, input: { email: address('found') } },
      t.adminToken,
    );
    const letter = await settledLetter(a.id);
    await gqlOk(t.url, 'mutation($id: ID!) { resendDocument(id: $id) { id } }', { id: letter.id }, t.adminToken);
    expect((await settledLetter(a.id, 2)).deliveries).toEqual([{ status: 'FAILED' }, { status: 'SENT' }]);

    // Resent today: the ten days run from today.
    await runCollections(t, D(9));
    expect(await actionsOf(t, a.id)).toEqual([`${D(0)} LETTER`]);
    await runCollections(t, D(10));
    expect(await actionsOf(t, a.id)).toEqual([`${D(0)} LETTER`, `${D(10)} MARKET_DROP`]);
  });

  it('does not count a letter to be posted to an account with no postal address', async () => {
    const a = await accountWithInvoices(t, [{ start: D(-60), end: D(-30), kwh: 500 }], { segment, address: null });
    await runCollections(t, D(0));
    const letter = await settledLetter(a.id);
    expect(letter.deliveries).toEqual([{ status: 'FAILED' }]);
    await runCollections(t, D(10));
    expect(await actionsOf(t, a.id)).toEqual([`${D(0)} LETTER`]);

    await gqlOk(
      t.url,
      'mutation($id: ID!, $input: UpdateAccountInput!) { updateAccount(id: $id, input: $input) { id } }',
      { id: a.id, input: { address: POSTAL_ADDRESS } },
      t.adminToken,
    );
    await gqlOk(t.url, 'mutation($id: ID!) { resendDocument(id: $id) { id } }', { id: letter.id }, t.adminToken);
    expect((await settledLetter(a.id, 2)).deliveries).toEqual([{ status: 'FAILED' }, { status: 'SENT' }]);
    await runCollections(t, D(10));
    expect(await actionsOf(t, a.id)).toEqual([`${D(0)} LETTER`, `${D(10)} MARKET_DROP`]);
  });

  it('does not count a letter the render worker gave up on', async () => {
    await t.hub.services.renderWorker.stop();
    try {
      const a = await delinquent(address('unrendered'));
      await runCollections(t, D(0));
      // Left for an operator after its last attempt: as the worker leaves a letter it cannot draw.
      const [action] = await sql(t, "SELECT id FROM collections_action WHERE account_id = ? AND action = 'LETTER'", [Number(a.id)]);
      await sql(
        t,
        "INSERT INTO document_job (subject_kind, subject_id, attempts, last_error, created_at) VALUES ('LETTER', ?, 5, 'could not draw it', CURRENT_TIMESTAMP)",
        [Number(action.id)],
      );
      await runCollections(t, D(10));
      expect(await actionsOf(t, a.id)).toEqual([`${D(0)} LETTER`]);
    } finally {
      t.hub.services.renderWorker.start();
    }
  });

  it('counts a notice delivered at once, as ever', async () => {
    const a = await delinquent(address('home'));
    await runCollections(t, D(0));
    expect((await settledLetter(a.id)).deliveries).toEqual([{ status: 'SENT' }]);
    await runCollections(t, D(10));
    expect(await actionsOf(t, a.id)).toEqual([`${D(0)} LETTER`, `${D(10)} MARKET_DROP`]);
  });
});
