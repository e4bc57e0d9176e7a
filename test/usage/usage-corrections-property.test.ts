import fc from 'fast-check';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { checkProperty } from '../support/property';
import { cents, money } from '../support/sql';
import { addDays } from '../../server/src/common/dates';
import { account, enroll, publishedProduct, unique } from '../support/factories';
import { balance, invoices, record, run, segments } from './corrections-support';

/** Fixed, so that a failure reproduces; HUB_FUZZ_SEED and HUB_FUZZ_RUNS explore further by hand. */
const SEED = Number(process.env.HUB_FUZZ_SEED ?? 20_261_205);
const RUNS = Number(process.env.HUB_FUZZ_RUNS ?? 6);

let t: TestHub;
let segment: string;
beforeAll(async () => {
  t = await startTestHub();
  segment = (await segments(t)).open;
});
afterAll(async () => checkMoneyAndStop(t));

interface Scenario {
  /** Percent off the usage, in tenths of a percent. */
  promo: number;
  /** Micro-units of the price per kWh. */
  price: number;
  /** Each read: its estimate and its actual, in thousandths of a kWh, and its length in days. */
  reads: Array<{ estimate: number; actual: number; days: number }>;
}

const scenarios: fc.Arbitrary<Scenario> = fc.record({
  promo: fc.integer({ min: 1, max: 999 }),
  price: fc.integer({ min: 1, max: 500_000 }),
  reads: fc.array(
    fc.record({
      estimate: fc.integer({ min: 0, max: 2_000_000 }),
      actual: fc.integer({ min: 0, max: 2_000_000 }),
      days: fc.integer({ min: 1, max: 40 }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
});

const decimal = (units: number, places: number): string => {
  const s = String(units).padStart(places + 1, '0');
  return `${s.slice(0, -places)}.${s.slice(-places)}`;
};

/**
 * Estimates billed on one invoice, then every one replaced by its actual: the
 * credit notes take back, read by read, its usage lines less its share of the
 * promo credit; together exactly the invoice's usage and promo credit (all of
 * the invoice but its fixed charge), each share within a cent of the read's
 * exact part. The rebill invoice carries no fixed charge, and the account owes
 * the fixed charge and the rebill.
 */
async function play(s: Scenario): Promise<void> {
  const code = unique('PROMO').replace(/-/g, '_').toUpperCase();
  const product = await publishedProduct(
    t,
    {
      fixedCharge: '7.25',
      rates: [{ effectiveFrom: '2020-01-01', unitPrice: decimal(s.price, 6) }],
      promoCodes: [{ code, percentOff: decimal(s.promo, 1) }],
    },
    '2020-01-01',
  );
  const a = await account(t, { segment });
  await enroll(t, a.id, product.code, '2020-01-01', code);
  let day = '2026-01-01';
  const periods = s.reads.map((r) => {
    const period = { periodStart: day, periodEnd: addDays(day, r.days) };
    day = period.periodEnd;
    return period;
  });
  const send = (estimated: boolean) =>
    periods.map((p, i) => ({
      accountNumber: a.number,
      ...p,
      quantity: decimal(estimated ? s.reads[i].estimate : s.reads[i].actual, 3),
      estimated,
    }));
  await record(t, send(true));
  await run(t, day);
  const [billed] = await invoices(t, a.id);
  const lines = billed.lines;
  const usage = periods.map((p) =>
    lines
      .filter((l) => l.kind === 'USAGE' && (l.periodStart ?? '') >= p.periodStart && (l.periodEnd ?? '') <= p.periodEnd)
      .reduce((sum, l) => sum + cents(l.amount), 0n),
  );
  const promoCredit = -lines.filter((l) => l.kind === 'CREDIT').reduce((sum, l) => sum + cents(l.amount), 0n);
  const totalUsage = usage.reduce((x, y) => x + y, 0n);

  // Replaced one at a time, each in its own call: a credit note each (unless the read charged nothing).
  let before = 0n;
  for (const [i, read] of send(false).entries()) {
    const answer = await record(t, [read]);
    if (answer.replaced !== 1) throw new Error(`read ${i} was not replaced: ${JSON.stringify(answer)}`);
    const credited = cents((await invoices(t, a.id))[0].amountCredited);
    const note = credited - before;
    before = credited;
    // The read's exact share of the promo credit, and the note must be its usage less a share within a cent of it.
    const exact = totalUsage === 0n ? 0 : (Number(promoCredit) * Number(usage[i])) / Number(totalUsage);
    const share = usage[i] - note;
    if (Math.abs(Number(share) - exact) >= 1)
      throw new Error(
        `read ${i}: credited ${money(note)} of usage ${money(usage[i])}; promo share ${money(share)} is not within a cent of ${exact / 100}`,
      );
  }
  if (before !== totalUsage - promoCredit) {
    throw new Error(`credit notes ${money(before)} != usage ${money(totalUsage)} less promo ${money(promoCredit)}`);
  }
  await run(t, addDays(day, 1));
  const all = await invoices(t, a.id);
  const rebill = all[1];
  if (all.length !== 2 || rebill.lines.some((l) => l.kind === 'FIXED'))
    throw new Error('expected one rebill invoice, with no fixed charge');
  const expected = cents(billed.total) - before + cents(rebill.total);
  if (cents(await balance(t, a.id)) !== expected) throw new Error(`balance ${await balance(t, a.id)} != ${money(expected)}`);
  if (cents(billed.total) - before !== 725n)
    throw new Error(`the estimate's invoice keeps ${money(cents(billed.total) - before)}, not its fixed charge`);
}

describe('crediting replaced reads, against a plain computation', () => {
  it("credits exactly each read's usage less its share of the promo, and all of them the invoice but its fixed charge", async () => {
    await checkProperty(scenarios, play, { seed: SEED, runs: RUNS });
  }, 300_000);
});
