import fc from 'fast-check';
import { accountWithInvoices } from '../support/billing';
import { gqlOk } from '../support/client';
import { daysFromToday as D } from '../support/dates';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { pay } from '../collections/helpers';
import { openDispute, resolveDispute } from './helpers';

/**
 * Random accounts with one to three monthly bills (consumption close enough
 * from month to month that no bill is held; due 39 and 9 days ago and
 * in 21 days), some paid in part, and OPEN disputes on a random set of their
 * invoices, some of which are then REJECTED. At each stage the account's
 * balance stays what it was, and its pastDue and daysPastDue are those of a
 * plain computation over its invoices: the amounts due before today of the
 * invoices with no OPEN dispute, counted from the oldest of those due dates.
 * Fixed seed, so that a failure reproduces (fast-check prints it with the
 * counterexample); HUB_PROPERTY_SEED and HUB_PROPERTY_RUNS explore further.
 */
const SEED = Number(process.env.HUB_PROPERTY_SEED ?? 20_261_205);
const RUNS = Number(process.env.HUB_PROPERTY_RUNS ?? 20);

const PERIODS = [
  { start: D(-90), end: D(-60) },
  { start: D(-60), end: D(-30) },
  { start: D(-30), end: D(0) },
];

interface Case {
  kwh: number[];
  /** Cents paid before the disputes open, as a share (per mille) of the balance. */
  paidPerMille: number;
  disputed: boolean[];
  rejected: boolean[];
}

const aCase: fc.Arbitrary<Case> = fc.integer({ min: 1, max: 3 }).chain((n) =>
  fc.record({
    kwh: fc.array(fc.integer({ min: 400, max: 550 }), { minLength: n, maxLength: n }),
    paidPerMille: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 999 })),
    disputed: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    rejected: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
  }),
);

interface Inv {
  id: string;
  amountDue: string;
  dueDate: string;
}

const cents = (money: string): number => Math.round(Number(money) * 100);
const money = (c: number): string => (c / 100).toFixed(2);
const days = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The plain reference: what is past due today leaving out the invoices under an OPEN dispute, and since when. */
function expected(invoices: Inv[], open: ReadonlySet<string>, today: string): { pastDue: string; daysPastDue: number } {
  const counted = invoices.filter((i) => !open.has(i.id) && i.dueDate < today && cents(i.amountDue) > 0);
  const oldest = counted.map((i) => i.dueDate).sort()[0];
  return { pastDue: money(counted.reduce((s, i) => s + cents(i.amountDue), 0)), daysPastDue: oldest ? days(oldest, today) : 0 };
}

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => checkMoneyAndStop(t));

async function standing(id: string): Promise<{ balance: string; pastDue: string; daysPastDue: number; invoices: Inv[] }> {
  const q = `query($id: ID) { account(id: $id) { balance pastDue daysPastDue
    invoices(first: 50) { nodes { id status amountDue dueDate } } } }`;
  const a = (await gqlOk(t.url, q, { id }, t.adminToken)).account;
  return { ...a, invoices: a.invoices.nodes.filter((i: { status: string }) => i.status === 'ISSUED') };
}

async function life(c: Case): Promise<void> {
  const today = D(0);
  const a = await accountWithInvoices(
    t,
    c.kwh.map((kwh, i) => ({ ...PERIODS[i], kwh })),
  );
  const billed = await standing(a.id);
  expect(billed.invoices).toHaveLength(c.kwh.length);
  const paid = Math.floor((cents(billed.balance) * c.paidPerMille) / 1000);
  if (paid > 0) await pay(t, a.number, money(paid), t.adminToken);
  const before = await standing(a.id);
  const invoices = before.invoices;
  expect({ pastDue: before.pastDue, daysPastDue: before.daysPastDue }).toEqual(expected(invoices, new Set(), today));

  const open = new Set<string>();
  const disputes = new Map<string, string>();
  for (const [i, inv] of invoices.entries()) {
    if (!c.disputed[i]) continue;
    const opened = await openDispute(t, inv.id);
    expect(opened.errors).toBeUndefined();
    open.add(inv.id);
    disputes.set(inv.id, opened.data?.openDispute.id);
  }
  const during = await standing(a.id);
  expect(during.balance).toBe(before.balance);
  expect({ pastDue: during.pastDue, daysPastDue: during.daysPastDue }).toEqual(expected(invoices, open, today));

  for (const [i, inv] of invoices.entries()) {
    if (!open.has(inv.id) || !c.rejected[i]) continue;
    expect((await resolveDispute(t, disputes.get(inv.id) as string, 'REJECTED')).errors).toBeUndefined();
    open.delete(inv.id);
  }
  const after = await standing(a.id);
  expect(after.balance).toBe(before.balance);
  expect({ pastDue: after.pastDue, daysPastDue: after.daysPastDue }).toEqual(expected(invoices, open, today));
  // Every dispute rejected: the account stands as before any was opened.
  if (open.size === 0) expect(after).toEqual(before);
}

describe('an OPEN dispute over random accounts', () => {
  it('leaves its invoice out of pastDue and daysPastDue, not out of the balance, and REJECTED counts it again', async () => {
    await fc.assert(
      fc.asyncProperty(aCase, (c) => life(c)),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  });
});
