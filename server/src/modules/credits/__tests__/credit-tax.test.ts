import fc from 'fast-check';
import { computeCreditNote, derivedLines, type CreditableLine, type InvoiceTaxRate } from '../credit-lines';
import { invoiceTaxDay, invoiceTaxRates } from '../invoice-tax-rates';

// Cents. 100.00 usage, 9.95 fixed, a 10.00 promo credit, a 5.00 untaxed charge;
// STATE 6.25 % on USAGE, FIXED, CREDIT (base 99.95: 6.25), CITY 1.5 % on USAGE (1.50).
const lines = (credited: Partial<Record<string, number>> = {}): CreditableLine[] => [
  { id: 'u', kind: 'USAGE', description: 'Usage', amount: 10_000, credited: credited.u ?? 0 },
  { id: 'f', kind: 'FIXED', description: 'Fixed charge', amount: 995, credited: credited.f ?? 0 },
  { id: 'c', kind: 'CREDIT', description: 'Promo', amount: -1000, credited: credited.c ?? 0 },
  { id: 'h', kind: 'CHARGE', description: 'Meter test', amount: 500, credited: 0, taxable: false },
  { id: 's', kind: 'TAX', description: 'State 6.25% of 99.95', amount: 625, credited: credited.s ?? 0, taxCode: 'STATE' },
  { id: 'k', kind: 'TAX', description: 'City 1.5% of 100.00', amount: 150, credited: credited.k ?? 0, taxCode: 'CITY' },
];
const rates: InvoiceTaxRate[] = [
  { code: 'STATE', name: 'State', percent: 6_250_000, appliesTo: ['USAGE', 'FIXED', 'CREDIT', 'CHARGE'] },
  { code: 'CITY', name: 'City', percent: 1_500_000, appliesTo: ['USAGE'] },
];

