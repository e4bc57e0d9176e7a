import fc from 'fast-check';
import { addDays } from '../../server/src/common/dates';
import { enrolledAccounts, gqlAliased, publishedProducts, recordReads } from '../support/aliased';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { checkProperty } from '../support/property';
import { cents, money } from '../support/sql';
import { runBilling } from '../billing/credits';

/**
 * Block tiers and register prices on bill-run invoices against a plain
 * computation written here: random products whose rates (flat or tiered, with
 * ON_PEAK and OFF_PEAK prices) change inside the reads, TOTAL and register
 * reads of any length, billed through the API. Fixed seed, so a failure
 * reproduces; HUB_FUZZ_SEED and HUB_FUZZ_RUNS (scenarios, played twenty to a
 * batch) explore further by hand.
 */
const SEED = Number(process.env.HUB_FUZZ_SEED ?? 20_261_206);
const RUNS = Number(process.env.HUB_FUZZ_RUNS ?? 200);
/** Scenarios billed together: a bill run is the costly step, and one serves the batch. */
const BATCH = 20;
const START = '2026-01-01';
const REGISTERS = ['TOTAL', 'ON_PEAK', 'OFF_PEAK'] as const;

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub({ HUB_RATE_LIMIT_RPS: '0' });
  // Invoices' documents and mail are not under test; rendering hundreds of PDFs would take the CPU the bill runs need.
  await t.hub.services.renderWorker.stop();
  await t.hub.services.deliveryWorker.stop();
});
afterAll(async () => checkMoneyAndStop(t));

interface RateSpec {
  /** Micro-units; null when tiered. */
  unitPrice: number | null;
  /** upTo in micro-units per 30 days (null last), price micro-units. */
  tiers: Array<{ upTo: number | null; unitPrice: number }> | null;
  onPeak: number;
  offPeak: number;
}

interface Scenario {
  fixedCharge: number;
  /** Days after START where the next rate starts (sorted, distinct). */
  changes: number[];
  rates: RateSpec[];
  reads: Array<{ register: (typeof REGISTERS)[number]; cuts: number[]; quantities: number[] }>;
}

const price = fc.oneof(
  fc.integer({ min: 0, max: 400_000 }),
  fc.integer({ min: 0, max: 40 }).map((n) => n * 10_000),
);
const tiers = fc
  .record({
    bounds: fc.uniqueArray(fc.integer({ min: 1, max: 1_500_000_000 }), { minLength: 0, maxLength: 3 }),
    prices: fc.array(price, { minLength: 4, maxLength: 4 }),
  })
  .map(({ bounds, prices }) => {
    const sorted = [...bounds].sort((a, b) => a - b);
    return [...sorted, null].map((upTo, i) => ({ upTo, unitPrice: prices[i] }));
  });
const rate: fc.Arbitrary<RateSpec> = fc
  .record({
    unitPrice: price,
    tiers: fc.option(tiers, { nil: null }),
    onPeak: price,
    offPeak: price,
  })
  .map((r) => (r.tiers ? { ...r, unitPrice: null } : r));

const scenarios: fc.Arbitrary<Scenario> = fc.record({
  fixedCharge: fc.integer({ min: 0, max: 3_000 }),
  changes: fc.uniqueArray(fc.integer({ min: 1, max: 85 }), { minLength: 0, maxLength: 3 }).map((c) => [...c].sort((a, b) => a - b)),
  rates: fc.array(rate, { minLength: 4, maxLength: 4 }),
  reads: fc.uniqueArray(
    fc.record({
      register: fc.constantFrom(...REGISTERS),
      cuts: fc.uniqueArray(fc.integer({ min: 1, max: 89 }), { minLength: 1, maxLength: 3 }).map((c) => [...c].sort((a, b) => a - b)),
      quantities: fc.array(
        fc.oneof(
          fc.integer({ min: 0, max: 3_000_000_000 }),
          fc.integer({ min: 0, max: 3_000 }).map((n) => n * 1_000_000),
        ),
        { minLength: 3, maxLength: 3 },
      ),
    }),
    { minLength: 1, maxLength: 3, selector: (r) => r.register },
  ),
});

const day = (offset: number): string => addDays(START, offset);

