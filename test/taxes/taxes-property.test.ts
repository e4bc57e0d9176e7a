import fc from 'fast-check';
import { addDays } from '../../server/src/common/dates';
import { gqlOk } from '../support/client';
import { account, enroll, publishedProduct, unique } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { cents, money } from '../support/sql';
import { recordUsage, runBilling } from '../billing/credits';
import { addTaxRate, uniqueZone } from './helpers';

/**
 * Taxes on bill-run invoices against a plain computation written here: random
 * tax rates per zone and code that change over time (ended and replaced, with
 * gaps), accounts that move between zones and in and out of exemption between
 * bill runs, reads that end on any day. Fixed seed, so a failure reproduces;
 * HUB_FUZZ_SEED and HUB_FUZZ_RUNS explore further by hand.
 */
const SEED = Number(process.env.HUB_FUZZ_SEED ?? 20_261_205);
const RUNS = Number(process.env.HUB_FUZZ_RUNS ?? 40);
const KINDS = ['USAGE', 'FIXED', 'CREDIT', 'FEE'] as const;
const START = '2026-01-01';
/** Bill runs on the first of February to May. */
const RUN_DAYS = ['2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01'];

let t: TestHub;
beforeAll(async () => {
  // Each run makes a few dozen calls back to back: the per-user request limit is not under test here.
  t = await startTestHub({ HUB_RATE_LIMIT_RPS: '0' });
});
afterAll(async () => checkMoneyAndStop(t));

interface Segment {
  /** Days after START. */
  from: number;
  /** Days after START, or open; always after `from`, never after the next segment's start. */
  to: number | null;
  /** Micro-units. */
  percent: number;
  appliesTo: string[];
}

interface Scenario {
  /** Per zone (two), per code: its rates over time. */
  zones: Array<Array<{ code: string; segments: Segment[] }>>;
  fixedCharge: number;
  /** Micro-units per kWh. */
  unitPrice: number;
  promoPercent: number | null;
  accounts: Array<{
    promo: boolean;
    /** Days after START where a read ends (sorted, distinct), the last ones before the last run. */
    cuts: number[];
    kwh: number[];
    /** Before each bill run: the account's zone (0 or 1) and whether it is exempt. */
    states: Array<{ zone: 0 | 1; exempt: boolean }>;
  }>;
}

/** A percent in micro-units: mostly small with few digits, sometimes 0 or 100, sometimes six fraction digits. */
const percent = fc.oneof(
  fc.integer({ min: 0, max: 2_500 }).map((n) => n * 10_000),
  fc.constantFrom(0, 100_000_000, 12_345_678, 8_875_000),
  fc.integer({ min: 0, max: 100_000_000 }),
);

/** Segments of one code: sorted change days, each ended at the next change or a little before (a gap), the last maybe open. */
const segments: fc.Arbitrary<Segment[]> = fc
  .record({
    days: fc.uniqueArray(fc.integer({ min: -5, max: 125 }), { minLength: 1, maxLength: 4 }),
    gaps: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 4, maxLength: 4 }),
    open: fc.boolean(),
    terms: fc.array(fc.record({ percent, appliesTo: fc.subarray([...KINDS], { minLength: 1 }) }), { minLength: 4, maxLength: 4 }),
  })
  .map(({ days, gaps, open, terms }) => {
    const sorted = [...days].sort((a, b) => a - b);
    return sorted.map((from, i) => {
      const next = sorted[i + 1];
      const to = next !== undefined ? Math.max(from + 1, next - gaps[i]) : open ? null : from + 1 + gaps[i] * 5;
      return { from, to, ...terms[i] };
    });
  });

const zone = fc
  .uniqueArray(fc.constantFrom('STATE', 'CITY', 'COUNTY', 'UTILITY_2'), { minLength: 0, maxLength: 3 })
  .chain((codes) => fc.tuple(...codes.map(() => segments)).map((segs) => codes.map((code, i) => ({ code, segments: segs[i] }))));

