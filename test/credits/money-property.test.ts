import fc from 'fast-check';
import { errorCode, gql, gqlOk } from '../support/client';
import { accountWithInvoices } from '../support/billing';
import { unique } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { cents, money } from '../support/sql';
import { CREDIT, PAY, REFUND } from './helpers';

/**
 * Payments, reversals, credit notes and refunds in random order on one
 * account, against a plain model of the rules: each source of money (payment
 * or credit note) is spent oldest first on open invoices oldest due first, a
 * credit note first on its own invoice, a refund takes the oldest unapplied
 * money, and a reversal gives its invoices back to whatever credit is left.
 * After every step the hub must answer what the model says, to the cent.
 * Fixed seed so that a failure reproduces; HUB_FUZZ_SEED and HUB_FUZZ_RUNS explore further.
 */
const SEED = Number(process.env.HUB_FUZZ_SEED ?? 20_261_205);
const RUNS = Number(process.env.HUB_FUZZ_RUNS ?? 8);

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => checkMoneyAndStop(t));

type Op =
  | { kind: 'pay'; amount: number }
  | { kind: 'reverse'; pick: number }
  | { kind: 'creditFull'; invoice: number }
  | { kind: 'creditPart'; invoice: number; amount: number }
  | { kind: 'refund'; amount: number };

const ops: fc.Arbitrary<Op[]> = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('pay' as const), amount: fc.integer({ min: 1, max: 8_000 }) }),
    fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('creditFull' as const), invoice: fc.integer({ min: 0, max: 1 }) }),
    fc.record({
      kind: fc.constant('creditPart' as const),
      invoice: fc.integer({ min: 0, max: 1 }),
      amount: fc.integer({ min: 1, max: 5_000 }),
    }),
    fc.record({ kind: fc.constant('refund' as const), amount: fc.integer({ min: 1, max: 8_000 }) }),
  ),
  { minLength: 4, maxLength: 10 },
);

interface Source {
  id: string;
  /** The invoice a credit note credits; null for a payment. */
  creditOf: number | null;
  unapplied: number;
  refunded: number;
  reversed: boolean;
  /** Cents per invoice index. */
  allocations: number[];
}

/** The model: invoices in due order, sources in the order they were made. */
class Model {
  readonly sources: Source[] = [];
  readonly credited: number[];
  readonly usageLeft: number[];
  constructor(
    readonly totals: number[],
    usage: number[],
  ) {
    this.credited = totals.map(() => 0);
    this.usageLeft = [...usage];
  }
  paid(i: number): number {
    return this.sources.reduce((sum, s) => sum + s.allocations[i], 0);
  }
  due(i: number): number {
    return this.totals[i] - this.paid(i);
  }
  private spend(source: Source, order: number[]): void {
    for (const i of order) {
      const amount = Math.min(source.unapplied, this.due(i));
      if (amount <= 0) continue;
      source.allocations[i] += amount;
      source.unapplied -= amount;
    }
  }
  private applyCredit(): void {
    for (const s of this.sources)
      if (!s.reversed)
        this.spend(
          s,
          this.totals.map((_, i) => i),
        );
  }
  pay(id: string, amount: number): void {
    const s: Source = { id, creditOf: null, unapplied: amount, refunded: 0, reversed: false, allocations: this.totals.map(() => 0) };
    this.sources.push(s);
    this.spend(
      s,
      this.totals.map((_, i) => i),
    );
  }
  credit(id: string, invoice: number, amount: number): void {
    const s: Source = { id, creditOf: invoice, unapplied: amount, refunded: 0, reversed: false, allocations: this.totals.map(() => 0) };
    this.sources.push(s);
    this.credited[invoice] += amount;
    this.spend(s, [invoice]);
    if (s.unapplied > 0) this.applyCredit();
  }
  reversible(s: Source): boolean {
    return !s.reversed && s.refunded === 0;
  }
  reverse(s: Source): void {
    s.reversed = true;
    s.unapplied = 0;
    s.allocations = this.totals.map(() => 0);
    this.applyCredit();
  }
  unapplied(): number {
    return this.sources.reduce((sum, s) => sum + s.unapplied, 0);
  }
  refund(amount: number): void {
    let left = amount;
    for (const s of this.sources) {
      const take = Math.min(left, s.unapplied);
      s.unapplied -= take;
      s.refunded += take;
      left -= take;
    }
  }
  /** What the API shows of invoice i. */
  view(i: number) {
    const own = this.sources.filter((s) => s.creditOf === i).reduce((sum, s) => sum + s.allocations[i], 0);
    return {
      status: this.due(i) === 0 ? 'PAID' : 'ISSUED',
      amountPaid: money(BigInt(this.paid(i) - own)),
      amountCredited: money(BigInt(this.credited[i])),
      amountDue: money(BigInt(this.due(i))),
    };
  }
}

const STATE = `query($id: ID) { account(id: $id) { balance unappliedCredit
  invoices(first: 10) { nodes { id status amountPaid amountCredited amountDue lines { id kind amount } } } } }`;

