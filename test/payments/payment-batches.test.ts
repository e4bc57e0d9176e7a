import { errorCode, gql, gqlOk } from '../support/client';
import { accountWithInvoices } from '../support/billing';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { HubError } from '../../server/src/common/errors/hub-error';
import { Role, type Principal } from '../../server/src/common/auth/roles';
import { PaymentChannel } from '../../server/src/modules/payments/payment.entity';

let t: TestHub;
let integrator: string;
beforeAll(async () => {
  t = await startTestHub();
  integrator = await t.apiKey('INTEGRATOR', 'Payment processor');
});
afterAll(async () => checkMoneyAndStop(t));

const RECORD = 'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id amount unapplied account { number } } }';
const BALANCE = 'query($id: ID) { account(id: $id) { balance payments { totalCount } } }';
const ONE_MONTH = [{ start: '2026-01-01', end: '2026-02-01', kwh: 100 }]; // one invoice of 19.95

let keyCount = 0;
const key = () => `batch-${process.pid}-${++keyCount}`;

const processor: Principal = { kind: 'apiKey', id: '0', name: 'apikey:batch tester', role: Role.INTEGRATOR };

async function accounts(n: number): Promise<Array<{ id: string; number: string }>> {
  const made = [];
  for (let i = 0; i < n; i++) made.push(await accountWithInvoices(t, ONE_MONTH));
  return made;
}

async function auditedPayments(ids: string[]): Promise<number> {
  const rows = (await t.hub.db.manager.query(
    `SELECT COUNT(*) AS n FROM audit_entry WHERE action = 'recordPayment' AND subject_id IN (${ids.map(() => '?').join(', ')})`,
    ids,
  )) as Array<{ n: unknown }>;
  return Number(rows[0].n);
}

describe('payments that arrive together', () => {
  it('share transactions, and each is answered as if it had come alone: its payment, its retry, its error', async () => {
    const payers = await accounts(6);
    const earlier = (
      await gqlOk(
        t.url,
        RECORD,
        { input: { accountNumber: payers[0].number, amount: '5.00', channel: 'CARD', idempotencyKey: 'kept-1' } },
        integrator,
      )
    ).recordPayment;
    const input = (accountNumber: string, amount: number, idempotencyKey = key()) => ({
      accountNumber,
      amount,
      channel: PaymentChannel.CARD,
      idempotencyKey,
    });
    // Submitted in one go, so all but the first few wait and are recorded in batches of distinct accounts.
    const fresh = payers.flatMap((a) => [input(a.number, 400), input(a.number, 300), input(a.number, 100), input(a.number, 50)]);
    const calls = [
      ...fresh,
      input('NOBODY', 100),
      input(payers[0].number, 500, 'kept-1'),
      input(payers[1].number, 600, 'kept-1'),
      ...payers.map((a) => input(a.number, 200)),
    ];
    const transactions = jest.spyOn(t.hub.db, 'transaction');
    const answers = await Promise.allSettled(calls.map((call) => t.hub.services.payments.record(processor, call)));
    const used = transactions.mock.calls.length;
    transactions.mockRestore();
    // Fewer transactions than payments, though a batch with the unknown account was undone and its payments run alone.
    expect(used).toBeLessThan(calls.length);

    const outcome = answers.map((a) => (a.status === 'fulfilled' ? 'ok' : a.reason instanceof HubError ? a.reason.code : String(a.reason)));
    expect(outcome).toEqual([...fresh.map(() => 'ok'), 'NOT_FOUND', 'ok', 'IDEMPOTENCY_CONFLICT', ...payers.map(() => 'ok')]);
    const recorded = answers.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    const retried = recorded[fresh.length];
    expect(retried.id).toBe(earlier.id);
    const made = recorded.filter((p) => p !== retried);
    expect(new Set(made.map((p) => p.id)).size).toBe(fresh.length + payers.length);
    expect(made.map((p) => p.amount)).toEqual([...fresh.map((c) => c.amount), ...payers.map(() => 200)]);
    // 19.95 owed, 10.50 paid by each account (and 5.00 more by the first): nothing twice, nothing lost.
    for (const [i, a] of payers.entries()) {
      const state = (await gqlOk(t.url, BALANCE, { id: a.id }, t.adminToken)).account;
      expect(state).toEqual(i === 0 ? { balance: '4.45', payments: { totalCount: 6 } } : { balance: '9.45', payments: { totalCount: 5 } });
    }
    expect(await auditedPayments(made.map((p) => p.id))).toBe(made.length);
  });

  it('keeps every answer its own under concurrent requests over HTTP', async () => {
    const payers = await accounts(4);
    const requests = payers.flatMap((a) => [
      { accountNumber: a.number, amount: '2.50', channel: 'ACH', idempotencyKey: key() },
      { accountNumber: a.number, amount: '2.50', channel: 'ACH', idempotencyKey: key() },
    ]);
    requests.push({ accountNumber: 'NOBODY-EITHER', amount: '1.00', channel: 'ACH', idempotencyKey: key() });
    const results = await Promise.all(requests.map((input) => gql(t.url, RECORD, { input }, integrator)));
    expect(results.map((r) => errorCode(r) ?? 'ok')).toEqual([...payers.flatMap(() => ['ok', 'ok']), 'NOT_FOUND']);
    for (const a of payers) {
      const state = (await gqlOk(t.url, BALANCE, { id: a.id }, t.adminToken)).account;
      expect(state).toEqual({ balance: '14.95', payments: { totalCount: 2 } });
    }
  });
});