describe('tax on a partial credit note', () => {
  it('credits the tax of the credited taxable amounts per code, rounded half-up, on the TAX line of the code', () => {
    const note = computeCreditNote({ lines: lines(), items: [{ invoiceLineId: 'u', amount: 3333 }], taxRates: rates });
    // STATE: 33.33 x 6.25 % = 2.083125 -> 2.08; CITY: 33.33 x 1.5 % = 0.49995 -> 0.50.
    expect(note.lines.map((l) => [l.invoiceLineId, l.kind, l.amount])).toEqual([
      ['u', 'USAGE', 3333],
      ['s', 'TAX', 208],
      ['k', 'TAX', 50],
    ]);
    expect(note.lines[1].description).toBe('State 6.25% of 33.33');
    expect(note.total).toBe(3333 + 208 + 50);
  });

  it('lets a credited discount reduce the base of a code that lists CREDIT, and never taxes a not-taxable charge', () => {
    const note = computeCreditNote({
      lines: lines(),
      items: [
        { invoiceLineId: 'f', amount: 995 },
        { invoiceLineId: 'c', amount: -500 },
        { invoiceLineId: 'h', amount: 500 },
      ],
      taxRates: rates,
    });
    // STATE base 9.95 - 5.00 = 4.95 -> 0.309375 -> 0.31; CITY: no USAGE credited.
    expect(note.lines.filter((l) => l.kind === 'TAX').map((l) => [l.invoiceLineId, l.amount])).toEqual([['s', 31]]);
  });

  it('never credits more tax than the TAX line has left', () => {
    const note = computeCreditNote({ lines: lines({ s: 600, k: 150 }), items: [{ invoiceLineId: 'u', amount: 10_000 }], taxRates: rates });
    expect(note.lines.filter((l) => l.kind === 'TAX').map((l) => [l.invoiceLineId, l.amount])).toEqual([['s', 25]]);
  });

  it('credits no tax for a code whose rate is not known, nor on a base at or below zero', () => {
    expect(derivedLines([{ invoiceLineId: 'u', kind: 'USAGE', description: 'Usage', amount: 100 }], lines(), [])).toEqual([]);
    expect(derivedLines([{ invoiceLineId: 'c', kind: 'CREDIT', description: 'Promo', amount: -100 }], lines(), rates)).toEqual([]);
  });

  it('leaves a full credit as it is: every TAX line exactly', () => {
    const note = computeCreditNote({ lines: lines({ u: 1000, s: 62 }), items: null, taxRates: rates });
    expect(note.lines.filter((l) => l.kind === 'TAX').map((l) => [l.invoiceLineId, l.amount])).toEqual([
      ['s', 563],
      ['k', 150],
    ]);
  });

  it('matches a plain computation: per code, round-half-up of the base times the percent, capped by what is left', () => {
    const line = fc.record({
      kind: fc.constantFrom('USAGE', 'FIXED', 'CREDIT', 'CHARGE', 'FEE'),
      amount: fc.integer({ min: 1, max: 5_000_000 }),
      part: fc.integer({ min: 0, max: 100 }),
      taxable: fc.boolean(),
    });
    const rate = fc.record({
      percent: fc.oneof(fc.integer({ min: 0, max: 100_000_000 }), fc.constantFrom(6_250_000, 8_875_000, 5_000_000)),
      appliesTo: fc.subarray(['USAGE', 'FIXED', 'CREDIT', 'CHARGE', 'FEE']),
      left: fc.integer({ min: 0, max: 1_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), fc.array(rate, { minLength: 1, maxLength: 3 }), (ls, rs) => {
        const invoiceLines: CreditableLine[] = ls.map((l, i) => ({
          id: `l${i}`,
          kind: l.kind,
          description: `line ${i}`,
          amount: l.kind === 'CREDIT' ? -l.amount : l.amount,
          credited: 0,
          taxable: l.kind !== 'CHARGE' || l.taxable,
        }));
        rs.forEach((r, i) =>
          invoiceLines.push({ id: `t${i}`, kind: 'TAX', description: `T${i}`, amount: r.left + 7, credited: 7, taxCode: `T${i}` }),
        );
        const taxRates = rs.map((r, i) => ({ code: `T${i}`, name: `T${i}`, percent: r.percent, appliesTo: r.appliesTo }));
        const drafts = ls
          .map((l, i) => ({ l, i, amount: Math.floor((l.amount * l.part) / 100) * (l.kind === 'CREDIT' ? -1 : 1) }))
          .filter((d) => d.amount !== 0)
          .map((d) => ({ invoiceLineId: `l${d.i}`, kind: d.l.kind, description: '', amount: d.amount }));
        const got = derivedLines(drafts, invoiceLines, taxRates);
        // The plain computation: BigInt cents x micro-percent, half-up by adding half the divisor.
        const want = rs.flatMap((r, i) => {
          let base = 0n;
          for (const d of drafts) {
            const src = invoiceLines.find((x) => x.id === d.invoiceLineId) as CreditableLine;
            if (src.taxable !== false && r.appliesTo.includes(src.kind)) base += BigInt(d.amount);
          }
          if (base <= 0n) return [];
          const tax = (base * BigInt(r.percent) + 50_000_000n) / 100_000_000n;
          const amount = Math.min(Number(tax), r.left);
          return amount > 0 ? [[`t${i}`, amount]] : [];
        });
        expect(got.map((g) => [g.invoiceLineId, g.amount])).toEqual(want);
      }),
      { seed: 20_261_205, numRuns: 500 },
    );
  });
});

describe('the rates an invoice was taxed at', () => {
  const terms = (zone: string, code: string, percent: number, from: string, to: string | null) => ({
    zone,
    code,
    name: code === 'ST' ? 'State tax' : 'City tax',
    percent,
    appliesTo: ['USAGE'],
    effectiveFrom: from,
    effectiveTo: to,
  });
  it('takes per code the rate of the tax day whose words the TAX line shows, the account zone first', () => {
    const rates = [
      terms('A', 'ST', 6_000_000, '2026-01-01', '2026-03-01'),
      terms('A', 'ST', 7_000_000, '2026-03-01', null),
      terms('B', 'CT', 1_000_000, '2026-01-01', null),
    ];
    const got = invoiceTaxRates({
      taxLines: [
        { taxCode: 'ST', description: 'State tax 6% of 10.00' },
        { taxCode: 'CT', description: 'City tax 1% of 10.00' },
      ],
      zone: 'A',
      day: '2026-02-28',
      rates,
    });
    expect(got.map((r) => [r.code, r.percent])).toEqual([
      ['ST', 6_000_000],
      ['CT', 1_000_000],
    ]);
    // A rate whose words do not match the line (changed since) is not used.
    expect(
      invoiceTaxRates({ taxLines: [{ taxCode: 'ST', description: 'State tax 6% of 10.00' }], zone: 'A', day: '2026-03-01', rates }),
    ).toEqual([]);
  });
  it('taxes a billing period at its last day, an invoice of one day (fees, charges alone) at that day', () => {
    expect(invoiceTaxDay({ periodStart: '2026-01-01', periodEnd: '2026-02-01' })).toBe('2026-01-31');
    expect(invoiceTaxDay({ periodStart: '2026-02-01', periodEnd: '2026-02-01' })).toBe('2026-02-01');
  });
});
