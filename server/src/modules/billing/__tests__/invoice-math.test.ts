import { computeInvoice, creditKey, type InvoiceInput } from '../invoice-math';
import { computed, enrollment, january, product, read, summary } from './invoice-fixtures';

describe('computeInvoice: usage and fixed lines', () => {
  it('prices a 31-day read at one rate, rounding the line half-up to cents', () => {
    const invoice = computed({ reads: [january(412_500_000)], enrollments: [enrollment()], products: [product()] });

    // 412.5 kWh x 31/31 x 0.1325 = 54.65625 -> 54.66; fixed 9.95; total 54.66 + 9.95 = 64.61
    expect(summary(invoice)).toEqual([
      ['USAGE', 5466, 'Green Energy 2026-01-01 to 2026-02-01: 412.5 kWh at 0.1325'],
      ['FIXED', 995, 'Green Energy fixed charge 2026-01-01 to 2026-02-01'],
    ]);
    expect(invoice.lines[0]).toMatchObject({ quantity: 412_500_000, unitPrice: 132_500, readId: 'r-jan', enrollmentId: 'e1' });
    expect(invoice).toMatchObject({
      periodStart: '2026-01-01',
      periodEnd: '2026-02-01',
      days: 31,
      quantity: 412_500_000,
      unit: 'kWh',
      total: 6461,
      earned: [],
      enrollmentIds: ['e1'],
    });
  });

  it('splits a read at a rate change into one line per rate span', () => {
    const rates = [
      { effectiveFrom: '2025-12-01', effectiveTo: '2026-01-16', unitPrice: 100_000 },
      { effectiveFrom: '2026-01-16', effectiveTo: null, unitPrice: 120_000 },
    ];
    const invoice = computed({ reads: [january(620_000_000)], enrollments: [enrollment()], products: [product({ rates })] });

    // Jan 1..15 = 15 days: 620 x 15/31 = 300 kWh x 0.10 = 30.00
    // Jan 16..31 = 16 days: 620 x 16/31 = 320 kWh x 0.12 = 38.40
    // total 30.00 + 38.40 + 9.95 = 78.35
    expect(summary(invoice)).toEqual([
      ['USAGE', 3000, 'Green Energy 2026-01-01 to 2026-01-16: 300 kWh at 0.1'],
      ['USAGE', 3840, 'Green Energy 2026-01-16 to 2026-02-01: 320 kWh at 0.12'],
      ['FIXED', 995, 'Green Energy fixed charge 2026-01-01 to 2026-02-01'],
    ]);
    expect(invoice.total).toBe(7835);
  });

  it('prorates a 28-day read over an enrollment switch; the fixed charge follows the product on the last day', () => {
    const basic = product({
      id: 'p-basic',
      code: 'BASIC',
      name: 'Basic',
      fixedCharge: 400,
      rates: [{ effectiveFrom: '2025-01-01', effectiveTo: null, unitPrice: 200_000 }],
    });
    const flex = product({
      id: 'p-flex',
      code: 'FLEX',
      name: 'Flex',
      fixedCharge: 500,
      rates: [{ effectiveFrom: '2025-01-01', effectiveTo: null, unitPrice: 150_000 }],
    });
    const invoice = computed({
      reads: [read('r-feb', '2026-02-01', '2026-03-01', 100_000_000)],
      enrollments: [
        enrollment({ id: 'e-basic', productId: 'p-basic', endDate: '2026-02-11' }),
        enrollment({ id: 'e-flex', productId: 'p-flex', startDate: '2026-02-11' }),
      ],
      products: [basic, flex],
    });

    // February 2026 has 28 days. Basic Feb 1..10 = 10 days, Flex Feb 11..28 = 18 days.
    // Basic: 100 x 10/28 = 35.714285714... kWh x 0.20 = 7.142857... -> 7.14
    // Flex:  100 x 18/28 = 64.285714285... kWh x 0.15 = 9.642857... -> 9.64
    // Line quantities: floors 35.714285 + 64.285714 = 99.999999; the one micro-unit left goes
    // to the larger remainder (.714 > .286): 35.714286 + 64.285714 = 100 exactly.
    // Fixed: Flex covers 2026-02-28, 5.00. Total 7.14 + 9.64 + 5.00 = 21.78
    expect(summary(invoice)).toEqual([
      ['USAGE', 714, 'Basic 2026-02-01 to 2026-02-11: 35.714286 kWh at 0.2'],
      ['USAGE', 964, 'Flex 2026-02-11 to 2026-03-01: 64.285714 kWh at 0.15'],
      ['FIXED', 500, 'Flex fixed charge 2026-02-01 to 2026-03-01'],
    ]);
    expect(invoice.lines.map((l) => [l.quantity, l.enrollmentId, l.productId])).toEqual([
      [35_714_286, 'e-basic', 'p-basic'],
      [64_285_714, 'e-flex', 'p-flex'],
      [null, 'e-flex', 'p-flex'],
    ]);
    expect(invoice).toMatchObject({ days: 28, quantity: 100_000_000, total: 2178, enrollmentIds: ['e-basic', 'e-flex'] });
  });

  it('bills a 31-day and a 28-day read on one invoice: period first start to last end, one fixed line', () => {
    const rates = [{ effectiveFrom: '2025-01-01', effectiveTo: null, unitPrice: 100_000 }];
    const invoice = computed({
      reads: [read('r-feb', '2026-02-01', '2026-03-01', 280_000_000), january(310_000_000)],
      enrollments: [enrollment()],
      products: [product({ rates })],
    });

    // Jan: 310 kWh x 0.10 = 31.00; Feb: 280 kWh x 0.10 = 28.00; fixed 9.95 once; total 68.95
    // days 31 + 28 = 59; quantity 310 + 280 = 590 kWh
    expect(summary(invoice)).toEqual([
      ['USAGE', 3100, 'Green Energy 2026-01-01 to 2026-02-01: 310 kWh at 0.1'],
      ['USAGE', 2800, 'Green Energy 2026-02-01 to 2026-03-01: 280 kWh at 0.1'],
      ['FIXED', 995, 'Green Energy fixed charge 2026-01-01 to 2026-03-01'],
    ]);
    expect(invoice).toMatchObject({ periodStart: '2026-01-01', periodEnd: '2026-03-01', days: 59, quantity: 590_000_000, total: 6895 });
  });

  it('rounds each line half-up at exactly half a cent, in decimal not binary', () => {
    const at = (unitPrice: number) =>
      computed({
        reads: [january(1_000_000)],
        enrollments: [enrollment()],
        products: [product({ fixedCharge: 0, rates: [{ effectiveFrom: '2025-01-01', effectiveTo: null, unitPrice }] })],
      }).lines[0].amount;

    // 1 kWh x 1.005 = 100.5 cents -> 101 (binary Math.round(1.005 * 100) gives 100)
    expect(at(1_005_000)).toBe(101);
    // 1 kWh x 0.125 = 12.5 cents -> 13
    expect(at(125_000)).toBe(13);
    // 1 kWh x 1.004999 = 100.4999 cents -> 100
    expect(at(1_004_999)).toBe(100);
  });

  it('rounds the exact share, not a share already rounded to micro-units', () => {
    // 0.3 kWh over 31 days, split 1 + 30 days by a rate change on Jan 2:
    // day 1: 0.3 x 1/31 x 0.51667 = 0.155001/31 = 0.0050000322... -> 0.01 (1 cent)
    //   whereas the line's quantity in micro-units, 0.009677 x 0.51667 = 0.00499981..., would give 0.00
    const rates = [
      { effectiveFrom: '2025-01-01', effectiveTo: '2026-01-02', unitPrice: 516_670 },
      { effectiveFrom: '2026-01-02', effectiveTo: null, unitPrice: 0 },
    ];
    const invoice = computed({ reads: [january(300_000)], enrollments: [enrollment()], products: [product({ rates, fixedCharge: 0 })] });
    expect(invoice.lines[0]).toMatchObject({ quantity: 9_677, amount: 1 });
  });
});