/** Micro-units as Decimal text. */
function formatMicros(micros: number): string {
  const whole = Math.floor(micros / 1_000_000);
  const fraction = String(micros % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** Decimal text to micro-units. */
function micros(text: string): bigint {
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
}

/** n / d rounded half-up (n, d >= 0). */
const halfUp = (n: bigint, d: bigint): bigint => n / d + ((n % d) * 2n >= d ? 1n : 0n);

type Line = [string, string, string, string, string, string];

/** The USAGE lines the rule gives: [register, start, end, quantity, unitPrice, amount] as micro-unit and cent integers. */
function expectedLines(s: Scenario): Line[] {
  const rateStarts = [-400, ...s.changes];
  const rateOn = (offset: number): RateSpec => s.rates[rateStarts.filter((d) => d <= offset).length - 1];
  const out: Line[] = [];
  for (const read of s.reads) {
    let from = 0;
    for (const [k, cut] of read.cuts.entries()) {
      const q = BigInt(read.quantities[k]);
      const total = BigInt(cut - from);
      const bounds = [from, ...s.changes.filter((c) => c > from && c < cut), cut];
      const pieces = bounds.slice(0, -1).map((b, i) => ({ start: b, end: bounds[i + 1], rate: rateOn(b) }));
      // Largest remainder: floors, then the leftover micro-units one by one to the biggest remainders, first wins ties.
      const shares = pieces.map((p, i) => ({
        i,
        floor: (q * BigInt(p.end - p.start)) / total,
        rem: (q * BigInt(p.end - p.start)) % total,
      }));
      let leftover = q - shares.reduce((a, x) => a + x.floor, 0n);
      const qty = shares.map((x) => x.floor);
      for (const x of [...shares].sort((a, b) => (b.rem > a.rem ? 1 : b.rem < a.rem ? -1 : a.i - b.i))) {
        if (leftover <= 0n) break;
        qty[x.i] += 1n;
        leftover -= 1n;
      }
      pieces.forEach((p, i) => {
        const days = BigInt(p.end - p.start);
        const row = (qn: bigint, pr: bigint, amount: bigint): Line => [
          read.register,
          day(p.start),
          day(p.end),
          String(qn),
          String(pr),
          String(amount),
        ];
        if (read.register === 'TOTAL' && p.rate.tiers) {
          let filled = 0n;
          const rows: Line[] = [];
          for (const tier of p.rate.tiers) {
            if (filled >= qty[i]) break;
            const limit = tier.upTo === null ? qty[i] : [qty[i], (BigInt(tier.upTo) * days) / 30n].reduce((a, b) => (a < b ? a : b));
            if (limit > filled) {
              rows.push(row(limit - filled, BigInt(tier.unitPrice), halfUp((limit - filled) * BigInt(tier.unitPrice), 10_000_000_000n)));
              filled = limit;
            }
          }
          if (rows.length === 0) rows.push(row(qty[i], BigInt(p.rate.tiers[0].unitPrice), 0n));
          out.push(...rows);
        } else {
          const pr = BigInt(
            read.register === 'ON_PEAK' ? p.rate.onPeak : read.register === 'OFF_PEAK' ? p.rate.offPeak : (p.rate.unitPrice ?? 0),
          );
          out.push(row(qty[i], pr, halfUp(q * days * pr, 10_000_000_000n * total)));
        }
      });
      from = cut;
    }
  }
  return out.sort();
}

const reached = { cases: 0, tierLines: 0, multiTier: 0, registerLines: 0, splitReads: 0 };

/** What each account's invoices query selects. */
const INVOICES = '{ invoices(first: 10) { nodes { id total lines { kind amount quantity unitPrice register periodStart periodEnd } } } }';

interface ApiLine {
  kind: string;
  amount: string;
  quantity: string;
  unitPrice: string;
  register: string;
  periodStart: string;
  periodEnd: string;
}

/** The scenario's product input: its rates over time, flat or tiered, each with ON_PEAK and OFF_PEAK prices. */
function productInput(s: Scenario): Record<string, unknown> {
  const rates = s.rates.slice(0, s.changes.length + 1).map((r, i) => ({
    effectiveFrom: i === 0 ? '2025-01-01' : day(s.changes[i - 1]),
    effectiveTo: i < s.changes.length ? day(s.changes[i]) : null,
    ...(r.tiers
      ? { tiers: r.tiers.map((x) => ({ upTo: x.upTo === null ? null : formatMicros(x.upTo), unitPrice: formatMicros(x.unitPrice) })) }
      : { unitPrice: formatMicros(r.unitPrice ?? 0) }),
    registerPrices: [
      { register: 'ON_PEAK', unitPrice: formatMicros(r.onPeak) },
      { register: 'OFF_PEAK', unitPrice: formatMicros(r.offPeak) },
    ],
  }));
  return { fixedCharge: money(BigInt(s.fixedCharge)), rates };
}

/**
 * Plays a batch of scenarios side by side, a product and an account each, so
 * that one bill run serves them all and each setup step is one request for
 * the batch (aliased fields).
 */
async function playBatch(batch: Scenario[]): Promise<void> {
  const products = await publishedProducts(t, batch.map(productInput), '2025-12-01');
  const customers = await enrolledAccounts(
    t,
    products.map((p) => ({ productCode: p.code, startDate: START })),
  );
  await recordReads(
    t,
    batch.flatMap((s, b) =>
      s.reads.flatMap((r) =>
        r.cuts.map((cut, k) => ({
          accountNumber: customers[b].number,
          register: r.register,
          periodStart: day(r.cuts[k - 1] ?? 0),
          periodEnd: day(cut),
          quantity: formatMicros(r.quantities[k]),
        })),
      ),
    ),
  );
  await runBilling(t, '2026-04-01');
  const billed = await gqlAliased<{ invoices: { nodes: Array<{ id: string; total: string; lines: ApiLine[] }> } }>(
    t,
    'query',
    customers.map((c) => ({ field: 'account', args: { id: { type: 'ID', value: c.id } }, selection: INVOICES })),
    10,
  );
  for (const [b, s] of batch.entries()) {
    try {
      check(s, billed[b].invoices.nodes);
    } catch (e) {
      throw new Error(`case ${b} of the batch: ${e instanceof Error ? e.message : String(e)}\n  scenario: ${JSON.stringify(s)}`, {
        cause: e,
      });
    }
  }
  reached.cases += batch.length;
}

function check(s: Scenario, invoices: Array<{ id: string; total: string; lines: ApiLine[] }>): void {
  if (invoices.length !== 1) throw new Error(`expected one invoice, got ${invoices.length}`);
  const invoice = invoices[0];
  const got: Line[] = invoice.lines
    .filter((l) => l.kind === 'USAGE')
    .map((l): Line => [
      l.register,
      l.periodStart,
      l.periodEnd,
      String(micros(l.quantity)),
      String(micros(l.unitPrice)),
      String(cents(l.amount)),
    ])
    .sort();
  const want = expectedLines(s);
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    throw new Error(`USAGE lines ${JSON.stringify(got)}\n  the rule says ${JSON.stringify(want)}`);
  }
  const others = invoice.lines.filter((l) => l.kind !== 'USAGE');
  const fixed = others.filter((l) => l.kind === 'FIXED');
  if (fixed.length !== 1 || cents(fixed[0].amount) !== BigInt(s.fixedCharge))
    throw new Error(`FIXED lines ${JSON.stringify(fixed)}, the rule says one of ${money(BigInt(s.fixedCharge))}`);
  const total = invoice.lines.reduce((sum, l) => sum + cents(l.amount), 0n);
  const usage = want.reduce((sum, l) => sum + BigInt(l[5]), 0n);
  if (others.length !== 1 || cents(invoice.total) !== total || total !== usage + BigInt(s.fixedCharge))
    throw new Error(`total ${invoice.total} (lines ${money(total)}), the rule says ${money(usage + BigInt(s.fixedCharge))}`);
  const tierLines = got.filter((l) => l[0] === 'TOTAL' && s.rates.some((r) => r.tiers));
  reached.tierLines += tierLines.length;
  reached.registerLines += got.filter((l) => l[0] !== 'TOTAL').length;
  if (want.length > s.reads.reduce((n, r) => n + r.cuts.length, 0)) reached.splitReads++;
  const byPiece = new Map<string, number>();
  for (const l of got.filter((x) => x[0] === 'TOTAL')) byPiece.set(`${l[1]}${l[2]}`, (byPiece.get(`${l[1]}${l[2]}`) ?? 0) + 1);
  if ([...byPiece.values()].some((n) => n > 1)) reached.multiTier++;
}

describe('block tiers and register prices on bill-run invoices, against a plain computation', () => {
  it('prices every span of every read by its register and tiers, to the cent', async () => {
    const batches = fc.array(scenarios, { minLength: BATCH, maxLength: BATCH });
    // The reason names the failing scenario of the batch.
    await checkProperty(batches, playBatch, { seed: SEED, runs: Math.ceil(RUNS / BATCH), showCase: false });
  }, 600_000);

  it('reached tiered lines, several tiers in one span, register lines and reads split at a rate change', () => {
    console.log(reached);
    for (const [what, n] of Object.entries(reached)) expect([what, n > 0]).toEqual([what, true]);
  });
});
