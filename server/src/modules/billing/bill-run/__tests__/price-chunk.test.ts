import { Account, AccountStatus, Enrollment } from '../../../accounts/account.entity';
import { PromoCode } from '../../../catalog/product.entity';
import { UsageRead } from '../../../usage/usage.entity';
import { BillingRules } from '../../billing.entity';
import type { PendingCredit } from '../../carried-credits';
import type { PastInvoice } from '../../invoice-math';
import type { PendingManualCharge } from '../../pending-charges';
import type { TaxRateTerms } from '../../../taxes/tax-math';
import { product } from '../../__tests__/invoice-fixtures';
import { priceChunk, type Outcome, type PricingData } from '../price-chunk';

// Quantities and unit prices in micro-units, money in cents, as the hub stores them.
// January at 412.5 kWh x 0.1325 = 54.66, plus the 9.95 fixed charge: 64.61.
const JANUARY_TOTAL = 6461;
const ASOF = '2026-02-01';

/** The green product of the invoice-math tests: 0.1325 a kWh and a 9.95 fixed charge. */
const green = product();

const account = ({
  id,
  segment = 'RESIDENTIAL',
  taxZone = 'DEFAULT',
  taxExempt = false,
}: {
  id: string;
  segment?: string;
  taxZone?: string;
  taxExempt?: boolean;
}): Account =>
  Object.assign(new Account(), {
    id,
    number: `A-${id}`,
    name: `Customer ${id}`,
    segment,
    status: AccountStatus.ACTIVE,
    taxZone,
    taxExempt,
  });

/** 6 % state tax on everything, and a 5 % city utility tax on usage from February. */
const TAX_RATES: TaxRateTerms[] = [
  {
    zone: 'DEFAULT',
    code: 'STATE',
    name: 'State tax',
    percent: 6_000_000,
    appliesTo: ['USAGE', 'FIXED', 'CREDIT'],
    effectiveFrom: '2025-01-01',
    effectiveTo: null,
  },
  {
    zone: 'DEFAULT',
    code: 'CITY',
    name: 'City utility tax',
    percent: 5_000_000,
    appliesTo: ['USAGE'],
    effectiveFrom: '2026-02-01',
    effectiveTo: null,
  },
  {
    zone: 'NORTH',
    code: 'STATE',
    name: 'North tax',
    percent: 10_000_000,
    appliesTo: ['USAGE'],
    effectiveFrom: '2025-01-01',
    effectiveTo: null,
  },
];

const januaryRead = ({ id, accountId }: { id: string; accountId: string }): UsageRead =>
  Object.assign(new UsageRead(), { id, accountId, periodStart: '2026-01-01', periodEnd: '2026-02-01', quantity: 412_500_000 });

const enrollment = ({ id, accountId, promoCodeId = null }: { id: string; accountId: string; promoCodeId?: string | null }): Enrollment =>
  Object.assign(new Enrollment(), {
    id,
    accountId,
    productId: green.id,
    startDate: '2025-06-01',
    endDate: null,
    promoCodeId,
    firstInvoiceId: 'earlier',
  });

const rules = ({ maxInvoiceAmount = null }: { maxInvoiceAmount?: number | null } = {}): BillingRules =>
  Object.assign(new BillingRules(), {
    segmentKey: 'RESIDENTIAL',
    highConsumptionFactor: 3_000_000,
    swingPercent: 50_000_000,
    maxInvoiceAmount,
    paymentTermsDays: 14,
  });

/** A chunk of accounts that each have January's read on the green product, unless told otherwise. */
function chunk({
  accounts,
  enrolled = accounts.map((a) => a.id),
  history = new Map(),
  pending = new Map(),
  promos = new Map(),
  promoOf = new Map(),
  charges = new Map(),
  withReads = accounts.map((a) => a.id),
  taxRates = [],
}: {
  accounts: Account[];
  enrolled?: string[];
  history?: Map<string, PastInvoice[]>;
  pending?: Map<string, PendingCredit[]>;
  promos?: Map<string, PromoCode>;
  promoOf?: Map<string, string>;
  charges?: Map<string, PendingManualCharge[]>;
  withReads?: string[];
  taxRates?: TaxRateTerms[];
}): PricingData {
  return {
    accounts: new Map(accounts.map((a) => [a.id, a])),
    reads: new Map(withReads.map((id) => [id, [januaryRead({ id: `r-${id}`, accountId: id })]])),
    enrollments: new Map(enrolled.map((id) => [id, [enrollment({ id: `e-${id}`, accountId: id, promoCodeId: promoOf.get(id) ?? null })]])),
    products: new Map([[green.id, green]]),
    promos,
    history,
    credits: { pending, carried: new Map(), charges },
    taxRates,
  };
}

const invoiced = (outcome: Outcome) => {
  if (outcome.kind !== 'INVOICE') throw new Error(`expected an invoice, got ${outcome.kind}`);
  return outcome;
};