describe('computeInvoice: amounts past what the hub stores', () => {
  const tooLarge = (input: InvoiceInput) => {
    const result = computeInvoice(input);
    if (result.outcome !== 'BLOCKED') throw new Error(`expected a blocked invoice, got a total of ${result.total}`);
    return result.problems;
  };

  it('blocks an invoice whose total or quantity would pass 2^53 as a critical HIGH_AMOUNT rather than round it', () => {
    const max = Number.MAX_SAFE_INTEGER;
    const huge = product({ fixedCharge: max, rates: [{ effectiveFrom: '2025-01-01', effectiveTo: null, unitPrice: 10_000 }] });
    expect(tooLarge({ reads: [january(100_000_000)], enrollments: [enrollment()], products: [huge] })).toEqual([
      {
        code: 'HIGH_AMOUNT',
        message:
          "The invoice for 2026-01-01 to 2026-02-01 comes to more than an invoice can hold (90071992547409.91 and a quantity of 9007199254.740991 at most): correct its reads or its product's rates",
        spans: [],
      },
    ]);
    const twoReads = [read('r1', '2026-01-01', '2026-01-15', max), read('r2', '2026-01-15', '2026-02-01', max)];
    const free = product({ fixedCharge: 0, rates: [{ effectiveFrom: '2025-01-01', effectiveTo: null, unitPrice: 0 }] });
    expect(tooLarge({ reads: twoReads, enrollments: [enrollment()], products: [free] }).map((p) => p.code)).toEqual(['HIGH_AMOUNT']);
  });

  it('prices the largest invoice it can store', () => {
    const max = Number.MAX_SAFE_INTEGER;
    const free = product({ fixedCharge: 0, rates: [{ effectiveFrom: '2025-01-01', effectiveTo: null, unitPrice: 0 }] });
    expect(computed({ reads: [january(max)], enrollments: [enrollment()], products: [free] }).quantity).toBe(max);
    const atMost = product({ fixedCharge: max, rates: [{ effectiveFrom: '2025-01-01', effectiveTo: null, unitPrice: 0 }] });
    expect(computed({ reads: [january(1)], enrollments: [enrollment()], products: [atMost] }).total).toBe(max);
  });
});