const scenarios: fc.Arbitrary<Scenario> = fc.record({
  zones: fc.tuple(zone, zone),
  fixedCharge: fc.integer({ min: 0, max: 3_000 }),
  unitPrice: fc.integer({ min: 1, max: 400_000 }),
  promoPercent: fc.option(
    fc.integer({ min: 1, max: 60 }).map((p) => p * 1_000_000),
    { nil: null },
  ),
  accounts: fc.array(
    fc.record({
      promo: fc.boolean(),
      cuts: fc.uniqueArray(fc.integer({ min: 1, max: 119 }), { minLength: 1, maxLength: 4 }).map((c) => [...c].sort((a, b) => a - b)),
      kwh: fc.array(fc.integer({ min: 0, max: 2_000 }), { minLength: 4, maxLength: 4 }),
      states: fc.array(fc.record({ zone: fc.constantFrom<0 | 1>(0, 1), exempt: fc.constantFrom(false, false, false, true) }), {
        minLength: 4,
        maxLength: 4,
      }),
    }),
    { minLength: 1, maxLength: 2 },
  ),
});

const day = (offset: number): string => addDays(START, offset);

/** base x percent / 100, half-up to cents, in plain integers: percent is in millionths, so divide by 10^8. */
function referenceTax(base: bigint, percentMicros: number): bigint {
  const n = base * BigInt(percentMicros);
  const q = n / 100_000_000n;
  return (n % 100_000_000n) * 2n >= 100_000_000n ? q + 1n : q;
}

interface ApiLine {
  kind: string;
  amount: string;
  taxCode: string | null;
}
interface ApiInvoice {
  id: string;
  periodEnd: string;
  total: string;
  lines: ApiLine[];
}

/** What the invoice's TAX lines must be: from the rates generated here, not the hub's. */
function expectedTaxes(s: Scenario, zoneIndex: 0 | 1, exempt: boolean, invoice: ApiInvoice): Array<[string, bigint]> {
  if (exempt) return [];
  const lastDay = addDays(invoice.periodEnd, -1);
  const out: Array<[string, bigint]> = [];
  const codes = [...s.zones[zoneIndex]].sort((a, b) => (a.code < b.code ? -1 : 1));
  for (const { code, segments: segs } of codes) {
    const rate = segs.find((g) => day(g.from) <= lastDay && (g.to === null || lastDay < day(g.to)));
    if (!rate) continue;
    const taxed = invoice.lines.filter((l) => l.kind !== 'TAX' && rate.appliesTo.includes(l.kind));
    if (taxed.length === 0) continue;
    let base = taxed.reduce((sum, l) => sum + cents(l.amount), 0n);
    if (base < 0n) base = 0n;
    out.push([code, referenceTax(base, rate.percent)]);
  }
  return out;
}

const INVOICES = `query($id: ID) { account(id: $id) { invoices(first: 50) { nodes { id periodEnd total lines { kind amount taxCode } } } } }`;
const UPDATE = 'mutation($id: ID!, $input: UpdateAccountInput!) { updateAccount(id: $id, input: $input) { id } }';

const reached = { taxLines: 0, zeroRate: 0, exemptInvoices: 0, creditInBase: 0, noRate: 0 };

