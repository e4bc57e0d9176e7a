import fc from 'fast-check';
import { gqlOk } from '../support/client';
import { daysFromToday } from '../support/dates';
import { unique } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { cents, money } from '../support/sql';
import { pay } from '../collections/helpers';

/** Fixed, so that a failure reproduces; HUB_FUZZ_SEED and HUB_FUZZ_RUNS explore further by hand. */
const SEED = Number(process.env.HUB_FUZZ_SEED ?? 20_261_205);
const RUNS = Number(process.env.HUB_FUZZ_RUNS ?? 15);

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => checkMoneyAndStop(t));

interface Scenario {
  /** Each carried-over invoice: cents, and its due date in days from today. */
  invoices: Array<{ amount: number; due: number }>;
  /** Cents paid after the import; 0: no payment. */
  paid: number;
}

const scenarios: fc.Arbitrary<Scenario> = fc.record({
  invoices: fc.array(fc.record({ amount: fc.integer({ min: 1, max: 5_000_000 }), due: fc.integer({ min: -120, max: 30 }) }), {
    maxLength: 6,
  }),
  paid: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3_000_000 })),
});

/**
 * The rule, computed plainly: the balance is what the invoices carry less what
 * was paid; a payment pays the oldest due date first (the earlier row on a tie);
 * pastDue is what stays open on invoices due before today, and daysPastDue
 * counts from the oldest of those.
 */
function expected(s: Scenario): { balance: bigint; pastDue: bigint; daysPastDue: number } {
  const open = s.invoices.map((inv, i) => ({ ...inv, i, left: BigInt(inv.amount) }));
  let rest = BigInt(s.paid);
  for (const inv of [...open].sort((a, b) => a.due - b.due || a.i - b.i)) {
    const take = rest < inv.left ? rest : inv.left;
    inv.left -= take;
    rest -= take;
  }
  const total = s.invoices.reduce((n, inv) => n + BigInt(inv.amount), 0n);
  const late = open.filter((inv) => inv.due < 0 && inv.left > 0n);
  return {
    balance: total - BigInt(s.paid),
    pastDue: late.reduce((n, inv) => n + inv.left, 0n),
    daysPastDue: late.length ? -Math.min(...late.map((inv) => inv.due)) : 0,
  };
}

it('an imported opening balance owes, ages and is paid exactly as the previous system left it', async () => {
  await fc.assert(
    fc.asyncProperty(scenarios, async (s) => {
      const number = unique('OB');
      const openingBalance = s.invoices.map((inv, i) => ({
        legacyNumber: `P-${i}`,
        issueDate: daysFromToday(Math.min(inv.due, 0) - 10),
        dueDate: daysFromToday(inv.due),
        amount: money(BigInt(inv.amount)),
      }));
      const result = (
        await gqlOk(
          t.url,
          'mutation($rows: [AccountImportInput!]!) { importAccounts(rows: $rows) { accepted rejected { message } } }',
          { rows: [{ number, name: 'Property', segment: 'PROPS', openingBalance }] },
          t.adminToken,
        )
      ).importAccounts;
      expect(result).toEqual({ accepted: 1, rejected: [] });
      if (s.paid > 0) await pay(t, number, money(BigInt(s.paid)), t.adminToken);
      const account = (
        await gqlOk(t.url, 'query($n: String) { account(number: $n) { balance pastDue daysPastDue } }', { n: number }, t.adminToken)
      ).account;
      const want = expected(s);
      expect({ balance: cents(account.balance), pastDue: cents(account.pastDue), daysPastDue: account.daysPastDue }).toEqual(want);
    }),
    { seed: SEED, numRuns: RUNS },
  );
});