/** How often the runs reached the cases the rules are about; asserted at the end, so a pass means they were exercised. */
const reached = { overflow: 0, reversed: 0, reapplied: 0, refunded: 0, refusedCredit: 0, refusedRefund: 0 };

describe('money under payments, reversals, credit notes and refunds', () => {
  it('matches the plain model after every step', async () => {
    await fc.assert(
      fc.asyncProperty(ops, async (steps) => {
        // Two months of 450 and 430 kWh: 54.95 and 52.95, due in that order.
        const a = await accountWithInvoices(t, [
          { start: '2026-01-01', end: '2026-02-01', kwh: 450 },
          { start: '2026-02-01', end: '2026-03-01', kwh: 430 },
        ]);
        const read = async () => (await gqlOk(t.url, STATE, { id: a.id }, t.adminToken)).account;
        const first = await read();
        const invoices = [...first.invoices.nodes].reverse();
        const usageLine = invoices.map((i: { lines: Array<{ id: string; kind: string; amount: string }> }) =>
          i.lines.find((l) => l.kind === 'USAGE')!,
        );
        const model = new Model(
          invoices.map((i: { amountDue: string }) => Number(cents(i.amountDue))),
          usageLine.map((l: { amount: string }) => Number(cents(l.amount))),
        );
        for (const step of steps) {
          if (step.kind === 'pay') {
            const input = { accountNumber: a.number, amount: money(BigInt(step.amount)), channel: 'CARD', idempotencyKey: unique('prop') };
            model.pay((await gqlOk(t.url, PAY, { input }, t.adminToken)).recordPayment.id, step.amount);
          } else if (step.kind === 'reverse') {
            const payments = model.sources.filter((s) => s.creditOf === null);
            if (payments.length === 0) continue;
            const target = payments[step.pick % payments.length];
            const result = await gql(
              t.url,
              'mutation($id: ID!) { reversePayment(id: $id, reason: "NSF") { status } }',
              { id: target.id },
              t.adminToken,
            );
            if (model.reversible(target)) {
              expect(result.errors).toBeUndefined();
              const before = model.unapplied();
              model.reverse(target);
              reached.reversed++;
              if (model.unapplied() < before) reached.reapplied++;
            } else expect(errorCode(result)).toBe('INVALID_STATE');
          } else if (step.kind === 'creditFull' || step.kind === 'creditPart') {
            const i = step.invoice;
            const left = model.totals[i] - model.credited[i];
            const part = step.kind === 'creditPart' ? step.amount : null;
            const input = {
              invoiceId: invoices[i].id,
              reason: 'Property',
              items: part === null ? null : [{ invoiceLineId: usageLine[i].id, amount: money(BigInt(part)) }],
            };
            const result = await gql(t.url, CREDIT, { input }, t.adminToken);
            const amount = part ?? left;
            const fits = part === null ? left > 0 : part <= model.usageLeft[i];
            if (!fits) {
              expect(errorCode(result)).toBe('BAD_USER_INPUT');
              reached.refusedCredit++;
              continue;
            }
            expect(result.errors).toBeUndefined();
            if (amount > model.due(i)) reached.overflow++;
            model.usageLeft[i] -= part ?? model.usageLeft[i];
            model.credit(result.data!.creditInvoice.id, i, amount);
            expect(result.data!.creditInvoice.total).toBe(money(BigInt(amount)));
          } else {
            const result = await gql(
              t.url,
              REFUND,
              {
                input: {
                  accountNumber: a.number,
                  amount: money(BigInt(step.amount)),
                  channel: 'ACH',
                  idempotencyKey: unique('prop-refund'),
                },
              },
              t.adminToken,
            );
            if (step.amount <= model.unapplied()) {
              expect(result.errors).toBeUndefined();
              model.refund(step.amount);
              reached.refunded++;
            } else {
              expect(errorCode(result)).toBe('BAD_USER_INPUT');
              reached.refusedRefund++;
            }
          }
          const state = await read();
          const shown = [...state.invoices.nodes].reverse();
          expect(
            shown.map((i: Record<string, string>) => ({
              status: i.status,
              amountPaid: i.amountPaid,
              amountCredited: i.amountCredited,
              amountDue: i.amountDue,
            })),
          ).toEqual(model.totals.map((_, i) => model.view(i)));
          const owed = model.totals.reduce((sum, _, i) => sum + model.due(i), 0);
          expect({ balance: state.balance, unappliedCredit: state.unappliedCredit }).toEqual({
            balance: money(BigInt(owed - model.unapplied())),
            unappliedCredit: money(BigInt(model.unapplied())),
          });
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(reached.overflow).toBeGreaterThan(0);
    expect(reached.refunded).toBeGreaterThan(0);
    expect(reached.reversed).toBeGreaterThan(0);
    expect(reached.refusedCredit + reached.refusedRefund).toBeGreaterThan(0);
  }, 300_000);
});