async function play(s: Scenario): Promise<void> {
  const zones = [uniqueZone('PZ'), uniqueZone('PZ')];
  for (const [z, codes] of s.zones.entries()) {
    for (const { code, segments: segs } of codes) {
      for (const g of segs) {
        // The open or later-ended form first, then ended through endTaxRate, as an operator replaces a rate.
        const added = await addTaxRate(t, {
          zone: zones[z],
          code,
          percent: formatMicros(g.percent),
          appliesTo: g.appliesTo,
          effectiveFrom: day(g.from),
        });
        if (g.to !== null) {
          await gqlOk(
            t.url,
            'mutation($id: ID!, $to: Date!) { endTaxRate(id: $id, effectiveTo: $to) { id } }',
            { id: added.id, to: day(g.to) },
            t.adminToken,
          );
        }
        if (g.percent === 0) reached.zeroRate++;
      }
    }
  }
  const promo = unique('TAXP');
  const product = await publishedProduct(
    t,
    {
      fixedCharge: money(BigInt(s.fixedCharge)),
      rates: [{ effectiveFrom: '2025-01-01', unitPrice: formatMicros(s.unitPrice) }],
      promoCodes: s.promoPercent === null ? [] : [{ code: promo, percentOff: formatMicros(s.promoPercent) }],
    },
    '2025-12-01',
  );
  const customers: Array<{ id: string; number: string }> = [];
  for (const a of s.accounts) {
    const customer = await account(t, { taxZone: zones[a.states[0].zone], taxExempt: a.states[0].exempt });
    await enroll(t, customer.id, product.code, START, a.promo && s.promoPercent !== null ? promo : undefined);
    let from = 0;
    for (const [i, cut] of a.cuts.entries()) {
      await recordUsage(t, customer.number, day(from), day(cut), a.kwh[i]);
      from = cut;
    }
    customers.push(customer);
  }

  for (const [r, asOf] of RUN_DAYS.entries()) {
    for (const [i, a] of s.accounts.entries()) {
      await gqlOk(
        t.url,
        UPDATE,
        { id: customers[i].id, input: { taxZone: zones[a.states[r].zone], taxExempt: a.states[r].exempt } },
        t.adminToken,
      );
    }
    const before = new Map<string, Set<string>>();
    for (const c of customers) before.set(c.id, new Set((await invoicesOf(c.id)).map((inv) => inv.id)));
    await runBilling(t, asOf);
    for (const [i, a] of s.accounts.entries()) {
      const fresh = (await invoicesOf(customers[i].id)).filter((inv) => !before.get(customers[i].id)?.has(inv.id));
      for (const invoice of fresh) check(s, a.states[r].zone, a.states[r].exempt, invoice);
    }
  }
}

function check(s: Scenario, zoneIndex: 0 | 1, exempt: boolean, invoice: ApiInvoice): void {
  const want = expectedTaxes(s, zoneIndex, exempt, invoice);
  const got = invoice.lines.filter((l) => l.kind === 'TAX').map((l): [string, bigint] => [l.taxCode ?? '(none)', cents(l.amount)]);
  const where = `invoice ${invoice.id} (last day ${addDays(invoice.periodEnd, -1)}, zone ${zoneIndex}, exempt ${exempt})`;
  const show = (x: Array<[string, bigint]>) => JSON.stringify(x.map(([c, a]) => [c, money(a)]));
  if (show(got) !== show(want)) throw new Error(`${where}: TAX lines ${show(got)}, the rule says ${show(want)}`);
  const charges = invoice.lines.filter((l) => l.kind !== 'TAX').reduce((sum, l) => sum + cents(l.amount), 0n);
  const total = charges + want.reduce((sum, [, a]) => sum + a, 0n);
  if (cents(invoice.total) !== total) throw new Error(`${where}: total ${invoice.total}, the rule says ${money(total)}`);
  if (exempt) reached.exemptInvoices++;
  else if (want.length === 0) reached.noRate++;
  reached.taxLines += want.length;
  if (want.length > 0 && invoice.lines.some((l) => l.kind === 'CREDIT' && cents(l.amount) !== 0n)) reached.creditInBase++;
}

async function invoicesOf(accountId: string): Promise<ApiInvoice[]> {
  return (await gqlOk(t.url, INVOICES, { id: accountId }, t.adminToken)).account.invoices.nodes;
}

/** Micro-units as the Decimal scalar's text: "8.875", "0.1325", "12". */
function formatMicros(micros: number): string {
  const whole = Math.floor(micros / 1_000_000);
  const fraction = String(micros % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

describe('taxes on bill-run invoices, against a plain computation of the rule', () => {
  it('gives every invoice one TAX line per code in effect on its last day, each rounded once, in its total', async () => {
    const outcome = await fc.check(fc.asyncProperty(scenarios, play), { seed: SEED, numRuns: RUNS, endOnFailure: true });
    if (outcome.failed) {
      const reason = outcome.errorInstance instanceof Error ? outcome.errorInstance.message : String(outcome.errorInstance);
      throw new Error(
        `seed ${outcome.seed}, path "${outcome.counterexamplePath}": ${reason}\n  scenario: ${JSON.stringify(outcome.counterexample?.[0])}`,
      );
    }
  }, 600_000);

  it('reached taxed invoices, zero rates, exempt accounts, days with no rate and credits beside taxes', () => {
    console.log(reached);
    for (const [what, n] of Object.entries(reached)) expect([what, n > 0]).toEqual([what, true]);
  });
});