describe('computeInvoice: promos and incentives', () => {
  const promo = { code: 'SAVE10', percentOff: 10_000_000, amountOff: null, validFrom: '2026-01-01', validTo: '2026-04-01' };

  it('credits percentOff of the usage lines when the invoice period starts inside the promo validity', () => {
    const invoice = computed({ reads: [january(412_500_000)], enrollments: [enrollment({ promo })], products: [product()] });

    // usage 54.66 x 10% = 5.466 -> 5.47 credit; total 54.66 + 9.95 - 5.47 = 59.14
    expect(summary(invoice)).toEqual([
      ['USAGE', 5466, 'Green Energy 2026-01-01 to 2026-02-01: 412.5 kWh at 0.1325'],
      ['FIXED', 995, 'Green Energy fixed charge 2026-01-01 to 2026-02-01'],
      ['CREDIT', -547, 'Promo SAVE10: 10% off Green Energy usage of 54.66'],
    ]);
    expect(invoice.total).toBe(5914);
  });

  it('gives no percentOff credit when the period starts on validTo or before validFrom', () => {
    // Starts on validTo 2026-04-01: outside [2026-01-01, 2026-04-01).
    const april = computed({
      reads: [read('r-apr', '2026-04-01', '2026-05-01', 300_000_000)],
      enrollments: [enrollment({ promo })],
      products: [product()],
    });
    // 300 kWh x 0.1325 = 39.75; fixed 9.95; total 49.70, no credit
    expect(april.lines.map((l) => l.kind)).toEqual(['USAGE', 'FIXED']);
    expect(april.total).toBe(4970);

    // Starts 2025-12-15, before validFrom, although most of it is inside the validity.
    const straddling = computed({
      reads: [read('r-dec', '2025-12-15', '2026-01-15', 310_000_000)],
      enrollments: [enrollment({ promo })],
      products: [product()],
    });
    expect(straddling.lines.map((l) => l.kind)).toEqual(['USAGE', 'FIXED']);
  });

  it('credits amountOff and BILL_CREDIT incentives and reports other incentives as earned, on the first invoice only', () => {
    const welcome = { code: 'WELCOME20', percentOff: null, amountOff: 2000, validFrom: null, validTo: null };
    const incentives = [
      { id: 'i-credit', kind: 'BILL_CREDIT' as const, description: 'Switching bonus', value: 2500 },
      { id: 'i-gift', kind: 'GIFT_CARD' as const, description: 'Coffee gift card', value: 1500 },
    ];
    const input = (firstInvoice: boolean): InvoiceInput => ({
      reads: [january(412_500_000)],
      enrollments: [enrollment({ promo: welcome, firstInvoice })],
      products: [product({ incentives })],
    });

    const first = computed(input(true));
    // 54.66 + 9.95 - 20.00 - 25.00 = 19.61
    expect(summary(first)).toEqual([
      ['USAGE', 5466, 'Green Energy 2026-01-01 to 2026-02-01: 412.5 kWh at 0.1325'],
      ['FIXED', 995, 'Green Energy fixed charge 2026-01-01 to 2026-02-01'],
      ['CREDIT', -2000, 'Promo WELCOME20: one-time credit'],
      ['CREDIT', -2500, 'Bill credit: Switching bonus'],
    ]);
    expect(first.total).toBe(1961);
    expect(first.earned).toEqual([
      { enrollmentId: 'e1', productId: 'p-green', incentiveId: 'i-gift', kind: 'GIFT_CARD', description: 'Coffee gift card', value: 1500 },
    ]);

    const later = computed(input(false));
    // 54.66 + 9.95 = 64.61, nothing credited or earned
    expect(later.lines.map((l) => l.kind)).toEqual(['USAGE', 'FIXED']);
    expect(later.total).toBe(6461);
    expect(later.earned).toEqual([]);
  });

  it('caps one-time credits at the charges left, so the invoice never goes below zero, and carries the rest forward', () => {
    const big = { code: 'BIG100', percentOff: null, amountOff: 10_000, validFrom: null, validTo: null };
    const incentives = [{ id: 'i-credit', kind: 'BILL_CREDIT' as const, description: 'Switching bonus', value: 2500 }];
    const invoice = computed({
      reads: [january(412_500_000)],
      enrollments: [enrollment({ promo: big, firstInvoice: true })],
      products: [product({ incentives })],
    });

    // charges 54.66 + 9.95 = 64.61: the 100.00 credit is capped at 64.61, the 25.00 one at 0.00
    expect(summary(invoice).slice(2)).toEqual([
      ['CREDIT', -6461, 'Promo BIG100: one-time credit (64.61 of 100.00; 35.39 carried forward)'],
      ['CREDIT', 0, 'Bill credit: Switching bonus (0.00 of 25.00; 25.00 carried forward)'],
    ]);
    expect(Object.is(invoice.lines[3].amount, 0)).toBe(true);
    expect(invoice.total).toBe(0);
    expect(invoice.carryForward).toEqual([
      { enrollmentId: 'e1', incentiveId: null, amount: 3539, description: 'Promo BIG100: one-time credit carried forward' },
      { enrollmentId: 'e1', incentiveId: 'i-credit', amount: 2500, description: 'Bill credit: Switching bonus carried forward' },
    ]);
  });

  it('carries nothing forward from a percentOff credit or from credits that fit', () => {
    const half = { code: 'HALF', percentOff: 50_000_000, amountOff: null, validFrom: null, validTo: null };
    const incentives = [{ id: 'i-credit', kind: 'BILL_CREDIT' as const, description: 'Switching bonus', value: 2500 }];
    const invoice = computed({
      reads: [january(412_500_000)],
      enrollments: [enrollment({ promo: half, firstInvoice: true })],
      products: [product({ incentives })],
    });

    // 64.61 - 27.33 (half of 54.66 usage) - 25.00 = 12.28
    expect(invoice.total).toBe(1228);
    expect(invoice.carryForward).toEqual([]);
    const later = computed({
      reads: [january(412_500_000)],
      enrollments: [enrollment({ promo: half })],
      products: [product({ incentives })],
    });
    expect(later.carryForward).toEqual([]);
  });

  it('asks a new first invoice only for what an earlier, voided one did not already carry forward', () => {
    const big = { code: 'BIG100', percentOff: null, amountOff: 10_000, validFrom: null, validTo: null };
    const incentives = [
      { id: 'i-credit', kind: 'BILL_CREDIT' as const, description: 'Switching bonus', value: 2500 },
      { id: 'i-other', kind: 'BILL_CREDIT' as const, description: 'Loyalty bonus', value: 1000 },
    ];
    const invoice = computed({
      reads: [january(412_500_000)],
      // 35.39 of the promo and all 25.00 of the bonus are still pending from the voided first invoice.
      enrollments: [enrollment({ promo: big, firstInvoice: true, carried: { [creditKey(null)]: 3539, [creditKey('i-credit')]: 2500 } })],
      products: [product({ incentives })],
    });

    // 64.61 of the promo is asked again, nothing of the switching bonus, all of the loyalty bonus (capped at 0.00)
    expect(summary(invoice).slice(2)).toEqual([
      ['CREDIT', -6461, 'Promo BIG100: one-time credit'],
      ['CREDIT', 0, 'Bill credit: Loyalty bonus (0.00 of 10.00; 10.00 carried forward)'],
    ]);
    expect(invoice.carryForward).toEqual([
      { enrollmentId: 'e1', incentiveId: 'i-other', amount: 1000, description: 'Bill credit: Loyalty bonus carried forward' },
    ]);
  });
});