describe('priceChunk', () => {
  it("prices each account's unbilled reads on one invoice, in the chunk's account order", () => {
    const outcomes = priceChunk({
      data: chunk({ accounts: [account({ id: '1' }), account({ id: '2' })] }),
      rulesFor: () => rules(),
      asOf: ASOF,
    });

    expect(outcomes.map((o) => [o.kind, o.account.id, invoiced(o).computation.total, invoiced(o).failures])).toEqual([
      ['INVOICE', '1', JANUARY_TOTAL, []],
      ['INVOICE', '2', JANUARY_TOTAL, []],
    ]);
  });

  it('keeps the reads it priced with the outcome, so they can be marked billed', () => {
    const [outcome] = priceChunk({ data: chunk({ accounts: [account({ id: '1' })] }), rulesFor: () => rules(), asOf: ASOF });

    expect(invoiced(outcome).reads.map((r) => r.id)).toEqual(['r-1']);
  });

  it('leaves out an account whose reads were loaded but which is no longer active (not among the accounts)', () => {
    const data = chunk({ accounts: [account({ id: '1' }), account({ id: '2' })] });
    data.accounts.delete('2');

    expect(priceChunk({ data, rulesFor: () => rules(), asOf: ASOF }).map((o) => o.account.id)).toEqual(['1']);
  });

  it('blocks an account no enrollment covers, with the problem to fix, and prices the others', () => {
    const outcomes = priceChunk({
      data: chunk({ accounts: [account({ id: '1' }), account({ id: '2' })], enrolled: ['2'] }),
      rulesFor: () => rules(),
      asOf: ASOF,
    });

    const [blocked, other] = outcomes;
    expect(blocked.kind).toBe('BLOCKED');
    expect(blocked.kind === 'BLOCKED' && blocked.computation.problems.map((p) => p.code)).toEqual(['NO_ENROLLMENT']);
    expect(other).toMatchObject({ kind: 'INVOICE', account: { id: '2' } });
  });

  it("applies the account's pending credits, oldest first, and records what each gave", () => {
    const pending = new Map([
      [
        '1',
        [
          { id: 'c-old', amount: 1000, description: 'Welcome credit' },
          { id: 'c-new', amount: 500, description: 'Goodwill credit' },
        ],
      ],
    ]);

    const [outcome] = priceChunk({ data: chunk({ accounts: [account({ id: '1' })], pending }), rulesFor: () => rules(), asOf: ASOF });

    expect(invoiced(outcome).computation.total).toBe(JANUARY_TOTAL - 1500);
    expect(invoiced(outcome).credits).toEqual([
      { id: 'c-old', applied: 1000, rest: 0 },
      { id: 'c-new', applied: 500, rest: 0 },
    ]);
  });

  it("applies the promo code of the account's enrollment", () => {
    const promo = Object.assign(new PromoCode(), {
      id: 'promo-1',
      code: 'SAVE10',
      percentOff: 10_000_000,
      amountOff: null,
      validFrom: '2025-01-01',
      validTo: null,
    });
    const data = chunk({ accounts: [account({ id: '1' })], promos: new Map([[promo.id, promo]]), promoOf: new Map([['1', promo.id]]) });

    const [outcome] = priceChunk({ data, rulesFor: () => rules(), asOf: ASOF });

    // 10 % of the 54.66 usage: 5.47 off.
    expect(invoiced(outcome).computation.total).toBe(JANUARY_TOTAL - 547);
  });

  it("holds an invoice that fails a threshold test of its own segment's rules", () => {
    const segments: string[] = [];
    const [outcome] = priceChunk({
      data: chunk({ accounts: [account({ id: '1', segment: 'VIP' })] }),
      rulesFor: (segment) => {
        segments.push(segment);
        return rules({ maxInvoiceAmount: 5000 });
      },
      asOf: ASOF,
    });

    expect(segments).toEqual(['VIP']);
    expect(invoiced(outcome).failures.map((f) => f.code)).toEqual(['HIGH_AMOUNT']);
  });

  it("tests the bill's swing against the account's last invoice", () => {
    const history = new Map([['1', [{ total: 1000, quantity: 80_000_000, days: 31, periodEnd: '2026-01-01' }]]]);

    const [outcome] = priceChunk({ data: chunk({ accounts: [account({ id: '1' })], history }), rulesFor: () => rules(), asOf: ASOF });

    expect(invoiced(outcome).failures.map((f) => f.code)).toContain('BILL_SWING');
  });

  it("bills the operators' charges as CHARGE lines before the carried credits, and an account with a charge alone", () => {
    const charges = new Map<string, PendingManualCharge[]>([
      [
        '1',
        [
          { id: 'c1', amount: 1250, description: 'Meter test', taxable: true },
          { id: 'c2', amount: -99_999, description: 'Goodwill', taxable: false },
        ],
      ],
      ['2', [{ id: 'c3', amount: 500, description: 'Paper bill fee', taxable: false }]],
    ]);
    const pending = new Map<string, PendingCredit[]>([['2', [{ id: 'p1', amount: 200, description: 'Welcome credit' }]]]);
    const outcomes = priceChunk({
      data: chunk({ accounts: [account({ id: '1' }), account({ id: '2' })], charges, pending, withReads: ['1'] }),
      rulesFor: () => rules(),
      asOf: ASOF,
    });
    const [withReads, alone] = outcomes.map(invoiced);
    // The goodwill credit is larger than the invoice: it waits, whole.
    expect(withReads.computation.lines.filter((l) => l.kind === 'CHARGE').map((l) => [l.description, l.amount])).toEqual([
      ['Meter test', 1250],
    ]);
    expect(withReads.computation.total).toBe(JANUARY_TOTAL + 1250);
    expect(withReads.credits.map((c) => c.id)).toEqual(['c1']);
    expect(alone.reads).toEqual([]);
    expect(alone.computation).toMatchObject({ periodStart: ASOF, periodEnd: ASOF, total: 300 });
    expect(alone.computation.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['CHARGE', 500],
      ['CREDIT', -200],
    ]);
    expect(alone.credits.map((c) => c.id)).toEqual(['c3', 'p1']);
  });

  it("tests an invoice of charges alone against the segment's maximum amount only: there is no usage to weigh", () => {
    const charges = new Map<string, PendingManualCharge[]>([
      ['1', [{ id: 'c1', amount: 10_001, description: 'Meter replacement', taxable: false }]],
      ['2', [{ id: 'c2', amount: 500, description: 'Paper bill fee', taxable: false }]],
    ]);
    // A last invoice of 1.00 would make both a BILL_SWING far past 50 %; of 100.00, the fee alone would swing down 95 %.
    const history = new Map<string, PastInvoice[]>([
      ['1', [{ total: 100, quantity: 1_000_000, days: 31, periodEnd: '2026-01-01' }]],
      ['2', [{ total: 10_000, quantity: 100_000_000, days: 31, periodEnd: '2026-01-01' }]],
    ]);
    const outcomes = priceChunk({
      data: chunk({ accounts: [account({ id: '1' }), account({ id: '2' })], charges, history, withReads: [] }),
      rulesFor: () => rules({ maxInvoiceAmount: 10_000 }),
      asOf: ASOF,
    });
    expect(outcomes.map((o) => invoiced(o).failures.map((f) => f.code))).toEqual([['HIGH_AMOUNT'], []]);
  });

  it('blocks an invoice that comes to more than the hub can store, taxes included, as a critical HIGH_AMOUNT', () => {
    // Just under 2^53 cents before tax; the 6 % state tax takes it past.
    const charges = new Map<string, PendingManualCharge[]>([
      ['1', [{ id: 'c1', amount: Number.MAX_SAFE_INTEGER - 100, description: 'Typo', taxable: true }]],
    ]);
    const taxRates = TAX_RATES.map((r) => ({ ...r, appliesTo: [...r.appliesTo, 'CHARGE'] }));
    const [outcome] = priceChunk({
      data: chunk({ accounts: [account({ id: '1' })], charges, withReads: [], taxRates }),
      rulesFor: () => rules(),
      asOf: ASOF,
    });
    if (outcome.kind !== 'BLOCKED') throw new Error(`expected the invoice blocked, got ${outcome.kind}`);
    expect(outcome.computation.problems.map((p) => p.code)).toEqual(['HIGH_AMOUNT']);
    expect(outcome.computation.problems[0].message).toMatch(
      /^The invoice for 2026-02-01 to 2026-02-01 comes to more than an invoice can hold/,
    );
  });

  it("adds the taxes of the account's zone in effect on the invoice's last day, after the credits, and tests the taxed total", () => {
    const pending = new Map([['1', [{ id: 'c-1', amount: 461, description: 'Welcome credit' }]]]);
    const [outcome] = priceChunk({
      data: chunk({ accounts: [account({ id: '1' })], pending, taxRates: TAX_RATES }),
      // 64.61 - 4.61 = 60.00 before tax, 63.60 after: over a 61.00 maximum only because of the tax.
      rulesFor: () => rules({ maxInvoiceAmount: 6100 }),
      asOf: ASOF,
    });

    // January's last day is 2026-01-31: the city tax starts the day after, so only the state tax, 6 % of 60.00.
    const lines = invoiced(outcome).computation.lines.filter((l) => l.kind === 'TAX');
    expect(lines.map((l) => [l.taxCode, l.amount])).toEqual([['STATE', 360]]);
    expect(invoiced(outcome).computation.total).toBe(6360);
    expect(invoiced(outcome).failures.map((f) => f.code)).toEqual(['HIGH_AMOUNT']);
  });

  it('taxes each account by its own zone, and an exempt account not at all', () => {
    const outcomes = priceChunk({
      data: chunk({
        accounts: [account({ id: '1', taxZone: 'NORTH' }), account({ id: '2', taxExempt: true }), account({ id: '3', taxZone: 'NOWHERE' })],
        taxRates: TAX_RATES,
      }),
      rulesFor: () => rules(),
      asOf: ASOF,
    });

    // North: 10 % of the 54.66 usage, 5.466 rounded half-up to 5.47.
    expect(outcomes.map((o) => invoiced(o).computation.total)).toEqual([JANUARY_TOTAL + 547, JANUARY_TOTAL, JANUARY_TOTAL]);
  });
});
