import { computeTaxes, invoiceTaxes, taxOn, taxRatesOn, type TaxRateTerms } from '../tax-math';

// Money in cents, percent in micro-units, as the hub stores them.
const rate = (over: Partial<TaxRateTerms> & Pick<TaxRateTerms, 'code'>): TaxRateTerms => ({
  zone: 'CA',
  name: `${over.code} tax`,
  percent: 5_000_000,
  appliesTo: ['USAGE', 'FIXED'],
  effectiveFrom: '2026-01-01',
  effectiveTo: null,
  ...over,
});

describe('taxOn', () => {
  it('takes percent of the base and rounds half-up to cents once', () => {
    expect(taxOn(1000, 8_250_000)).toBe(83); // 82.5 cents
    expect(taxOn(1001, 8_250_000)).toBe(83); // 82.5825
    expect(taxOn(999, 5_000_000)).toBe(50); // 49.95
    expect(taxOn(12345, 0)).toBe(0);
    expect(taxOn(12345, 100_000_000)).toBe(12345);
    expect(taxOn(3, 0.5e6 * 100)).toBe(2); // 50 % of 0.03 = 1.5 cents
  });
});

describe('taxRatesOn', () => {
  const rates = [
    rate({ code: 'STATE', effectiveFrom: '2026-01-01', effectiveTo: '2026-03-01', percent: 6_000_000 }),
    rate({ code: 'STATE', effectiveFrom: '2026-03-01', percent: 7_000_000 }),
    rate({ code: 'CITY', effectiveFrom: '2026-02-15' }),
    rate({ code: 'STATE', zone: 'NV' }),
  ];

  it("picks the zone's rate of each code in effect that day, by code", () => {
    expect(taxRatesOn(rates, 'CA', '2026-02-28').map((r) => [r.code, r.percent])).toEqual([
      ['CITY', 5_000_000],
      ['STATE', 6_000_000],
    ]);
    expect(taxRatesOn(rates, 'CA', '2026-03-01').map((r) => [r.code, r.percent])).toEqual([
      ['CITY', 5_000_000],
      ['STATE', 7_000_000],
    ]);
  });

  it('treats effectiveTo as the first day not taxed and knows no rate before its start', () => {
    expect(taxRatesOn(rates, 'CA', '2026-02-14').map((r) => r.code)).toEqual(['STATE']);
    expect(taxRatesOn(rates, 'CA', '2025-12-31')).toEqual([]);
    expect(taxRatesOn(rates, 'OR', '2026-02-28')).toEqual([]);
  });

  it('refuses two rates of one code in effect at once (stored data the service never lets in)', () => {
    expect(() => taxRatesOn([rate({ code: 'X' }), rate({ code: 'X', effectiveFrom: '2026-02-01' })], 'CA', '2026-02-02')).toThrow(
      /Two CA X tax rates/,
    );
  });
});

describe('computeTaxes', () => {
  const lines = [
    { kind: 'USAGE', amount: 5466 },
    { kind: 'USAGE', amount: 1234 },
    { kind: 'FIXED', amount: 995 },
    { kind: 'CREDIT', amount: -547 },
  ];

  it('makes one line per rate over the lines of the kinds it applies to', () => {
    const taxes = computeTaxes(lines, [
      rate({ code: 'STATE', name: 'State sales tax', percent: 6_250_000, appliesTo: ['USAGE', 'FIXED', 'CREDIT'] }),
      rate({ code: 'CITY', name: 'City utility tax', percent: 3_000_000, appliesTo: ['USAGE'] }),
    ]);

    // State: 6.25 % of 71.48 = 4.4675 -> 4.47. City: 3 % of 67.00 = 2.01.
    expect(taxes.map((t) => [t.code, t.base, t.amount, t.description])).toEqual([
      ['STATE', 7148, 447, 'State sales tax 6.25% of 71.48'],
      ['CITY', 6700, 201, 'City utility tax 3% of 67.00'],
    ]);
  });

  it('rounds the sum once per code, not line by line', () => {
    // 3 x 0.05 at 10 %: 1.5 cents in all, 2 cents; line by line it would be 0 + 0 + 0.
    const taxes = computeTaxes(
      [
        { kind: 'USAGE', amount: 5 },
        { kind: 'USAGE', amount: 5 },
        { kind: 'USAGE', amount: 5 },
      ],
      [rate({ code: 'T', percent: 10_000_000 })],
    );
    expect(taxes.map((t) => t.amount)).toEqual([2]);
  });

  it('leaves out a rate that applies to no line there, and never taxes a TAX line', () => {
    expect(computeTaxes([{ kind: 'FEE', amount: 500 }], [rate({ code: 'CITY', appliesTo: ['USAGE'] })])).toEqual([]);
    const taxes = computeTaxes(
      [
        { kind: 'FEE', amount: 500 },
        { kind: 'TAX', amount: 40 },
      ],
      [rate({ code: 'ALL', percent: 10_000_000, appliesTo: ['FEE', 'TAX'] })],
    );
    expect(taxes.map((t) => [t.base, t.amount])).toEqual([[500, 50]]);
  });

  it('keeps a line for a base of 0 and taxes a negative base as 0', () => {
    const taxes = computeTaxes(
      [
        { kind: 'USAGE', amount: 100 },
        { kind: 'CREDIT', amount: -300 },
      ],
      [rate({ code: 'A', appliesTo: ['CREDIT', 'USAGE'] }), rate({ code: 'B', appliesTo: ['FIXED', 'USAGE'], percent: 0 })],
    );
    expect(taxes.map((t) => [t.code, t.base, t.amount])).toEqual([
      ['A', 0, 0],
      ['B', 100, 0],
    ]);
  });

  it('taxes credited amounts given on their own, for a credit of part of an invoice', () => {
    const taxes = computeTaxes([{ kind: 'USAGE', amount: 2000 }], [rate({ code: 'STATE', percent: 6_000_000 })]);
    expect(taxes.map((t) => t.amount)).toEqual([120]);
  });
});

describe('invoiceTaxes', () => {
  const rates = [rate({ code: 'STATE' }), rate({ code: 'STATE', zone: 'NV', percent: 8_000_000 })];
  const lines = [{ kind: 'USAGE', amount: 10000 }];

  it("uses the payer's zone and none for an exempt payer", () => {
    expect(invoiceTaxes({ payer: { taxZone: 'NV', taxExempt: false }, day: '2026-02-01', lines, rates }).map((t) => t.amount)).toEqual([
      800,
    ]);
    expect(invoiceTaxes({ payer: { taxZone: 'CA', taxExempt: true }, day: '2026-02-01', lines, rates })).toEqual([]);
    expect(invoiceTaxes({ payer: { taxZone: 'DEFAULT', taxExempt: false }, day: '2026-02-01', lines, rates })).toEqual([]);
  });
});