describe('computeInvoice: critical problems', () => {
  it('blocks with MISSING_RATE and the exact uncovered span of each read', () => {
    const rates = [
      { effectiveFrom: '2025-01-01', effectiveTo: '2026-01-10', unitPrice: 100_000 },
      { effectiveFrom: '2026-01-20', effectiveTo: null, unitPrice: 120_000 },
    ];
    const result = computeInvoice({
      reads: [january(310_000_000), read('r-feb', '2026-02-01', '2026-03-01', 280_000_000)],
      enrollments: [enrollment()],
      products: [product({ rates })],
    });

    // Jan 10..19 has no rate: [2026-01-10, 2026-01-20); February is covered.
    expect(result).toEqual({
      outcome: 'BLOCKED',
      periodStart: '2026-01-01',
      periodEnd: '2026-03-01',
      problems: [
        {
          code: 'MISSING_RATE',
          message: 'Product GREEN has no rate from 2026-01-10 to 2026-01-20 (read 2026-01-01 to 2026-02-01)',
          spans: [
            {
              readId: 'r-jan',
              readPeriodStart: '2026-01-01',
              readPeriodEnd: '2026-02-01',
              periodStart: '2026-01-10',
              periodEnd: '2026-01-20',
              productId: 'p-green',
            },
          ],
        },
      ],
    });
  });

  it('blocks with NO_ENROLLMENT for the days before the enrollment starts and after it ends', () => {
    const result = computeInvoice({
      reads: [january(310_000_000)],
      enrollments: [enrollment({ startDate: '2026-01-05', endDate: '2026-01-20' })],
      products: [product()],
    });

    // Covered [2026-01-05, 2026-01-20); uncovered [01-01, 01-05) and [01-20, 02-01).
    expect(result.outcome).toBe('BLOCKED');
    if (result.outcome !== 'BLOCKED') return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0].code).toBe('NO_ENROLLMENT');
    expect(result.problems[0].spans.map((s) => [s.periodStart, s.periodEnd, s.productId])).toEqual([
      ['2026-01-01', '2026-01-05', null],
      ['2026-01-20', '2026-02-01', null],
    ]);
    expect(result.problems[0].message).toBe(
      'No enrollment covers from 2026-01-01 to 2026-01-05 (read 2026-01-01 to 2026-02-01); ' +
        'from 2026-01-20 to 2026-02-01 (read 2026-01-01 to 2026-02-01)',
    );
  });

  it('reports both problems when some days lack an enrollment and others a rate', () => {
    const rates = [{ effectiveFrom: '2026-01-10', effectiveTo: null, unitPrice: 100_000 }];
    const result = computeInvoice({
      reads: [january(310_000_000)],
      enrollments: [enrollment({ startDate: '2026-01-03' })],
      products: [product({ rates })],
    });

    // No enrollment [01-01, 01-03); enrolled but no rate [01-03, 01-10).
    expect(result.outcome).toBe('BLOCKED');
    if (result.outcome !== 'BLOCKED') return;
    expect(result.problems.map((p) => [p.code, p.spans.map((s) => `${s.periodStart}..${s.periodEnd}`)])).toEqual([
      ['MISSING_RATE', ['2026-01-03..2026-01-10']],
      ['NO_ENROLLMENT', ['2026-01-01..2026-01-03']],
    ]);
  });

  it('prices each day by the enrollment that started last when two overlap', () => {
    const other = product({
      id: 'p-other',
      code: 'OTHER',
      name: 'Other',
      rates: [{ effectiveFrom: '2025-01-01', effectiveTo: null, unitPrice: 100_000 }],
    });
    const invoice = computed({
      reads: [january(310_000_000)],
      enrollments: [enrollment({ id: 'e-new', productId: 'p-other', startDate: '2026-01-11' }), enrollment({ id: 'e-old' })],
      products: [product(), other],
    });
    // e-old alone Jan 1..10 (10 days): 100 kWh x 0.1325 = 13.25; e-new from Jan 11 (21 days): 210 kWh x 0.10 = 21.00
    expect(invoice.lines.map((l) => [l.enrollmentId, l.kind, l.amount])).toEqual([
      ['e-old', 'USAGE', 1325],
      ['e-new', 'USAGE', 2100],
      ['e-new', 'FIXED', 995],
    ]);
  });
});
