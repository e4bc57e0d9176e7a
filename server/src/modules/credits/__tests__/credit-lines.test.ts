import { computeCreditNote, CreditRuleError, leftToCredit, type CreditableLine } from '../credit-lines';

// Cents. An invoice of 100.00 usage, 9.95 fixed, a 10.00 promo credit and 4.50 tax: 104.45.
const lines = (credited: Partial<Record<string, number>> = {}): CreditableLine[] => [
  { id: 'u', kind: 'USAGE', description: 'Usage', amount: 10_000, credited: credited.u ?? 0 },
  { id: 'f', kind: 'FIXED', description: 'Fixed charge', amount: 995, credited: credited.f ?? 0 },
  { id: 'c', kind: 'CREDIT', description: 'Promo WELCOME10', amount: -1000, credited: credited.c ?? 0 },
  { id: 't', kind: 'TAX', description: 'Sales tax', amount: 450, credited: credited.t ?? 0 },
];

const failure = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof CreditRuleError) return error.message;
    throw error;
  }
  throw new Error('expected a CreditRuleError');
};

describe('computeCreditNote', () => {
  it('credits every line in full, the TAX line and the promo credit as they stand, netting the invoice to zero', () => {
    const note = computeCreditNote({ lines: lines(), items: null });
    expect(note.lines.map((l) => [l.invoiceLineId, l.kind, l.amount])).toEqual([
      ['u', 'USAGE', 10_000],
      ['f', 'FIXED', 995],
      ['c', 'CREDIT', -1000],
      ['t', 'TAX', 450],
    ]);
    expect(note.total).toBe(10_445);
  });

  it('takes in full only what earlier notes left of each line', () => {
    const note = computeCreditNote({ lines: lines({ u: 2500, f: 995 }), items: null });
    expect(note.lines.map((l) => [l.invoiceLineId, l.amount])).toEqual([
      ['u', 7500],
      ['c', -1000],
      ['t', 450],
    ]);
    expect(note.total).toBe(leftToCredit(lines({ u: 2500, f: 995 })));
  });

  it('credits by items up to what each line has left, with the sign of the line', () => {
    const note = computeCreditNote({
      lines: lines({ u: 2500 }),
      items: [
        { invoiceLineId: 'u', amount: 7500 },
        { invoiceLineId: 'c', amount: -500 },
      ],
    });
    expect(note.total).toBe(7000);
    expect(failure(() => computeCreditNote({ lines: lines({ u: 2500 }), items: [{ invoiceLineId: 'u', amount: 7501 }] }))).toContain(
      '75.00 left to credit on line "Usage"',
    );
    expect(failure(() => computeCreditNote({ lines: lines(), items: [{ invoiceLineId: 'c', amount: 100 }] }))).toContain('same sign');
  });

  it('never credits more than the invoice has left, saying how much that is', () => {
    // Usage and fixed in full without giving back the promo: 109.95 against 104.45 left.
    const message = failure(() =>
      computeCreditNote({
        lines: lines(),
        items: [
          { invoiceLineId: 'u', amount: 10_000 },
          { invoiceLineId: 'f', amount: 995 },
        ],
      }),
    );
    expect(message).toContain('104.45 left to credit');
  });

  it('refuses an empty list, an unknown line, a line named twice, 0, a total not above 0, and an invoice already credited', () => {
    expect(failure(() => computeCreditNote({ lines: lines(), items: [] }))).toContain('at least one');
    expect(failure(() => computeCreditNote({ lines: lines(), items: [{ invoiceLineId: 'x', amount: 1 }] }))).toContain('not a line');
    expect(
      failure(() =>
        computeCreditNote({
          lines: lines(),
          items: [
            { invoiceLineId: 'u', amount: 1 },
            { invoiceLineId: 'u', amount: 1 },
          ],
        }),
      ),
    ).toContain('twice');
    expect(failure(() => computeCreditNote({ lines: lines(), items: [{ invoiceLineId: 'u', amount: 0 }] }))).toContain('must not be 0');
    expect(failure(() => computeCreditNote({ lines: lines(), items: [{ invoiceLineId: 'c', amount: -1000 }] }))).toContain(
      'more than 0.00',
    );
    expect(failure(() => computeCreditNote({ lines: lines({ u: 10_000, f: 995, c: -1000, t: 450 }), items: null }))).toContain(
      'nothing left',
    );
  });
});
